import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  DomainError,
  type DomainErrorCode,
  describeError,
  errorLogFields,
  fieldErrorsOf,
  httpStatusByCode,
  publicMessageByCode,
} from './errors.js';

const codes = Object.keys(httpStatusByCode) as DomainErrorCode[];
/** What an engine message may hold: ids, states, SQL-ish text, another merchant's row. */
const INTERNAL =
  'Referral 6f1c2a9e-0b7d-4c1e-9d3a-2b8f5e4a1c77 of merchant m-42 stuck in approved; SELECT * FROM rewards WHERE id = 17';

describe('describeError', () => {
  test('every code has a status and a public message, and nothing else does', () => {
    expect(Object.keys(publicMessageByCode).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(publicMessageByCode[code].length).toBeGreaterThan(0);
  });

  test.each(codes)('%s answers its status and default public message, never the internal one', (code) => {
    const error = new DomainError(code, INTERNAL, { details: { referralId: 'r-1', merchantId: 'm-42' } });
    const result = describeError(error);
    expect(result).toEqual({
      status: httpStatusByCode[code],
      body: { error: code, message: publicMessageByCode[code] },
    });
    const text = JSON.stringify(result.body);
    for (const secret of ['6f1c2a9e', 'm-42', 'approved', 'SELECT', 'r-1'])
      expect(text).not.toContain(secret);
    // The internal message stays on the error, for logs.
    expect(error.message).toBe(INTERNAL);
  });

  test.each(codes)('%s answers an explicit public message instead of the default', (code) => {
    const error = new DomainError(code, INTERNAL, { publicMessage: 'This code is already taken.' });
    expect(describeError(error)).toEqual({
      status: httpStatusByCode[code],
      body: { error: code, message: 'This code is already taken.' },
    });
  });

  test('VALIDATION sends its field errors; other codes never send fields', () => {
    const parsed = z.object({ limit: z.number().int(), name: z.string() }).safeParse({ limit: 1.5 });
    if (parsed.success) throw new Error('expected a failure');
    const fields = fieldErrorsOf(parsed.error);
    expect(Object.keys(fields).sort()).toEqual(['limit', 'name']);
    const validation = new DomainError('VALIDATION', `Invalid input: ${parsed.error.message}`, {
      publicMessage: 'The programme rules are not valid.',
      fields,
      details: { issues: parsed.error.issues },
    });
    expect(describeError(validation).body).toEqual({
      error: 'VALIDATION',
      message: 'The programme rules are not valid.',
      fields,
    });
    const conflict = new DomainError('CONFLICT', INTERNAL, { fields: { code: ['internal'] } });
    expect(describeError(conflict).body).not.toHaveProperty('fields');
  });

  test('the log fields carry the code, the internal message and details', () => {
    const error = new DomainError('NOT_FOUND', INTERNAL, { details: { rewardId: 'w-9' } });
    expect(errorLogFields(error)).toEqual({
      code: 'NOT_FOUND',
      internalMessage: INTERNAL,
      details: { rewardId: 'w-9' },
    });
    expect(errorLogFields(new Error('boom'))).toEqual({ code: 'INTERNAL', internalMessage: 'boom' });
  });

  test('a cause is kept for logs', () => {
    const cause = new Error('unique violation on referral_codes_merchant_code');
    const error = new DomainError('CONFLICT', 'taken', { cause });
    expect(error.cause).toBe(cause);
    expect(JSON.stringify(describeError(error).body)).not.toContain('referral_codes');
  });

  test('anything else is a 500 that hides its internals', () => {
    const result = describeError(new Error('password=hunter2 at db.ts:12'));
    expect(result.status).toBe(500);
    expect(JSON.stringify(result.body)).not.toContain('hunter2');
  });

  test('a request the HTTP layer refused keeps its 4xx status and says which', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      expose: true,
      type: 'entity.too.large',
    });
    expect(describeError(tooLarge)).toEqual({
      status: 413,
      body: { error: 'ENTITY_TOO_LARGE', message: 'request entity too large' },
    });
    const notExposed = Object.assign(new Error('x'), { status: 400, expose: false });
    expect(describeError(notExposed).status).toBe(500);
  });
});
