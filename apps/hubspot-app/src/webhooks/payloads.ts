// HubSpot webhook bodies: an array of up to 100 events, no ordering, duplicates possible.
import { z } from 'zod';

const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

export const hubspotEventSchema = z.object({
  eventId: numericId,
  subscriptionType: z.string().min(1).optional(),
  eventType: z.string().min(1).optional(),
  portalId: numericId,
  objectId: numericId,
  /** '0-3' for deals, '0-1' for contacts (object.* subscriptions). */
  objectTypeId: z.string().nullish(),
  propertyName: z.string().nullish(),
  propertyValue: z.string().nullish(),
  occurredAt: z.number().int().positive(),
  changeSource: z.string().nullish(),
  attemptNumber: z.number().int().nullish(),
});

export const hubspotWebhookBodySchema = z.array(hubspotEventSchema).min(1).max(1000);

export type HubSpotEvent = z.infer<typeof hubspotEventSchema>;

/** HubSpot has called the field both ways. */
export const subscriptionTypeOf = (event: HubSpotEvent): string =>
  event.subscriptionType ?? event.eventType ?? 'unknown';

/** A deal's stage changed (legacy `deal.propertyChange` or `object.propertyChange` on a deal). */
export const isDealStageChange = (event: HubSpotEvent): boolean => {
  const type = subscriptionTypeOf(event);
  // `dealstage` exists on deals only; an object event without objectTypeId is taken as a deal's.
  const onDeal =
    type === 'deal.propertyChange' ||
    (type === 'object.propertyChange' && (event.objectTypeId ?? '0-3') === '0-3');
  return onDeal && event.propertyName === 'dealstage';
};
