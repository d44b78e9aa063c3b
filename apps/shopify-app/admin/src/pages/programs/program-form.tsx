// Creating or editing a programme: who gets what, tiers, eligibility, hold, caps, fraud thresholds
// and when the new version applies; checked as they type (the same rules the server applies) and
// described in words beside the form.
import type { ProgramRules } from '@referrals/shopify-app/admin-contract';
import { Banner, BlockStack, Card, Layout, PageActions, Text, TextField } from '@shopify/polaris';
import { useMemo, useState } from 'react';
import { effectiveFromOf, type FieldErrors, type ProgramDraft, rulesFromDraft } from './program-draft.js';
import { EligibilityCard } from './program-form-eligibility.js';
import type { DraftForm } from './program-form-fields.js';
import { FraudChecksCard } from './program-form-fraud.js';
import { HoldAndLimitsCard } from './program-form-limits.js';
import { RewardSidesCard } from './program-form-rewards.js';
import { ScheduleCard } from './program-form-schedule.js';
import { TiersCard } from './program-form-tiers.js';
import { ProgramPreview } from './program-preview.js';

export type ProgramFormValues = { name: string; rules: ProgramRules; effectiveFrom: string | null };

type Props = {
  initial: ProgramDraft;
  currency: string;
  locale?: string | undefined;
  /** New programmes ask for a name; versions keep the programme's. */
  askName: boolean;
  submitLabel: string;
  pending: boolean;
  /** The server's field errors from the last attempt, keyed by request path. */
  serverErrors?: Record<string, string[]> | undefined;
  /** The server's message when it refused the last attempt. */
  serverMessage?: string | undefined;
  /** Rules already in force: the form won't publish an identical version. */
  unchangedFrom?: ProgramRules | undefined;
  onSubmit: (values: ProgramFormValues) => void;
  onCancel?: () => void;
};

export function ProgramForm(props: Props) {
  const { currency, locale, serverErrors } = props;
  const [draft, setDraft] = useState(props.initial);
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<Set<keyof ProgramDraft>>(new Set());
  const { rules, errors } = useMemo(() => rulesFromDraft(draft, currency), [draft, currency]);
  const formats = { currency, locale };

  const set = <K extends keyof ProgramDraft>(key: K, value: ProgramDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setTouched((t) => new Set(t).add(key));
  };
  // Inline errors show once a field (or its section) was edited, or after a first submit; the
  // server's answer shows until the field changes.
  const shownErrors: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (submitted || touchedPath(path, touched)) shownErrors[path] = message;
  }
  for (const [path, messages] of Object.entries(serverErrors ?? {})) {
    if (!touchedPath(path, touched) && messages[0]) shownErrors[path] ??= messages[0];
  }
  if (!props.askName) delete shownErrors.name;
  const errorCount = Object.keys(errors).filter((k) => props.askName || k !== 'name').length;
  const unchanged =
    props.unchangedFrom !== undefined && stableJson(props.unchangedFrom) === stableJson(rules);

  const submit = () => {
    setSubmitted(true);
    setTouched(new Set());
    if (errorCount > 0 || unchanged) return;
    props.onSubmit({ name: draft.name.trim(), rules, effectiveFrom: effectiveFromOf(draft) });
  };
  const form: DraftForm = { draft, set, errors: shownErrors };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {submitted && errorCount > 0 ? (
              <Banner tone="critical" title="Some fields need your attention">
                <p>Fix the highlighted fields, then try again.</p>
              </Banner>
            ) : props.serverMessage ? (
              <Banner tone="critical" title="The programme could not be saved">
                <p>{props.serverMessage}</p>
              </Banner>
            ) : null}
            {props.askName ? (
              <Card>
                <TextField
                  label="Programme name"
                  autoComplete="off"
                  value={draft.name}
                  onChange={(v) => set('name', v)}
                  error={shownErrors.name}
                  helpText="Only you and your staff see this."
                />
              </Card>
            ) : null}
            <RewardSidesCard form={form} {...formats} />
            {draft.sides !== 'friend' ? <TiersCard form={form} {...formats} /> : null}
            <EligibilityCard form={form} {...formats} />
            <HoldAndLimitsCard form={form} {...formats} />
            <FraudChecksCard form={form} />
            <ScheduleCard form={form} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <ProgramPreview rules={rules} formats={formats} />
        </Layout.Section>
        <Layout.Section>
          {unchanged ? (
            <Text as="p" tone="subdued" alignment="end">
              Change a rule to publish a new version.
            </Text>
          ) : null}
          <PageActions
            primaryAction={{
              content: props.submitLabel,
              onAction: submit,
              loading: props.pending,
              disabled: props.pending || unchanged,
            }}
            {...(props.onCancel
              ? {
                  secondaryActions: [
                    { content: 'Cancel', onAction: props.onCancel, disabled: props.pending },
                  ],
                }
              : {})}
          />
        </Layout.Section>
      </Layout>
    </form>
  );
}

/** Which draft key a request path belongs to, so editing a field clears its server error. */
function touchedPath(path: string, touched: Set<keyof ProgramDraft>): boolean {
  const owners: [RegExp, (keyof ProgramDraft)[]][] = [
    [/^name$/, ['name']],
    [/^rules\.friendReward/, ['friend', 'sides']],
    [/^rules\.advocateReward/, ['advocate', 'sides']],
    [/^rules\.tiers/, ['tiers']],
    [/^rules\.eligibility\.minimumOrderMinor/, ['minimumOrder']],
    [/^rules\.eligibility\.attributionWindowDays/, ['windowDays']],
    [/^rules\.holdDays/, ['holdDays']],
    [/^rules\.caps\.perAdvocatePerMonth\.count/, ['monthlyCount']],
    [/^rules\.caps\.perAdvocatePerMonth\.amountMinor/, ['monthlyAmount']],
    [/^rules\.caps\.lifetime\.count/, ['lifetimeCount']],
    [/^rules\.caps\.lifetime\.amountMinor/, ['lifetimeAmount']],
    [/^rules\.fraud\.(reviewAt|rejectAt)/, ['reviewAt', 'rejectAt']],
    [/^effectiveFrom/, ['schedule', 'effectiveDate']],
  ];
  return owners.some(([re, keys]) => re.test(path) && keys.some((k) => touched.has(k)));
}

/** JSON with keys sorted: the stored rules and the form's may list the same keys in another order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
