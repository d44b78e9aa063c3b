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
  .referrals-proxy .referrals-proxy__headline { font-size: 1.75em; margin: 1rem 0 0.75rem; }
</style>`;

/** The frame around every page: a heading and the page's own content. */
export const frame = (title: string, body: SafeHtml): SafeHtml =>
  html`${STYLE}<div class="page-width referrals-proxy"><h1>${title}</h1>${body}</div>`;

export const termsList = (terms: ProgramTerms): SafeHtml =>
  html`<ul class="referrals-proxy__terms">${[terms.advocate, terms.friend, ...terms.conditions]
    .filter((line) => line !== null)
    .map((line) => html`<li>${line}</li>`)}</ul>`;

export const loggedOutPage = (terms: ProgramTerms, prefix: string, headline: string): SafeHtml =>
  frame(
    'Refer a friend',
    html`<h2 class="referrals-proxy__headline">${headline}</h2><p>Share your personal link with friends.</p>${termsList(terms)}
<p><a class="button" href="/account/login?return_url=${prefix}">Log in to get your referral link</a></p>`,
  );

export type EnrollForm = {
  terms: ProgramTerms;
  /** The offer at a glance ("Give 15%, get $10", share-offer.ts). */
  headline: string;
  prefix: string;
  token: string;
  error?: string | undefined;
};

export const enrollPage = (form: EnrollForm): SafeHtml =>
  frame(
    'Join our referral programme',
    html`<h2 class="referrals-proxy__headline">${form.headline}</h2>${termsList(form.terms)}
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

export const messagePage = (title: string, text: string): SafeHtml =>
  frame(title, html`<p>${text}</p><p><a href="/">Go to the shop</a></p>`);
