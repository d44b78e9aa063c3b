// The customer account's "Referrals" page (customer-account.page.render): the advocate's link with
// copy and share buttons, their referrals and rewards; or the offer and one-tap enrolment.
// The logic is the thank-you block's (../../referral-thank-you/src), shown in full.
import { APP_URL } from '../../referral-thank-you/src/app-url.js';
import { startReferralBlock } from '../../referral-thank-you/src/controller.js';
import { draw } from '../../referral-thank-you/src/render.js';
import { TAGS } from '../../referral-thank-you/src/views.js';

// A component missing from the customer account surface fails the type check here.
TAGS satisfies readonly (keyof HTMLElementTagNameMap)[];

export default async () => {
  await startReferralBlock(
    'account-page',
    {
      appUrl: APP_URL,
      sessionToken: () => shopify.sessionToken.get(),
      fetch: (url, init) => fetch(url, init),
    },
    (node, act) => draw(document.body, node, act),
  );
};
