// The checkout and customer account extensions type-check against the real @shopify/ui-extensions
// 2026.7.1 definitions (fetched from the @shopify/dev-mcp tarball, no install): the `shopify`
// global of each target, and every `s-*` component the views use on each surface.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { ensureUiExtensionTypes } from '../../extensions/referral-thank-you/scripts/fetch-ui-extension-types.mjs';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('UI extensions type-check', () => {
  test.each(['referral-thank-you', 'referral-account'])('%s', (extension) => {
    ensureUiExtensionTypes();
    const project = fileURLToPath(new URL(`../../extensions/${extension}/tsconfig.json`, import.meta.url));
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});
