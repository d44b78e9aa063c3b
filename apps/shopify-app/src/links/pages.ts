// The few pages a friend can see instead of a redirect: plain HTML with its own inline style and
// a CSP that allows nothing else. No request input is ever echoed back: the only values are the
// merchant's own (its storefront address and its programme's offer), escaped.
import type { Response } from 'express';
import { escapeHtml } from '../proxy/html.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#202223;line-height:1.5}' +
  'h1{font-size:1.4rem}' +
  '.button{display:inline-block;margin-top:.5rem;padding:.8rem 1.6rem;border-radius:.5rem;background:#202223;color:#fff;font-weight:600;text-decoration:none}' +
  '.button:focus-visible{outline:3px solid #2c6ecb;outline-offset:2px}';

/** `title` and `message` are literal text or already escaped; `body` is extra escaped markup. */
function page(title: string, message: string, body = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head><body><h1>${title}</h1><p>${message}</p>${body}</body></html>
`;
}

const PAGES = {
  invalid: {
    status: 404,
    html: page(
      "This referral link isn't valid",
      'Please check the link you were sent, or ask your friend to share it again.',
    ),
  },
  tooMany: {
    status: 429,
    html: page('Too many requests', 'Please wait a moment and open the link again.'),
  },
  unavailable: {
    status: 503,
    html: page("This link can't be opened right now", 'Please try again in a minute.'),
  },
} as const;

export type LinkPage = keyof typeof PAGES;

export function sendPage(res: Response, which: LinkPage, headers: Record<string, string> = {}): void {
  const { status, html } = PAGES[which];
  send(res, status, html, headers);
}

export type InactiveLinkView = {
  /** The shop's storefront home (from the merchant's stored domain). */
  shopUrl: string;
  /** What the shop's programme gives a referred friend ("15% off your first order"), or null. */
  standingOffer: string | null;
};

/**
 * An unknown, disabled or rotated code of a known shop: one page for all three (404), so it never
 * tells whether the code existed, with the shop's standing offer and the way to the shop.
 */
export function sendInactivePage(res: Response, view: InactiveLinkView): void {
  const offer = view.standingOffer
    ? `<p>With a working referral link from one of our customers, you get ${escapeHtml(view.standingOffer)}. Ask the person who sent you this one for a fresh link.</p>`
    : '';
  const html = page(
    "This link isn't active",
    'The referral link you followed has expired or been switched off.',
    `${offer}<p><a class="button" href="${escapeHtml(view.shopUrl)}">Go to the shop</a></p>`,
  );
  send(res, 404, html, {});
}

function send(res: Response, status: number, html: string, headers: Record<string, string>): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(html);
}
