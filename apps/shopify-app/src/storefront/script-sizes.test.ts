// The storefront scripts stay small (issue 10: at most 10 KB gzipped each). The README's
// storefront section gives the figures and the command: gzip -9 -c FILE | wc -c.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';

const extensions = new URL('../../extensions/', import.meta.url);
const gzipped = (...files: string[]) =>
  gzipSync(Buffer.concat(files.map((f) => readFileSync(new URL(f, extensions)))), { level: 9 }).length;

describe('storefront script sizes, gzipped', () => {
  test.each([
    ['theme embed', ['referral-embed/assets/referral-embed.js']],
    ['web pixel', ['referral-pixel/src/index.js', 'referral-pixel/src/pixel.js']],
  ])('%s is at most 10 KB', (_name, files) => {
    expect(gzipped(...files)).toBeLessThanOrEqual(10 * 1024);
  });
});
