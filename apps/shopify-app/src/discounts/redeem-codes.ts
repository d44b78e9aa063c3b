// A code discount's redeem codes on Shopify: discountRedeemCodeBulkAdd takes at most 250 codes a
// call and works asynchronously (we poll its bulk creation until done, then read each code's
// outcome); discountCodeRedeemCodeBulkDelete removes by redeem code id through a job we poll too.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AddRedeemCodesResult,
  type CheckoutDiscountRef,
  DomainError,
  type PlatformRedeemCode,
} from '@referrals/core';
import { type AdminGraphql, withoutUserErrors } from '../shopify/admin-graphql.js';
import {
  CHECKOUT_JOB,
  CHECKOUT_REDEEM_CODES,
  CHECKOUT_REDEEM_CODES_ADD,
  CHECKOUT_REDEEM_CODES_ADDED,
  CHECKOUT_REDEEM_CODES_DELETE,
  DISCOUNT_CODE_LOOKUP,
} from '../shopify/documents.js';
import type { ReferralCheckoutRedeemCodesQuery } from '../shopify/generated/admin.generated.js';

/** discountRedeemCodeBulkAdd's documented maximum per call. */
export const BULK_ADD_LIMIT = 250;
/** Redeem code ids per delete call (kept at the add's limit). */
const BULK_DELETE_LIMIT = 250;
/** Waits between polls of a bulk job: about 25 s in all before the job is retried later. */
const POLL_DELAYS_MS = [100, 200, 400, 800, 1600, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000];

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Polls `done` until it says so; a job still queued after the last poll is a retry for later. */
async function untilDone<T>(
  what: string,
  poll: () => Promise<T | null | undefined>,
  done: (t: NonNullable<T>) => boolean,
): Promise<NonNullable<T>> {
  for (const delay of POLL_DELAYS_MS) {
    await sleep(delay);
    const result = await poll();
    if (result && done(result)) return result;
  }
  throw new DomainError('RETRY_LATER', `${what} was still running after ${POLL_DELAYS_MS.length} polls.`);
}

const isMissingDiscount = (errors: { field?: string[] | null }[]) =>
  errors.some((e) => e.field?.includes('discountId'));

export class RedeemCodes {
  constructor(private readonly graphql: AdminGraphql) {}

  async add(ref: CheckoutDiscountRef, codes: string[]): Promise<AddRedeemCodesResult> {
    const result: AddRedeemCodesResult = { added: [], failed: [], discountMissing: false };
    for (const batch of chunks(codes, BULK_ADD_LIMIT)) {
      const data = await this.graphql.request(ref.merchantId, CHECKOUT_REDEEM_CODES_ADD, {
        discountId: ref.platformId,
        codes: batch.map((code) => ({ code })),
      });
      if (isMissingDiscount(data.discountRedeemCodeBulkAdd?.userErrors ?? []))
        return { ...result, discountMissing: true };
      const id = withoutUserErrors(data.discountRedeemCodeBulkAdd, 'discountRedeemCodeBulkAdd').bulkCreation
        ?.id;
      if (!id) throw new Error('discountRedeemCodeBulkAdd returned no bulk creation');
      const created = await untilDone(
        `Redeem code bulk creation ${id}`,
        async () =>
          (await this.graphql.request(ref.merchantId, CHECKOUT_REDEEM_CODES_ADDED, { id }))
            .discountRedeemCodeBulkCreation,
        (c) => c.done,
      );
      for (const node of created.codes.nodes) {
        if (node.discountRedeemCode) {
          result.added.push({ code: node.code, platformCodeId: node.discountRedeemCode.id });
        } else if (node.errors.some((e) => e.code === 'TAKEN') && (await this.isOn(ref, node.code))) {
          // Ours already (an earlier attempt added it and its outcome was lost).
          result.added.push({ code: node.code, platformCodeId: null });
        } else {
          const error = node.errors.map((e) => e.message).join('; ') || 'refused without a reason';
          result.failed.push({ code: node.code, error, taken: node.errors.some((e) => e.code === 'TAKEN') });
        }
      }
    }
    return result;
  }

  async remove(ref: CheckoutDiscountRef, codes: PlatformRedeemCode[]): Promise<void> {
    const ids = codes.flatMap((c) => (c.platformCodeId ? [c.platformCodeId] : []));
    const unknown = new Set(codes.filter((c) => !c.platformCodeId).map((c) => c.code.toUpperCase()));
    if (unknown.size > 0) {
      // Their ids were never reported: find them among the discount's codes.
      for await (const page of this.list(ref)) {
        for (const c of page)
          if (unknown.has(c.code.toUpperCase()) && c.platformCodeId) ids.push(c.platformCodeId);
      }
    }
    for (const batch of chunks(ids, BULK_DELETE_LIMIT)) {
      const data = await this.graphql.request(ref.merchantId, CHECKOUT_REDEEM_CODES_DELETE, {
        discountId: ref.platformId,
        ids: batch,
      });
      // A discount that is gone has no codes left to remove.
      if (isMissingDiscount(data.discountCodeRedeemCodeBulkDelete?.userErrors ?? [])) return;
      const job = withoutUserErrors(
        data.discountCodeRedeemCodeBulkDelete,
        'discountCodeRedeemCodeBulkDelete',
      ).job;
      if (!job) throw new Error('discountCodeRedeemCodeBulkDelete returned no job');
      if (job.done) continue;
      await untilDone(
        `Redeem code deletion ${job.id}`,
        async () => (await this.graphql.request(ref.merchantId, CHECKOUT_JOB, { id: job.id })).job,
        (j) => j.done,
      );
    }
  }

  async *list(ref: CheckoutDiscountRef): AsyncIterable<PlatformRedeemCode[]> {
    let after: string | null = null;
    for (;;) {
      const data: ReferralCheckoutRedeemCodesQuery = await this.graphql.request(
        ref.merchantId,
        CHECKOUT_REDEEM_CODES,
        {
          id: ref.platformId,
          after,
        },
      );
      const discount = data.codeDiscountNode?.codeDiscount;
      if (!discount || !('codes' in discount)) return;
      yield discount.codes.nodes.map((n) => ({ code: n.code, platformCodeId: n.id }));
      if (!discount.codes.pageInfo.hasNextPage) return;
      after = discount.codes.pageInfo.endCursor ?? null;
    }
  }

  private async isOn(ref: CheckoutDiscountRef, code: string): Promise<boolean> {
    const data = await this.graphql.request(ref.merchantId, DISCOUNT_CODE_LOOKUP, { code });
    return data.codeDiscountNodeByCode?.id === ref.platformId;
  }
}
