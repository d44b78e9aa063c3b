// The one way the admin talks to its API: every request carries an App Bridge session token
// (Shopify's App Bridge inside the admin, the sandbox stand-in standalone), every answer is parsed
// with the route's contract schema, and a failure becomes an ApiError with the server's public
// message and field errors.
import { type ApiErrorBody, apiErrorSchema } from '@referrals/shopify-app/admin-contract';
import type { z } from 'zod';

declare global {
  interface Window {
    shopify?: { idToken(): Promise<string>; sandbox?: boolean };
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

async function sessionToken(): Promise<string> {
  if (!window.shopify)
    throw new ApiError(401, { error: 'NO_APP_BRIDGE', message: 'Open this app from your Shopify admin.' });
  return window.shopify.idToken();
}

type RequestOptions = { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown };

async function send(path: string, options: RequestOptions, retried = false): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${await sessionToken()}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  // App Bridge's contract: a 401 with this header means "fetch a fresh token and retry once".
  if (res.status === 401 && !retried && res.headers.get('x-shopify-retry-invalid-session-request')) {
    return send(path, options, true);
  }
  return res;
}

async function failure(res: Response): Promise<ApiError> {
  const parsed = apiErrorSchema.safeParse(await res.json().catch(() => null));
  return new ApiError(
    res.status,
    parsed.success ? parsed.data : { error: 'HTTP_ERROR', message: `The request failed (${res.status}).` },
  );
}

/** A JSON request whose answer must match `schema`. */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const res = await send(path, options);
  if (!res.ok) throw await failure(res);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) {
    // The contract is shared, so this means a deploy in progress or a bug: say so plainly.
    console.error(`Unexpected answer from /api${path}`, parsed.error.issues);
    throw new ApiError(500, {
      error: 'UNEXPECTED_RESPONSE',
      message:
        'The app got an answer it did not understand. Reload the page; if it keeps happening, contact support.',
    });
  }
  return parsed.data;
}

/** A file download (CSV): fetched with the session token, handed to the browser as a file. */
export async function apiDownload(path: string, fallbackName: string): Promise<void> {
  const res = await send(path, {});
  if (!res.ok) throw await failure(res);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** The public message of any error, for a Banner. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong. Please try again.';
