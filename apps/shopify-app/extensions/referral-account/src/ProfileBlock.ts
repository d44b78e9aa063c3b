// The profile page's block (customer-account.profile.block.render): the link and a count, and
// "See your referrals and rewards" to the full page (extension:/); or one-tap enrolment.
import { APP_URL } from '../../referral-thank-you/src/app-url.js';
import { startReferralBlock } from '../../referral-thank-you/src/controller.js';
import { draw } from '../../referral-thank-you/src/render.js';

export default async () => {
  await startReferralBlock(
    'profile-block',
    {
      appUrl: APP_URL,
      sessionToken: () => shopify.sessionToken.get(),
      fetch: (url, init) => fetch(url, init),
    },
    (node, act) => draw(document.body, node, act),
  );
};
