// Worker side of POST /webhooks/hubspot: a stored deal-stage event becomes a DealWon conversion
// when the new stage is a closed-won stage of the deal's pipeline (read from HubSpot, so custom
// pipelines count, not only `closedwon`). The deal's contacts are its buyers; a contact's
// `referred_by` names the advocate, whose code is the referral signal.
import {
  type Database,
  DomainError,
  type DomainEvent,
  decimalToMinor,
  findActiveCodeByAdvocateEmail,
  findMerchant,
  normalizeEmail,
} from '@referrals/core';
import type { Logger } from 'pino';
import { httpStatusOf } from '../hubspot/config.js';
import type { HubSpotConnections } from '../hubspot/connections.js';
import { hubspotEventSchema, isDealStageChange } from '../webhooks/payloads.js';

type InboundRow = { merchantId: string; payload: unknown };

export type DealResolverDeps = {
  db: Database;
  connections: HubSpotConnections;
  logger: Logger;
};

/**
 * Deal reads share the portal's budget with the contact sync: the connection's client paces each
 * request and a 429 pauses the whole portal (every process); here it only becomes a job retry.
 */
async function retryOnRateLimit<T>(portalId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (httpStatusOf(error) === 429)
      throw new DomainError('RETRY_LATER', `HubSpot portal ${portalId} is rate limited; the deal waits.`);
    throw error;
  }
}

export function hubspotInboundResolver(deps: DealResolverDeps) {
  return async (row: InboundRow): Promise<DomainEvent[]> => {
    const event = hubspotEventSchema.parse(row.payload);
    if (!isDealStageChange(event) || !event.propertyValue) return [];
    const { client, portalId } = await deps.connections.client(row.merchantId);
    const deal = await retryOnRateLimit(portalId, () =>
      client.crm.deals.basicApi.getById(event.objectId, [
        'dealstage',
        'pipeline',
        'amount',
        'deal_currency_code',
      ]),
    );
    const pipelineId = deal.properties.pipeline ?? 'default';
    const stages = await retryOnRateLimit(portalId, () =>
      client.crm.pipelines.pipelineStagesApi.getAll('deals', pipelineId),
    );
    const stage = stages.results.find((s) => s.id === event.propertyValue);
    const won = stage?.metadata?.isClosed === 'true' && Number(stage.metadata.probability) === 1;
    if (!won) return [];

    const associations = await retryOnRateLimit(portalId, () =>
      client.crm.associations.v4.basicApi.getPage('deal', event.objectId, 'contact'),
    );
    const contactIds = associations.results.map((a) => String(a.toObjectId));
    if (contactIds.length === 0) {
      deps.logger.info({ dealId: event.objectId }, 'closed-won deal without contacts: no conversion');
      return [];
    }
    const contacts = await retryOnRateLimit(portalId, () =>
      client.crm.contacts.batchApi.read({
        inputs: contactIds.map((id) => ({ id })),
        properties: ['email', 'referred_by'],
        propertiesWithHistory: [],
      }),
    );
    const emails = contacts.results
      .map((c) => c.properties.email)
      .map((e) => (e ? normalizeEmail(e) : null))
      .filter((e): e is string => !!e);
    if (emails.length === 0) return [];
    const referredBy = contacts.results.map((c) => c.properties.referred_by).find((e): e is string => !!e);
    const referralCode = referredBy
      ? await findActiveCodeByAdvocateEmail(deps.db, row.merchantId, referredBy)
      : null;
    const merchant = await findMerchant(deps.db, row.merchantId);
    const currency = deal.properties.deal_currency_code || merchant?.currency || 'USD';
    return [
      {
        type: 'DealWon',
        dealId: `${event.portalId}:${event.objectId}`,
        contactEmails: emails,
        amountMinor: deal.properties.amount ? decimalToMinor(deal.properties.amount, currency) : 0,
        currency,
        referralCode,
        occurredAt: new Date(event.occurredAt),
      },
    ];
  };
}
