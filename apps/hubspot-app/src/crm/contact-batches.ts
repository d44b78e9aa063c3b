// Pure helpers behind the contact writer: one upsert input per normalised email (a HubSpot batch
// fails when two inputs resolve to one contact), chunks of at most 100, and the per-input errors
// of a 207 mapped back to emails as short, loggable reasons (no values, which may be personal).
import type { CrmContact, CrmWriteResult } from '@referrals/core';

export const HUBSPOT_BATCH_LIMIT = 100;

export type ContactInput = {
  /** Trimmed, lower-cased: HubSpot matches contacts on it. */
  email: string;
  /** Every customer whose facts went into this input. */
  customerIds: string[];
  properties: Record<string, string>;
};

export const normalizeContactEmail = (email: string): string => email.trim().toLowerCase();

/** Merges contacts sharing an email, in order: a later contact's values win, others stay. */
export function groupByEmail(contacts: readonly CrmContact[]): ContactInput[] {
  const byEmail = new Map<string, ContactInput>();
  for (const contact of contacts) {
    const email = normalizeContactEmail(contact.email);
    const input = byEmail.get(email);
    if (!input) {
      byEmail.set(email, { email, customerIds: [contact.customerId], properties: { ...contact.properties } });
      continue;
    }
    if (!input.customerIds.includes(contact.customerId)) input.customerIds.push(contact.customerId);
    Object.assign(input.properties, contact.properties);
  }
  return [...byEmail.values()];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The parts of a HubSpot StandardError (a 207's `errors[]` or an error body) used here. */
export type HubSpotBatchError = {
  category?: string;
  message?: string;
  context?: Record<string, string[] | undefined>;
  errors?: { code?: string; context?: Record<string, string[] | undefined> }[];
};

export type InputFailure = { error: string; retryable: boolean };

/**
 * A short reason (`VALIDATION_ERROR INVALID_INTEGER advocate_score`) and whether a later try may
 * succeed: a refused value will not, but a property missing from the portal is a set-up problem
 * that connecting again fixes, so those inputs wait instead of being dropped.
 */
export function describeBatchError(error: HubSpotBatchError): InputFailure {
  const category = error.category ?? 'ERROR';
  const details = (error.errors ?? []).map((detail) => ({
    code: detail.code ?? '',
    names: detail.context?.propertyName ?? [],
  }));
  const fromMessage = messageDetails(error.message);
  const codes = [...new Set([...details, ...fromMessage].map((d) => d.code).filter(Boolean))];
  const names = [
    ...new Set(
      [...details, ...fromMessage].flatMap((d) => d.names).concat(error.context?.propertyName ?? []),
    ),
  ];
  const reason = [category, codes.join(','), names.join(',')].filter(Boolean).join(' ');
  const setUp = codes.length > 0 && codes.every((code) => code === 'PROPERTY_DOESNT_EXIST');
  const refused = category === 'VALIDATION_ERROR' || category === 'INVALID_EMAIL';
  return { error: reason, retryable: setUp || !refused };
}

/** A whole-batch 400 lists its property errors only in the message: `...not valid: [{error, name}]`. */
function messageDetails(message: string | undefined): { code: string; names: string[] }[] {
  const start = message?.indexOf('[') ?? -1;
  if (!message || start < 0) return [];
  try {
    const list: unknown = JSON.parse(message.slice(start));
    if (!Array.isArray(list)) return [];
    return list.map((item: { error?: unknown; name?: unknown }) => ({
      code: typeof item?.error === 'string' ? item.error : '',
      names: typeof item?.name === 'string' ? [item.name] : [],
    }));
  } catch {
    return [];
  }
}

/** The emails a 207 names as failed, and how many errors named none (so cannot be placed). */
export function mapBatchErrors(errors: readonly HubSpotBatchError[]): {
  failed: Map<string, InputFailure>;
  unplaced: number;
} {
  const failed = new Map<string, InputFailure>();
  let unplaced = 0;
  for (const error of errors) {
    const ids = [
      ...(error.context?.ids ?? []),
      ...(error.context?.id ?? []),
      ...(error.context?.email ?? []),
    ];
    if (ids.length === 0) unplaced += 1;
    for (const id of ids) failed.set(normalizeContactEmail(id), describeBatchError(error));
  }
  return { failed, unplaced };
}

export type Blocked = NonNullable<CrmWriteResult['blocked']>;

/** What one upsert request did with its inputs (by email). */
export type ChunkOutcome = { written: string[]; failed: Map<string, InputFailure>; blocked?: Blocked };

export function failChunk(inputs: ContactInput[], failure: InputFailure): ChunkOutcome {
  return { written: [], failed: new Map(inputs.map((input) => [input.email, failure])) };
}

export function mergeOutcomes(parts: ChunkOutcome[], blocked?: Blocked): ChunkOutcome {
  const merged: ChunkOutcome = { written: [], failed: new Map() };
  for (const part of parts) {
    merged.written.push(...part.written);
    for (const [email, failure] of part.failed) merged.failed.set(email, failure);
  }
  if (blocked) merged.blocked = blocked;
  return merged;
}

/**
 * A 207: inputs named in an error failed; the others were written. When an error names no input,
 * only inputs seen in the results count as written and the rest are retried.
 */
export function placeErrors(
  inputs: ContactInput[],
  errors: HubSpotBatchError[],
  results: { properties?: Record<string, string | null> }[],
): ChunkOutcome {
  const { failed, unplaced } = mapBatchErrors(errors);
  const seen = new Set(results.map((r) => r.properties?.email?.trim().toLowerCase()).filter(Boolean));
  const outcome: ChunkOutcome = { written: [], failed: new Map() };
  for (const input of inputs) {
    const failure = failed.get(input.email);
    if (failure) outcome.failed.set(input.email, failure);
    else if (unplaced === 0 || seen.has(input.email)) outcome.written.push(input.email);
    else
      outcome.failed.set(input.email, { error: 'not confirmed in a partial batch failure', retryable: true });
  }
  return outcome;
}
