// Creating or editing a programme: who gets what, tiers, eligibility, hold, caps, fraud thresholds
// and when the new version applies; checked as they type (the same rules the server applies) and
// described in words beside the form.
import type { ProgramRules } from '@referrals/shopify-app/admin-contract';
import { programFraudRuleTypes } from '@referrals/shopify-app/admin-contract';
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  FormLayout,
  InlineStack,
  Layout,
  PageActions,
  Text,
  TextField,
} from '@shopify/polaris';
import { useMemo, useState } from 'react';
import { fraudRuleLabels } from './describe-rules.js';
import {
  effectiveFromOf,
  type FieldErrors,
  newTier,
  type ProgramDraft,
  rulesFromDraft,
  todayIso,
} from './program-draft.js';
import { ProgramPreview } from './program-preview.js';
import { currencySymbol, RewardFields } from './reward-fields.js';

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
  const symbol = currencySymbol(currency, locale);
  const moneyField = (label: string, key: keyof ProgramDraft, path: string, helpText?: string) => (
    <TextField
      label={label}
      autoComplete="off"
      inputMode="decimal"
      prefix={symbol}
      value={draft[key] as string}
      onChange={(v) => set(key, v as never)}
      error={shownErrors[path]}
      {...(helpText ? { helpText } : {})}
    />
  );
  const wholeField = (
    label: string,
    key: keyof ProgramDraft,
    path: string,
    suffix?: string,
    helpText?: string,
  ) => (
    <TextField
      label={label}
      autoComplete="off"
      inputMode="numeric"
      value={draft[key] as string}
      onChange={(v) => set(key, v as never)}
      error={shownErrors[path]}
      {...(suffix ? { suffix } : {})}
      {...(helpText ? { helpText } : {})}
    />
  );

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
            <Card>
              <BlockStack gap="400">
                <ChoiceList
                  title="Who gets a reward"
                  choices={[
                    { label: 'The friend and the advocate', value: 'both' },
                    { label: 'Only the friend', value: 'friend' },
                    { label: 'Only the advocate', value: 'advocate' },
                  ]}
                  selected={[draft.sides]}
                  onChange={([sides]) => set('sides', (sides ?? 'both') as ProgramDraft['sides'])}
                  error={
                    shownErrors['rules.advocateReward'] === 'Reward the advocate, the friend, or both.'
                      ? shownErrors['rules.advocateReward']
                      : undefined
                  }
                />
                {draft.sides !== 'advocate' ? (
                  <RewardFields
                    label="Friend reward"
                    value={draft.friend}
                    onChange={(v) => set('friend', v)}
                    path="rules.friendReward"
                    errors={shownErrors}
                    currency={currency}
                    locale={locale}
                  />
                ) : null}
                {draft.sides !== 'friend' ? (
                  <RewardFields
                    label="Advocate reward"
                    value={draft.advocate}
                    onChange={(v) => set('advocate', v)}
                    path="rules.advocateReward"
                    errors={shownErrors}
                    currency={currency}
                    locale={locale}
                  />
                ) : null}
              </BlockStack>
            </Card>
            {draft.sides !== 'friend' ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Tiers
                  </Text>
                  <Text as="p" tone="subdued">
                    A bonus for advocates when they reach a number of successful referrals.
                  </Text>
                  {draft.tiers.map((tier, i) => (
                    <Box key={tier.key} paddingBlockEnd="200">
                      <BlockStack gap="200">
                        <TextField
                          label={`Tier ${i + 1}: at successful referral number`}
                          autoComplete="off"
                          inputMode="numeric"
                          value={tier.atReferral}
                          onChange={(v) =>
                            set(
                              'tiers',
                              draft.tiers.map((t) => (t.key === tier.key ? { ...t, atReferral: v } : t)),
                            )
                          }
                          error={shownErrors[`rules.tiers.${i}.atReferral`] ?? shownErrors['rules.tiers']}
                        />
                        <RewardFields
                          label={`Tier ${i + 1} bonus`}
                          value={tier.bonus}
                          onChange={(bonus) =>
                            set(
                              'tiers',
                              draft.tiers.map((t) => (t.key === tier.key ? { ...t, bonus } : t)),
                            )
                          }
                          path={`rules.tiers.${i}.bonus`}
                          errors={shownErrors}
                          currency={currency}
                          locale={locale}
                        />
                        <InlineStack>
                          <Button
                            variant="plain"
                            tone="critical"
                            onClick={() =>
                              set(
                                'tiers',
                                draft.tiers.filter((t) => t.key !== tier.key),
                              )
                            }
                          >
                            {`Remove tier ${i + 1}`}
                          </Button>
                        </InlineStack>
                      </BlockStack>
                    </Box>
                  ))}
                  <InlineStack>
                    <Button onClick={() => set('tiers', [...draft.tiers, newTier()])}>Add tier</Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Who counts as a referral
                </Text>
                <FormLayout>
                  <Checkbox
                    label="New customers only"
                    helpText="A friend who has ordered before earns nobody a reward."
                    checked={draft.newCustomersOnly}
                    onChange={(v) => set('newCustomersOnly', v)}
                  />
                  <FormLayout.Group>
                    {moneyField(
                      'Minimum order',
                      'minimumOrder',
                      'rules.eligibility.minimumOrderMinor',
                      'Leave empty for any amount.',
                    )}
                    {wholeField(
                      'Attribution window',
                      'windowDays',
                      'rules.eligibility.attributionWindowDays',
                      'days',
                      'How long after clicking a link an order still counts.',
                    )}
                  </FormLayout.Group>
                  <ChoiceList
                    title="When a friend clicked several advocates’ links"
                    choices={[
                      { label: 'The last link they clicked wins (last touch)', value: 'last_touch' },
                      { label: 'The first link they clicked wins (first touch)', value: 'first_touch' },
                    ]}
                    selected={[draft.attributionModel]}
                    onChange={([v]) =>
                      set('attributionModel', (v ?? 'last_touch') as ProgramDraft['attributionModel'])
                    }
                  />
                </FormLayout>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Hold and limits
                </Text>
                <FormLayout>
                  {wholeField(
                    'Hold rewards for',
                    'holdDays',
                    'rules.holdDays',
                    'days',
                    'Rewards wait this long after the order, so returns can cancel them.',
                  )}
                  <FormLayout.Group>
                    {wholeField(
                      'Most rewards per advocate a month',
                      'monthlyCount',
                      'rules.caps.perAdvocatePerMonth.count',
                    )}
                    {moneyField(
                      'Most reward value per advocate a month',
                      'monthlyAmount',
                      'rules.caps.perAdvocatePerMonth.amountMinor',
                    )}
                  </FormLayout.Group>
                  <FormLayout.Group>
                    {wholeField(
                      'Most rewards per advocate in total',
                      'lifetimeCount',
                      'rules.caps.lifetime.count',
                    )}
                    {moneyField(
                      'Most reward value per advocate in total',
                      'lifetimeAmount',
                      'rules.caps.lifetime.amountMinor',
                    )}
                  </FormLayout.Group>
                  <Text as="p" tone="subdued">
                    Leave a limit empty for no limit.
                  </Text>
                </FormLayout>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Fraud checks
                </Text>
                <FormLayout>
                  <FormLayout.Group>
                    {wholeField(
                      'Review referrals scoring at least',
                      'reviewAt',
                      'rules.fraud.reviewAt',
                      'of 100',
                    )}
                    {wholeField(
                      'Reject referrals scoring at least',
                      'rejectAt',
                      'rules.fraud.rejectAt',
                      'of 100',
                    )}
                  </FormLayout.Group>
                  {programFraudRuleTypes.map((type) => (
                    <Checkbox
                      key={type}
                      label={fraudRuleLabels[type]}
                      checked={draft.fraudEnabled[type]}
                      onChange={(on) => set('fraudEnabled', { ...draft.fraudEnabled, [type]: on })}
                    />
                  ))}
                </FormLayout>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <ChoiceList
                  title="When these rules apply"
                  choices={[
                    { label: 'Now', value: 'now' },
                    {
                      label: 'From a later day',
                      value: 'later',
                      helpText: 'Gives you time to tell your advocates about the change before it applies.',
                    },
                  ]}
                  selected={[draft.schedule]}
                  onChange={([v]) => set('schedule', (v ?? 'now') as ProgramDraft['schedule'])}
                />
                {draft.schedule === 'later' ? (
                  <TextField
                    label="Applies from"
                    type="date"
                    autoComplete="off"
                    min={todayIso()}
                    value={draft.effectiveDate}
                    onChange={(v) => set('effectiveDate', v)}
                    error={shownErrors.effectiveFrom}
                  />
                ) : null}
              </BlockStack>
            </Card>
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
