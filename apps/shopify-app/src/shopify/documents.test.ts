import { loadAdminSchema } from '@referrals/shopify-emulator';
import { parse, validate } from 'graphql';
import { describe, expect, test } from 'vitest';
import { allDocuments } from './documents.js';

describe('every Admin GraphQL document the app sends', () => {
  const schema = loadAdminSchema();
  test.each(Object.entries(allDocuments))('%s validates against the 2026-10 Admin schema', (_name, text) => {
    const errors = validate(schema, parse(text)).map((e) => e.message);
    expect(errors).toEqual([]);
  });

  test('the check catches a field the schema does not have', () => {
    const broken = allDocuments.STORE_CREDIT_CREDIT.replace('amount { amount', 'amount { amountt');
    expect(validate(schema, parse(broken)).length).toBeGreaterThan(0);
  });
});
