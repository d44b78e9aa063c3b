// Every Admin GraphQL document the app sends, in one place: documents.test.ts validates each of
// them against the real 2026-10 Admin schema, so a typo fails the build, not a merchant's reward.
// Each is a plain `#graphql` literal (no ${...}): codegen.ts generates its result and variables
// types into generated/admin.generated.ts, keyed by the exact text, and AdminGraphql.request
// takes only documents that have types there.

export const DISCOUNT_CODE_CREATE = `#graphql
mutation ReferralDiscountCreate($discount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $discount) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

export const DISCOUNT_CODE_LOOKUP = `#graphql
query ReferralDiscountByCode($code: String!) {
  codeDiscountNodeByCode(code: $code) {
    id
    codeDiscount {
      ... on DiscountCodeBasic { status asyncUsageCount }
    }
  }
}`;

export const DISCOUNT_CODE_DEACTIVATE = `#graphql
mutation ReferralDiscountDeactivate($id: ID!) {
  discountCodeDeactivate(id: $id) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

export const STORE_CREDIT_CREDIT = `#graphql
mutation ReferralStoreCredit($id: ID!, $input: StoreCreditAccountCreditInput!) {
  storeCreditAccountCredit(id: $id, creditInput: $input) {
    storeCreditAccountTransaction { id amount { amount currencyCode } }
    userErrors { field message code }
  }
}`;

export const STORE_CREDIT_DEBIT = `#graphql
mutation ReferralStoreCreditDebit($id: ID!, $input: StoreCreditAccountDebitInput!) {
  storeCreditAccountDebit(id: $id, debitInput: $input) {
    storeCreditAccountTransaction { id amount { amount currencyCode } }
    userErrors { field message code }
  }
}`;

/** A customer's store credit: balances, and recent transactions for in-doubt retries. */
export const STORE_CREDIT_ACCOUNTS = `#graphql
query ReferralStoreCreditAccounts($id: ID!) {
  customer(id: $id) {
    storeCreditAccounts(first: 10) {
      nodes {
        id
        balance { amount currencyCode }
        transactions(first: 50, reverse: true) {
          nodes {
            createdAt
            amount { amount currencyCode }
            ... on StoreCreditAccountCreditTransaction { id }
            ... on StoreCreditAccountDebitTransaction { id }
          }
        }
      }
    }
  }
}`;

/** Who a storefront customer is (the app proxy only gives us their id). */
export const CUSTOMER_CONTACT = `#graphql
query ReferralCustomerContact($id: ID!) {
  customer(id: $id) { id email firstName }
}`;

export const GIFT_CARD_CREATE = `#graphql
mutation ReferralGiftCardCreate($input: GiftCardCreateInput!) {
  giftCardCreate(input: $input) {
    giftCard { id }
    userErrors { field message code }
  }
}`;

export const GIFT_CARD_BALANCE = `#graphql
query ReferralGiftCard($id: ID!) {
  giftCard(id: $id) { id enabled balance { amount currencyCode } }
}`;

export const GIFT_CARD_DEACTIVATE = `#graphql
mutation ReferralGiftCardDeactivate($id: ID!) {
  giftCardDeactivate(id: $id) {
    giftCard { id }
    userErrors { field message code }
  }
}`;

export const FLOW_TRIGGER_RECEIVE = `#graphql
mutation ReferralFlowTrigger($handle: String!, $payload: JSON!) {
  flowTriggerReceive(handle: $handle, payload: $payload) {
    userErrors { field message }
  }
}`;

/**
 * Orders updated since a time, oldest change first, with every attribution signal the webhook
 * mapper reads (reconcile/order-to-events.ts maps them the same way). Refund ids are the numeric
 * ids refunds/create webhooks carry (legacyResourceId).
 */
export const RECONCILE_ORDERS = `#graphql
query ReferralReconcileOrders($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      legacyResourceId
      email
      processedAt
      updatedAt
      cancelledAt
      displayFinancialStatus
      totalPriceSet { shopMoney { amount currencyCode } }
      subtotalPriceSet { shopMoney { amount currencyCode } }
      customer { id firstName defaultEmailAddress { emailAddress } }
      customAttributes { key value }
      discountCodes
      clientIp
      checkoutToken
      customerJourneySummary {
        customerOrderIndex
        firstVisit { landingPage }
        lastVisit { landingPage }
      }
      shippingAddress { address1 address2 city zip countryCodeV2 }
      refunds(first: 20) {
        legacyResourceId
        createdAt
        totalRefundedSet { shopMoney { amount currencyCode } }
      }
    }
  }
}`;

/**
 * The published theme and the files that say whether our app embed is on and our app block is
 * placed (config/settings_data.json, JSON templates and section groups), a page at a time
 * (needs the read_themes scope).
 */
export const MAIN_THEME_FILES = `#graphql
query ReferralMainThemeFiles($filenames: [String!]!, $after: String) {
  themes(first: 1, roles: [MAIN]) {
    nodes {
      id
      name
      files(filenames: $filenames, first: 50, after: $after) {
        nodes {
          filename
          body { ... on OnlineStoreThemeFileBodyText { content } }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

/**
 * The app's web pixel (extensions/referral-pixel) on a shop: created once, its settings kept in
 * step (needs write_pixels; Shopify checks the settings against the extension's definition).
 */
export const WEB_PIXEL_CREATE = `#graphql
mutation ReferralWebPixelCreate($webPixel: WebPixelInput!) {
  webPixelCreate(webPixel: $webPixel) {
    webPixel { id settings }
    userErrors { field message code }
  }
}`;

/** The calling app's own web pixel on the shop (no id: Shopify answers with ours). */
export const WEB_PIXEL = `#graphql
query ReferralWebPixel {
  webPixel { id settings }
}`;

export const WEB_PIXEL_UPDATE = `#graphql
mutation ReferralWebPixelUpdate($id: ID!, $webPixel: WebPixelInput!) {
  webPixelUpdate(id: $id, webPixel: $webPixel) {
    webPixel { id settings }
    userErrors { field message code }
  }
}`;

// Checkout discounts (discounts/): per programme version a code discount whose redeem codes are
// the advocates' codes and an automatic discount, both run by the friend-offer-discount function
// with its configuration in the discount's $app:referrals.function-configuration metafield.

export const CHECKOUT_CODE_DISCOUNT_CREATE = `#graphql
mutation ReferralCheckoutCodeDiscountCreate($discount: DiscountCodeAppInput!) {
  discountCodeAppCreate(codeAppDiscount: $discount) {
    codeAppDiscount { discountId codes(first: 1) { nodes { id code } } }
    userErrors { field message code }
  }
}`;

export const CHECKOUT_AUTOMATIC_DISCOUNT_CREATE = `#graphql
mutation ReferralCheckoutAutomaticDiscountCreate($discount: DiscountAutomaticAppInput!) {
  discountAutomaticAppCreate(automaticAppDiscount: $discount) {
    automaticAppDiscount { discountId }
    userErrors { field message code }
  }
}`;

/** A discount an in-doubt creation may have made, by the tag that names its version and generation. */
export const CHECKOUT_CODE_DISCOUNT_BY_TAG = `#graphql
query ReferralCheckoutCodeDiscountByTag($query: String!) {
  codeDiscountNodes(first: 1, query: $query) { nodes { id } }
}`;

export const CHECKOUT_AUTOMATIC_DISCOUNT_BY_TAG = `#graphql
query ReferralCheckoutAutomaticDiscountByTag($query: String!) {
  automaticDiscountNodes(first: 1, query: $query) { nodes { id } }
}`;

/** Is the code discount still there, active, and configured as we wrote it? */
export const CHECKOUT_CODE_DISCOUNT = `#graphql
query ReferralCheckoutCodeDiscount($id: ID!) {
  codeDiscountNode(id: $id) {
    id
    metafield(namespace: "$app:referrals", key: "function-configuration") { value }
    codeDiscount { ... on DiscountCodeApp { status } }
  }
}`;

export const CHECKOUT_AUTOMATIC_DISCOUNT = `#graphql
query ReferralCheckoutAutomaticDiscount($id: ID!) {
  automaticDiscountNode(id: $id) {
    id
    metafield(namespace: "$app:referrals", key: "function-configuration") { value }
    automaticDiscount { ... on DiscountAutomaticApp { status } }
  }
}`;

/** A code discount's redeem codes, 250 a page (for the reconcile). */
export const CHECKOUT_REDEEM_CODES = `#graphql
query ReferralCheckoutRedeemCodes($id: ID!, $after: String) {
  codeDiscountNode(id: $id) {
    codeDiscount {
      ... on DiscountCodeApp {
        codes(first: 250, after: $after) { nodes { id code } pageInfo { hasNextPage endCursor } }
      }
    }
  }
}`;

/** Up to 250 redeem codes; asynchronous: poll CHECKOUT_REDEEM_CODES_ADDED until done. */
export const CHECKOUT_REDEEM_CODES_ADD = `#graphql
mutation ReferralCheckoutRedeemCodesAdd($discountId: ID!, $codes: [DiscountRedeemCodeInput!]!) {
  discountRedeemCodeBulkAdd(discountId: $discountId, codes: $codes) {
    bulkCreation { id done }
    userErrors { field message code }
  }
}`;

export const CHECKOUT_REDEEM_CODES_ADDED = `#graphql
query ReferralCheckoutRedeemCodesAdded($id: ID!) {
  discountRedeemCodeBulkCreation(id: $id) {
    done
    codes(first: 250) { nodes { code discountRedeemCode { id } errors { code message } } }
  }
}`;

/** Asynchronous: poll CHECKOUT_JOB until done. */
export const CHECKOUT_REDEEM_CODES_DELETE = `#graphql
mutation ReferralCheckoutRedeemCodesDelete($discountId: ID!, $ids: [ID!]) {
  discountCodeRedeemCodeBulkDelete(discountId: $discountId, ids: $ids) {
    job { id done }
    userErrors { field message code }
  }
}`;

export const CHECKOUT_JOB = `#graphql
query ReferralCheckoutJob($id: ID!) {
  job(id: $id) { done }
}`;

export const CHECKOUT_AUTOMATIC_DISCOUNT_DEACTIVATE = `#graphql
mutation ReferralCheckoutAutomaticDiscountDeactivate($id: ID!) {
  discountAutomaticDeactivate(id: $id) {
    automaticDiscountNode { id }
    userErrors { field message code }
  }
}`;

/**
 * Metafields on discounts (the function's configuration) and customers (an advocate's own codes,
 * needs write_customers): up to 25 a call, all or nothing.
 */
export const CHECKOUT_METAFIELDS_SET = `#graphql
mutation ReferralCheckoutMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id }
    userErrors { field message code elementIndex }
  }
}`;

export const allDocuments = {
  DISCOUNT_CODE_CREATE,
  DISCOUNT_CODE_LOOKUP,
  DISCOUNT_CODE_DEACTIVATE,
  STORE_CREDIT_CREDIT,
  STORE_CREDIT_DEBIT,
  STORE_CREDIT_ACCOUNTS,
  CUSTOMER_CONTACT,
  GIFT_CARD_CREATE,
  GIFT_CARD_BALANCE,
  GIFT_CARD_DEACTIVATE,
  FLOW_TRIGGER_RECEIVE,
  RECONCILE_ORDERS,
  MAIN_THEME_FILES,
  CHECKOUT_CODE_DISCOUNT_CREATE,
  CHECKOUT_AUTOMATIC_DISCOUNT_CREATE,
  CHECKOUT_CODE_DISCOUNT_BY_TAG,
  CHECKOUT_AUTOMATIC_DISCOUNT_BY_TAG,
  CHECKOUT_CODE_DISCOUNT,
  CHECKOUT_AUTOMATIC_DISCOUNT,
  CHECKOUT_REDEEM_CODES,
  CHECKOUT_REDEEM_CODES_ADD,
  CHECKOUT_REDEEM_CODES_ADDED,
  CHECKOUT_REDEEM_CODES_DELETE,
  CHECKOUT_JOB,
  CHECKOUT_AUTOMATIC_DISCOUNT_DEACTIVATE,
  CHECKOUT_METAFIELDS_SET,
  WEB_PIXEL_CREATE,
  WEB_PIXEL,
  WEB_PIXEL_UPDATE,
};
