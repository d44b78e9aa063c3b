import { expect, test } from 'vitest';
import { progressBar } from './progress-bar.js';

test.each([
  [1200, 5000, 98.4, '[##--------] 1200/5000 contacts, 98/s'],
  [0, 0, 0, '[##########] 0/0 contacts, 0/s'],
  [7, 5, 1, '[##########] 7/5 contacts, 1/s'],
])('%i of %i at %d/s', (done, total, rate, line) => {
  expect(progressBar(done, total, rate, 10)).toBe(line);
});
