import { expect, test } from 'vitest';
import { narrateCrmFlush } from './narrate.js';

test.each([
  [{ written: 1, sent: 1 }, 'HubSpot: 1 contact updated with referral facts.'],
  [{ written: 3 }, 'HubSpot: 3 contacts updated with referral facts.'],
  [{ written: 0 }, null],
  [{ skipped: 'no CRM writer configured' }, null],
  [null, null],
])('a crm-flush that returned %j is told as %j', (result, told) => {
  expect(narrateCrmFlush('hubspot', result)).toBe(told);
});
