// Money is integer minor units + currency everywhere; this is the one place it becomes text, in
// the shop's currency and the browser's locale (JPY has no decimals, KWD three).
const exponents = new Map<string, number>();

export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent =
      currency === 'PTS'
        ? 0
        : (new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
            .maximumFractionDigits ?? 2);
    exponents.set(currency, exponent);
  }
  return exponent;
}

export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  if (currency === 'PTS') return `${new Intl.NumberFormat(locale).format(amountMinor)} points`;
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 10 ** exponent);
}

/** "12.50" typed into a field -> 1250 minor units; null when it is not an amount. */
export function parseMoneyInput(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const normalized = text.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(normalized)) return null;
  const [whole, fraction = ''] = normalized.split('.');
  if (fraction.length > exponent) return null;
  return Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
}
