// Screenshots of what the thank-you block, the profile block and the account page show, for
// docs/screenshots/storefront/extension-*.png: the real views (src/views.ts) drawn as plain HTML
// with a Polaris-like stand-in style, since Shopify's host draws the real `s-*` components and
// nothing local can. Run: npx tsx apps/shopify-app/extensions/referral-thank-you/scripts/preview.ts
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { ReferralSummary } from '../src/referral-summary.js';
import { type Surface, type ViewNode, type ViewState, view } from '../src/views.js';

const out = fileURLToPath(new URL('../../../../../docs/screenshots/storefront/', import.meta.url));
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function html(node: ViewNode): string {
  const inner = (node.text ? esc(node.text) : '') + (node.children ?? []).map(html).join('');
  const p = node.props ?? {};
  switch (node.tag) {
    case 's-section':
      return `<section><h2>${esc(String(p.heading ?? ''))}</h2>${inner}</section>`;
    case 's-stack':
      return `<div class="stack ${p.direction === 'inline' ? 'inline' : ''}">${inner}</div>`;
    case 's-heading':
      return `<h3>${inner}</h3>`;
    case 's-paragraph':
      return `<p>${inner}</p>`;
    case 's-text':
      return p.type === 'strong'
        ? `<strong class="link">${inner}</strong>`
        : `<span class="muted">${inner}</span>`;
    case 's-button':
      return `<button class="${p.variant}" ${p.disabled ? 'disabled' : ''}>${p.loading ? '…' : inner}</button>`;
    case 's-link':
      return `<a href="#">${inner}</a>`;
    case 's-checkbox':
      return `<label class="check"><input type="checkbox" ${p.checked ? 'checked' : ''}> ${esc(String(p.label))}</label>`;
    case 's-banner':
      return `<div class="banner">${inner}</div>`;
    case 's-skeleton-paragraph':
      return '<div class="skeleton"></div><div class="skeleton short"></div>';
    case 's-clipboard-item':
      return '';
  }
}

const CSS = `body{font:15px/1.45 -apple-system,system-ui,sans-serif;color:#202223;background:#f1f2f4;margin:0;padding:24px}
main{max-width:640px;margin:0 auto}section{background:#fff;border:1px solid #dfe3e8;border-radius:12px;padding:20px}
h2{font-size:18px;margin:0 0 12px}h3{font-size:15px;margin:8px 0 0}p{margin:0}.stack{display:flex;flex-direction:column;gap:12px}
.stack.inline{flex-direction:row;flex-wrap:wrap;gap:8px}.muted{color:#616a75}.link{word-break:break-all;font-weight:600}
button{font:inherit;border-radius:8px;padding:10px 14px;border:1px solid #8c9196;background:#fff}button.primary{background:#303030;color:#fff;border-color:#303030}
button:disabled{opacity:.45}.check{display:flex;gap:8px;align-items:flex-start}.banner{background:#fee9e8;border-radius:8px;padding:12px}
.skeleton{height:12px;background:#e3e5e7;border-radius:6px}.short{width:60%}a{color:#005bd3}
.note{font-size:12px;color:#616a75;margin-top:12px}`;

const offer = {
  headline: 'Share and give 15% off',
  friend: 'Your friend gets 15% off their first order.',
  advocate: 'You get $10.00 in store credit for each friend who places their first order.',
  gift: '15% off your first order',
};
const advocate: ReferralSummary = {
  state: 'advocate',
  offer,
  link: 'https://referrals.example.com/r/ADA15X?shop=acme.myshopify.com',
  code: 'ADA15X',
  referrals: [
    { friend: 'Bea', status: 'Rewarded', date: 'Nov 2, 2026' },
    { friend: 'c***@example.org', status: 'Pending', date: 'Nov 28, 2026' },
  ],
  rewards: [{ description: '$10.00 store credit', status: 'Sent', date: 'Nov 16, 2026' }],
  totals: [{ earned: '$10.00', pending: '$0.00' }],
};
const ready = (summary: ReferralSummary, consent = false): ViewState => ({
  kind: 'ready',
  summary,
  consent,
  busy: false,
});

const shots: [string, Surface, ViewState][] = [
  ['extension-thank-you-advocate', 'thank-you', ready(advocate)],
  ['extension-thank-you-join', 'thank-you', ready({ state: 'not_enrolled', offer })],
  ['extension-thank-you-join-ticked', 'thank-you', ready({ state: 'not_enrolled', offer }, true)],
  [
    'extension-thank-you-guest',
    'thank-you',
    ready({ state: 'guest', offer, joinUrl: 'https://acme.myshopify.com/apps/referrals' }),
  ],
  [
    'extension-thank-you-error',
    'thank-you',
    {
      kind: 'error',
      error: {
        message: 'We could not reach the referral programme. Check your connection and try again.',
        retry: true,
      },
    },
  ],
  ['extension-profile-block', 'profile-block', ready(advocate)],
  ['extension-account-page', 'account-page', ready(advocate)],
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
for (const [name, surface, state] of shots) {
  for (const [size, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 900 }],
  ] as const) {
    const page = await browser.newPage({ viewport });
    await page.setContent(
      `<!doctype html><style>${CSS}</style><main>${html(view(surface, state))}<p class="note">Preview: layout stand-in; Shopify draws the real components.</p></main>`,
    );
    await page.screenshot({ path: `${out}${name}-${size}.png`, fullPage: true });
    await page.close();
  }
}
await browser.close();
console.log(`${shots.length * 2} screenshots in ${out}`);
