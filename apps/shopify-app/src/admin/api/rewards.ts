// /api/rewards* - see contract/rewards.ts for each route's request and response.
import { once } from 'node:events';
import {
  DomainError,
  listRewards,
  type RewardListItem,
  retryRewardIssue,
  streamRewards,
} from '@referrals/core';
import express, { type Response, type Router } from 'express';
import {
  type Reward,
  type RewardFilterQuery,
  rewardFilterQuerySchema,
  rewardListQuerySchema,
} from '../contract/rewards.js';
import { currentMerchant, currentStaff } from '../session-token.js';
import type { AdminApiDeps } from './deps.js';
import { parseInput } from './parse-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const filterOf = (q: RewardFilterQuery) => ({ statuses: q.status, recipient: q.recipient, search: q.query });

export function toRewardView(r: RewardListItem): Reward {
  const money = (amountMinor: number) => ({ amountMinor, currency: r.currency });
  return {
    id: r.id,
    referralId: r.referralId,
    recipient: r.recipient,
    recipientEmail: r.recipientEmail,
    recipientName: r.recipientName,
    kind: r.kind,
    amount: money(r.amountMinor),
    bps: r.bps,
    reversed: money(r.reversedMinor),
    status: r.status,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    holdUntil: r.holdUntil.toISOString(),
    releasedAt: r.releasedAt?.toISOString() ?? null,
    issuedAt: r.issuedAt?.toISOString() ?? null,
    platformRef: r.platformRef,
    issueError: r.issueError,
    issueAttempts: r.issueAttempts,
    lastIssueAttemptAt: r.lastIssueAttemptAt?.toISOString() ?? null,
    clawback: r.clawback
      ? {
          requested: money(r.clawback.requestedMinor),
          recovered: money(r.clawback.recoveredMinor),
          shortfall: money(r.clawback.shortfallMinor),
          pending: r.clawback.pending,
          lastAt: r.clawback.lastAt.toISOString(),
        }
      : null,
  };
}

export function rewardsApi(deps: AdminApiDeps): Router {
  const router = express.Router();

  // GET /api/rewards - a page of the shop's rewards, filtered by status, recipient and email
  router.get('/rewards', async (req, res) => {
    const query = parseInput(rewardListQuerySchema, req.query);
    const page = await listRewards(deps.db, currentMerchant(res).id, {
      ...filterOf(query),
      limit: query.limit,
      cursor: query.cursor,
    });
    res.json({ rewards: page.rewards.map(toRewardView), pageInfo: { nextCursor: page.nextCursor } });
  });

  // GET /api/rewards/export.csv - exactly the filtered list, streamed in batches as CSV
  router.get('/rewards/export.csv', async (req, res) => {
    const query = parseInput(rewardFilterQuerySchema, req.query);
    const rows = streamRewards(deps.db, currentMerchant(res).id, filterOf(query));
    const date = new Date().toISOString().slice(0, 10);
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="rewards-${date}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    try {
      await write(res, `\ufeff${csvLine(csvHeader)}`);
      for await (const batch of rows) {
        await write(res, batch.map((r) => csvLine(csvRow(r))).join(''));
      }
      res.end();
    } catch (error) {
      // The headers are gone: a half-written file must not look complete.
      res.destroy(error instanceof Error ? error : undefined);
    }
  });

  // POST /api/rewards/:rewardId/retry - a failed reward goes back through the issue queue
  router.post('/rewards/:rewardId/retry', async (req, res) => {
    const rewardId = String(req.params.rewardId);
    if (!UUID.test(rewardId)) throw new DomainError('NOT_FOUND', `Reward ${rewardId} not found.`);
    const result = await retryRewardIssue(deps.db, {
      merchantId: currentMerchant(res).id,
      rewardId,
      actor: currentStaff(res),
    });
    res.json(result);
  });

  return router;
}

/** Writes respecting backpressure: a slow client pauses the batches, not the server's memory. */
async function write(res: Response, chunk: string): Promise<void> {
  if (res.destroyed) throw new Error('The client went away during the export.');
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}

const csvHeader = [
  'Created',
  'Recipient',
  'Recipient email',
  'Recipient name',
  'Reward',
  'Amount',
  'Currency',
  'Status',
  'Release date',
  'Issued',
  'Shopify ID',
  'Issue error',
  'Clawed back',
  'Claw-back recovered',
  'Claw-back shortfall',
  'Reason',
  'Reward ID',
];

const statusLabels: Record<RewardListItem['status'], string> = {
  pending: 'Pending',
  issuing: 'Issuing',
  issued: 'Issued',
  failed: 'Failed',
  clawed_back: 'Clawed back',
  voided: 'Voided',
};

const exponents = new Map<string, number>();
function exponentOf(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    try {
      exponent =
        currency === 'PTS'
          ? 0
          : (new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
              .maximumFractionDigits ?? 2);
    } catch {
      exponent = 2;
    }
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** Integer minor units -> "12.50" (no grouping, so a spreadsheet reads it as a number). */
export function decimalOf(amountMinor: number, currency: string): string {
  const exponent = exponentOf(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  return exponent === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function csvRow(r: RewardListItem): (string | null)[] {
  const percent = r.kind === 'percent_discount' && r.bps !== null;
  return [
    r.createdAt.toISOString(),
    r.recipient,
    r.recipientEmail,
    r.recipientName,
    r.kind.replace(/_/g, ' '),
    percent ? `${(r.bps ?? 0) / 100}%` : decimalOf(r.amountMinor, r.currency),
    r.currency,
    statusLabels[r.status],
    r.holdUntil.toISOString(),
    r.issuedAt?.toISOString() ?? null,
    r.platformRef,
    r.issueError,
    r.reversedMinor > 0 ? decimalOf(r.reversedMinor, r.currency) : null,
    r.clawback ? decimalOf(r.clawback.recoveredMinor, r.currency) : null,
    r.clawback ? decimalOf(r.clawback.shortfallMinor, r.currency) : null,
    r.reason,
    r.id,
  ];
}

/**
 * One CSV cell: a value a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with ' (OWASP's CSV injection advice); every cell is quoted, quotes doubled.
 */
export function csvCell(value: string | null): string {
  if (value === null) return '""';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export const csvLine = (cells: (string | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`;
