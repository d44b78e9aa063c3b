// An enrolled advocate's page: their link and code, the friends they referred (first name or
// masked email only), rewards earned and pending with release dates, and totals per currency.
import type { AdvocateDashboard, DashboardReward } from '@referrals/core';
import { describeReward, formatDate, formatMoney, REFERRAL_STATUS_LABELS } from './format.js';
import { html, type SafeHtml } from './html.js';
import { frame, type ProgramTerms, termsList } from './pages.js';
import type { ShareView } from './share-offer.js';
import { shareSection } from './share-section.js';

export type DashboardView = {
  dashboard: AdvocateDashboard;
  /** The link, the offer and the share links, or null when the advocate has no usable code. */
  share: ShareView | null;
  terms: ProgramTerms | null;
  /** Just enrolled (the form redirects here with `joined=1`): say so. */
  joined?: boolean;
};

export function dashboardPage({ dashboard, share, terms, joined }: DashboardView): SafeHtml {
  const { advocate, referrals, rewards, totals } = dashboard;
  const title = advocate.firstName ? `${advocate.firstName}, your referrals` : 'Your referrals';
  return frame(
    title,
    html`${
      joined && advocate.status === 'active'
        ? html`<p class="referrals-proxy__notice" role="status"><strong>You're in!</strong> You have joined the referral programme. Your link is ready: share it below.</p>`
        : null
    }${linkSection(dashboard, share)}
<h2>Friends you referred</h2>
${
  referrals.length === 0
    ? html`<p>No referrals yet. Share your link to get started.</p>`
    : html`<table><thead><tr><th>Friend</th><th>Status</th><th>Date</th></tr></thead><tbody>${referrals.map(
        (r) =>
          html`<tr><td>${r.friendLabel ?? 'A friend'}</td><td>${REFERRAL_STATUS_LABELS[r.status]}</td><td>${formatDate(r.createdAt)}</td></tr>`,
      )}</tbody></table>`
}
${rewardsSection(rewards, totals)}
${terms ? html`<h2>How it works</h2>${termsList(terms)}` : null}`,
  );
}

function linkSection(dashboard: AdvocateDashboard, share: ShareView | null): SafeHtml {
  if (dashboard.advocate.status !== 'active') {
    return html`<p>Your referral account is paused. Please contact the shop if you think this is a mistake.</p>`;
  }
  if (!share) {
    return html`<p>You have no active referral link at the moment. Please contact the shop.</p>`;
  }
  return shareSection(share);
}

function rewardsSection(rewards: DashboardReward[], totals: AdvocateDashboard['totals']): SafeHtml {
  if (rewards.length === 0) return html`<h2>Your rewards</h2><p>No rewards yet.</p>`;
  const pending = rewards.filter((r) => r.status !== 'issued');
  const earned = rewards.filter((r) => r.status === 'issued');
  const totalsList = totals.map(
    (t) =>
      html`<li>Total earned: ${formatMoney(t.earnedMinor, t.currency)}. Pending: ${formatMoney(t.pendingMinor, t.currency)}.</li>`,
  );
  return html`<h2>Your rewards</h2>${totals.length > 0 ? html`<ul>${totalsList}</ul>` : null}${
    pending.length > 0
      ? html`<h3>Pending</h3><ul>${pending.map(
          (r) =>
            html`<li>${describeReward(r)}: ${
              r.status === 'held' ? `confirmed on ${formatDate(r.holdUntil)}` : 'confirmed, on its way to you'
            }</li>`,
        )}</ul>`
      : null
  }${
    earned.length > 0
      ? html`<h3>Earned</h3><ul>${earned.map(
          (r) => html`<li>${describeReward(r)}: received ${formatDate(r.issuedAt ?? r.createdAt)}</li>`,
        )}</ul>`
      : null
  }`;
}
