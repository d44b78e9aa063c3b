// What each surface shows, as a plain tree of Polaris web components (`s-*` tags) that render.ts
// turns into elements: every decision (advocate, not enrolled, guest, no programme, error) is made
// here, in plain data, so the tests read it without a browser or Shopify's host.
import { type Offer, type ReferralSummary, type SummaryError, shareTargets } from './referral-summary.js';

/** What a button or checkbox does; the extension entry maps each to a call. */
export type Action = 'enroll' | 'toggle-consent' | 'retry';

/** Every component the views use; each entry module checks them against its surface's components. */
export const TAGS = [
  's-banner',
  's-button',
  's-checkbox',
  's-clipboard-item',
  's-heading',
  's-link',
  's-paragraph',
  's-section',
  's-skeleton-paragraph',
  's-stack',
  's-text',
] as const;

export type ViewNode = {
  tag: (typeof TAGS)[number];
  props?: Record<string, string | boolean>;
  text?: string;
  children?: ViewNode[];
  action?: Action;
};

export type Surface = 'thank-you' | 'account-page' | 'profile-block';

export type ViewState =
  | { kind: 'loading' }
  | { kind: 'error'; error: SummaryError }
  | {
      kind: 'ready';
      summary: ReferralSummary;
      consent: boolean;
      busy: boolean;
      /** A failed enrolment, shown above the form. */
      error?: SummaryError;
    };

const LINK_ID = 'referral-link';
const text = (value: string, props?: ViewNode['props']): ViewNode => ({
  tag: 's-text',
  text: value,
  ...(props ? { props } : {}),
});
const paragraph = (value: string): ViewNode => ({ tag: 's-paragraph', text: value });
const stack = (children: ViewNode[], gap = 'base'): ViewNode => ({
  tag: 's-stack',
  props: { gap },
  children,
});
const banner = (error: SummaryError): ViewNode => ({
  tag: 's-banner',
  props: { tone: 'critical' },
  children: [
    paragraph(error.message),
    ...(error.retry
      ? [{ tag: 's-button', props: { variant: 'secondary' }, text: 'Try again', action: 'retry' } as ViewNode]
      : []),
  ],
});

function offerLines(offer: Offer): ViewNode[] {
  return [offer.friend, offer.advocate].filter((line): line is string => line !== null).map(paragraph);
}

/** The link with a copy button (Shopify's clipboard item) and one button per share target. */
function linkBlock(link: string, offer: Offer, compact: boolean): ViewNode[] {
  const share = shareTargets(link, offer).map(
    (target): ViewNode => ({
      tag: 's-button',
      props: { href: target.href, target: '_blank', variant: 'secondary' },
      text: target.label,
    }),
  );
  return [
    { tag: 's-clipboard-item', props: { id: LINK_ID, text: link } },
    text(link, { type: 'strong' }),
    {
      tag: 's-button',
      props: { command: '--copy', commandFor: LINK_ID, variant: 'primary' },
      text: 'Copy link',
    },
    // The blocks keep to three (WhatsApp, text, email); the account page shows them all.
    {
      tag: 's-stack',
      props: { direction: 'inline', gap: 'small-200' },
      children: compact ? share.slice(0, 3) : share,
    },
  ];
}

function joinForm(offer: Offer, state: Extract<ViewState, { kind: 'ready' }>): ViewNode[] {
  return [
    ...offerLines(offer),
    ...(state.error ? [banner(state.error)] : []),
    {
      tag: 's-checkbox',
      props: {
        label: 'I accept the referral programme terms and agree to receive my link.',
        checked: state.consent,
        name: 'consent',
      },
      action: 'toggle-consent',
    },
    {
      tag: 's-button',
      props: { variant: 'primary', disabled: !state.consent || state.busy, loading: state.busy },
      text: 'Join and get my link',
      action: 'enroll',
    },
  ];
}

function advocateBody(
  summary: Extract<ReferralSummary, { state: 'advocate' }>,
  surface: Surface,
): ViewNode[] {
  const link = summary.link
    ? linkBlock(summary.link, summary.offer, surface !== 'account-page')
    : [paragraph('Your referral link is switched off. Contact the shop if you think this is a mistake.')];
  if (surface !== 'account-page') {
    const count = summary.referrals.length;
    const tally =
      count === 0
        ? 'No friends have ordered yet.'
        : `${count} ${count === 1 ? 'friend has' : 'friends have'} ordered with your link.`;
    return [
      ...offerLines(summary.offer),
      ...link,
      text(tally, { tone: 'neutral' }),
      ...(surface === 'profile-block'
        ? [
            {
              tag: 's-link',
              props: { href: 'extension:/' },
              text: 'See your referrals and rewards',
            } as ViewNode,
          ]
        : []),
    ];
  }
  const totals = summary.totals.map((t) => paragraph(`Earned ${t.earned}, pending ${t.pending}.`));
  const referrals = summary.referrals.length
    ? summary.referrals.map((r) => text(`${r.friend} · ${r.status} · ${r.date}`))
    : [paragraph('No referrals yet: share your link and they will show here.')];
  const rewards = summary.rewards.length
    ? summary.rewards.map((r) => text(`${r.description} · ${r.status} · ${r.date}`))
    : [paragraph('No rewards yet.')];
  return [
    ...offerLines(summary.offer),
    ...link,
    ...totals,
    { tag: 's-heading', text: 'Referrals' },
    stack(referrals, 'small-200'),
    { tag: 's-heading', text: 'Rewards' },
    stack(rewards, 'small-200'),
  ];
}

/** The whole view of one surface in one state. */
export function view(surface: Surface, state: ViewState): ViewNode {
  const section = (heading: string, children: ViewNode[]): ViewNode => ({
    tag: 's-section',
    props: { heading },
    children: [stack(children)],
  });
  if (state.kind === 'loading') return section('Refer a friend', [{ tag: 's-skeleton-paragraph' }]);
  if (state.kind === 'error') return section('Refer a friend', [banner(state.error)]);
  const { summary } = state;
  switch (summary.state) {
    case 'no_program':
      // Nothing to offer: the block stays out of the buyer's way; the page says so plainly.
      return surface === 'account-page'
        ? section('Refer a friend', [paragraph('This shop has no referral programme at the moment.')])
        : { tag: 's-stack', children: [] };
    case 'guest':
      return section(summary.offer.headline, [
        ...offerLines(summary.offer),
        {
          tag: 's-button',
          props: { href: summary.joinUrl, target: '_blank', variant: 'primary' },
          text: 'Get my referral link',
        },
      ]);
    case 'not_enrolled':
      return section(summary.offer.headline, joinForm(summary.offer, state));
    case 'advocate':
      return section(
        surface === 'account-page' ? 'Refer a friend' : summary.offer.headline,
        advocateBody(summary, surface),
      );
  }
}
