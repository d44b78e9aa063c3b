// How the proxy answers. Pages are `application/liquid`, which Shopify renders inside the shop's
// theme; none is cached, since each shows one customer's data or a one-off form token.
import type { Response } from 'express';
import type { SafeHtml } from './html.js';

const PRIVATE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

export function sendLiquid(res: Response, status: number, page: SafeHtml): void {
  const body = page.value;
  res.writeHead(status, {
    'Content-Type': 'application/liquid',
    'Content-Length': Buffer.byteLength(body),
    ...PRIVATE,
  });
  res.end(body);
}

export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...PRIVATE,
  });
  res.end(text);
}

const UNAUTHORIZED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Unauthorized</title></head>
<body><h1>Unauthorized</h1><p>This page can only be opened through the shop.</p></body></html>
`;

/**
 * An unsigned, forged or stale request: a plain page (not Liquid: it may not come from Shopify),
 * or JSON for the share block's endpoint. Static text only; nothing from the request is echoed.
 */
export function sendUnauthorized(res: Response, json: boolean): void {
  if (json) {
    sendJson(res, 401, { error: 'UNAUTHORIZED', message: 'The request is not signed by Shopify.' });
    return;
  }
  res.writeHead(401, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(UNAUTHORIZED_PAGE),
    'Content-Security-Policy': "default-src 'none'",
    ...PRIVATE,
  });
  res.end(UNAUTHORIZED_PAGE);
}
