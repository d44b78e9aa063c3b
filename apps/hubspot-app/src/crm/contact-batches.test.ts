import { describe, expect, test } from 'vitest';
import { chunk, describeBatchError, groupByEmail, mapBatchErrors } from './contact-batches.js';

describe('groupByEmail', () => {
  test('one input per trimmed, lower-cased email; later values win, earlier ones stay', () => {
    const inputs = groupByEmail([
      {
        customerId: 'a',
        email: 'Ada@Example.com',
        properties: { referral_code: 'ADA', referral_status: 'pending' },
      },
      { customerId: 'b', email: 'bob@example.com', properties: { referral_code: 'BOB' } },
      { customerId: 'c', email: ' ada@example.COM ', properties: { referral_status: 'advocate' } },
    ]);
    expect(inputs).toEqual([
      {
        email: 'ada@example.com',
        customerIds: ['a', 'c'],
        properties: { referral_code: 'ADA', referral_status: 'advocate' },
      },
      { email: 'bob@example.com', customerIds: ['b'], properties: { referral_code: 'BOB' } },
    ]);
  });

  test('chunks of at most the size, in order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 100)).toEqual([]);
  });
});

describe('batch errors', () => {
  test.each([
    [
      {
        category: 'VALIDATION_ERROR',
        errors: [{ code: 'INVALID_INTEGER', context: { propertyName: ['advocate_score'] } }],
      },
      'VALIDATION_ERROR INVALID_INTEGER advocate_score',
      false,
    ],
    [
      {
        category: 'VALIDATION_ERROR',
        errors: [{ code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['x'] } }],
      },
      'VALIDATION_ERROR PROPERTY_DOESNT_EXIST x',
      true,
    ],
    [
      {
        category: 'VALIDATION_ERROR',
        message:
          'Property values were not valid: [{"isValid":false,"message":"lots was not a valid number.","error":"INVALID_INTEGER","name":"advocate_score"}]',
      },
      'VALIDATION_ERROR INVALID_INTEGER advocate_score',
      false,
    ],
    [{ category: 'OBJECT_NOT_FOUND' }, 'OBJECT_NOT_FOUND', true],
    [{}, 'ERROR', true],
  ])('%j -> %s (retryable %s), never the values', (error, reason, retryable) => {
    expect(describeBatchError(error)).toEqual({ error: reason, retryable });
  });

  test('207 errors are mapped to the normalised emails they name; the others are counted', () => {
    const { failed, unplaced } = mapBatchErrors([
      { category: 'VALIDATION_ERROR', context: { ids: [' Ada@Example.com'] } },
      { category: 'INTERNAL_ERROR' },
    ]);
    expect([...failed.keys()]).toEqual(['ada@example.com']);
    expect(unplaced).toBe(1);
  });
});
