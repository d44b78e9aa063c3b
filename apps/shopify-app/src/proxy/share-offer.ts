// What an advocate shares: the offer as a headline ("Give 15%, get $10"), a ready-made message
// that states the friend's offer in the shop's currency and discloses the advocate's reward (as the
// rules on incentivised endorsements expect), and the share links built from it. Plain functions of
// the programme version in force; the dashboard and the share block's JSON both use them.
import { minorToDecimal, POINTS_CURRENCY, type ProgramRules, type RewardSpec } from '@referrals/core';
import {
  describeFriendOffer,
  describeRewardSpec,
  formatMoney,
  formatPercent,
  formatPoints,
} from './format.js';

/** Whole amounts without cents ("$10"), others exact ("$12.50"): a headline reads at a glance. */
export function formatMoneyShort(amountMinor: number, currency: string): string {
  if (currency === POINTS_CURRENCY) return formatPoints(amountMinor);
  const decimal = minorToDecimal(amountMinor, currency);
  if (!/\.0*[1-9]/.test(decimal)) {
    const whole = decimal.split('.')[0] as `${number}`;
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      whole,
    );
  }
  return formatMoney(amountMinor, currency);
}

/** A reward in two or three words, for the headline: "15%", "$10", "a $25 gift card". */
function shortGift(spec: RewardSpec, currency: string): string {
  switch (spec.kind) {
    case 'percent_discount':
      return formatPercent(spec.bps);
    case 'fixed_discount':
      return formatMoneyShort(spec.amountMinor, currency);
    case 'store_credit':
      return spec.amountMinor !== undefined
        ? formatMoneyShort(spec.amountMinor, currency)
        : `${formatPercent(spec.bps!)} back`;
    case 'gift_card':
      return spec.amountMinor !== undefined
        ? `a ${formatMoneyShort(spec.amountMinor, currency)} gift card`
        : 'a gift card';
    case 'points':
      return formatPoints(spec.points);
  }
}

/** "Give 15%, get $10"; one side only when the programme rewards one side. */
export function offerHeadline(rules: ProgramRules, currency: string): string {
  const give = rules.friendReward ? shortGift(rules.friendReward, currency) : null;
  const get = rules.advocateReward ? shortGift(rules.advocateReward, currency) : null;
  if (give && get) return `Give ${give}, get ${get}`;
  if (give) return `Give your friends ${give}`;
  if (get) return `Get ${get} for each friend you refer`;
  return 'Share your link with friends';
}

export type ShareMessage = {
  /** The message without the link, e.g. for the email subject line or X's text. */
  text: string;
  /** The message followed by the link, for WhatsApp, SMS, email bodies and the share sheet. */
  withLink: string;
};

/**
 * "Here's 15% off your first order: LINK (I get $10.00 in store credit if you order.)", and the
 * same without the link for networks that take the link apart (X, the share sheet).
 * The disclosure is always there when the advocate earns something: it is not the advocate's to drop.
 */
export function shareMessage(rules: ProgramRules, currency: string, link: string): ShareMessage {
  const offer = describeFriendOffer(rules, currency);
  const invite = offer ? `Here's ${offer}` : 'Have a look at this shop';
  const disclosure = rules.advocateReward
    ? ` (I get ${describeRewardSpec(rules.advocateReward, currency)} if you order.)`
    : '';
  return { text: `${invite}.${disclosure}`, withLink: `${invite}: ${link}${disclosure}` };
}

export type ShareNetwork = 'whatsapp' | 'sms' | 'email' | 'x' | 'facebook';

/** Each network's share URL, every part URL-encoded. Facebook takes only the link. */
export function shareLinks(
  message: ShareMessage,
  link: string,
  subject: string,
): Record<ShareNetwork, string> {
  const enc = encodeURIComponent;
  return {
    whatsapp: `https://wa.me/?text=${enc(message.withLink)}`,
    // `sms:?&body=` is the form both iOS and Android read.
    sms: `sms:?&body=${enc(message.withLink)}`,
    email: `mailto:?subject=${enc(subject)}&body=${enc(message.withLink)}`,
    x: `https://twitter.com/intent/tweet?text=${enc(message.text)}&url=${enc(link)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${enc(link)}`,
  };
}

export type ShareView = {
  headline: string;
  link: string;
  code: string;
  message: ShareMessage;
  links: Record<ShareNetwork, string>;
};

/** Everything the dashboard and the share block show for one advocate's link. */
export function advocateShare(rules: ProgramRules, currency: string, code: string, link: string): ShareView {
  const message = shareMessage(rules, currency, link);
  const offer = describeFriendOffer(rules, currency);
  const subject = offer ? `A gift for you: ${offer}` : 'Have a look at this shop';
  return {
    headline: offerHeadline(rules, currency),
    link,
    code,
    message,
    links: shareLinks(message, link, subject),
  };
}
