// A CrmWriter for tests only: records every write and keeps each contact's properties as an
// upsert by email would; can be told to block (rate limit, daily limit, revoked token) or to
// refuse some inputs, like a CRM's partial-success (207) answer.
import type { CrmContact, CrmWriteResult, CrmWriter } from '../ports.js';

type Block = NonNullable<CrmWriteResult['blocked']>;

export class RecordingCrmWriter implements CrmWriter {
  /** Every accepted call, in order (blocked calls are not in here; see `refused`). */
  readonly writes: { merchantId: string; contacts: CrmContact[] }[] = [];
  /** What the CRM shows: the merged properties per merchant and email. */
  readonly crm = new Map<string, Record<string, string>>();
  /** Calls answered with a block. */
  refused = 0;
  /** While set, every call is answered with this block and writes nothing. */
  block: Block | null = null;
  /** Emails refused on their next `times` writes (the rest of the batch is written). */
  private readonly failures = new Map<string, { error: string; retryable: boolean; times: number }>();

  failEmail(email: string, failure: { error?: string; retryable: boolean; times?: number }): void {
    this.failures.set(email, {
      error: failure.error ?? (failure.retryable ? 'temporarily unavailable' : 'INVALID_EMAIL'),
      retryable: failure.retryable,
      times: failure.times ?? 1,
    });
  }

  /** The properties the CRM holds for this email, or undefined when never written. */
  contact(merchantId: string, email: string): Record<string, string> | undefined {
    return this.crm.get(`${merchantId}/${email}`);
  }

  /** Every contact this merchant's writes carried, in order. */
  contactsWritten(merchantId: string): CrmContact[] {
    return this.writes.filter((w) => w.merchantId === merchantId).flatMap((w) => w.contacts);
  }

  async write(merchantId: string, contacts: CrmContact[]): Promise<CrmWriteResult> {
    if (this.block) {
      this.refused += 1;
      return { written: [], failed: [], blocked: { ...this.block } };
    }
    this.writes.push({
      merchantId,
      contacts: contacts.map((c) => ({ ...c, properties: { ...c.properties } })),
    });
    const result: CrmWriteResult = { written: [], failed: [] };
    for (const contact of contacts) {
      const failure = this.failures.get(contact.email);
      if (failure && failure.times > 0) {
        failure.times -= 1;
        result.failed.push({
          customerId: contact.customerId,
          error: failure.error,
          retryable: failure.retryable,
        });
        continue;
      }
      const key = `${merchantId}/${contact.email}`;
      this.crm.set(key, { ...this.crm.get(key), ...contact.properties });
      result.written.push(contact.customerId);
    }
    return result;
  }
}
