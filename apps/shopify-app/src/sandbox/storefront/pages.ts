// The sandbox storefront's pages: a product, the cart, the thank-you page, a stand-in log-in, and
// the layout around them (and around the app proxy's Liquid pages). Every page loads the real
// theme embed script exactly as the app embed block (referral-embed.liquid) does.
import { html, SafeHtml } from '../../proxy/html.js';
import type { Cart } from './carts.js';
import { subtotalMinor } from './carts.js';

export const PRODUCT = {
  handle: 'sandbox-tee',
  title: 'Sandbox organic tee',
  priceMinor: 4000,
  description: 'A soft, heavyweight cotton tee. It exists only on this machine: nothing is charged.',
} as const;

export type Shopper = { customerId: string | null; name: string | null };

export const money = (minor: number, currency: string): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);

export function layout(input: { title: string; cart: Cart; shopper: Shopper; body: SafeHtml }): string {
  const count = input.cart.lines.reduce((n, l) => n + l.quantity, 0);
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · Sandbox shop</title>
<style>${new SafeHtml(STYLE)}</style>
<script>window.Shopify = { routes: { root: '/' } };</script>
<script src="/assets/referral-embed.js" defer data-cookie-days="30" data-code-attribute="_referral_code"
  data-visitor-attribute="_referral_visitor" data-touches-attribute="_referral_touches"
  data-signature-attribute="_referral_sig"></script>
</head>
<body>
<p class="sandbox-note">Sandbox storefront: a stand-in for your Shopify theme, on this machine only.</p>
<header class="site-header">
  <a class="site-title" href="/">Sandbox shop</a>
  <nav>
    <a href="/apps/referrals">Refer a friend</a>
    ${
      input.shopper.customerId
        ? html`<a href="/account/logout">Log out ${input.shopper.name ?? ''}</a>`
        : html`<a href="/account/login">Log in</a>`
    }
    <a href="/cart" data-cart-link>Cart (${count})</a>
  </nav>
</header>
<main>${input.body}</main>
</body>
</html>`}`;
}

export const productPage = (currency: string, added: boolean, referral: string | null): SafeHtml => html`
<article class="product">
  <div class="product__image" aria-hidden="true">
    <svg viewBox="0 0 120 100" width="200" height="166"><path fill="#2f4f4f" d="M40 8 20 16 4 36l16 12 8-8v52h64V40l8 8 16-12-16-20-20-8c-2 8-10 14-20 14S42 16 40 8z"/></svg>
  </div>
  <div class="product__info">
    <h1>${PRODUCT.title}</h1>
    <p class="price">${money(PRODUCT.priceMinor, currency)}</p>
    <p>${PRODUCT.description}</p>
    <form method="post" action="/cart/add">
      <input type="hidden" name="handle" value="${PRODUCT.handle}">
      <button class="button" type="submit">Add to cart</button>
    </form>
    ${added ? html`<p role="status">Added. <a href="/cart">View your cart</a></p>` : ''}
    ${referral ? html`<p class="referral-attr">Your friend's offer is saved on your cart: it applies at checkout.</p>` : ''}
  </div>
</article>`;

export function cartPage(cart: Cart, currency: string, error: string | null): SafeHtml {
  if (cart.lines.length === 0) {
    return html`<h1>Your cart</h1><p>Your cart is empty.</p><p><a class="button" href="/">Continue shopping</a></p>`;
  }
  const code = cart.attributes._referral_code;
  return html`
<h1>Your cart</h1>
<ul class="lines">
  ${cart.lines.map(
    (l) =>
      html`<li><span>${l.title} × ${l.quantity}</span><span>${money(l.priceMinor * l.quantity, currency)}</span></li>`,
  )}
</ul>
<p class="subtotal"><span>Subtotal</span><strong>${money(subtotalMinor(cart), currency)}</strong></p>
<p class="referral-attr" data-cart-referral>${
    code
      ? html`Referral on this cart: <strong>${code}</strong>${cart.attributes._referral_sig ? ' (signed link: the friend offer applies at checkout)' : ' (no signature: no automatic offer)'}`
      : 'No referral on this cart.'
  }</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/checkout" class="checkout">
  <label for="email">Email for the order</label>
  <input id="email" name="email" type="email" required value="friend@example.com" autocomplete="email">
  <label for="discount">Discount code (optional)</label>
  <input id="discount" name="discount" type="text" autocomplete="off">
  <button class="button" type="submit">Check out</button>
</form>`;
}

export type OrderSummary = {
  name: string;
  email: string | null;
  subtotalMinor: number;
  totalMinor: number;
  currency: string;
  discounts: { title: string; amountMinor: number }[];
  referralCode: string | null;
};

export const thankYouPage = (order: OrderSummary): SafeHtml => html`
<h1>Thank you for your order</h1>
<p>Order <strong data-order-name>${order.name}</strong>${order.email ? html` · a confirmation would go to ${order.email}` : ''}</p>
<ul class="lines">
  <li><span>Subtotal</span><span>${money(order.subtotalMinor, order.currency)}</span></li>
  ${order.discounts.map(
    (d) => html`<li><span>${d.title}</span><span>−${money(d.amountMinor, order.currency)}</span></li>`,
  )}
  <li class="total"><span>Total paid</span><strong>${money(order.totalMinor, order.currency)}</strong></li>
</ul>
${
  order.referralCode
    ? html`<p>This order came through the referral link with the code <strong>${order.referralCode}</strong>.
      Shopify's order webhooks have gone to the app: the console says whether the referral was credited.</p>`
    : html`<p>No referral on this order.</p>`
}
<p><a class="button" href="/">Back to the shop</a></p>`;

export const loginPage = (): SafeHtml => html`
<h1>Log in</h1>
<p>The sandbox has one customer account: Ada, the demo advocate.</p>
<form method="post" action="/account/login"><button class="button" type="submit">Log in as Ada</button></form>`;

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fafaf7}
main{max-width:960px;margin:0 auto;padding:1rem}
.sandbox-note{margin:0;padding:.4rem 1rem;background:#fff4d6;font-size:.85rem;text-align:center}
.site-header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:space-between;align-items:center;padding:1rem;border-bottom:1px solid #e3e3dc;background:#fff}
.site-header nav{display:flex;flex-wrap:wrap;gap:1rem}
.site-title{font-weight:700;font-size:1.2rem;color:inherit;text-decoration:none}
a{color:#1f5b99}
.product{display:grid;gap:1.5rem;grid-template-columns:1fr}
@media(min-width:720px){.product{grid-template-columns:1fr 1fr}}
.product__image{font-size:7rem;text-align:center;background:#efeee8;border-radius:12px;padding:2rem}
.price{font-size:1.3rem;font-weight:600}
.button{display:inline-block;padding:.75rem 1.5rem;border:0;border-radius:8px;background:#1a1a1a;color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.lines{list-style:none;padding:0;margin:0 0 1rem;border-top:1px solid #e3e3dc}
.lines li,.subtotal{display:flex;justify-content:space-between;gap:1rem;padding:.6rem 0;border-bottom:1px solid #e3e3dc;margin:0}
.checkout{display:grid;gap:.5rem;max-width:420px}
.checkout input{padding:.6rem;font:inherit;border:1px solid #bbb;border-radius:6px}
.checkout .button{margin-top:.5rem}
.referral-attr{background:#eef6ee;padding:.6rem;border-radius:6px}
.error{color:#8e1f0b;background:#fdecea;padding:.6rem;border-radius:6px}
`;
