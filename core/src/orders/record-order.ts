import { and, eq, sql } from 'drizzle-orm';
import { hashIp } from '../crypto/secrets.js';
import { resolveCustomer } from '../customers/index.js';
import type { Database } from '../db/client.js';
import { orders } from '../db/schema/index.js';
import type { OrderFacts } from '../events/index.js';
import { normalizeAddress, normalizeEmail } from '../identity/index.js';
import type { OrderSignals } from './order-signals.js';

export type OrderRow = typeof orders.$inferSelect;

/** Upserts the order facts we need for attribution and cohorts; `paid` stamps paid_at once. */
export async function recordOrder(
  db: Database,
  merchantId: string,
  facts: OrderFacts,
  options: { paid: boolean; ipHashSalt: string },
): Promise<OrderRow> {
  const customer = await resolveCustomer(db, merchantId, {
    platformCustomerId: facts.customer.id,
    email: facts.customer.email,
    firstName: facts.customer.firstName,
  });
  const signals: OrderSignals = {
    referralCode: facts.referralCode ?? null,
    discountCodes: facts.discountCodes,
    visitorId: facts.visitorId ?? null,
    ipHash: hashIp(options.ipHashSalt, facts.ipAddress),
    addressKey: facts.shippingAddress ? normalizeAddress(facts.shippingAddress) : null,
    landingUrl: facts.landingUrl ?? null,
    previousOrders: facts.customer.previousOrders ?? null,
  };
  const values = {
    merchantId,
    platformOrderId: facts.orderId,
    customerId: customer?.id ?? null,
    // A checkout without an email still matches invitations through the customer we know.
    emailNormalized:
      (facts.customer.email ? normalizeEmail(facts.customer.email) : null) ??
      customer?.emailNormalized ??
      null,
    totalMinor: facts.totalMinor,
    subtotalMinor: facts.subtotalMinor,
    currency: facts.currency,
    signals,
    placedAt: facts.occurredAt,
    paidAt: options.paid ? facts.occurredAt : null,
  };
  const [row] = await db
    .insert(orders)
    .values(values)
    .onConflictDoUpdate({
      target: [orders.merchantId, orders.platformOrderId],
      set: {
        customerId: sql`coalesce(${orders.customerId}, excluded.customer_id)`,
        emailNormalized: sql`coalesce(${orders.emailNormalized}, excluded.email_normalized)`,
        totalMinor: sql`excluded.total_minor`,
        subtotalMinor: sql`excluded.subtotal_minor`,
        currency: sql`excluded.currency`,
        signals: sql`excluded.signals`,
        placedAt: sql`coalesce(${orders.placedAt}, excluded.placed_at)`,
        paidAt: sql`coalesce(${orders.paidAt}, excluded.paid_at)`,
      },
    })
    .returning();
  return row!;
}

export async function findOrder(db: Database, merchantId: string, platformOrderId: string) {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.merchantId, merchantId), eq(orders.platformOrderId, platformOrderId)))
    .for('update');
  return row ?? null;
}
