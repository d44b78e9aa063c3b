// @vitest-environment node
// The admin in a real browser, standalone in sandbox mode: what a marketer does on first use.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AdminStack, startAdminStack } from './harness.js';

let stack: AdminStack;
beforeAll(async () => {
  stack = await startAdminStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('the admin opens standalone at the printed URL', () => {
  test('Getting started renders through the App Bridge stand-in, with the navigation', async () => {
    const page = await stack.open('/');
    await page.getByRole('heading', { name: 'Getting started' }).first().waitFor();
    for (const label of ['Programmes', 'Referrals', 'Review queue', 'Rewards', 'Settings']) {
      await expect(page.getByRole('link', { name: label }).first().isVisible()).resolves.toBe(true);
    }
    await stack.screenshot(page, 'getting-started');
    await page.close();
  });
});
