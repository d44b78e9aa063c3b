import { issueFriendOffer } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

/** friend_offer.created -> the friend's single-use code on the platform. */
export const createFriendOfferJob = defineJob({
  name: 'create-friend-offer',
  queue: 'rewards',
  payloadSchema: z.object({ merchantId: z.string().uuid(), offerId: z.string().uuid() }),
  async handle(payload, { engine, friendOfferIssuer }) {
    if (!friendOfferIssuer)
      throw new Error('No friend offer issuer is configured; the job waits for a retry.');
    return issueFriendOffer(engine.db, friendOfferIssuer, payload);
  },
});
