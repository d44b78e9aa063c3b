// Row-level security: a tenant transaction sees and writes only its merchant's rows, one without a
// merchant sees nothing, and every tenant table carries the policy. On PostgreSQL and on PGlite.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAdvocate, buildMerchant, buildProgram } from '../testing/builders.js';
import { createTestDatabase } from '../testing/database.js';
import { type Database, type DatabaseHandle, openDatabase } from './client.js';
import { confineToMerchant, forMerchant, TENANT_ROLE } from './merchant-scope.js';
import { advocates, customers, merchants, programs } from './schema/index.js';

const engines: [string, () => Promise<DatabaseHandle & { drop?: () => Promise<void> }>][] = [
  ['PostgreSQL', () => createTestDatabase()],
  [
    'PGlite',
    async () => {
      const handle = await openDatabase({ dataDir: 'memory://' });
      await handle.migrate();
      return handle;
    },
  ],
];

const rowsOf = async (db: Database, query: string): Promise<Record<string, unknown>[]> =>
  ((await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;

describe.each(engines)('row-level security on %s', (_name, open) => {
  let handle: DatabaseHandle & { drop?: () => Promise<void> };
  let shopA: { merchantId: string; advocateId: string; programId: string };
  let shopB: { merchantId: string; advocateId: string; programId: string };

  const seedShop = async (db: Database) => {
    const merchant = await buildMerchant(db);
    const { programId } = await buildProgram(db, merchant.id);
    const advocate = await buildAdvocate(db, merchant.id, programId);
    return { merchantId: merchant.id, advocateId: advocate.advocateId, programId };
  };

  beforeAll(async () => {
    handle = await open();
    shopA = await seedShop(handle.db);
    shopB = await seedShop(handle.db);
  });
  afterAll(async () => {
    if (handle.drop) await handle.drop();
    else await handle.close();
  });

  test('every table with merchant_id, and merchants, has row-level security and the tenant policy', async () => {
    const tables = await rowsOf(
      handle.db,
      `SELECT c.relname AS name, c.relrowsecurity AS rls, pg_get_userbyid(c.relowner) AS owner,
              EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS policy
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND (c.relname = 'merchants' OR EXISTS (
                SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'merchant_id' AND NOT a.attisdropped))
        ORDER BY 1`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(26);
    for (const table of tables) {
      expect({ table: table.name, rls: table.rls, policy: table.policy }).toEqual({
        table: table.name,
        rls: true,
        policy: true,
      });
      expect(table.owner).not.toBe(TENANT_ROLE);
    }
  });

  test('the tenant role without a merchant sees no row of any tenant table', async () => {
    const tables = await rowsOf(
      handle.db,
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity ORDER BY 1`,
    );
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${TENANT_ROLE}, true)`);
      for (const { name } of tables) {
        const [row] = await rowsOf(tx, `SELECT count(*)::int AS n FROM "${String(name)}"`);
        expect({ table: name, n: row!.n }).toEqual({ table: name, n: 0 });
      }
    });
    // The owner, outside any tenant transaction, still sees both shops.
    expect((await handle.db.select({ id: merchants.id }).from(merchants)).length).toBeGreaterThanOrEqual(2);
  });

  test("a query that forgets the merchant returns only the handle's own rows", async () => {
    const seen = await forMerchant(handle.db, shopA.merchantId).transaction(async ({ db: tx }) => ({
      advocates: await tx.select({ id: advocates.id, merchantId: advocates.merchantId }).from(advocates),
      programs: await tx.select({ merchantId: programs.merchantId }).from(programs),
      merchants: await tx.select({ id: merchants.id }).from(merchants),
      customers: await tx.select({ merchantId: customers.merchantId }).from(customers),
    }));
    expect(seen.advocates).toEqual([{ id: shopA.advocateId, merchantId: shopA.merchantId }]);
    expect(seen.programs.map((p) => p.merchantId)).toEqual([shopA.merchantId]);
    expect(seen.merchants).toEqual([{ id: shopA.merchantId }]);
    expect(new Set(seen.customers.map((c) => c.merchantId))).toEqual(new Set([shopA.merchantId]));
  });

  test("one shop's handle can neither change nor add another shop's rows", async () => {
    const scope = forMerchant(handle.db, shopA.merchantId);
    const changed = await scope.transaction(async ({ db: tx }) => ({
      updated: await tx
        .update(advocates)
        .set({ status: 'suspended' })
        .where(eq(advocates.id, shopB.advocateId))
        .returning({ id: advocates.id }),
      deleted: await tx
        .delete(programs)
        .where(eq(programs.id, shopB.programId))
        .returning({ id: programs.id }),
    }));
    expect(changed).toEqual({ updated: [], deleted: [] });

    await expect(
      scope.transaction(({ db: tx }) =>
        tx.insert(programs).values({ merchantId: shopB.merchantId, name: 'Planted by shop A' }),
      ),
    ).rejects.toThrow();
    // Moving one's own row to another shop is refused too.
    await expect(
      scope.transaction(({ db: tx }) =>
        tx.update(advocates).set({ merchantId: shopB.merchantId }).where(eq(advocates.id, shopA.advocateId)),
      ),
    ).rejects.toThrow();

    const [b] = await handle.db.select().from(advocates).where(eq(advocates.id, shopB.advocateId));
    expect(b!.status).toBe('active');
    const bPrograms = await handle.db
      .select()
      .from(programs)
      .where(eq(programs.merchantId, shopB.merchantId));
    expect(bPrograms.map((p) => p.id)).toEqual([shopB.programId]);
  });

  test('the confinement ends with its transaction', async () => {
    await handle.db.transaction(async (tx) => {
      await confineToMerchant(tx, shopB.merchantId);
      const [who] = await rowsOf(tx, 'SELECT current_user AS role');
      expect(who!.role).toBe(TENANT_ROLE);
    });
    const [after] = await rowsOf(
      handle.db,
      "SELECT current_user AS role, current_setting('app.merchant_id', true) AS m",
    );
    expect(after!.role).not.toBe(TENANT_ROLE);
    expect(after!.m ?? '').toBe('');
  });

  test('a malformed merchant id is refused before any query', () => {
    expect(() => forMerchant(handle.db, "x' OR true --")).toThrow(/Unknown merchant/);
  });
});
