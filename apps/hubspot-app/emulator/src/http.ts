// HTTP chores every emulator route shares: a bounded body read, JSON replies with HubSpot's error
// body ({status: 'error', message, correlationId, category, ...}) and zod parsing of JSON bodies.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

const MAX_BODY_BYTES = 5_000_000;

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json;charset=utf-8';
  headers['content-length'] = Buffer.byteLength(text);
  res.writeHead(reply.status, headers);
  res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const newCorrelationId = (): string => randomUUID();

/** HubSpot's error body; `extra` carries context, errors, subCategory, links, policyName... */
export function errorBody(category: string, message: string, extra: Record<string, unknown> = {}) {
  return { status: 'error', message, correlationId: newCorrelationId(), category, ...extra };
}

export function fail(
  status: number,
  category: string,
  message: string,
  extra?: Record<string, unknown>,
): Reply {
  return { status, body: errorBody(category, message, extra) };
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** The JSON body parsed with `schema`, or the 400 HubSpot answers for unreadable input. */
export function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; reply: Reply } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return {
    ok: false,
    reply: fail(
      400,
      'VALIDATION_ERROR',
      `Invalid input JSON${where}: ${issue?.message ?? 'unreadable body'}`,
    ),
  };
}

/** `?properties=a,b&properties=c` -> [a, b, c]: the client repeats the key, people often join with commas. */
export function listParam(query: URLSearchParams, name: string): string[] | null {
  const values = query.getAll(name);
  if (values.length === 0) return null;
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}
