import { screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { defaultRules } from './program-draft.js';
import { renderWithPolaris } from './test-utils.js';
import { VersionDiff } from './version-diff.js';

const formats = { currency: 'USD', locale: 'en-US' };

test('shows each change as "field: before → after"', () => {
  const before = defaultRules('USD');
  const after = {
    ...before,
    friendReward: { kind: 'percent_discount' as const, bps: 2000 },
    advocateReward: null,
  };
  renderWithPolaris(<VersionDiff before={before} after={after} formats={formats} />);
  const items = screen.getAllByRole('listitem').map((li) => li.textContent);
  expect(items).toEqual(['Friend reward:15% off→20% off', 'Advocate reward:$10.00 store credit→Nothing']);
});

test('says so when nothing changed', () => {
  const rules = defaultRules('USD');
  renderWithPolaris(<VersionDiff before={rules} after={rules} formats={formats} />);
  expect(screen.getByText('The rules are the same in both versions.')).toBeTruthy();
});
