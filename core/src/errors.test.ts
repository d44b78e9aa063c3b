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
