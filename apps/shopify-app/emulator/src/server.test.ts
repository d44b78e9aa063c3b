import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ShopifyEmulator, startShopifyEmulator } from './server.js';

let emulator: ShopifyEmulator;
let clock = 0;
const SHOP = 'emulated.myshopify.com';
const TOKEN = 'shpat_test';

beforeAll(async () => {
  emulator = await startShopifyEmulator({ maximumAvailable: 100, restoreRate: 10, now: () => clock });
  emulator.addShop(SHOP, TOKEN);
  emulator.addShop('other.myshopify.com', 'shpat_other');
});
afterAll(() => emulator.close());

// biome-ignore lint/suspicious/noExplicitAny: GraphQL responses are read field by field in assertions.
type Json = any;

async function gql(query: string, variables: Record<string, unknown> = {}, token = TOKEN) {
  const res = await fetch(`${emulator.url}${emulator.graphqlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const CREATE = `mutation Create($input: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $input) {
    codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { title status usageLimit codes(first: 1) { nodes { code } } } } }
    userErrors { field code message }
  }
}`;
const discountInput = (code: string) => ({
  title: `Friend ${code}`,
  code,
  context: { all: 'ALL' },
  customerGets: { value: { percentage: 0.15 }, items: { all: true } },
  usageLimit: 1,
  appliesOncePerCustomer: true,
});

describe('Shopify Admin API emulator', () => {
  test('refuses a missing or unknown access token with 401', async () => {
    expect((await gql('{ shop { name } }', {}, 'nope')).status).toBe(401);
  });

  test('rejects documents that do not validate against the 2026-10 schema', async () => {
    const { body } = await gql(
      'mutation { discountCodeBasicCreate(basicCodeDiscount: {title: "x"}) { notAField } }',
    );
    expect(body.errors[0].message).toMatch(/notAField/);
    const wrongVariable = await gql(CREATE, { input: { ...discountInput('BADVAR'), usageLimit: 'one' } });
    expect(wrongVariable.body.errors[0].message).toMatch(/usageLimit|Int/);
  });

  test('creates a discount code, answers TAKEN for a duplicate, and looks it up case-insensitively', async () => {
    clock += 100_000;
    const created = await gql(CREATE, { input: discountInput('FRIEND-AB12') });
    expect(created.body.data.discountCodeBasicCreate.userErrors).toEqual([]);
    expect(created.body.data.discountCodeBasicCreate.codeDiscountNode.codeDiscount).toMatchObject({
      title: 'Friend FRIEND-AB12',
      status: 'ACTIVE',
      usageLimit: 1,
      codes: { nodes: [{ code: 'FRIEND-AB12' }] },
    });
    expect(created.body.extensions.cost).toMatchObject({
      requestedQueryCost: 10,
      throttleStatus: { maximumAvailable: 100 },
    });
    const again = await gql(CREATE, { input: discountInput('friend-ab12') });
    expect(again.body.data.discountCodeBasicCreate.userErrors).toEqual([
      { field: ['basicCodeDiscount', 'code'], code: 'TAKEN', message: expect.any(String) },
    ]);
    const found = await gql('query($c: String!) { codeDiscountNodeByCode(code: $c) { id } }', {
      c: 'friend-ab12',
    });
    expect(found.body.data.codeDiscountNodeByCode.id).toMatch(/^gid:\/\/shopify\/DiscountCodeNode\//);
    // Shops are apart: the other shop has no such code.
    const elsewhere = await gql(
      'query($c: String!) { codeDiscountNodeByCode(code: $c) { id } }',
      { c: 'FRIEND-AB12' },
      'shpat_other',
    );
    expect(elsewhere.body.data.codeDiscountNodeByCode).toBeNull();
  });

  test('credits store credit and refuses a debit beyond the balance with INSUFFICIENT_FUNDS', async () => {
    clock += 100_000;
    const customer = emulator.shop(SHOP).addCustomer({ email: 'advocate@example.com' });
    const CREDIT = `mutation($id: ID!, $input: StoreCreditAccountCreditInput!) {
      storeCreditAccountCredit(id: $id, creditInput: $input) {
        storeCreditAccountTransaction { amount { amount currencyCode } account { id balance { amount } } }
        userErrors { field code message }
      }
    }`;
    const DEBIT = `mutation($id: ID!, $input: StoreCreditAccountDebitInput!) {
      storeCreditAccountDebit(id: $id, debitInput: $input) {
        storeCreditAccountTransaction { account { balance { amount } } }
        userErrors { code }
      }
    }`;
    const credit = await gql(CREDIT, {
      id: customer.id,
      input: { creditAmount: { amount: '10.00', currencyCode: 'USD' }, notify: true },
    });
    expect(
      credit.body.data.storeCreditAccountCredit.storeCreditAccountTransaction.account.balance.amount,
    ).toBe('10.00');
    const accountId = credit.body.data.storeCreditAccountCredit.storeCreditAccountTransaction.account.id;
    const tooMuch = await gql(DEBIT, {
      id: accountId,
      input: { debitAmount: { amount: '12.50', currencyCode: 'USD' } },
    });
    expect(tooMuch.body.data.storeCreditAccountDebit.userErrors).toEqual([{ code: 'INSUFFICIENT_FUNDS' }]);
    const ok = await gql(DEBIT, {
      id: accountId,
      input: { debitAmount: { amount: '2.5', currencyCode: 'USD' } },
    });
    expect(ok.body.data.storeCreditAccountDebit.storeCreditAccountTransaction.account.balance.amount).toBe(
      '7.50',
    );
    const unknown = await gql(CREDIT, {
      id: 'gid://shopify/Customer/999999',
      input: { creditAmount: { amount: '1.00', currencyCode: 'USD' } },
    });
    expect(unknown.body.data.storeCreditAccountCredit.userErrors[0].code).toBe('OWNER_NOT_FOUND');
  });

  test('throttles with THROTTLED and throttleStatus once the bucket is empty, and restores over time', async () => {
    clock += 100_000; // full bucket: 100 points, restoring 10 per second
    let throttled: Json = null;
    for (let i = 0; i < 12 && !throttled; i++) {
      const { body } = await gql(CREATE, { input: discountInput(`BURST-${i}`) });
      if (body.errors?.[0]?.extensions?.code === 'THROTTLED') throttled = body;
    }
    expect(throttled).not.toBeNull();
    expect(throttled.extensions.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: null });
    expect(throttled.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(10);
    clock += 1_000; // one second restores 10 points
    const after = await gql(CREATE, { input: discountInput('AFTER-WAIT') });
    expect(after.body.data.discountCodeBasicCreate.userErrors).toEqual([]);
  });

  test('a valid document for an operation the emulator does not implement says so explicitly', async () => {
    clock += 100_000;
    const { body } = await gql('{ shop { name } }');
    expect(body.errors[0].extensions.code).toBe('EMULATOR_UNSUPPORTED');
  });
});
