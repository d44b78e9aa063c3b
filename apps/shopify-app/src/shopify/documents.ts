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
};
