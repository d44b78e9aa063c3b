/** The one error type the engine throws; each app maps `code` to an HTTP status in one table. */
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

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
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

/** An HTTP library's own refusal of a request (body too large, bad encoding): status plus `expose`. */
type ClientHttpError = { status?: unknown; expose?: unknown; type?: unknown };

/**
 * What an app answers for an error: DomainErrors by the table, a request the HTTP layer refused
 * with its own 4xx status, anything else as a 500 without internals.
 */
export function describeError(error: unknown): { status: number; body: { error: string; message: string } } {
  if (error instanceof DomainError) {
    return { status: httpStatusByCode[error.code], body: { error: error.code, message: error.message } };
  }
  const http = (error ?? {}) as ClientHttpError;
  if (http.expose === true && typeof http.status === 'number' && http.status >= 400 && http.status < 500) {
    const type = typeof http.type === 'string' ? http.type : 'bad_request';
    return {
      status: http.status,
      body: {
        error: type.toUpperCase().replace(/\./g, '_'),
        message: (error as Error).message ?? 'Bad request',
      },
    };
  }
  return { status: 500, body: { error: 'INTERNAL', message: 'Something went wrong on our side.' } };
}
