// Scores advocates from what is on record: one for a contact card, many at once for the CRM sync.
import type { Database } from '../db/client.js';
import { DomainError } from '../errors.js';
import { loadAdvocateScoreInputs } from './repository.js';
import { scoreAdvocate } from './score-advocate.js';
import type { AdvocateScore } from './types.js';

export type ComputeAdvocateScoreInput = { merchantId: string; advocateId: string; now: Date };
/** `'all'`: every advocate of the merchant. */
export type ComputeAdvocateScoresInput = { merchantId: string; advocateIds: string[] | 'all'; now: Date };

/** The current score of one advocate; `NOT_FOUND` when the id is no advocate of this merchant. */
export async function computeAdvocateScore(
  db: Database,
  { merchantId, advocateId, now }: ComputeAdvocateScoreInput,
): Promise<AdvocateScore> {
  const scores = await computeAdvocateScores(db, { merchantId, advocateIds: [advocateId], now });
  const score = scores.get(advocateId);
  if (!score) throw new DomainError('NOT_FOUND', `Advocate ${advocateId} not found.`);
  return score;
}

/** Scores keyed by advocate id, with the same few queries for one advocate or a hundred; unknown ids are left out. */
export async function computeAdvocateScores(
  db: Database,
  input: ComputeAdvocateScoresInput,
): Promise<Map<string, AdvocateScore>> {
  const inputs = await loadAdvocateScoreInputs(db, input);
  return new Map([...inputs].map(([advocateId, facts]) => [advocateId, scoreAdvocate(facts)]));
}
