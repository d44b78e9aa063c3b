// The two public doors the sandbox seed knocks on, as a shop's visitors and Shopify would: the
// referral link (GET /r/:code) and signed webhooks (POST /webhooks).
import { sendWebhook } from '@referrals/shopify-emulator';

const USER_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
];

/**
 * Opens an advocate's link from `ip` (the app trusts X-Forwarded-For from loopback proxies) as the
 * browser that holds `visitorId` (a new visitor when null); returns the visitor id the app set.
 * The click is recorded "now": the public path has no way to say when a click happened.
 */
export async function clickLink(
  appUrl: string,
  input: { shop: string; code: string; ip: string; visitorId: string | null; agent: number },
): Promise<string> {
  const res = await fetch(`${appUrl}/r/${encodeURIComponent(input.code)}?shop=${input.shop}`, {
    redirect: 'manual',
    headers: {
      'x-forwarded-for': input.ip,
      'user-agent': USER_AGENTS[input.agent % USER_AGENTS.length]!,
      ...(input.visitorId ? { cookie: `_rv=${input.visitorId}` } : {}),
    },
  });
  await res.arrayBuffer();
  const location = res.headers.get('location');
  const visitorId = location ? new URL(location).searchParams.get('rv') : null;
  if (res.status !== 302 || !visitorId) throw new Error(`link click answered ${res.status}, no visitor`);
  return visitorId;
}

/** POSTs a webhook signed with the app's secret; `eventId` is fixed, so a replay is a no-op. */
export async function deliverWebhook(
  appUrl: string,
  input: { shop: string; secret: string; topic: string; eventId: string; payload: unknown },
): Promise<{ duplicate: boolean }> {
  const res = await sendWebhook({
    address: `${appUrl}/webhooks`,
    topic: input.topic,
    shop: input.shop,
    payload: input.payload,
    secret: input.secret,
    eventId: input.eventId,
  });
  if (res.status !== 200) throw new Error(`webhook ${input.topic} answered ${res.status}: ${res.body}`);
  return { duplicate: (JSON.parse(res.body) as { duplicate?: boolean }).duplicate === true };
}

/** Runs `task` over `items`, `width` at a time. */
export async function inBatches<T, R>(items: T[], width: number, task: (item: T, i: number) => Promise<R>) {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    const slice = items.slice(start, start + width);
    results.push(...(await Promise.all(slice.map((item, j) => task(item, start + j)))));
  }
  return results;
}
