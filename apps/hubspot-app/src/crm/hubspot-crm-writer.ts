// The CrmWriter port on HubSpot: contacts upserted by email in batches of at most 100, each
// request paced by the portal's shared limiter. A 429 pauses the portal for every process and
// blocks the call; a daily limit or a refused token blocks it too (the core parks the sync); a
// 207 fails only the inputs it names; a 400 for a whole batch is split to find the bad inputs.
import type { Client } from '@hubspot/api-client';
import { type CrmContact, type CrmWriteResult, type CrmWriter, DomainError } from '@referrals/core';
import type { Logger } from 'pino';
import type { HubSpotConnections } from '../hubspot/connections.js';
import { ReconnectNeededError } from '../hubspot/connections.js';
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
import type { PortalRateLimiter } from './portal-rate-limiter.js';

export type HubSpotCrmWriterDeps = {
  connections: Pick<HubSpotConnections, 'client' | 'markReconnectNeeded'>;
  limiter: Pick<PortalRateLimiter, 'acquire' | 'pause'>;
  logger: Logger;
  /** Inputs per upsert request (HubSpot's maximum, 100, unless a test wants smaller). */
  batchSize?: number;
};

const DEFAULT_RATE_LIMIT_PAUSE_MS = 10_000;

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
    const outcomes: Promise<ChunkOutcome>[] = [];
    // The first blocked request stops the rest: chunks not sent yet stay unreported (retried).
    const stop: { blocked?: Blocked } = {};
    const abort = new AbortController();
    for (const part of chunk(inputs, this.batchSize)) {
      // Requests are pipelined: the next one goes out at its slot, not after the last answer.
      const acquired = await this.deps.limiter.acquire(session.portalId, abort.signal).then(
        () => true,
        (error: unknown) => {
          if (abort.signal.aborted) return false;
          throw error;
        },
      );
      if (!acquired || stop.blocked) break;
      outcomes.push(
        this.send(merchantId, session, part).then((outcome) => {
          if (outcome.blocked && !stop.blocked) {
            stop.blocked = outcome.blocked;
            abort.abort();
          }
          return outcome;
        }),
      );
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
    if (info.status === 429 && info.policyName === 'DAILY') {
      this.deps.logger.warn(log, 'hubspot daily limit reached: the sync is parked until it resets');
      return { written: [], failed: new Map(), blocked: { reason: 'daily_limit', retryAfterMs: null } };
    }
    if (info.status === 429) {
      const pauseMs = info.intervalMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS;
      await this.deps.limiter.pause(session.portalId, pauseMs);
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
        await this.deps.limiter.acquire(session.portalId);
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
