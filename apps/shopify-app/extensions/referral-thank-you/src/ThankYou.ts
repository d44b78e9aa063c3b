// "Share and give 15 %" on the thank-you page (purchase.thank-you.block.render) and the order
// status page (customer-account.order-status.block.render): the buyer's link, or one-tap enrolment.
import { APP_URL } from './app-url.js';
import { startReferralBlock } from './controller.js';
import { draw } from './render.js';
import { TAGS } from './views.js';

// A component missing from the checkout or order status surface fails the type check here.
TAGS satisfies readonly (keyof HTMLElementTagNameMap)[];

export default async () => {
  await startReferralBlock(
    'thank-you',
    {
      appUrl: APP_URL,
      sessionToken: () => shopify.sessionToken.get(),
      fetch: (url, init) => fetch(url, init),
    },
    (node, act) => draw(document.body, node, act),
  );
};
