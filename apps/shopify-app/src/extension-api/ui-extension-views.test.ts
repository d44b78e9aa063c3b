// What the checkout and customer account extensions show for an advocate, a customer who has not
// joined, a guest and a shop without a programme, and what their share buttons send. Plain data
// from extensions/referral-thank-you/src/views.ts; the fixtures are parsed with the API's schema
// so the extension's type cannot drift from what the server sends.
import { describe, expect, test } from 'vitest';
import type { ReferralSummary } from '../../extensions/referral-thank-you/src/referral-summary.js';
import { shareTargets } from '../../extensions/referral-thank-you/src/referral-summary.js';
import { type Surface, type ViewNode, view } from '../../extensions/referral-thank-you/src/views.js';
import { referralSummarySchema } from './contract.js';

const offer = {
  headline: 'Share and give 15% off',
  friend: 'Your friend gets 15% off their first order.',
  advocate: 'You get $10.00 in store credit for each friend who places their first order.',
  gift: '15% off your first order',
};
const LINK = 'https://referrals.example.com/r/ADA15?shop=acme.myshopify.com';
const advocate: ReferralSummary = {
  state: 'advocate',
  offer,
  link: LINK,
  code: 'ADA15',
  referrals: [{ friend: 'Bea', status: 'Rewarded', date: 'Nov 2, 2026' }],
  rewards: [{ description: '$10.00 store credit', status: 'Pending', date: 'Nov 2, 2026' }],
  totals: [{ earned: '$0.00', pending: '$10.00' }],
};
const notEnrolled: ReferralSummary = { state: 'not_enrolled', offer };
const guest: ReferralSummary = {
  state: 'guest',
  offer,
  joinUrl: 'https://acme.myshopify.com/apps/referrals',
};

const ready = (summary: ReferralSummary, consent = false, busy = false) =>
  ({ kind: 'ready', summary, consent, busy }) as const;

/** Every node of the tree, depth first. */
const nodes = (node: ViewNode): ViewNode[] => [node, ...(node.children ?? []).flatMap(nodes)];
const texts = (node: ViewNode) => nodes(node).flatMap((n) => (n.text ? [n.text] : []));
const buttons = (node: ViewNode) => nodes(node).filter((n) => n.tag === 's-button');

test.each([advocate, notEnrolled, guest, { state: 'no_program' } as const])(
  'the %# fixture is what the API sends',
  (summary) => {
    expect(referralSummarySchema.parse(summary)).toEqual(summary);
  },
);

describe('an advocate', () => {
  test.each<Surface>(['thank-you', 'profile-block', 'account-page'])(
    'sees the link with a copy button on %s',
    (surface) => {
      const tree = view(surface, ready(advocate));
      const clip = nodes(tree).find((n) => n.tag === 's-clipboard-item');
      expect(clip?.props).toEqual({ id: 'referral-link', text: LINK });
      expect(buttons(tree).find((b) => b.text === 'Copy link')?.props).toMatchObject({
        command: '--copy',
        commandFor: 'referral-link',
      });
      expect(texts(tree)).toContain(LINK);
      expect(texts(tree)).toContain(offer.friend);
    },
  );

  test('the thank-you block is headed with the offer and counts the friends; the page lists history', () => {
    const block = view('thank-you', ready(advocate));
    expect(block.props).toEqual({ heading: 'Share and give 15% off' });
    expect(texts(block)).toContain('1 friend has ordered with your link.');
    expect(buttons(block).map((b) => b.text)).toEqual(['Copy link', 'WhatsApp', 'Text message', 'Email']);

    const page = view('account-page', ready(advocate));
    expect(texts(page)).toEqual(
      expect.arrayContaining([
        'Bea · Rewarded · Nov 2, 2026',
        '$10.00 store credit · Pending · Nov 2, 2026',
        'Earned $0.00, pending $10.00.',
      ]),
    );
    expect(buttons(page).map((b) => b.text)).toEqual([
      'Copy link',
      'WhatsApp',
      'Text message',
      'Email',
      'X',
      'Facebook',
    ]);
  });

  test('the profile block links to the full page; a switched-off link says so instead of a copy button', () => {
    const block = view('profile-block', ready(advocate));
    expect(nodes(block).find((n) => n.tag === 's-link')).toMatchObject({ props: { href: 'extension:/' } });
    const off = view('account-page', ready({ ...advocate, link: null, code: null }));
    expect(nodes(off).some((n) => n.tag === 's-clipboard-item')).toBe(false);
    expect(texts(off)).toContain(
      'Your referral link is switched off. Contact the shop if you think this is a mistake.',
    );
  });
});

describe('a customer who has not joined', () => {
  test('sees the offer, a consent box and a join button that stays off until they tick it', () => {
    const before = view('thank-you', ready(notEnrolled));
    expect(before.props).toEqual({ heading: 'Share and give 15% off' });
    expect(texts(before)).toEqual(expect.arrayContaining([offer.friend, offer.advocate]));
    expect(nodes(before).find((n) => n.tag === 's-checkbox')).toMatchObject({
      action: 'toggle-consent',
      props: { checked: false },
    });
    const join = () => buttons(before).find((b) => b.action === 'enroll');
    expect(join()?.props).toMatchObject({ disabled: true });
    expect(
      buttons(view('thank-you', ready(notEnrolled, true))).find((b) => b.action === 'enroll')?.props,
    ).toMatchObject({
      disabled: false,
      loading: false,
    });
    expect(
      buttons(view('thank-you', ready(notEnrolled, true, true))).find((b) => b.action === 'enroll')?.props,
    ).toMatchObject({
      disabled: true,
      loading: true,
    });
  });
});

describe('a guest', () => {
  test('sees the offer and a button to the storefront page where they can join; no consent form', () => {
    const tree = view('thank-you', ready(guest));
    expect(buttons(tree)).toEqual([
      expect.objectContaining({
        text: 'Get my referral link',
        props: expect.objectContaining({ href: guest.joinUrl }),
      }),
    ]);
    expect(nodes(tree).some((n) => n.tag === 's-checkbox')).toBe(false);
  });
});

test('without a programme the blocks render nothing and the page says why', () => {
  expect(view('thank-you', ready({ state: 'no_program' }))).toEqual({ tag: 's-stack', children: [] });
  expect(texts(view('account-page', ready({ state: 'no_program' })))).toEqual([
    'This shop has no referral programme at the moment.',
  ]);
});

test('a retryable error shows a banner with "Try again"', () => {
  const tree = view('thank-you', { kind: 'error', error: { message: 'Offline.', retry: true } });
  expect(nodes(tree).find((n) => n.tag === 's-banner')).toMatchObject({ props: { tone: 'critical' } });
  expect(buttons(tree)).toEqual([expect.objectContaining({ text: 'Try again', action: 'retry' })]);
});

test('each share button carries the offer, the link and the reward disclosure', () => {
  const message = `Here is 15% off your first order with my link: ${LINK} (I get a reward if you order.)`;
  const encoded = encodeURIComponent(message);
  expect(shareTargets(LINK, offer)).toEqual([
    { label: 'WhatsApp', href: `https://wa.me/?text=${encoded}` },
    { label: 'Text message', href: `sms:?&body=${encoded}` },
    { label: 'Email', href: `mailto:?subject=A%20gift%20for%20you&body=${encoded}` },
    { label: 'X', href: `https://x.com/intent/post?text=${encoded}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(LINK)}` },
  ]);
});
