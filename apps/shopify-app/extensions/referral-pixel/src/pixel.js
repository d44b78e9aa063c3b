// The referral pixel, run by Shopify's web pixel sandbox (strict): on checkout_completed it reads
// the visitor id our link redirect gave this browser (cookie _ref_vid, kept by the theme embed)
// and posts it with the checkout token, the order id and the event's time to the app. Nothing is
// sent for a visitor who never came through a referral link. It never throws.
const VISITOR_COOKIE = '_ref_vid';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @param {{ analytics: any, browser: any, settings: Record<string, string> }} api */
export function referralPixel({ analytics, browser, settings }) {
  analytics.subscribe('checkout_completed', async (event) => {
    try {
      const checkout = event.data?.checkout || {};
      const orderId = checkout.order?.id;
      if (!settings.endpoint || !checkout.token || !orderId) return;
      const visitorId = await browser.cookie.get(VISITOR_COOKIE);
      if (!visitorId || !UUID.test(visitorId)) return;
      // A string body is sent as text/plain: a simple request, no CORS preflight.
      await fetch(settings.endpoint, {
        method: 'POST',
        keepalive: true,
        body: JSON.stringify({
          shop: settings.shop,
          key: settings.key,
          visitorId,
          checkoutToken: checkout.token,
          orderId: String(orderId),
          occurredAt: event.timestamp,
        }),
      });
    } catch (_error) {
      // Reporting must never break the thank-you page.
    }
  });
}
