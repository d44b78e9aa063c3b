// What one side (or a tier) receives: the kind, for store credit and gift cards fixed or a share of
// the order, and the value in the shop's currency, in percent or in points.
import type { ProgramRewardKind } from '@referrals/shopify-app/admin-contract';
import { FormLayout, Select, TextField } from '@shopify/polaris';
import type { FieldErrors, RewardDraft } from './program-draft.js';

export const rewardKindOptions: { label: string; value: ProgramRewardKind }[] = [
  { label: 'Percentage discount', value: 'percent_discount' },
  { label: 'Fixed amount off', value: 'fixed_discount' },
  { label: 'Store credit', value: 'store_credit' },
  { label: 'Gift card', value: 'gift_card' },
  { label: 'Points', value: 'points' },
];

/** The currency's symbol as the locale writes it ("$", "€", "¥"). */
export function currencySymbol(currency: string, locale?: string): string {
  const part = new Intl.NumberFormat(locale, { style: 'currency', currency })
    .formatToParts(0)
    .find((p) => p.type === 'currency');
  return part?.value ?? currency;
}

type Props = {
  label: string;
  value: RewardDraft;
  onChange: (next: RewardDraft) => void;
  /** The request path of this reward ("rules.friendReward"). */
  path: string;
  errors: FieldErrors;
  currency: string;
  locale?: string | undefined;
};

export function RewardFields({ label, value, onChange, path, errors, currency, locale }: Props) {
  const usesPercent =
    value.kind === 'percent_discount' ||
    ((value.kind === 'store_credit' || value.kind === 'gift_card') && value.basis === 'percent');
  const valuePath =
    value.kind === 'points' ? `${path}.points` : usesPercent ? `${path}.bps` : `${path}.amountMinor`;
  const hasBasis = value.kind === 'store_credit' || value.kind === 'gift_card';
  return (
    <FormLayout>
      <FormLayout.Group condensed>
        <Select
          label={`${label}: type`}
          options={rewardKindOptions}
          value={value.kind}
          onChange={(kind) =>
            onChange({
              ...value,
              kind: kind as ProgramRewardKind,
              basis:
                kind === 'percent_discount' ? 'percent' : kind === 'fixed_discount' ? 'fixed' : value.basis,
            })
          }
        />
        {hasBasis ? (
          <Select
            label={`${label}: worth`}
            options={[
              { label: 'A fixed amount', value: 'fixed' },
              { label: 'A share of the order', value: 'percent' },
            ]}
            value={value.basis}
            onChange={(basis) => onChange({ ...value, basis: basis as RewardDraft['basis'] })}
          />
        ) : null}
        <TextField
          label={
            value.kind === 'points'
              ? `${label}: points`
              : usesPercent
                ? `${label}: percentage`
                : `${label}: amount`
          }
          autoComplete="off"
          inputMode="decimal"
          value={value.value}
          onChange={(text) => onChange({ ...value, value: text })}
          {...(usesPercent
            ? { suffix: '%' }
            : value.kind === 'points'
              ? { suffix: 'points' }
              : { prefix: currencySymbol(currency, locale) })}
          error={errors[valuePath] ?? errors[path]}
        />
      </FormLayout.Group>
    </FormLayout>
  );
}
