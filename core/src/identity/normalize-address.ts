export type AddressInput = {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  zip?: string | null;
  countryCode?: string | null;
};

/**
 * Words folded to one spelling, so "12 Oak Street, Apartment 4" and "12 oak st #4" compare equal.
 * Every unit designator folds to `apt`: the same door written as "Suite 4" or "Unit 4" is the same
 * place for a fraud check.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  street: 'st',
  str: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  boulevard: 'blvd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  square: 'sq',
  terrace: 'ter',
  circle: 'cir',
  highway: 'hwy',
  parkway: 'pkwy',
  crescent: 'cres',
  close: 'cl',
  apartment: 'apt',
  unit: 'apt',
  suite: 'apt',
  ste: 'apt',
  flat: 'apt',
  floor: 'fl',
  building: 'bldg',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** Lowercase, drop accents, turn punctuation into spaces, collapse whitespace. */
const clean = (value: string | null | undefined): string =>
  (value ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/#/g, ' apt ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => ABBREVIATIONS[word] ?? word)
    // "Apt #4" became "apt apt 4".
    .filter((word, index, words) => !(word === 'apt' && words[index - 1] === 'apt'))
    .join(' ');

const cleanZip = (zip: string | null | undefined, country: string): string => {
  const compact = (zip ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  // A US ZIP+4 and its 5-digit ZIP name the same delivery area.
  return country === 'us' && /^\d{9}$/.test(compact) ? compact.slice(0, 5) : compact;
};

/**
 * A canonical key for a postal address, so two spellings of the same address compare equal.
 * Returns null when there is neither a street line nor a postal code to compare.
 */
export function normalizeAddress(address: AddressInput): string | null {
  const country = clean(address.countryCode);
  const street = clean([address.line1, address.line2].filter(Boolean).join(' '));
  const zip = cleanZip(address.zip, country);
  if (clean(address.line1) === '' && zip === '') return null;
  return [street, clean(address.city), zip, country].join('|');
}
