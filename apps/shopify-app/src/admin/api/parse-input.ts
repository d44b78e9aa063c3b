// Every admin route's body and query go through the route's contract schema: a bad one is a 400
// whose `fields` say which field is wrong and why (core's describeError sends them).
import { DomainError, fieldErrorsOf } from '@referrals/core';
import type { Request } from 'express';
import type { z } from 'zod';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, req?: Request): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const where = req ? ` for ${req.method} ${req.path}` : '';
  throw new DomainError('VALIDATION', `Invalid input${where}.`, { fields: fieldErrorsOf(result.error) });
}
