// @vitest-environment node
// The admin in a real browser, standalone in sandbox mode: what a marketer does on first use.
import { readFile } from 'node:fs/promises';
import { findAnyProgramId } from '@referrals/core';
import { buildAdvocate, deliver, orderFacts, rowsOf } from '@referrals/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AdminStack, startAdminStack } from './harness.js';

let stack: AdminStack;
/** Orders the engine decided on before the marketer opens the admin. */
let seeded: { advocateEmail: string; flaggedOrderId: string; uncreditedOrderId: string; advocateId: string };

beforeAll(async () => {
  stack = await startAdminStack();
  const { db } = stack.database;
  const engine = { db, ipHashSalt: 'browser-test-salt' };
  const merchantId = stack.merchantId;
  const programId = (await findAnyProgramId(db, merchantId))!;
  const advocate = await buildAdvocate(db, merchantId, programId, 'grace.hopper@example.com');
  const [customer] = await rowsOf(db, 'customers', merchantId, { id: advocate.customerId });
  const home = { line1: '12 Oak Street', city: 'Springfield', zip: '12345', countryCode: 'US' };
  // Grace's own order tells the engine her address; a friend's order shipped there is flagged.
  await deliver(engine, merchantId, {
    type: 'OrderPaid',
    ...orderFacts({
      customer: { id: customer!.platformCustomerId!, email: advocate.email },
      shippingAddress: home,
    }),
  });
  const flagged = orderFacts({ referralCode: advocate.code, shippingAddress: home });
  await deliver(engine, merchantId, { type: 'OrderPaid', ...flagged });
  await deliver(engine, merchantId, { type: 'OrderPaid', ...orderFacts({ referralCode: advocate.code }) });
  const uncredited = orderFacts();
  await deliver(engine, merchantId, { type: 'OrderPaid', ...uncredited });
  seeded = {
    advocateEmail: advocate.email,
    flaggedOrderId: flagged.orderId,
    uncreditedOrderId: uncredited.orderId,
    advocateId: advocate.advocateId,
  };
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

describe('a marketer runs a programme', () => {
  test('creates a two-sided programme and reads its preview, then edits it into version 2 with a diff', async () => {
    const page = await stack.open('/programs/new');
    await page.getByLabel('Programme name').fill('Spring referrals');
    await page.getByLabel('Friend reward: type').selectOption('percent_discount');
    await page.getByLabel('Friend reward: percentage').fill('20');
    await page.getByLabel('Advocate reward: type').selectOption('store_credit');
    await page.getByLabel('Advocate reward: amount').fill('10');
    await page.getByText('Your friend gets 20% off').first().waitFor();
    const preview = await page.getByText('Your friend gets 20% off').first().textContent();
    expect(preview).toContain('you get $10.00 store credit');
    await stack.screenshot(page, 'programme-new');

    await page.getByRole('button', { name: 'Create programme' }).click();
    await page.getByRole('heading', { name: 'Spring referrals' }).waitFor();
    await page.getByRole('button', { name: 'Edit rules' }).click();
    await page.getByLabel('Friend reward: percentage').fill('25');
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await page.getByText('Version 2').first().waitFor();
    await page
      .getByText(/20% off.*25% off/)
      .first()
      .waitFor();
    await stack.screenshot(page, 'programme-detail');
    await page.close();

    const list = await stack.open('/programs');
    await list.getByText('Spring referrals').first().waitFor();
    await stack.screenshot(list, 'programmes');
    await list.close();
  });
});

describe('a marketer clears the review queue and answers "why?"', () => {
  test('approves a flagged referral: it leaves the queue and its reward shows as pending', async () => {
    const page = await stack.open('/review');
    await page.getByText(`#${seeded.flaggedOrderId}`).first().waitFor();
    await stack.screenshot(page, 'review-queue');
    await page.getByLabel('Note').first().fill('Checked with the customer: a flatmate, not the advocate.');
    await page.getByRole('button', { name: 'Approve' }).first().click();
    await page.getByText(`Order #${seeded.flaggedOrderId} approved`).waitFor();
    await page.getByText('Its reward is pending').first().waitFor();
    // The queue is empty now.
    await page.getByText('Nothing to review').waitFor();
    await stack.screenshot(page, 'review-queue-approved');
    await page.close();

    const rewards = await stack.open('/rewards?status=pending');
    await rewards.getByText(seeded.advocateEmail).first().waitFor();
    // Two referred orders of Grace's are approved now: two pending advocate rewards.
    expect(await rewards.getByText(seeded.advocateEmail).count()).toBeGreaterThanOrEqual(2);
    await rewards.close();
  });

  test('looks up an order that was not credited and reads why', async () => {
    const page = await stack.open('/referrals');
    const search = page.getByPlaceholder('Search by order ID');
    await search.fill(seeded.uncreditedOrderId);
    await search.press('Enter');
    await page
      .getByText(/not credited/i)
      .first()
      .waitFor();
    await stack.screenshot(page, 'order-explanation');
    await page.close();
  });

  test('exports the rewards as CSV', async () => {
    const page = await stack.open('/rewards');
    await page.getByText(seeded.advocateEmail).first().waitFor();
    await stack.screenshot(page, 'rewards');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Export/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rewards-.*\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/status/i);
    expect(rows.filter((r) => r.includes(seeded.advocateEmail)).length).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});

describe('every page, as a marketer sees it', () => {
  test('screenshots', async () => {
    const pages: [string, string, string][] = [
      ['/', 'getting-started', 'Getting started'],
      ['/advocates', 'advocates', seeded.advocateEmail],
      [`/advocates/${seeded.advocateId}`, 'advocate-detail', 'Advocate score'],
      ['/referrals', 'referrals', 'Referrals'],
      ['/settings', 'settings', 'HubSpot'],
    ];
    for (const [path, name, text] of pages) {
      const page = await stack.open(path);
      await page.getByText(text).first().waitFor();
      await page.waitForLoadState('networkidle');
      await stack.screenshot(page, name);
      await page.close();
    }
    const list = await stack.open('/referrals');
    await list
      .getByRole('link', { name: new RegExp(seeded.flaggedOrderId) })
      .first()
      .click();
    await list
      .getByText(/Why it was credited|credited/i)
      .first()
      .waitFor();
    await list.waitForLoadState('networkidle');
    await stack.screenshot(list, 'referral-detail');
    await list.close();
    const phone = await stack.open('/review', { width: 390, height: 844 });
    await phone.waitForLoadState('networkidle');
    await stack.screenshot(phone, 'review-queue-phone');
    // On a phone the navigation opens from the top bar's menu button.
    await phone
      .getByRole('button', { name: /toggle menu/i })
      .first()
      .click();
    await phone.getByRole('link', { name: 'Rewards' }).first().click();
    await phone.getByRole('heading', { name: 'Rewards' }).first().waitFor();
    await phone.close();
    expect(stack.offsiteRequests).toEqual([]);
  });
});
