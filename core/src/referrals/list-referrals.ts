// The admin's referral list: filtered by status, source and the day it was created, newest first,
// a page at a time (keyset cursor, so new referrals arriving never shift a page).
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { listReferralsPage, type ReferralRow } from './repository.js';

export type ListReferralsQuery = {
  statuses?: ReferralRow['status'][];
  sources?: string[];
  /** Created at or after this instant. */
  from?: Date | null;
  /** Created before this instant. */
  before?: Date | null;
  limit: number;
  cursor?: string | null;
};

/** PostgreSQL's timestamptz text, e.g. '2026-05-01 10:00:00.123456+00'. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !UUID.test(id) || !PG_TIMESTAMP.test(at)) {
    throw new DomainError('VALIDATION', `Bad referral cursor ${cursor}.`, {
      fields: { cursor: ['This page link has expired. Go back to the first page.'] },
    });
  }
  return { at, id };
}

export async function listReferrals(db: Database, merchantId: string, query: ListReferralsQuery) {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const rows = await listReferralsPage(m, {
      statuses: query.statuses ?? [],
      sources: query.sources ?? [],
      from: query.from ?? null,
      before: query.before ?? null,
      after: query.cursor ? decodeCursor(query.cursor) : null,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      referrals: page.map(({ cursorAt: _cursor, ...row }) => row),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursorAt, last.id) : null,
    };
  });
}

export type ReferralListItem = Awaited<ReturnType<typeof listReferrals>>['referrals'][number];
