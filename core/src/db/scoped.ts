import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** `merchant_id = ? AND id = ?`: even lookups by primary key stay inside one merchant. */
export const byId = (table: { merchantId: PgColumn; id: PgColumn }, merchantId: string, id: string): SQL =>
  and(eq(table.merchantId, merchantId), eq(table.id, id))!;

/** A PostgreSQL unique violation (23505), whether the driver's error or Drizzle's wrapper of it. */
export function isUniqueViolation(error: unknown): boolean {
  const direct = (error as { code?: unknown } | null)?.code;
  const wrapped = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return direct === '23505' || wrapped === '23505';
}
