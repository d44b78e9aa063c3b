// The CrmWriter port on HubSpot: contacts upserted by email in batches of at most 100, each
// request paced by the portal's shared limiter (the client's middleware, see
// hubspot/rate-limit-middleware.ts). A 429 pauses the portal for every process and blocks the call; a daily limit or a refused token blocks it too (the core parks the sync); a
// 207 fails only the inputs it names; a 400 for a whole batch is split to find the bad inputs.
import type { Client } from '@hubspot/api-client';
import { type CrmContact, type CrmWriteResult, type CrmWriter, DomainError } from '@referrals/core';
import type { Logger } from 'pino';
import type { HubSpotConnections } from '../hubspot/connections.js';
import { ReconnectNeededError } from '../hubspot/connections.js';
import { isAbortError, rateLimitPauseMs, withPacing } from '../hubspot/rate-limit-middleware.js';
import {
  type Blocked,
  type ChunkOutcome,
  type ContactInput,
  chunk,
  describeBatchError,
  failChunk,
  groupByEmail,
  HUBSPOT_BATCH_LIMIT,
  type HubSpotBatchError,
  mergeOutcomes,
  placeErrors,
} from './contact-batches.js';
import { describeHubSpotError, type HubSpotErrorInfo, summarizeHubSpotError } from './hubspot-errors.js';

export type HubSpotCrmWriterDeps = {
  /** Its clients pace every request with the portal's shared limiter. */
  connections: Pick<HubSpotConnections, 'client' | 'markReconnectNeeded'>;
  logger: Logger;
  /** Inputs per upsert request (HubSpot's maximum, 100, unless a test wants smaller). */
  batchSize?: number;
};

/** A chunk that was never sent (its slot wait was aborted): reported neither way, so it is retried. */
const UNSENT: ChunkOutcome = { written: [], failed: new Map() };

export class HubSpotCrmWriter implements CrmWriter {
  private readonly batchSize: number;

  constructor(private readonly deps: HubSpotCrmWriterDeps) {
    this.batchSize = Math.min(HUBSPOT_BATCH_LIMIT, Math.max(1, deps.batchSize ?? HUBSPOT_BATCH_LIMIT));
  }

  async write(merchantId: string, contacts: CrmContact[]): Promise<CrmWriteResult> {
    const inputs = groupByEmail(contacts);
    if (inputs.length === 0) return { written: [], failed: [] };
    let session: { client: Client; portalId: string };
    try {
      session = await this.deps.connections.client(merchantId);
    } catch (error) {
      if (error instanceof ReconnectNeededError) {
        return { written: [], failed: [], blocked: { reason: 'reconnect_needed', retryAfterMs: null } };
      }
      if (error instanceof DomainError) return failAll(inputs, error.message, true);
      throw error;
    }
    // The first blocked request stops the rest: chunks not sent yet stay unreported (retried).
    const stop: { blocked?: Blocked } = {};
    const abort = new AbortController();
    const outcomes: Promise<ChunkOutcome>[] = [];
    for (const part of chunk(inputs, this.batchSize)) {
      if (stop.blocked) break;
      // Requests are pipelined: the next chunk asks the limiter middleware for its slot as soon as
      // this one got its own (or finished without), not after the last answer; one slot is
      // reserved ahead at most. A block aborts the one still waiting: it is never sent.
      let slotTaken = () => {};
      const gotSlot = new Promise<void>((resolve) => {
        slotTaken = resolve;
      });
      const outcome = withPacing({ signal: abort.signal, onSlot: slotTaken }, () =>
        this.send(merchantId, session, part),
      ).then((result) => {
        if (result.blocked && !stop.blocked) {
          stop.blocked = result.blocked;
          abort.abort();
        }
        return result;
      });
      outcomes.push(outcome);
      await Promise.race([gotSlot, outcome]);
    }
    const done = await Promise.all(outcomes);
    const result: CrmWriteResult = { written: [], failed: [] };
    const byEmail = new Map(inputs.map((input) => [input.email, input]));
    for (const outcome of done) {
      for (const email of outcome.written) result.written.push(...(byEmail.get(email)?.customerIds ?? []));
      for (const [email, failure] of outcome.failed) {
        for (const customerId of byEmail.get(email)?.customerIds ?? [])
          result.failed.push({ customerId, ...failure });
      }
    }
    if (stop.blocked) result.blocked = stop.blocked;
    this.deps.logger.debug(
      {
        merchantId,
        portalId: session.portalId,
        inputs: inputs.length,
        written: result.written.length,
        failed: result.failed.length,
        blocked: stop.blocked?.reason,
      },
      'hubspot contacts written',
    );
    return result;
  }

  /** One batch upsert; a 400 for the whole batch is split in halves until the bad inputs are alone. */
  private async send(
    merchantId: string,
    session: { client: Client; portalId: string },
    inputs: ContactInput[],
  ): Promise<ChunkOutcome> {
    try {
      const response = await session.client.crm.contacts.batchApi.upsert({
        inputs: inputs.map((input) => ({
          id: input.email,
          idProperty: 'email',
          properties: input.properties,
        })),
      });
      const errors = ('errors' in response ? response.errors : undefined) ?? [];
      if (errors.length === 0) return { written: inputs.map((i) => i.email), failed: new Map() };
      return placeErrors(inputs, errors as HubSpotBatchError[], response.results);
    } catch (error) {
      if (isAbortError(error)) return UNSENT;
      const info = describeHubSpotError(error);
      const outcome = await this.onError(merchantId, session, inputs, error, info);
      if (outcome) return outcome;
      this.deps.logger.warn(
        {
          merchantId,
          portalId: session.portalId,
          status: info.status,
          category: info.category,
          correlationId: info.correlationId,
        },
        'hubspot contact upsert failed',
      );
      return failChunk(inputs, { error: summarizeHubSpotError(info), retryable: true });
    }
  }

  private async onError(
    merchantId: string,
    session: { client: Client; portalId: string },
    inputs: ContactInput[],
    error: unknown,
    info: HubSpotErrorInfo,
  ): Promise<ChunkOutcome | null> {
    const log = {
      merchantId,
      portalId: session.portalId,
      status: info.status,
      category: info.category,
      policy: info.policyName,
      correlationId: info.correlationId,
    };
    if (info.status === 429) {
      // The client's limiter middleware has paused the portal already, for this same time.
      const pauseMs = rateLimitPauseMs(info.policyName, info.intervalMs);
      if (pauseMs === null) {
        this.deps.logger.warn(log, 'hubspot daily limit reached: the sync is parked until it resets');
        return { written: [], failed: new Map(), blocked: { reason: 'daily_limit', retryAfterMs: null } };
      }
      this.deps.logger.warn({ ...log, pauseMs }, 'hubspot rate limit hit: portal paused');
      return { written: [], failed: new Map(), blocked: { reason: 'rate_limited', retryAfterMs: pauseMs } };
    }
    // An access token that expired in flight: the next attempt refreshes it.
    if (info.status === 401 && info.category === 'EXPIRED_AUTHENTICATION') return null;
    if (info.status === 401 || info.status === 403) {
      await this.deps.connections.markReconnectNeeded(merchantId);
      this.deps.logger.warn(log, 'hubspot refused the access token: reconnect needed');
      return { written: [], failed: new Map(), blocked: { reason: 'reconnect_needed', retryAfterMs: null } };
    }
    if (info.status === 400) {
      if (inputs.length === 1) return failChunk(inputs, describeBatchError(bodyOf(error)));
      const failure = describeBatchError(bodyOf(error));
      // Every input refers to a property the portal lacks: splitting would not help.
      if (failure.retryable) return failChunk(inputs, failure);
      const half = Math.ceil(inputs.length / 2);
      const parts: ChunkOutcome[] = [];
      for (const part of [inputs.slice(0, half), inputs.slice(half)]) {
        const outcome = await this.send(merchantId, session, part);
        parts.push(outcome);
        if (outcome.blocked) return mergeOutcomes(parts, outcome.blocked);
      }
      return mergeOutcomes(parts);
    }
    return null;
  }
}

const bodyOf = (error: unknown): HubSpotBatchError =>
  ((error as { body?: unknown })?.body as HubSpotBatchError | undefined) ?? {};

function failAll(inputs: ContactInput[], error: string, retryable: boolean): CrmWriteResult {
  return {
    written: [],
    failed: inputs.flatMap((input) =>
      input.customerIds.map((customerId) => ({ customerId, error, retryable })),
    ),
  };
}
