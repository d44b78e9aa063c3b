// GET /admin - the embedded admin's HTML shell. Shopify frames it, so the CSP allows exactly the
// shop's admin to frame it (never anyone else); App Bridge (from Shopify's CDN) adds the session
// token to the shell's fetches to /api.
import express, { type Router } from 'express';
import { z } from 'zod';

const shopSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i);

export const frameAncestors = (shop: string | null): string =>
  `frame-ancestors ${shop ? `https://${shop} ` : ''}https://admin.shopify.com;`;

export function adminShellRouter(deps: { apiKey: string }): Router {
  const router = express.Router();
  router.get(['/', '/admin'], (req, res) => {
    const parsed = shopSchema.safeParse(req.query.shop);
    const shop = parsed.success ? parsed.data.toLowerCase() : null;
    res.setHeader('Content-Security-Policy', frameAncestors(shop));
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="shopify-api-key" content="${deps.apiKey.replace(/[^A-Za-z0-9_-]/g, '')}">
<script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script>
<title>Referrals</title>
</head>
<body>
<main id="app"><p>Loading referrals…</p></main>
<script type="module">
const response = await fetch('/api/shop');
const shop = response.ok ? await response.json() : null;
document.getElementById('app').textContent = shop
  ? 'Referrals is installed on ' + shop.shopDomain + '.'
  : 'Open this app from your Shopify admin.';
</script>
</body>
</html>`);
  });
  return router;
}
