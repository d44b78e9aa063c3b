import { DomainError } from '../errors.js';

/**
 * How a mailbox provider routes aliases to one inbox. `+tag` is stripped for every domain (it is
 * near-universal and costs nothing when wrong); this map only lists what goes further.
 */
type ProviderRule = {
  /** The domain the provider's addresses are folded to (googlemail.com -> gmail.com). */
  canonicalDomain?: string;
  /** Dots in the local part are ignored by the provider (j.doe == jdoe). */
  ignoreDots?: boolean;
  /** Extra separators after which the provider ignores the rest of the local part. */
  extraSeparators?: readonly string[];
};

const gmail: ProviderRule = { canonicalDomain: 'gmail.com', ignoreDots: true };
const plusOnly: ProviderRule = {};

/** Known providers. Listed even when plus-only, so the supported set is documented in one place. */
const providers: Readonly<Record<string, ProviderRule>> = {
  'gmail.com': gmail,
  'googlemail.com': gmail,
  'outlook.com': plusOnly,
  'hotmail.com': plusOnly,
  'live.com': plusOnly,
  // Yahoo's disposable addresses are `base-keyword@yahoo.com`.
  'yahoo.com': { extraSeparators: ['-'] },
  'icloud.com': plusOnly,
  'me.com': plusOnly,
  'fastmail.com': plusOnly,
  'protonmail.com': plusOnly,
  'proton.me': plusOnly,
};

// Deliberately ASCII-only and unquoted: plausible consumer addresses, not all of RFC 5322.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const isPlausibleDomain = (domain: string): boolean => {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  const tld = labels.at(-1) ?? '';
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && TLD.test(tld);
};

const cutAt = (value: string, separator: string): string => {
  const index = value.indexOf(separator);
  return index === -1 ? value : value.slice(0, index);
};

/**
 * The canonical form of an email address, used to recognise one person behind several spellings
 * (self-referrals, duplicate friends). Returns null when the input is not a plausible address.
 * The result is an identity key, not a deliverable address: never send mail to it.
 */
export function normalizeEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.indexOf('@') !== at) return null;
  let local = value.slice(0, at);
  let domain = value.slice(at + 1).replace(/\.$/, '');
  if (local.length > 64 || !LOCAL_PART.test(local) || !isPlausibleDomain(domain)) return null;

  const rule = providers[domain];
  local = cutAt(local, '+');
  for (const separator of rule?.extraSeparators ?? []) local = cutAt(local, separator);
  if (rule?.ignoreDots) local = local.replaceAll('.', '');
  domain = rule?.canonicalDomain ?? domain;

  // `+tag@x.com` or `.x` leftovers: nothing identifying is left.
  if (local === '' || !LOCAL_PART.test(local)) return null;
  return `${local}@${domain}`;
}

/** The domain of an address returned by `normalizeEmail`. */
export function emailDomain(normalized: string): string {
  const at = normalized.lastIndexOf('@');
  if (at === -1)
    throw new DomainError('VALIDATION', 'Not a normalized email address', {
      details: { value: normalized },
    });
  return normalized.slice(at + 1);
}
