// What every card of the programme form shares: the draft, its setter, the errors to show, and
// the money and whole-number fields most cards are made of.
import { TextField } from '@shopify/polaris';
import type { FieldErrors, ProgramDraft } from './program-draft.js';
import { currencySymbol } from './reward-fields.js';

/** The part of the form a card edits; `errors` are the ones to show now, keyed by request path. */
export type DraftForm = {
  draft: ProgramDraft;
  set: <K extends keyof ProgramDraft>(key: K, value: ProgramDraft[K]) => void;
  errors: FieldErrors;
};

/** Money is entered in the shop's currency, written the locale's way. */
export type FormFormats = { currency: string; locale?: string | undefined };

type FieldProps = {
  form: DraftForm;
  label: string;
  field: keyof ProgramDraft;
  path: string;
  helpText?: string;
};

export function MoneyField({
  form,
  label,
  field,
  path,
  helpText,
  currency,
  locale,
}: FieldProps & FormFormats) {
  return (
    <TextField
      label={label}
      autoComplete="off"
      inputMode="decimal"
      prefix={currencySymbol(currency, locale)}
      value={form.draft[field] as string}
      onChange={(v) => form.set(field, v as never)}
      error={form.errors[path]}
      {...(helpText ? { helpText } : {})}
    />
  );
}

export function WholeField({ form, label, field, path, suffix, helpText }: FieldProps & { suffix?: string }) {
  return (
    <TextField
      label={label}
      autoComplete="off"
      inputMode="numeric"
      value={form.draft[field] as string}
      onChange={(v) => form.set(field, v as never)}
      error={form.errors[path]}
      {...(suffix ? { suffix } : {})}
      {...(helpText ? { helpText } : {})}
    />
  );
}
