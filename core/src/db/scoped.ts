import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** `merchant_id = ? AND id = ?`: even lookups by primary key stay inside one merchant. */
export const byId = (table: { merchantId: PgColumn; id: PgColumn }, merchantId: string, id: string): SQL =>
  and(eq(table.merchantId, merchantId), eq(table.id, id))!;
