// The friend's storefront pages: the offer a link lands on, the optional personal-code form, the
// code itself, and the page for a switched-off invitation. Fragments rendered as Liquid inside the
// shop's theme; every value goes through `html`, which escapes it.
import type { ProgramRules } from '@referrals/core';
import { describeFriendOffer } from './format.js';
import { html, type SafeHtml } from './html.js';
import { frame } from './pages.js';

/**
 * The friend's offer addressed to them, for a headline: "15% off your first order of $50.00 or
 * more", "$10.00 in store credit on your first order"; null when the programme gives friends nothing.
 */
export const friendOfferWords = (rules: ProgramRules, currency: string): string | null =>
  describeFriendOffer(rules, currency);

/** One prominent button, whatever the theme's own `.button` looks like; the secondary action is a link. */
const STYLE = html`<style>
  .referrals-proxy .referrals-proxy__cta { display: inline-block; padding: 0.9rem 1.8rem; border-radius: 0.5rem;
    background: #202223; color: #fff; font-size: 1.1rem; font-weight: 600; text-decoration: none; border: 0; cursor: pointer; }
  .referrals-proxy .referrals-proxy__cta:focus-visible { outline: 3px solid #2c6ecb; outline-offset: 2px; }
  .referrals-proxy .referrals-proxy__lead { font-size: 1.1rem; }
  .referrals-proxy label { display: block; margin: 0.5rem 0; }
  .referrals-proxy input[type=email] { box-sizing: border-box; width: 100%; max-width: 24rem; padding: 0.6rem; font-size: 1rem; }
</style>`;

const friendFrame = (title: string, body: SafeHtml): SafeHtml => html`${STYLE}${frame(title, body)}`;

export type InviteView = {
  advocateName: string | null;
  /** What the friend gets, addressed to them ("15% off your first order of $50.00 or more"), or null. */
  friendOffer: string | null;
  /** The button: the shop with the offer applied by itself. */
  shopHref: string;
  /** The button's words, e.g. "Shop now with 15% off". */
  shopLabel: string;
  /** True when the offer is a discount applied at checkout (rather than a reward after the order). */
  appliesAtCheckout: boolean;
  /** The page where the friend may get a personal code by email instead (discount offers only). */
  claimHref: string | null;
};

/** The page a referral link lands on: the offer in a headline and one button to the shop. */
export const invitePage = (view: InviteView): SafeHtml => {
  const who = view.advocateName ?? 'A friend';
  const title = view.friendOffer ? `${who} gave you ${view.friendOffer}` : `${who} invited you`;
  return friendFrame(
    title,
    html`<p class="referrals-proxy__lead">${
      view.appliesAtCheckout
        ? 'It is applied at checkout by itself: there is no code to type.'
        : 'Shop now and the invitation is applied to your order.'
    }</p>
<p><a class="referrals-proxy__cta" href="${view.shopHref}">${view.shopLabel}</a></p>
${view.claimHref ? html`<p><a href="${view.claimHref}">Shopping on another device? Get a personal code by email</a></p>` : null}`,
  );
};

export type ClaimView = {
  friendOffer: string | null;
  action: string;
  backHref: string;
  error: string | null;
};

/** The email form for a personal single-use code (the secondary path of the landing page). */
export const claimPage = (view: ClaimView): SafeHtml =>
  friendFrame(
    'Get a personal welcome code',
    html`${view.friendOffer ? html`<p>Your code gives you ${view.friendOffer}. It works once.</p>` : null}
${view.error ? html`<p class="referrals-proxy__error" role="alert">${view.error}</p>` : null}
<form method="post" action="${view.action}">
<label for="referrals-email">Your email</label>
<input id="referrals-email" type="email" name="email" required maxlength="254" autocomplete="email">
<p><button type="submit" class="referrals-proxy__cta">Get my code</button></p>
</form>
<p><a href="${view.backHref}">Back to the offer</a></p>`,
  );

export type FriendCodeView = { code: string; friendOffer: string | null; applyHref: string };

/** The friend's own single-use code, and a link that puts it in the cart. */
export const friendCodePage = (view: FriendCodeView): SafeHtml =>
  friendFrame(
    'Your welcome code',
    html`<p>Your code: <strong>${view.code}</strong></p>
${view.friendOffer ? html`<p>It gives you ${view.friendOffer}. It works once.</p>` : null}
<p><a class="referrals-proxy__cta" href="${view.applyHref}">Apply it and start shopping</a></p>`,
  );

export const invalidInvitePage = (): SafeHtml =>
  friendFrame(
    "This invitation isn't active",
    html`<p>The link you followed has expired or been switched off. You can still browse the shop.</p>
<p><a class="referrals-proxy__cta" href="/">Go to the shop</a></p>`,
  );

/**
 * A storefront path (already checked: `linkPathSchema`) with `params` set on its query, as a
 * relative URL, so the link stays on whichever domain the shopper is on.
 */
export function shopPath(path: string, params: Record<string, string>): string {
  const url = new URL(path, 'https://shop.invalid');
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return `${url.pathname}${url.search}${url.hash}`;
}
