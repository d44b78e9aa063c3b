// Runs the real web pixel (extensions/referral-pixel/src/pixel.js) the way Shopify's sandbox
// does: `register` hands it `analytics`, `browser` and `settings`, and Shopify publishes standard
// events to its subscribers. Here the cookies are a plain map and fetch is the real one.

const PIXEL = new URL('../../extensions/referral-pixel/src/pixel.js', import.meta.url);

type Handler = (event: unknown) => Promise<void> | void;

export type PixelRun = {
  /** Publishes a standard event to the pixel and waits for its handlers to finish. */
  publish(name: string, event: unknown): Promise<void>;
};

export async function runReferralPixel(input: {
  settings: Record<string, string>;
  cookies: Record<string, string>;
}): Promise<PixelRun> {
  const { referralPixel } = (await import(PIXEL.href)) as {
    referralPixel: (api: unknown) => void;
  };
  const handlers = new Map<string, Handler[]>();
  referralPixel({
    settings: input.settings,
    analytics: {
      subscribe(name: string, handler: Handler) {
        handlers.set(name, [...(handlers.get(name) ?? []), handler]);
      },
    },
    browser: { cookie: { get: async (name: string) => input.cookies[name] ?? '' } },
  });
  return {
    async publish(name, event) {
      await Promise.all((handlers.get(name) ?? []).map((h) => h(event)));
    },
  };
}

/** A checkout_completed event as Shopify publishes it (the fields the pixel reads, and a few more). */
export function checkoutCompletedEvent(input: { orderId: string; checkoutToken: string; at?: Date }) {
  return {
    id: `sh-${input.checkoutToken}`,
    name: 'checkout_completed',
    type: 'standard',
    timestamp: (input.at ?? new Date()).toISOString(),
    clientId: 'client-1',
    data: {
      checkout: {
        token: input.checkoutToken,
        order: { id: input.orderId },
        totalPrice: { amount: 120, currencyCode: 'USD' },
      },
    },
  };
}
