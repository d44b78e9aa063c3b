import { describe, expect, test } from 'vitest';
import { DomainError, describeError, httpStatusByCode } from './errors.js';

describe('describeError', () => {
  test.each(Object.entries(httpStatusByCode))('%s answers %i', (code, status) => {
    const error = new DomainError(code as keyof typeof httpStatusByCode, 'why');
    expect(describeError(error)).toEqual({ status, body: { error: code, message: 'why' } });
  });

  test('anything else is a 500 that hides its internals', () => {
    const result = describeError(new Error('password=hunter2 at db.ts:12'));
    expect(result.status).toBe(500);
    expect(JSON.stringify(result.body)).not.toContain('hunter2');
  });
});
