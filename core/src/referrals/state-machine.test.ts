import { describe, expect, test } from 'vitest';
import { DomainError, isDomainError } from '../errors.js';
import { allowedTransitions, assertTransition, canTransition, referralStatuses } from './state-machine.js';

const pairs = referralStatuses.flatMap((from) => referralStatuses.map((to) => [from, to] as const));
const allowed = pairs.filter(([from, to]) => allowedTransitions[from].includes(to));
const forbidden = pairs.filter(([from, to]) => !allowedTransitions[from].includes(to));

describe('referral state machine', () => {
  test('the map matches the documented transitions', () => {
    expect(allowed.map(([from, to]) => `${from}->${to}`)).toEqual([
      'pending->qualified',
      'pending->review',
      'pending->rejected',
      'qualified->review',
      'qualified->approved',
      'qualified->rejected',
      'review->approved',
      'review->rejected',
      'approved->rewarded',
      'approved->reversed',
      'rewarded->reversed',
    ]);
    expect(allowed.length + forbidden.length).toBe(49);
  });

  test.each(allowed)('%s -> %s is allowed', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  test.each(forbidden)('%s -> %s throws ILLEGAL_TRANSITION', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let caught: unknown;
    try {
      assertTransition(from, to);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(isDomainError(caught, 'ILLEGAL_TRANSITION')).toBe(true);
  });

  test.each(['rejected', 'reversed'] as const)('%s is terminal', (status) => {
    expect(allowedTransitions[status]).toEqual([]);
  });
});
