// The proxy's storefront pages other than the dashboard. Each is a fragment: Shopify renders it as
// Liquid inside the shop's theme layout. Every value goes through `html`, which escapes it.
import type { describeProgram } from './format.js';
import { html, type SafeHtml } from './html.js';

export type ProgramTerms = ReturnType<typeof describeProgram>;

const STYLE = html`<style>
  .referrals-proxy { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
  .referrals-proxy table { width: 100%; border-collapse: collapse; }
  .referrals-proxy th, .referrals-proxy td { text-align: left; padding: 0.4rem 0.5rem 0.4rem 0; }
  .referrals-proxy input[readonly] { width: 100%; font-family: monospace; }
  .referrals-proxy .referrals-proxy__error { font-weight: bold; }
</style>`;

/** The frame around every page: a heading and the page's own content. */
export const frame = (title: string, body: SafeHtml): SafeHtml =>
  html`${STYLE}<div class="page-width referrals-proxy"><h1>${title}</h1>${body}</div>`;

export const termsList = (terms: ProgramTerms): SafeHtml =>
  html`<ul class="referrals-proxy__terms">${[terms.advocate, terms.friend, ...terms.conditions]
    .filter((line) => line !== null)
    .map((line) => html`<li>${line}</li>`)}</ul>`;

export const loggedOutPage = (terms: ProgramTerms, prefix: string): SafeHtml =>
  frame(
    'Refer a friend',
    html`<p>Share your personal link with friends.</p>${termsList(terms)}
<p><a class="button" href="/account/login?return_url=${prefix}">Log in to get your referral link</a></p>`,
  );

export type EnrollForm = { terms: ProgramTerms; prefix: string; token: string; error?: string | undefined };

export const enrollPage = (form: EnrollForm): SafeHtml =>
  frame(
    'Join our referral programme',
    html`${termsList(form.terms)}
${form.error ? html`<p class="referrals-proxy__error" role="alert">${form.error}</p>` : null}
<form method="post" action="${form.prefix}/enroll">
  <input type="hidden" name="token" value="${form.token}">
  <p><label><input type="checkbox" name="consent" value="on" required>
    I have read the terms above and want to join. The shop keeps a record of the friends I refer and the rewards I earn.</label></p>
  <p><button type="submit" class="button">Get my referral link</button></p>
</form>`,
  );

export const noProgramPage = (): SafeHtml =>
  frame(
    'Referrals are paused',
    html`<p>This shop is not running a referral programme at the moment. Please check back later.</p>
<p><a href="/">Continue shopping</a></p>`,
  );

export const loginRequiredPage = (prefix: string): SafeHtml =>
  frame(
    'Please log in',
    html`<p>Log in to your account to join the referral programme.</p>
<p><a class="button" href="/account/login?return_url=${prefix}">Log in</a></p>`,
  );

export type InviteView = {
  advocateName: string | null;
  friendOffer: string | null;
  shopHref: string;
  /** Where the friend claims a personal welcome code (only when the offer is a discount). */
  claimAction?: string | null;
  error?: string | null;
};

export const invitePage = (view: InviteView): SafeHtml =>
  frame(
    view.advocateName ? `${view.advocateName} invited you` : 'A friend invited you',
    html`${view.friendOffer ? html`<p>You get ${view.friendOffer}.</p>` : null}
${
  view.claimAction
    ? html`${view.error ? html`<p class="error">${view.error}</p>` : null}<form method="post" action="${view.claimAction}">
<label>Your email <input type="email" name="email" required maxlength="254" autocomplete="email"></label>
<button type="submit">Get my code</button>
</form>`
    : null
}
<p>Shop now and the invitation is applied to your order.</p>
<p><a class="button" href="${view.shopHref}">Start shopping</a></p>`,
  );

export type FriendCodeView = { code: string; friendOffer: string | null; applyHref: string };

/** The friend's own single-use code, and a link that puts it in the cart. */
export const friendCodePage = (view: FriendCodeView): SafeHtml =>
  frame(
    'Your welcome code',
    html`<p>Your code: <strong>${view.code}</strong></p>
${view.friendOffer ? html`<p>It gives you ${view.friendOffer} on your first order. It works once.</p>` : null}
<p><a class="button" href="${view.applyHref}">Apply it and start shopping</a></p>`,
  );

export const invalidInvitePage = (): SafeHtml =>
  frame(
    'This invitation is no longer valid',
    html`<p>The link you followed has expired or been switched off. You can still browse the shop.</p>
<p><a href="/">Go to the shop</a></p>`,
  );

export const messagePage = (title: string, text: string): SafeHtml =>
  frame(title, html`<p>${text}</p><p><a href="/">Go to the shop</a></p>`);
