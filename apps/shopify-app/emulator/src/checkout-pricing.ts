// How the emulator checkout prices order discounts: an orderDiscountsAdd operation's candidate
// (its conditions, FIRST or MAXIMUM), percentages without floats, and which discounts combine.
import type { FunctionCart } from './function-runner.js';
import { toDecimal, toMinor } from './model.js';

/** An order discount's value as priced on this cart. */
export type PricedDiscount = {
  message: string | null;
  valueType: 'percentage' | 'fixed_amount';
  /** The percentage ("15") or the amount ("10.00"). */
  value: string;
  amountMinor: number;
};

type OrderCandidate = {
  targets: { orderSubtotal?: { excludedCartLineIds: string[] } | null }[];
  value: { percentage?: { value: string | number } | null; fixedAmount?: { amount: string | number } | null };
  conditions?: Condition[] | null;
  message?: string | null;
};
export type OrderDiscountsAdd = { selectionStrategy: 'FIRST' | 'MAXIMUM'; candidates: OrderCandidate[] };
type Condition = {
  orderMinimumSubtotal?: { excludedCartLineIds: string[]; minimumAmount: string | number } | null;
  cartLineMinimumSubtotal?: { ids: string[]; minimumAmount: string | number } | null;
  cartLineMinimumQuantity?: { ids: string[]; minimumQuantity: number } | null;
};

const lineTotal = (l: FunctionCart['lines'][number]) => l.unitMinor * l.quantity;
const sumLines = (lines: FunctionCart['lines'], keep: (id: string) => boolean) =>
  lines.filter((l) => keep(l.id)).reduce((sum, l) => sum + lineTotal(l), 0);

function conditionMet(condition: Condition, lines: FunctionCart['lines']): boolean {
  if (condition.orderMinimumSubtotal) {
    const excluded = new Set(condition.orderMinimumSubtotal.excludedCartLineIds);
    return (
      sumLines(lines, (id) => !excluded.has(id)) >=
      toMinor(String(condition.orderMinimumSubtotal.minimumAmount))
    );
  }
  if (condition.cartLineMinimumSubtotal) {
    const ids = new Set(condition.cartLineMinimumSubtotal.ids);
    return (
      sumLines(lines, (id) => ids.has(id)) >= toMinor(String(condition.cartLineMinimumSubtotal.minimumAmount))
    );
  }
  if (condition.cartLineMinimumQuantity) {
    const ids = new Set(condition.cartLineMinimumQuantity.ids);
    const quantity = lines.filter((l) => ids.has(l.id)).reduce((sum, l) => sum + l.quantity, 0);
    return quantity >= condition.cartLineMinimumQuantity.minimumQuantity;
  }
  return true;
}

/** `percent` ("12.5") of `baseMinor`, to the nearest minor unit (half up), without floats. */
export function percentOf(baseMinor: number, percent: string): number {
  const [whole = '0', fraction = ''] = percent.split('.');
  const scale = 10 ** fraction.length;
  const numerator = BigInt(baseMinor) * BigInt(`${whole}${fraction}`);
  const denominator = BigInt(scale * 100);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** The candidate an orderDiscountsAdd operation applies: the first or the largest whose conditions hold. */
export function pickOrderCandidate(
  op: OrderDiscountsAdd,
  lines: FunctionCart['lines'],
): PricedDiscount | null {
  const priced = op.candidates
    .filter((c) => (c.conditions ?? []).every((condition) => conditionMet(condition, lines)))
    .map((c) => {
      const excluded = new Set(c.targets.flatMap((t) => t.orderSubtotal?.excludedCartLineIds ?? []));
      const base = sumLines(lines, (id) => !excluded.has(id));
      const percentage = c.value.percentage ? String(c.value.percentage.value) : null;
      const fixed = c.value.fixedAmount ? toMinor(String(c.value.fixedAmount.amount)) : null;
      return {
        message: c.message ?? null,
        valueType: percentage !== null ? ('percentage' as const) : ('fixed_amount' as const),
        value: percentage ?? toDecimal(fixed ?? 0),
        amountMinor: percentage !== null ? percentOf(base, percentage) : Math.min(base, fixed ?? 0),
      };
    });
  if (priced.length === 0) return null;
  if (op.selectionStrategy === 'FIRST') return priced[0]!;
  return priced.reduce((best, c) => (c.amountMinor > best.amountMinor ? c : best));
}

/** Best first; a discount joins only if it and every one already in allow combining order discounts. */
export function combine<T extends PricedDiscount & { combinesWith: { orderDiscounts: boolean } }>(
  candidates: T[],
): T[] {
  const chosen: T[] = [];
  for (const c of [...candidates].sort((a, b) => b.amountMinor - a.amountMinor)) {
    if (c.amountMinor <= 0) continue;
    const fits = chosen.every((d) => d.combinesWith.orderDiscounts && c.combinesWith.orderDiscounts);
    if (fits) chosen.push(c);
  }
  return chosen;
}
