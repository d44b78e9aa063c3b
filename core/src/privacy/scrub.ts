// Pure helpers for redaction. A person's identifying strings get copied into free text and stored
// JSON (attribution reasons, review notes, audit snapshots, order signals); nulling the columns
// that hold them is not enough, so every related row is rewritten with them replaced.

export const REDACTED = '[redacted]';

export type ScrubTerms = {
  /** Replaced wherever they occur, ignoring case: emails, visitor ids, IP hashes, address keys. */
  anywhere: readonly string[];
  /** Referral codes, also as shoppers type them: any case, with spaces or dashes ("Alice-10"). */
  codes?: readonly string[];
  /** Replaced as whole words only, ignoring case: first names ("Al" must not eat "Albert"). */
  words?: readonly string[];
};

export type Scrubber = {
  text(value: string): string;
  /** A deep copy with every string value scrubbed; numbers, booleans, keys and nulls are kept. */
  json(value: unknown): unknown;
};

// Shorter strings than these would match by accident far more often than they identify anyone.
const MIN_ANYWHERE = 4;
const MIN_WORD = 2;

const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function buildScrubber(terms: ScrubTerms): Scrubber {
  const unique = (values: readonly string[], min: number) =>
    [...new Set(values.map((v) => v.trim()).filter((v) => v.length >= min))]
      // Longest first, so a term that contains another is replaced whole.
      .sort((a, b) => b.length - a.length);
  const alternatives = [
    ...unique(terms.anywhere, MIN_ANYWHERE).map(escapeRegExp),
    ...unique(terms.codes ?? [], MIN_ANYWHERE).map((code) => [...code].map(escapeRegExp).join('[\\s-]*')),
    ...unique(terms.words ?? [], MIN_WORD).map(
      (word) => `(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`,
    ),
  ];
  const pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'giu') : null;
  const text = (value: string): string => (pattern ? value.replace(pattern, REDACTED) : value);
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(json);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, json(v)]));
    }
    return value;
  };
  return { text, json };
}

/** True when scrubbing changed something: only changed rows are written (and counted). */
export const changed = (before: unknown, after: unknown): boolean =>
  JSON.stringify(before) !== JSON.stringify(after);

/** What a redacted inbox payload becomes: enough to see that it was redacted, and when. */
export const redactedPayload = (at: Date) => ({ redacted: true, redactedAt: at.toISOString() });

// Keys under which platform payloads carry contact details we never matched on (a phone number,
// a street address): their values go whole, whatever they hold.
const PERSONAL_KEY = /^(?:phone|email|(?:first|last)_?name|name|address\d?|\w+_address)$/i;

/** A deep copy with the values of contact-detail keys (phone, email, name, address) redacted. */
export function redactPersonalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPersonalKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      PERSONAL_KEY.test(key) && v !== null ? REDACTED : redactPersonalKeys(v),
    ]),
  );
}

export const isRedactedPayload = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && (value as { redacted?: unknown }).redacted === true;
