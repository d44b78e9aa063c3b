// Clicks are the hot path: the redirect hands a click to this buffer and returns at once; rows
// are written in multi-row INSERTs. A failed flush keeps its rows for the next one, and close()
// drains everything, so a clean shutdown loses no click.

import { hashIp } from '../crypto/secrets.js';
import type { Database } from '../db/client.js';
import { type ClickRow, insertClicks } from './repository.js';

export type ClickInput = {
  merchantId: string;
  codeId: string;
  advocateId: string;
  visitorId: string;
  ip?: string | null;
  userAgent?: string | null;
  landingUrl?: string | null;
  at?: Date;
};

export type ClickWriterOptions = {
  ipHashSalt: string;
  /** Flush when this many clicks wait (default 500). */
  batchSize?: number;
  /** Flush at least this often (default 100 ms). */
  flushIntervalMs?: number;
  onError?: (error: unknown) => void;
};

export class ClickWriter {
  private buffer: ClickRow[] = [];
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  written = 0;

  constructor(
    private readonly db: Database,
    private readonly options: ClickWriterOptions,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => {}), options.flushIntervalMs ?? 100);
    this.timer.unref();
  }

  /** Synchronous: never waits on the database. */
  record(click: ClickInput): void {
    if (this.closed) throw new Error('ClickWriter is closed');
    this.buffer.push({
      merchantId: click.merchantId,
      codeId: click.codeId,
      advocateId: click.advocateId,
      visitorId: click.visitorId,
      ipHash: hashIp(this.options.ipHashSalt, click.ip),
      userAgent: click.userAgent?.slice(0, 512) ?? null,
      landingUrl: click.landingUrl?.slice(0, 2048) ?? null,
      occurredAt: click.at ?? new Date(),
    });
    if (this.buffer.length >= (this.options.batchSize ?? 500)) void this.flush().catch(() => {});
  }

  get pending(): number {
    return this.buffer.length;
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = (async () => {
      let done = 0;
      try {
        while (done < batch.length) {
          const chunk = batch.slice(done, done + 1000);
          // On the owner connection, not a merchant's transaction: a chunk mixes shops (see insertClicks).
          await insertClicks(this.db, chunk);
          done += chunk.length;
          this.written += chunk.length;
        }
      } catch (error) {
        // Put back what was not written, ahead of newer clicks.
        this.buffer = [...batch.slice(done), ...this.buffer];
        this.options.onError?.(error);
        throw error;
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  /** Stops the timer and drains the buffer; call on SIGTERM before closing the database. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    for (let attempt = 0; attempt < 20 && (this.flushing || this.buffer.length > 0); attempt++) {
      try {
        await (this.flushing ?? this.flush());
      } catch {
        await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      }
    }
    if (this.buffer.length > 0) throw new Error(`${this.buffer.length} clicks could not be written`);
  }
}
