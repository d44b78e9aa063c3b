// The friend-offer Discount Function as the emulator's checkout runs it: the extension's run
// export and its input query, for tests (startShopifyEmulator({ functions })). Exported through
// @referrals/shopify-app/testing and for the sandbox's emulator (compose.ts); the app itself never
// runs the function (Shopify does).
import { readFileSync } from 'node:fs';
import { cartLinesDiscountsGenerateRun } from '../../extensions/friend-offer-discount/src/index.js';
import { FRIEND_OFFER_FUNCTION_HANDLE } from './function-config.js';

/** `{ run, inputQuery }` of extensions/friend-offer-discount (the same path from src/ and dist/). */
export const friendOfferFunction = {
  run: cartLinesDiscountsGenerateRun,
  inputQuery: readFileSync(
    new URL(
      '../../extensions/friend-offer-discount/src/cart_lines_discounts_generate_run.graphql',
      import.meta.url,
    ),
    'utf8',
  ),
};

/** The `functions` option of startShopifyEmulator with the app's functions by handle. */
export const appFunctions = () => ({ [FRIEND_OFFER_FUNCTION_HANDLE]: friendOfferFunction });
