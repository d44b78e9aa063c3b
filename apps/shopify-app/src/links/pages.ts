// The few pages a friend can see instead of a redirect: plain HTML with its own inline style and
// a CSP that allows nothing else. Static text only, so no request input is ever echoed back.
import type { Response } from 'express';

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

function page(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#202223;line-height:1.5}h1{font-size:1.4rem}</style>
</head><body><h1>${title}</h1><p>${message}</p></body></html>
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
