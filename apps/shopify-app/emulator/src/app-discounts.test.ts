// App discounts over the emulator's GraphQL endpoint (every document validated against the real
// 2026-10 Admin schema): creation, redeem codes in bulk with their asynchronous results, removal,
// deactivation, search by tag, and metafields on discounts and customers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ShopifyEmulator, startShopifyEmulator } from './server.js';
import type { ShopState } from './store.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL responses are read field by field in assertions.
type Json = any;

const SHOP = 'app-discounts.myshopify.com';
const TOKEN = 'shpat_app_discounts';
const clock = Date.parse('2026-11-01T12:00:00Z');
let emulator: ShopifyEmulator;
let shop: ShopState;

beforeAll(async () => {
  emulator = await startShopifyEmulator({ now: () => clock });
  shop = emulator.addShop(SHOP, TOKEN);
});
afterAll(() => emulator.close());

async function post(query: string, variables: Record<string, unknown> = {}): Promise<Json> {
  const res = await fetch(`${emulator.url}${emulator.graphqlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}
async function gql(query: string, variables: Record<string, unknown> = {}) {
  const body = await post(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data;
}

const CODE_CREATE = `mutation($input: DiscountCodeAppInput!) {
  discountCodeAppCreate(codeAppDiscount: $input) {
    codeAppDiscount { discountId title status tags combinesWith { orderDiscounts productDiscounts shippingDiscounts }
      codes(first: 5) { nodes { id code } } }
    userErrors { field code message }
  }
}`;
const AUTOMATIC_CREATE = `mutation($input: DiscountAutomaticAppInput!) {
  discountAutomaticAppCreate(automaticAppDiscount: $input) {
    automaticAppDiscount { discountId status }
    userErrors { field code message }
  }
}`;
const BULK_ADD = `mutation($id: ID!, $codes: [DiscountRedeemCodeInput!]!) {
  discountRedeemCodeBulkAdd(discountId: $id, codes: $codes) {
    bulkCreation { id done codesCount }
    userErrors { field code message }
  }
}`;
const BULK_STATUS = `query($id: ID!) {
  discountRedeemCodeBulkCreation(id: $id) {
    done codesCount importedCount failedCount
    codes(first: 250) { nodes { code discountRedeemCode { id code } errors { code message } } }
  }
}`;
const BULK_DELETE = `mutation($id: ID!, $ids: [ID!]) {
  discountCodeRedeemCodeBulkDelete(discountId: $id, ids: $ids) { job { id done } userErrors { field code message } }
}`;
const BY_CODE = `query($code: String!) {
  codeDiscountNodeByCode(code: $code) {
    id
    metafield(namespace: "$app:referrals", key: "function-configuration") { type value }
    codeDiscount { __typename ... on DiscountCodeApp { title status } }
  }
}`;

const config = { namespace: '$app:referrals', key: 'function-configuration', type: 'json', value: '{"v":1}' };
const codeInput = (code: string, extra: Record<string, unknown> = {}) => ({
  title: 'Referral: 15% off your first order',
  functionHandle: 'friend-offer-discount',
  code,
  context: { all: 'ALL' },
  discountClasses: ['ORDER'],
  combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
  tags: ['referrals-code-v1'],
  metafields: [config],
  ...extra,
});
const createCode = async (code: string, extra: Record<string, unknown> = {}) =>
  (await gql(CODE_CREATE, { input: codeInput(code, extra) })).discountCodeAppCreate;

describe('code app discounts', () => {
  test('created with its first redeem code, config metafield and combinations; found by any case of its code', async () => {
    const created = await createCode('ADA2PQ7K');
    expect(created.userErrors).toEqual([]);
    expect(created.codeAppDiscount).toMatchObject({
      discountId: expect.stringMatching(/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/),
      status: 'ACTIVE',
      tags: ['referrals-code-v1'],
      combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
      codes: { nodes: [{ id: expect.stringMatching(/DiscountRedeemCode/), code: 'ADA2PQ7K' }] },
    });
    const node = (await gql(BY_CODE, { code: 'ada2pq7k' })).codeDiscountNodeByCode;
    expect(node).toEqual({
      id: created.codeAppDiscount.discountId,
      metafield: { type: 'json', value: '{"v":1}' },
      codeDiscount: {
        __typename: 'DiscountCodeApp',
        title: 'Referral: 15% off your first order',
        status: 'ACTIVE',
      },
    });
    expect(shop.appDiscounts.get(node.id)?.functionHandle).toBe('friend-offer-discount');
  });

  test.each([
    ['a taken code', codeInput('BASIC10'), 'TAKEN'],
    ['no code', codeInput(''), 'BLANK'],
    ['no title', codeInput('NOTITLE1', { title: ' ' }), 'BLANK'],
    ['no function', codeInput('NOFUNC1', { functionHandle: null }), 'MISSING_FUNCTION_IDENTIFIER'],
  ])('refuses %s', async (_name, input, code) => {
    shop.discounts.set('BASIC10', {
      id: 'gid://shopify/DiscountCodeBasic/1',
      title: 'Basic',
      code: 'BASIC10',
      status: 'ACTIVE',
      usageLimit: null,
      appliesOncePerCustomer: false,
      percentage: 0.1,
      amount: null,
      customerIds: null,
      minimumSubtotal: null,
      createdAt: new Date(clock).toISOString(),
    });
    const before = shop.appDiscounts.size;
    const result = (await gql(CODE_CREATE, { input })).discountCodeAppCreate;
    expect(result.codeAppDiscount).toBeNull();
    expect(result.userErrors.map((e: Json) => e.code)).toContain(code);
    expect(shop.appDiscounts.size).toBe(before);
  });
});

describe('redeem codes in bulk', () => {
  test('added asynchronously: done only when polled, each code with its own errors', async () => {
    const first = await createCode('FIRST111');
    const other = await createCode('OTHER222');
    const id = first.codeAppDiscount.discountId;
    const added = (
      await gql(BULK_ADD, {
        id,
        codes: [{ code: 'NEW33333' }, { code: 'other222' }, { code: 'NEW33333' }, { code: 'NEW44444' }],
      })
    ).discountRedeemCodeBulkAdd;
    expect(added.userErrors).toEqual([]);
    expect(added.bulkCreation).toMatchObject({ done: false, codesCount: 4 });
    const status = (await gql(BULK_STATUS, { id: added.bulkCreation.id })).discountRedeemCodeBulkCreation;
    expect(status).toMatchObject({ done: true, codesCount: 4, importedCount: 2, failedCount: 2 });
    expect(
      status.codes.nodes.map((n: Json) => [
        n.code,
        n.discountRedeemCode?.code ?? null,
        n.errors.map((e: Json) => e.code),
      ]),
    ).toEqual([
      ['NEW33333', 'NEW33333', []],
      ['other222', null, ['TAKEN']],
      ['NEW33333', null, ['DUPLICATE']],
      ['NEW44444', 'NEW44444', []],
    ]);
    expect((await gql(BY_CODE, { code: 'new44444' })).codeDiscountNodeByCode.id).toBe(id);
    expect((await gql(BY_CODE, { code: 'OTHER222' })).codeDiscountNodeByCode.id).toBe(
      other.codeAppDiscount.discountId,
    );
  });

  test('more than 250 codes, or an unknown discount, is refused whole', async () => {
    const { codeAppDiscount } = await createCode('MANY0001');
    const codes = Array.from({ length: 251 }, (_, i) => ({ code: `BULK${String(i).padStart(4, '0')}` }));
    const tooMany = (await gql(BULK_ADD, { id: codeAppDiscount.discountId, codes }))
      .discountRedeemCodeBulkAdd;
    expect(tooMany).toEqual({
      bulkCreation: null,
      userErrors: [
        { field: ['codes'], code: 'TOO_MANY_ARGUMENTS', message: "Codes can't exceed 250 per request" },
      ],
    });
    expect(shop.appDiscounts.get(codeAppDiscount.discountId)?.codes.size).toBe(1);
    const unknown = (
      await gql(BULK_ADD, { id: 'gid://shopify/DiscountCodeNode/999999', codes: [{ code: 'X1234567' }] })
    ).discountRedeemCodeBulkAdd;
    expect(unknown.userErrors).toEqual([
      { field: ['discountId'], code: 'INVALID', message: 'Discount does not exist' },
    ]);
  });

  test('deleted by id through a job; the code no longer finds the discount', async () => {
    const { codeAppDiscount } = await createCode('GONE0001');
    const [redeem] = codeAppDiscount.codes.nodes;
    const deleted = (await gql(BULK_DELETE, { id: codeAppDiscount.discountId, ids: [redeem.id] }))
      .discountCodeRedeemCodeBulkDelete;
    expect(deleted).toEqual({ job: { id: expect.stringMatching(/Job/), done: false }, userErrors: [] });
    const job = (await gql('query($id: ID!) { job(id: $id) { id done } }', { id: deleted.job.id })).job;
    expect(job).toEqual({ id: deleted.job.id, done: true });
    expect((await gql(BY_CODE, { code: 'GONE0001' })).codeDiscountNodeByCode).toBeNull();
  });
});

describe('automatic app discounts', () => {
  test('created, found by tag, deactivated; at most 25 active at once', async () => {
    const input = {
      title: 'Referral: 15% off your first order',
      functionHandle: 'friend-offer-discount',
      discountClasses: ['ORDER'],
      tags: ['referrals-automatic-v1'],
      metafields: [config],
    };
    const created = (await gql(AUTOMATIC_CREATE, { input })).discountAutomaticAppCreate;
    expect(created).toEqual({
      automaticAppDiscount: { discountId: expect.stringMatching(/DiscountAutomaticNode/), status: 'ACTIVE' },
      userErrors: [],
    });
    const found = (
      await gql(`{ automaticDiscountNodes(first: 5, query: "tag:'referrals-automatic-v1'") {
        nodes { id automaticDiscount { ... on DiscountAutomaticApp { title } } } } }`)
    ).automaticDiscountNodes.nodes;
    expect(found.map((n: Json) => n.id)).toEqual([created.automaticAppDiscount.discountId]);
    const off = (
      await gql(
        `mutation($id: ID!) { discountAutomaticDeactivate(id: $id) {
        automaticDiscountNode { automaticDiscount { ... on DiscountAutomaticApp { status endsAt } } } userErrors { code } } }`,
        {
          id: created.automaticAppDiscount.discountId,
        },
      )
    ).discountAutomaticDeactivate;
    expect(off.automaticDiscountNode.automaticDiscount).toEqual({
      status: 'EXPIRED',
      endsAt: '2026-11-01T12:00:00Z',
    });

    for (let i = 0; i < 25; i++) {
      const ok = (await gql(AUTOMATIC_CREATE, { input: { ...input, tags: [`t${i}`] } }))
        .discountAutomaticAppCreate;
      expect(ok.userErrors).toEqual([]);
    }
    const over = (await gql(AUTOMATIC_CREATE, { input })).discountAutomaticAppCreate;
    expect(over.userErrors.map((e: Json) => e.code)).toEqual(['ACTIVE_PERIOD_OVERLAP']);
  });

  test('a search term the emulator does not serve is an error, not an empty answer', async () => {
    const body = await post('{ codeDiscountNodes(first: 5, query: "title:Referral") { nodes { id } } }');
    expect(body.errors[0].message).toContain('does not support title:Referral');
  });
});

describe('metafieldsSet', () => {
  const SET = `mutation($m: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $m) { metafields { key namespace value } userErrors { field code message elementIndex } }
  }`;
  const advocateCodes = (ownerId: string, value: string) => ({
    ownerId,
    namespace: '$app:referrals',
    key: 'advocate_codes',
    type: 'list.single_line_text_field',
    value,
  });

  test("writes an advocate's codes on their customer, readable through customer.metafield", async () => {
    const ada = shop.addCustomer({ email: 'ada@example.com' });
    const set = (await gql(SET, { m: [advocateCodes(ada.id, '["ADA2PQ7K","ADAVIP"]')] })).metafieldsSet;
    expect(set).toEqual({
      metafields: [{ key: 'advocate_codes', namespace: '$app:referrals', value: '["ADA2PQ7K","ADAVIP"]' }],
      userErrors: [],
    });
    const read = await gql(
      `query($id: ID!) { customer(id: $id) { metafield(namespace: "$app:referrals", key: "advocate_codes") { type value } } }`,
      { id: ada.id },
    );
    expect(read.customer.metafield).toEqual({
      type: 'list.single_line_text_field',
      value: '["ADA2PQ7K","ADAVIP"]',
    });
  });

  test('is atomic: a bad value or an unknown owner writes nothing of the call', async () => {
    const bob = shop.addCustomer({ email: 'bob@example.com' });
    const set = (
      await gql(SET, {
        m: [
          advocateCodes(bob.id, '["BOB22222"]'),
          advocateCodes(bob.id, 'not a list'),
          advocateCodes('gid://shopify/Customer/424242', '["X"]'),
        ],
      })
    ).metafieldsSet;
    expect(set.metafields).toBeNull();
    expect(set.userErrors.map((e: Json) => [e.code, e.elementIndex])).toEqual([
      ['INVALID_VALUE', 1],
      ['INVALID', 2],
    ]);
    expect(bob.metafields.size).toBe(0);
    const many = Array.from({ length: 26 }, () => advocateCodes(bob.id, '["BOB22222"]'));
    expect((await gql(SET, { m: many })).metafieldsSet.userErrors[0].code).toBe('LESS_THAN_OR_EQUAL_TO');
  });
});
