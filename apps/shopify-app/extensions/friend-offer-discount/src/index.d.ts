// Types for the app's TypeScript tests and the emulator checkout; the function itself is plain JS.
// The output follows the Discount Function API's CartLinesDiscountsGenerateRunResult (2026-10);
// the tests validate every output against that schema.

export type FriendOfferOperation =
  | { enteredDiscountCodesReject: { codes: { code: string }[]; message: string } }
  | {
      orderDiscountsAdd: {
        selectionStrategy: 'FIRST';
        candidates: {
          message?: string;
          targets: { orderSubtotal: { excludedCartLineIds: string[] } }[];
          value: { percentage: { value: string } } | { fixedAmount: { amount: string } };
        }[];
      };
    };

export type CartLinesDiscountsGenerateRunResult = { operations: FriendOfferOperation[] };

/** Characters of base64url(HMAC-SHA256) kept in `_referral_sig`. */
export declare const SIGNATURE_LENGTH: 22;
/** Shown at checkout when an advocate types one of their own codes (automatic discount only). */
export declare const OWN_CODE_MESSAGE: string;
/** The run target; `input` is whatever Shopify sends for the input query (checked, never trusted). */
export declare function cartLinesDiscountsGenerateRun(input: unknown): CartLinesDiscountsGenerateRunResult;
/** The signature the app puts in `rs` / `_referral_sig` for an upper-case code ('' for a bad key). */
export declare function signCode(signatureKeyHex: string, code: string): string;
