import { describe, expect, test } from 'vitest';
import { type ProgramRules, programRulesSchema } from '../programs/index.js';
import { checkoutOfferOf, planCheckoutSync, type SyncInput } from './plan-checkout-sync.js';

const rules = (friendReward: unknown): ProgramRules =>
  programRulesSchema.parse({ advocateReward: { kind: 'store_credit', amountMinor: 1000 }, friendReward });
const percent = rules({ kind: 'percent_discount', bps: 1500 });

const version = (id: string, programId = 'p1', r: ProgramRules = percent) => ({
  programId,
  versionId: id,
  version: 1,
  rules: r,
  effectiveFrom: new Date('2026-11-01T00:00:00Z'),
});

type Code = SyncInput['codes'][number];
const code = (overrides: Partial<Code> & Pick<Code, 'codeId' | 'code'>): Code => ({
  active: true,
  advocateId: `adv-${overrides.codeId}`,
  advocateActive: true,
  programId: 'p1',
  platformCustomerId: null,
  discountId: null,
  platformCodeId: null,
  inAdvocateMetafield: false,
  attempts: 0,
  ...overrides,
});

const plan = (input: Partial<SyncInput>) =>
  planCheckoutSync({
    programs: [{ id: 'p1', active: true, inForce: version('v1') }],
    discounts: [],
    codes: [],
    maxAttempts: 5,
    ...input,
  });

describe('checkoutOfferOf', () => {
  test.each([
    [
      { kind: 'percent_discount', bps: 1500 },
      { kind: 'percent_discount', bps: 1500 },
    ],
    [
      { kind: 'fixed_discount', amountMinor: 1000 },
      { kind: 'fixed_discount', amountMinor: 1000 },
    ],
    [{ kind: 'store_credit', amountMinor: 1000 }, null],
    [null, null],
  ])('friend reward %j -> %j', (friendReward, offer) => {
    expect(checkoutOfferOf(rules(friendReward))).toEqual(offer);
  });
});

describe('planCheckoutSync', () => {
  test('an active code of an active advocate goes on the version of its programme', () => {
    const result = plan({ codes: [code({ codeId: 'c1', code: 'ADA1' })] });
    expect(result.wanted.map((v) => v.versionId)).toEqual(['v1']);
    expect(result.add).toEqual([
      { versionId: 'v1', codes: [{ codeId: 'c1', code: 'ADA1', platformCodeId: null }] },
    ]);
    expect(result.remove).toEqual([]);
  });

  test('a disabled code or a suspended advocate comes off; a code already on its discount stays', () => {
    const discounts: SyncInput['discounts'] = [
      { id: 'd1', programVersionId: 'v1', method: 'code', status: 'active', platformDiscountId: 'gid://1' },
      {
        id: 'd2',
        programVersionId: 'v1',
        method: 'automatic',
        status: 'active',
        platformDiscountId: 'gid://2',
      },
    ];
    const result = plan({
      discounts,
      codes: [
        code({ codeId: 'c1', code: 'GONE', active: false, discountId: 'd1', platformCodeId: 'r1' }),
        code({ codeId: 'c2', code: 'SUSP', advocateActive: false, discountId: 'd1', platformCodeId: 'r2' }),
        code({ codeId: 'c3', code: 'STAY', discountId: 'd1', platformCodeId: 'r3' }),
      ],
    });
    expect(result.remove).toEqual([
      {
        discountId: 'd1',
        codes: [
          { codeId: 'c1', code: 'GONE', platformCodeId: 'r1' },
          { codeId: 'c2', code: 'SUSP', platformCodeId: 'r2' },
        ],
      },
    ]);
    expect(result.add).toEqual([]);
    expect(result.end).toEqual([]);
  });

  test('a new version moves the codes and ends the old discounts', () => {
    const result = plan({
      programs: [{ id: 'p1', active: true, inForce: version('v2') }],
      discounts: [
        { id: 'd1', programVersionId: 'v1', method: 'code', status: 'active', platformDiscountId: 'gid://1' },
        {
          id: 'd2',
          programVersionId: 'v1',
          method: 'automatic',
          status: 'active',
          platformDiscountId: 'gid://2',
        },
      ],
      codes: [code({ codeId: 'c1', code: 'ADA1', discountId: 'd1', platformCodeId: 'r1' })],
    });
    expect(result.remove).toEqual([
      { discountId: 'd1', codes: [{ codeId: 'c1', code: 'ADA1', platformCodeId: 'r1' }] },
    ]);
    expect(result.add).toEqual([
      { versionId: 'v2', codes: [{ codeId: 'c1', code: 'ADA1', platformCodeId: null }] },
    ]);
    expect(result.end).toEqual(['d1', 'd2']);
  });

  test.each([
    ['a paused programme', { active: false, inForce: version('v1') }],
    ['a friend reward that is no discount', { active: true, inForce: version('v1', 'p1', rules(null)) }],
  ])('%s wants no discount: its codes come off and its discounts end', (_name, program) => {
    const result = plan({
      programs: [{ id: 'p1', ...program }],
      discounts: [
        { id: 'd1', programVersionId: 'v1', method: 'code', status: 'active', platformDiscountId: 'gid://1' },
      ],
      codes: [code({ codeId: 'c1', code: 'ADA1', discountId: 'd1' })],
    });
    expect(result.wanted).toEqual([]);
    expect(result.remove.map((r) => r.discountId)).toEqual(['d1']);
    expect(result.add).toEqual([]);
    expect(result.end).toEqual(['d1']);
  });

  test('a code that failed maxAttempts times waits (counted as held) unless the limit is lifted', () => {
    const codes = [code({ codeId: 'c1', code: 'TAKEN', attempts: 5 })];
    expect(plan({ codes })).toMatchObject({ add: [], held: 1 });
    expect(plan({ codes, maxAttempts: Number.POSITIVE_INFINITY })).toMatchObject({
      add: [{ versionId: 'v1' }],
      held: 0,
    });
  });

  test("an advocate's metafield is rewritten when their active codes differ from what was written", () => {
    const advocate = { advocateId: 'a1', platformCustomerId: '1001' };
    const result = plan({
      codes: [
        code({ codeId: 'c1', code: 'OLD1', active: false, inAdvocateMetafield: true, ...advocate }),
        code({ codeId: 'c2', code: 'NEW2', ...advocate }),
        code({ codeId: 'c3', code: 'ANON', advocateId: 'a2' }),
        code({
          codeId: 'c4',
          code: 'DONE',
          advocateId: 'a3',
          platformCustomerId: '1003',
          inAdvocateMetafield: true,
        }),
      ],
    });
    expect(result.advocates).toEqual([
      { platformCustomerId: '1001', codes: ['NEW2'], codeIds: ['c2'], clearIds: ['c1'] },
    ]);
  });

  test('the reconcile rewrites every advocate with active codes, even unchanged ones', () => {
    const codes = [
      code({ codeId: 'c1', code: 'SAME', platformCustomerId: '1001', inAdvocateMetafield: true }),
      code({ codeId: 'c2', code: 'OFF1', active: false, advocateId: 'a2', platformCustomerId: '1002' }),
    ];
    expect(plan({ codes }).advocates).toEqual([]);
    expect(plan({ codes, rewriteAdvocates: true }).advocates).toEqual([
      { platformCustomerId: '1001', codes: ['SAME'], codeIds: ['c1'], clearIds: [] },
    ]);
  });
});
