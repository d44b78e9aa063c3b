import { expect, test } from 'vitest';
import { z } from 'zod';
import { parseEnv } from './config.js';

test('parseEnv applies defaults and names every bad variable', () => {
  const schema = z.object({ PORT: z.coerce.number().int().default(3000), URL: z.string().url().optional() });
  expect(parseEnv(schema, {})).toEqual({ PORT: 3000 });
  expect(() => parseEnv(schema, { PORT: 'x', URL: 'nope' })).toThrow(/PORT[\s\S]*URL/);
});
