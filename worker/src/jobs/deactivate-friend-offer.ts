import { deactivateFriendOffer } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

/** friend_offer.deactivate -> the withdrawn friend's code switched off on the platform. */
export const deactivateFriendOfferJob = defineJob({
  name: 'deactivate-friend-offer',
  queue: 'rewards',
  payloadSchema: z.object({ merchantId: z.string().uuid(), offerId: z.string().uuid() }),
  async handle(payload, { engine, friendOfferIssuer }) {
    if (!friendOfferIssuer)
      throw new Error('No friend offer issuer is configured; the job waits for a retry.');
    return deactivateFriendOffer(engine.db, friendOfferIssuer, payload);
  },
});
