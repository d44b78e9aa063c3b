/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import * as AdminTypes from './admin.types.js';

export type ReferralDiscountCreateMutationVariables = AdminTypes.Exact<{
  discount: AdminTypes.DiscountCodeBasicInput;
}>;


export type ReferralDiscountCreateMutation = { discountCodeBasicCreate?: AdminTypes.Maybe<{ codeDiscountNode?: AdminTypes.Maybe<Pick<AdminTypes.DiscountCodeNode, 'id'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralDiscountByCodeQueryVariables = AdminTypes.Exact<{
  code: AdminTypes.Scalars['String']['input'];
}>;


export type ReferralDiscountByCodeQuery = { codeDiscountNodeByCode?: AdminTypes.Maybe<(
    Pick<AdminTypes.DiscountCodeNode, 'id'>
    & { codeDiscount: Pick<AdminTypes.DiscountCodeBasic, 'status' | 'asyncUsageCount'> }
  )> };

export type ReferralDiscountDeactivateMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralDiscountDeactivateMutation = { discountCodeDeactivate?: AdminTypes.Maybe<{ codeDiscountNode?: AdminTypes.Maybe<Pick<AdminTypes.DiscountCodeNode, 'id'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralStoreCreditMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  input: AdminTypes.StoreCreditAccountCreditInput;
}>;


export type ReferralStoreCreditMutation = { storeCreditAccountCredit?: AdminTypes.Maybe<{ storeCreditAccountTransaction?: AdminTypes.Maybe<(
      Pick<AdminTypes.StoreCreditAccountCreditTransaction, 'id'>
      & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
    )>, userErrors: Array<Pick<AdminTypes.StoreCreditAccountCreditUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralStoreCreditDebitMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  input: AdminTypes.StoreCreditAccountDebitInput;
}>;


export type ReferralStoreCreditDebitMutation = { storeCreditAccountDebit?: AdminTypes.Maybe<{ storeCreditAccountTransaction?: AdminTypes.Maybe<(
      Pick<AdminTypes.StoreCreditAccountDebitTransaction, 'id'>
      & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
    )>, userErrors: Array<Pick<AdminTypes.StoreCreditAccountDebitUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralStoreCreditAccountsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralStoreCreditAccountsQuery = { customer?: AdminTypes.Maybe<{ storeCreditAccounts: { nodes: Array<(
        Pick<AdminTypes.StoreCreditAccount, 'id'>
        & { balance: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, transactions: { nodes: Array<(
            Pick<AdminTypes.StoreCreditAccountCreditTransaction, 'id' | 'createdAt'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          ) | (
            Pick<AdminTypes.StoreCreditAccountDebitRevertTransaction, 'createdAt'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          ) | (
            Pick<AdminTypes.StoreCreditAccountDebitTransaction, 'id' | 'createdAt'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          ) | (
            Pick<AdminTypes.StoreCreditAccountExpirationTransaction, 'createdAt'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          )> } }
      )> } }> };

export type ReferralCustomerContactQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralCustomerContactQuery = { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id' | 'email' | 'firstName'>> };

export type ReferralGiftCardCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.GiftCardCreateInput;
}>;


export type ReferralGiftCardCreateMutation = { giftCardCreate?: AdminTypes.Maybe<{ giftCard?: AdminTypes.Maybe<Pick<AdminTypes.GiftCard, 'id'>>, userErrors: Array<Pick<AdminTypes.GiftCardUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralGiftCardQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralGiftCardQuery = { giftCard?: AdminTypes.Maybe<(
    Pick<AdminTypes.GiftCard, 'id' | 'enabled'>
    & { balance: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
  )> };

export type ReferralGiftCardDeactivateMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralGiftCardDeactivateMutation = { giftCardDeactivate?: AdminTypes.Maybe<{ giftCard?: AdminTypes.Maybe<Pick<AdminTypes.GiftCard, 'id'>>, userErrors: Array<Pick<AdminTypes.GiftCardDeactivateUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralFlowTriggerMutationVariables = AdminTypes.Exact<{
  handle: AdminTypes.Scalars['String']['input'];
  payload: AdminTypes.Scalars['JSON']['input'];
}>;


export type ReferralFlowTriggerMutation = { flowTriggerReceive?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type ReferralReconcileOrdersQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query: AdminTypes.Scalars['String']['input'];
}>;


export type ReferralReconcileOrdersQuery = { orders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'email' | 'processedAt' | 'updatedAt' | 'cancelledAt' | 'displayFinancialStatus' | 'discountCodes' | 'clientIp'>
      & { totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, subtotalPriceSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }>, customer?: AdminTypes.Maybe<(
        Pick<AdminTypes.Customer, 'id' | 'firstName'>
        & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>> }
      )>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, customerJourneySummary?: AdminTypes.Maybe<(
        Pick<AdminTypes.CustomerJourneySummary, 'customerOrderIndex'>
        & { firstVisit?: AdminTypes.Maybe<Pick<AdminTypes.CustomerVisit, 'landingPage'>>, lastVisit?: AdminTypes.Maybe<Pick<AdminTypes.CustomerVisit, 'landingPage'>> }
      )>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'address1' | 'address2' | 'city' | 'zip' | 'countryCodeV2'>>, refunds: Array<(
        Pick<AdminTypes.Refund, 'legacyResourceId' | 'createdAt'>
        & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> }
    )> } };

export type ReferralMainThemeFilesQueryVariables = AdminTypes.Exact<{
  filenames: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ReferralMainThemeFilesQuery = { themes?: AdminTypes.Maybe<{ nodes: Array<(
      Pick<AdminTypes.OnlineStoreTheme, 'id' | 'name'>
      & { files?: AdminTypes.Maybe<{ nodes: Array<(
          Pick<AdminTypes.OnlineStoreThemeFile, 'filename'>
          & { body: Pick<AdminTypes.OnlineStoreThemeFileBodyText, 'content'> }
        )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> }> }
    )> }> };

interface GeneratedQueryTypes {
  "#graphql\nquery ReferralDiscountByCode($code: String!) {\n  codeDiscountNodeByCode(code: $code) {\n    id\n    codeDiscount {\n      ... on DiscountCodeBasic { status asyncUsageCount }\n    }\n  }\n}": {return: ReferralDiscountByCodeQuery, variables: ReferralDiscountByCodeQueryVariables},
  "#graphql\nquery ReferralStoreCreditAccounts($id: ID!) {\n  customer(id: $id) {\n    storeCreditAccounts(first: 10) {\n      nodes {\n        id\n        balance { amount currencyCode }\n        transactions(first: 50, reverse: true) {\n          nodes {\n            createdAt\n            amount { amount currencyCode }\n            ... on StoreCreditAccountCreditTransaction { id }\n            ... on StoreCreditAccountDebitTransaction { id }\n          }\n        }\n      }\n    }\n  }\n}": {return: ReferralStoreCreditAccountsQuery, variables: ReferralStoreCreditAccountsQueryVariables},
  "#graphql\nquery ReferralCustomerContact($id: ID!) {\n  customer(id: $id) { id email firstName }\n}": {return: ReferralCustomerContactQuery, variables: ReferralCustomerContactQueryVariables},
  "#graphql\nquery ReferralGiftCard($id: ID!) {\n  giftCard(id: $id) { id enabled balance { amount currencyCode } }\n}": {return: ReferralGiftCardQuery, variables: ReferralGiftCardQueryVariables},
  "#graphql\nquery ReferralReconcileOrders($first: Int!, $after: String, $query: String!) {\n  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n    pageInfo { hasNextPage endCursor }\n    nodes {\n      id\n      legacyResourceId\n      email\n      processedAt\n      updatedAt\n      cancelledAt\n      displayFinancialStatus\n      totalPriceSet { shopMoney { amount currencyCode } }\n      subtotalPriceSet { shopMoney { amount currencyCode } }\n      customer { id firstName defaultEmailAddress { emailAddress } }\n      customAttributes { key value }\n      discountCodes\n      clientIp\n      customerJourneySummary {\n        customerOrderIndex\n        firstVisit { landingPage }\n        lastVisit { landingPage }\n      }\n      shippingAddress { address1 address2 city zip countryCodeV2 }\n      refunds(first: 20) {\n        legacyResourceId\n        createdAt\n        totalRefundedSet { shopMoney { amount currencyCode } }\n      }\n    }\n  }\n}": {return: ReferralReconcileOrdersQuery, variables: ReferralReconcileOrdersQueryVariables},
  "#graphql\nquery ReferralMainThemeFiles($filenames: [String!]!, $after: String) {\n  themes(first: 1, roles: [MAIN]) {\n    nodes {\n      id\n      name\n      files(filenames: $filenames, first: 50, after: $after) {\n        nodes {\n          filename\n          body { ... on OnlineStoreThemeFileBodyText { content } }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n}": {return: ReferralMainThemeFilesQuery, variables: ReferralMainThemeFilesQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\nmutation ReferralDiscountCreate($discount: DiscountCodeBasicInput!) {\n  discountCodeBasicCreate(basicCodeDiscount: $discount) {\n    codeDiscountNode { id }\n    userErrors { field message code }\n  }\n}": {return: ReferralDiscountCreateMutation, variables: ReferralDiscountCreateMutationVariables},
  "#graphql\nmutation ReferralDiscountDeactivate($id: ID!) {\n  discountCodeDeactivate(id: $id) {\n    codeDiscountNode { id }\n    userErrors { field message code }\n  }\n}": {return: ReferralDiscountDeactivateMutation, variables: ReferralDiscountDeactivateMutationVariables},
  "#graphql\nmutation ReferralStoreCredit($id: ID!, $input: StoreCreditAccountCreditInput!) {\n  storeCreditAccountCredit(id: $id, creditInput: $input) {\n    storeCreditAccountTransaction { id amount { amount currencyCode } }\n    userErrors { field message code }\n  }\n}": {return: ReferralStoreCreditMutation, variables: ReferralStoreCreditMutationVariables},
  "#graphql\nmutation ReferralStoreCreditDebit($id: ID!, $input: StoreCreditAccountDebitInput!) {\n  storeCreditAccountDebit(id: $id, debitInput: $input) {\n    storeCreditAccountTransaction { id amount { amount currencyCode } }\n    userErrors { field message code }\n  }\n}": {return: ReferralStoreCreditDebitMutation, variables: ReferralStoreCreditDebitMutationVariables},
  "#graphql\nmutation ReferralGiftCardCreate($input: GiftCardCreateInput!) {\n  giftCardCreate(input: $input) {\n    giftCard { id }\n    userErrors { field message code }\n  }\n}": {return: ReferralGiftCardCreateMutation, variables: ReferralGiftCardCreateMutationVariables},
  "#graphql\nmutation ReferralGiftCardDeactivate($id: ID!) {\n  giftCardDeactivate(id: $id) {\n    giftCard { id }\n    userErrors { field message code }\n  }\n}": {return: ReferralGiftCardDeactivateMutation, variables: ReferralGiftCardDeactivateMutationVariables},
  "#graphql\nmutation ReferralFlowTrigger($handle: String!, $payload: JSON!) {\n  flowTriggerReceive(handle: $handle, payload: $payload) {\n    userErrors { field message }\n  }\n}": {return: ReferralFlowTriggerMutation, variables: ReferralFlowTriggerMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}

export type { GeneratedMutationTypes as AdminMutationDocuments, GeneratedQueryTypes as AdminQueryDocuments };