// The card's unit tests: HubSpot's test renderer (@hubspot/ui-extensions/testing) renders into an
// in-memory remote tree, so no DOM environment is needed.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**'],
    environment: 'node',
  },
});
