import type { ProgramRules } from '@referrals/shopify-app/admin-contract';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { defaultRules, draftFromRules } from './program-draft.js';
import { ProgramForm, type ProgramFormValues } from './program-form.js';
import { renderWithPolaris } from './test-utils.js';

const inCoreOrder = (r: ProgramRules): ProgramRules => ({
  advocateReward: r.advocateReward,
  friendReward: r.friendReward,
  tiers: r.tiers,
  eligibility: r.eligibility,
  holdDays: r.holdDays,
  caps: r.caps,
  fraud: r.fraud,
});

const sentence = () => screen.getByTestId('program-preview-sentence').textContent;

function setup(
  options: { currency?: string; unchanged?: boolean; serverErrors?: Record<string, string[]> } = {},
) {
  const currency = options.currency ?? 'USD';
  const onSubmit = vi.fn<(values: ProgramFormValues) => void>();
  const rules = defaultRules(currency);
  renderWithPolaris(
    <ProgramForm
      initial={draftFromRules(rules, currency, options.unchanged ? 'Spring' : '')}
      currency={currency}
      locale="en-US"
      askName={!options.unchanged}
      submitLabel="Save"
      pending={false}
      // Stored rules list their keys in core's order, not the form's.
      unchangedFrom={options.unchanged ? inCoreOrder(rules) : undefined}
      serverErrors={options.serverErrors}
      onSubmit={onSubmit}
    />,
  );
  return { onSubmit, user: userEvent.setup() };
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const retype = async (user: ReturnType<typeof userEvent.setup>, label: string, text: string) => {
  await user.clear(field(label));
  if (text) await user.type(field(label), text);
};

describe('ProgramForm', () => {
  test('the preview describes the defaults and follows what the marketer types', async () => {
    const { user } = setup();
    expect(sentence()).toBe(
      'Your friend gets 15% off their first order; you get $10.00 store credit 14 days after their order.',
    );
    await retype(user, 'Friend reward: percentage', '20');
    await retype(user, 'Minimum order', '50');
    await retype(user, 'Hold rewards for', '0');
    expect(sentence()).toBe(
      'Your friend gets 20% off their first order over $50.00; you get $10.00 store credit right after their order.',
    );
    await user.click(screen.getByLabelText('Only the friend'));
    expect(sentence()).toBe('Your friend gets 20% off their first order over $50.00.');
    expect(screen.queryByLabelText('Advocate reward: amount')).toBeNull();
  });

  test('switching a reward to a gift card worth a share of the order', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByLabelText('Advocate reward: type'), 'gift_card');
    await user.selectOptions(screen.getByLabelText('Advocate reward: worth'), 'percent');
    await retype(user, 'Advocate reward: percentage', '12.5');
    expect(sentence()).toContain('you get a gift card worth 12.5% of the order 14 days after their order');
  });

  test('shows errors inline as they type and does not submit until they are fixed', async () => {
    const { user, onSubmit } = setup();
    await retype(user, 'Friend reward: percentage', '150');
    expect(screen.getByText('A percentage cannot be more than 100 %.')).toBeTruthy();
    await retype(user, 'Minimum order', '12.345');
    expect(screen.getByText('Enter an amount, like 10.00.')).toBeTruthy();
    await retype(user, 'Review referrals scoring at least', '90');
    expect(screen.getByText('The review score cannot be above the reject score.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Some fields need your attention')).toBeTruthy();
    // The name was never touched: its error shows once they tried to save.
    expect(screen.getByText('Give the programme a name.')).toBeTruthy();
  });

  test('submits rules in minor units and basis points, with tiers, caps and a later start', async () => {
    const { user, onSubmit } = setup();
    await user.type(field('Programme name'), 'Spring referrals');
    await retype(user, 'Friend reward: percentage', '20');
    await retype(user, 'Advocate reward: amount', '12.50');
    await user.click(screen.getByRole('button', { name: 'Add tier' }));
    await user.type(field('Tier 1: at successful referral number'), '5');
    await retype(user, 'Tier 1 bonus: amount', '25');
    await user.type(field('Most rewards per advocate a month'), '10');
    await user.type(field('Most reward value per advocate in total'), '500');
    await user.click(screen.getByLabelText('First link they clicked wins (first touch)', { exact: false }));
    await user.click(screen.getByLabelText('Friend uses a disposable email address'));
    await user.click(screen.getByLabelText('From a later day'));
    fireEvent.change(field('Applies from'), { target: { value: '2999-01-31' } });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSubmit).toHaveBeenCalledTimes(1);
    const values = onSubmit.mock.calls[0]![0];
    expect(values.name).toBe('Spring referrals');
    expect(values.effectiveFrom).toBe(new Date('2999-01-31T00:00:00').toISOString());
    expect(values.rules).toMatchObject({
      friendReward: { kind: 'percent_discount', bps: 2000 },
      advocateReward: { kind: 'store_credit', amountMinor: 1250 },
      tiers: [{ atReferral: 5, bonus: { kind: 'store_credit', amountMinor: 2500 } }],
      eligibility: { attributionModel: 'first_touch', newCustomersOnly: true, minimumOrderMinor: 0 },
      caps: { perAdvocatePerMonth: { count: 10 }, lifetime: { amountMinor: 50_000 } },
      fraud: { reviewAt: 50, rejectAt: 80, rules: { disposable_email: { enabled: false } } },
    });
  });

  test('amounts follow the shop currency: yen has no decimals', async () => {
    const { user, onSubmit } = setup({ currency: 'JPY' });
    expect(sentence()).toContain('you get ¥1,000 store credit');
    await user.type(field('Programme name'), 'Yen');
    await retype(user, 'Advocate reward: amount', '500');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit.mock.calls[0]![0].rules.advocateReward).toEqual({
      kind: 'store_credit',
      amountMinor: 500,
    });
  });

  test('an unchanged version cannot be published; server field errors show inline', async () => {
    const { user } = setup({
      unchanged: true,
      serverErrors: { 'rules.holdDays': ['Hold for at most 365 days.'] },
    });
    expect(screen.getByText('Change a rule to publish a new version.')).toBeTruthy();
    expect(screen.getByText('Hold for at most 365 days.')).toBeTruthy();
    await retype(user, 'Hold rewards for', '30');
    expect(screen.queryByText('Hold for at most 365 days.')).toBeNull();
    expect(screen.queryByText('Change a rule to publish a new version.')).toBeNull();
  });
});
