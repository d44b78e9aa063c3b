import type { z } from 'zod';

/**
 * The one error type the engine throws; each app maps `code` to an HTTP status
 * (`httpStatusByCode`) and a public message (`publicMessageByCode`) in one table each.
 */
export type DomainErrorCode =
  /** Input failed a zod schema or a business precondition (bad rules, bad amounts). */
  | 'VALIDATION'
  /** A referral or reward was asked to move between states the state machine does not allow. */
  | 'ILLEGAL_TRANSITION'
  /** A referral code is malformed, reserved, or unknown for this merchant. */
  | 'INVALID_CODE'
  /** A row the caller named does not exist for this merchant. */
  | 'NOT_FOUND'
  /** A unique value (code, email, idempotency key with different content) is already taken. */
  | 'CONFLICT'
  /** A program cap stops this reward. */
  | 'CAP_EXCEEDED'
  /** A ledger transaction whose entries do not sum to zero per currency (a bug, never data). */
  | 'UNBALANCED_TRANSACTION'
  /** A fact this step needs has not arrived yet (e.g. a refund before its order); retry later. */
  | 'RETRY_LATER'
  /** The merchant uninstalled the app: its jobs stop and no platform call is made for it. */
  | 'MERCHANT_INACTIVE';

/**
 * Field errors a user can act on: field path (dot-joined, `''` for the whole input) to messages.
 * Only ever built from a schema's own messages, never from stored data.
 */
export type FieldErrors = Record<string, string[]>;

export type DomainErrorOptions = {
  /**
   * Text written for the person who made the request, sent in the HTTP body instead of the code's
   * default (`publicMessageByCode`). Set it only when the user needs the specific text (which field,
   * which rule) and it names no ids, states, other rows or anything the user did not type.
   */
  publicMessage?: string;
  /** VALIDATION only: per-field messages sent in the body as `fields` (see `fieldErrorsOf`). */
  fields?: FieldErrors;
  /** Structured context for logs and callers (ids, issues, values). Never sent over HTTP. */
  details?: Record<string, unknown>;
  /** The error this one wraps, for logs. */
  cause?: unknown;
};

/**
 * The engine's one error type. `message` is internal: it may name ids, states, amounts or other
 * rows, and goes to logs, job failures and inbox rows only. What a user is told over HTTP is
 * `publicMessage` (the throw site's explicit text, or the code's default), via `describeError`.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  /** Safe for an HTTP body; the code's default unless the throw site wrote one. */
  readonly publicMessage: string;
  readonly fields?: FieldErrors;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.publicMessage = options.publicMessage ?? publicMessageByCode[code];
    if (options.fields) this.fields = options.fields;
    if (options.details) this.details = options.details;
  }
}

export const isDomainError = (error: unknown, code?: DomainErrorCode): error is DomainError =>
  error instanceof DomainError && (code === undefined || error.code === code);

/** The one table each app uses to answer a DomainError over HTTP. */
export const httpStatusByCode: Record<DomainErrorCode, number> = {
  VALIDATION: 400,
  ILLEGAL_TRANSITION: 409,
  INVALID_CODE: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  MERCHANT_INACTIVE: 403,
  CAP_EXCEEDED: 409,
  UNBALANCED_TRANSACTION: 500,
  RETRY_LATER: 503,
};

/**
 * What a user is told for each code when the throw site wrote no `publicMessage`. Each text is
 * generic on purpose: it names no id, state, amount or row, so any DomainError can be answered
 * over HTTP without leaking what the engine knows.
 *
 * | Code | Status | Default public message |
 * | --- | --- | --- |
 * | `VALIDATION` | 400 | The request is not valid. |
 * | `ILLEGAL_TRANSITION` | 409 | This change is not allowed right now. |
 * | `INVALID_CODE` | 422 | This referral code is not valid. |
 * | `NOT_FOUND` | 404 | We could not find what you asked for. |
 * | `CONFLICT` | 409 | This conflicts with something that already exists. |
 * | `CAP_EXCEEDED` | 409 | A programme limit has been reached. |
 * | `UNBALANCED_TRANSACTION` | 500 | Something went wrong on our side. |
 * | `RETRY_LATER` | 503 | This cannot be done right now. Please try again shortly. |
 * | `MERCHANT_INACTIVE` | 403 | This shop no longer uses referrals. |
 *
 * Explicit public messages written at throw sites (all user-facing): `INVALID_CODE` with the
 * vanity-code rule that failed and `CONFLICT` "This code is already taken." (advocates/manage-codes),
 * `VALIDATION` "That is not an email address." (invite-friend, offer-friend-discount), "You cannot
 * claim your own friend offer." (offer-friend-discount), "The programme rules are not valid." with
 * `fields` (programs/create-program), and `CONFLICT` "This HubSpot account is already connected to
 * another store." (hubspot-app connections).
 */
export const publicMessageByCode: Record<DomainErrorCode, string> = {
  VALIDATION: 'The request is not valid.',
  ILLEGAL_TRANSITION: 'This change is not allowed right now.',
  INVALID_CODE: 'This referral code is not valid.',
  NOT_FOUND: 'We could not find what you asked for.',
  CONFLICT: 'This conflicts with something that already exists.',
  CAP_EXCEEDED: 'A programme limit has been reached.',
  UNBALANCED_TRANSACTION: 'Something went wrong on our side.',
  RETRY_LATER: 'This cannot be done right now. Please try again shortly.',
  MERCHANT_INACTIVE: 'This shop no longer uses referrals.',
};

/** A zod error's issues as `FieldErrors` (the schema's own messages, keyed by path). */
export function fieldErrorsOf(error: Pick<z.ZodError, 'issues'>): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    const messages = fields[key] ?? [];
    messages.push(issue.message);
    fields[key] = messages;
  }
  return fields;
}

/** The body of an error answer. `fields` only for VALIDATION errors that carry them. */
export type ErrorBody = { error: string; message: string; fields?: FieldErrors };

/** An HTTP library's own refusal of a request (body too large, bad encoding): status plus `expose`. */
type ClientHttpError = { status?: unknown; expose?: unknown; type?: unknown };

const INTERNAL_BODY: ErrorBody = { error: 'INTERNAL', message: 'Something went wrong on our side.' };

/**
 * What an app answers for an error: DomainErrors by the tables (code, public message, and field
 * errors for VALIDATION; never the internal message or details), a request the HTTP layer refused
 * with its own 4xx status, anything else as a 500 without internals.
 */
export function describeError(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    const body: ErrorBody = { error: error.code, message: error.publicMessage };
    if (error.code === 'VALIDATION' && error.fields) body.fields = error.fields;
    return { status: httpStatusByCode[error.code], body };
  }
  const http = (error ?? {}) as ClientHttpError;
  if (http.expose === true && typeof http.status === 'number' && http.status >= 400 && http.status < 500) {
    const type = typeof http.type === 'string' ? http.type : 'bad_request';
    return {
      status: http.status,
      body: {
        error: type.toUpperCase().replace(/\./g, '_'),
        // http-errors' `expose` marks a message written for the client (e.g. "request entity too large").
        message: (error as Error).message ?? 'Bad request',
      },
    };
  }
  return { status: 500, body: { ...INTERNAL_BODY } };
}

/**
 * What an app logs for a failed request, next to pino's `err` (which carries the internal message
 * and stack): the code, the internal message and details. Structured so 4xx answers, which are
 * not logged with a stack, still say what really happened.
 */
export function errorLogFields(error: unknown): {
  code: string;
  internalMessage: string;
  details?: Record<string, unknown>;
} {
  if (error instanceof DomainError) {
    return {
      code: error.code,
      internalMessage: error.message,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  return {
    code: 'INTERNAL',
    internalMessage: error instanceof Error ? error.message : String(error),
  };
}
