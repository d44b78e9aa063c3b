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
      Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'email' | 'processedAt' | 'updatedAt' | 'cancelledAt' | 'displayFinancialStatus' | 'discountCodes' | 'clientIp' | 'checkoutToken'>
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

export type ReferralWebPixelCreateMutationVariables = AdminTypes.Exact<{
  webPixel: AdminTypes.WebPixelInput;
}>;


export type ReferralWebPixelCreateMutation = { webPixelCreate?: AdminTypes.Maybe<{ webPixel?: AdminTypes.Maybe<Pick<AdminTypes.WebPixel, 'id' | 'settings'>>, userErrors: Array<Pick<AdminTypes.ErrorsWebPixelUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralWebPixelQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ReferralWebPixelQuery = { webPixel?: AdminTypes.Maybe<Pick<AdminTypes.WebPixel, 'id' | 'settings'>> };

export type ReferralWebPixelUpdateMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  webPixel: AdminTypes.WebPixelInput;
}>;


export type ReferralWebPixelUpdateMutation = { webPixelUpdate?: AdminTypes.Maybe<{ webPixel?: AdminTypes.Maybe<Pick<AdminTypes.WebPixel, 'id' | 'settings'>>, userErrors: Array<Pick<AdminTypes.ErrorsWebPixelUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralCheckoutCodeDiscountCreateMutationVariables = AdminTypes.Exact<{
  discount: AdminTypes.DiscountCodeAppInput;
}>;


export type ReferralCheckoutCodeDiscountCreateMutation = { discountCodeAppCreate?: AdminTypes.Maybe<{ codeAppDiscount?: AdminTypes.Maybe<(
      Pick<AdminTypes.DiscountCodeApp, 'discountId'>
      & { codes: { nodes: Array<Pick<AdminTypes.DiscountRedeemCode, 'id' | 'code'>> } }
    )>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralCheckoutAutomaticDiscountCreateMutationVariables = AdminTypes.Exact<{
  discount: AdminTypes.DiscountAutomaticAppInput;
}>;


export type ReferralCheckoutAutomaticDiscountCreateMutation = { discountAutomaticAppCreate?: AdminTypes.Maybe<{ automaticAppDiscount?: AdminTypes.Maybe<Pick<AdminTypes.DiscountAutomaticApp, 'discountId'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralCheckoutCodeDiscountByTagQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type ReferralCheckoutCodeDiscountByTagQuery = { codeDiscountNodes: { nodes: Array<Pick<AdminTypes.DiscountCodeNode, 'id'>> } };

export type ReferralCheckoutAutomaticDiscountByTagQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type ReferralCheckoutAutomaticDiscountByTagQuery = { automaticDiscountNodes: { nodes: Array<Pick<AdminTypes.DiscountAutomaticNode, 'id'>> } };

export type ReferralCheckoutCodeDiscountQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralCheckoutCodeDiscountQuery = { codeDiscountNode?: AdminTypes.Maybe<(
    Pick<AdminTypes.DiscountCodeNode, 'id'>
    & { metafield?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, codeDiscount: Pick<AdminTypes.DiscountCodeApp, 'status'> }
  )> };

export type ReferralCheckoutAutomaticDiscountQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralCheckoutAutomaticDiscountQuery = { automaticDiscountNode?: AdminTypes.Maybe<(
    Pick<AdminTypes.DiscountAutomaticNode, 'id'>
    & { metafield?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, automaticDiscount: Pick<AdminTypes.DiscountAutomaticApp, 'status'> }
  )> };

export type ReferralCheckoutRedeemCodesQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ReferralCheckoutRedeemCodesQuery = { codeDiscountNode?: AdminTypes.Maybe<{ codeDiscount: { codes: { nodes: Array<Pick<AdminTypes.DiscountRedeemCode, 'id' | 'code'>>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } } }> };

export type ReferralCheckoutRedeemCodesAddMutationVariables = AdminTypes.Exact<{
  discountId: AdminTypes.Scalars['ID']['input'];
  codes: Array<AdminTypes.DiscountRedeemCodeInput> | AdminTypes.DiscountRedeemCodeInput;
}>;


export type ReferralCheckoutRedeemCodesAddMutation = { discountRedeemCodeBulkAdd?: AdminTypes.Maybe<{ bulkCreation?: AdminTypes.Maybe<Pick<AdminTypes.DiscountRedeemCodeBulkCreation, 'id' | 'done'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralCheckoutRedeemCodesAddedQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralCheckoutRedeemCodesAddedQuery = { discountRedeemCodeBulkCreation?: AdminTypes.Maybe<(
    Pick<AdminTypes.DiscountRedeemCodeBulkCreation, 'done'>
    & { codes: { nodes: Array<(
        Pick<AdminTypes.DiscountRedeemCodeBulkCreationCode, 'code'>
        & { discountRedeemCode?: AdminTypes.Maybe<Pick<AdminTypes.DiscountRedeemCode, 'id'>>, errors: Array<Pick<AdminTypes.DiscountUserError, 'code' | 'message'>> }
      )> } }
  )> };

export type ReferralCheckoutRedeemCodesDeleteMutationVariables = AdminTypes.Exact<{
  discountId: AdminTypes.Scalars['ID']['input'];
  ids?: AdminTypes.InputMaybe<Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input']>;
}>;


export type ReferralCheckoutRedeemCodesDeleteMutation = { discountCodeRedeemCodeBulkDelete?: AdminTypes.Maybe<{ job?: AdminTypes.Maybe<Pick<AdminTypes.Job, 'id' | 'done'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralCheckoutJobQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralCheckoutJobQuery = { job?: AdminTypes.Maybe<Pick<AdminTypes.Job, 'done'>> };

export type ReferralCheckoutAutomaticDiscountDeactivateMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReferralCheckoutAutomaticDiscountDeactivateMutation = { discountAutomaticDeactivate?: AdminTypes.Maybe<{ automaticDiscountNode?: AdminTypes.Maybe<Pick<AdminTypes.DiscountAutomaticNode, 'id'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type ReferralCheckoutMetafieldsSetMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type ReferralCheckoutMetafieldsSetMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'id'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code' | 'elementIndex'>> }> };

interface GeneratedQueryTypes {
  "#graphql\nquery ReferralDiscountByCode($code: String!) {\n  codeDiscountNodeByCode(code: $code) {\n    id\n    codeDiscount {\n      ... on DiscountCodeBasic { status asyncUsageCount }\n    }\n  }\n}": {return: ReferralDiscountByCodeQuery, variables: ReferralDiscountByCodeQueryVariables},
  "#graphql\nquery ReferralStoreCreditAccounts($id: ID!) {\n  customer(id: $id) {\n    storeCreditAccounts(first: 10) {\n      nodes {\n        id\n        balance { amount currencyCode }\n        transactions(first: 50, reverse: true) {\n          nodes {\n            createdAt\n            amount { amount currencyCode }\n            ... on StoreCreditAccountCreditTransaction { id }\n            ... on StoreCreditAccountDebitTransaction { id }\n          }\n        }\n      }\n    }\n  }\n}": {return: ReferralStoreCreditAccountsQuery, variables: ReferralStoreCreditAccountsQueryVariables},
  "#graphql\nquery ReferralCustomerContact($id: ID!) {\n  customer(id: $id) { id email firstName }\n}": {return: ReferralCustomerContactQuery, variables: ReferralCustomerContactQueryVariables},
  "#graphql\nquery ReferralGiftCard($id: ID!) {\n  giftCard(id: $id) { id enabled balance { amount currencyCode } }\n}": {return: ReferralGiftCardQuery, variables: ReferralGiftCardQueryVariables},
  "#graphql\nquery ReferralReconcileOrders($first: Int!, $after: String, $query: String!) {\n  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n    pageInfo { hasNextPage endCursor }\n    nodes {\n      id\n      legacyResourceId\n      email\n      processedAt\n      updatedAt\n      cancelledAt\n      displayFinancialStatus\n      totalPriceSet { shopMoney { amount currencyCode } }\n      subtotalPriceSet { shopMoney { amount currencyCode } }\n      customer { id firstName defaultEmailAddress { emailAddress } }\n      customAttributes { key value }\n      discountCodes\n      clientIp\n      checkoutToken\n      customerJourneySummary {\n        customerOrderIndex\n        firstVisit { landingPage }\n        lastVisit { landingPage }\n      }\n      shippingAddress { address1 address2 city zip countryCodeV2 }\n      refunds(first: 20) {\n        legacyResourceId\n        createdAt\n        totalRefundedSet { shopMoney { amount currencyCode } }\n      }\n    }\n  }\n}": {return: ReferralReconcileOrdersQuery, variables: ReferralReconcileOrdersQueryVariables},
  "#graphql\nquery ReferralMainThemeFiles($filenames: [String!]!, $after: String) {\n  themes(first: 1, roles: [MAIN]) {\n    nodes {\n      id\n      name\n      files(filenames: $filenames, first: 50, after: $after) {\n        nodes {\n          filename\n          body { ... on OnlineStoreThemeFileBodyText { content } }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n}": {return: ReferralMainThemeFilesQuery, variables: ReferralMainThemeFilesQueryVariables},
  "#graphql\nquery ReferralWebPixel {\n  webPixel { id settings }\n}": {return: ReferralWebPixelQuery, variables: ReferralWebPixelQueryVariables},
  "#graphql\nquery ReferralCheckoutCodeDiscountByTag($query: String!) {\n  codeDiscountNodes(first: 1, query: $query) { nodes { id } }\n}": {return: ReferralCheckoutCodeDiscountByTagQuery, variables: ReferralCheckoutCodeDiscountByTagQueryVariables},
  "#graphql\nquery ReferralCheckoutAutomaticDiscountByTag($query: String!) {\n  automaticDiscountNodes(first: 1, query: $query) { nodes { id } }\n}": {return: ReferralCheckoutAutomaticDiscountByTagQuery, variables: ReferralCheckoutAutomaticDiscountByTagQueryVariables},
  "#graphql\nquery ReferralCheckoutCodeDiscount($id: ID!) {\n  codeDiscountNode(id: $id) {\n    id\n    metafield(namespace: \"$app:referrals\", key: \"function-configuration\") { value }\n    codeDiscount { ... on DiscountCodeApp { status } }\n  }\n}": {return: ReferralCheckoutCodeDiscountQuery, variables: ReferralCheckoutCodeDiscountQueryVariables},
  "#graphql\nquery ReferralCheckoutAutomaticDiscount($id: ID!) {\n  automaticDiscountNode(id: $id) {\n    id\n    metafield(namespace: \"$app:referrals\", key: \"function-configuration\") { value }\n    automaticDiscount { ... on DiscountAutomaticApp { status } }\n  }\n}": {return: ReferralCheckoutAutomaticDiscountQuery, variables: ReferralCheckoutAutomaticDiscountQueryVariables},
  "#graphql\nquery ReferralCheckoutRedeemCodes($id: ID!, $after: String) {\n  codeDiscountNode(id: $id) {\n    codeDiscount {\n      ... on DiscountCodeApp {\n        codes(first: 250, after: $after) { nodes { id code } pageInfo { hasNextPage endCursor } }\n      }\n    }\n  }\n}": {return: ReferralCheckoutRedeemCodesQuery, variables: ReferralCheckoutRedeemCodesQueryVariables},
  "#graphql\nquery ReferralCheckoutRedeemCodesAdded($id: ID!) {\n  discountRedeemCodeBulkCreation(id: $id) {\n    done\n    codes(first: 250) { nodes { code discountRedeemCode { id } errors { code message } } }\n  }\n}": {return: ReferralCheckoutRedeemCodesAddedQuery, variables: ReferralCheckoutRedeemCodesAddedQueryVariables},
  "#graphql\nquery ReferralCheckoutJob($id: ID!) {\n  job(id: $id) { done }\n}": {return: ReferralCheckoutJobQuery, variables: ReferralCheckoutJobQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\nmutation ReferralDiscountCreate($discount: DiscountCodeBasicInput!) {\n  discountCodeBasicCreate(basicCodeDiscount: $discount) {\n    codeDiscountNode { id }\n    userErrors { field message code }\n  }\n}": {return: ReferralDiscountCreateMutation, variables: ReferralDiscountCreateMutationVariables},
  "#graphql\nmutation ReferralDiscountDeactivate($id: ID!) {\n  discountCodeDeactivate(id: $id) {\n    codeDiscountNode { id }\n    userErrors { field message code }\n  }\n}": {return: ReferralDiscountDeactivateMutation, variables: ReferralDiscountDeactivateMutationVariables},
  "#graphql\nmutation ReferralStoreCredit($id: ID!, $input: StoreCreditAccountCreditInput!) {\n  storeCreditAccountCredit(id: $id, creditInput: $input) {\n    storeCreditAccountTransaction { id amount { amount currencyCode } }\n    userErrors { field message code }\n  }\n}": {return: ReferralStoreCreditMutation, variables: ReferralStoreCreditMutationVariables},
  "#graphql\nmutation ReferralStoreCreditDebit($id: ID!, $input: StoreCreditAccountDebitInput!) {\n  storeCreditAccountDebit(id: $id, debitInput: $input) {\n    storeCreditAccountTransaction { id amount { amount currencyCode } }\n    userErrors { field message code }\n  }\n}": {return: ReferralStoreCreditDebitMutation, variables: ReferralStoreCreditDebitMutationVariables},
  "#graphql\nmutation ReferralGiftCardCreate($input: GiftCardCreateInput!) {\n  giftCardCreate(input: $input) {\n    giftCard { id }\n    userErrors { field message code }\n  }\n}": {return: ReferralGiftCardCreateMutation, variables: ReferralGiftCardCreateMutationVariables},
  "#graphql\nmutation ReferralGiftCardDeactivate($id: ID!) {\n  giftCardDeactivate(id: $id) {\n    giftCard { id }\n    userErrors { field message code }\n  }\n}": {return: ReferralGiftCardDeactivateMutation, variables: ReferralGiftCardDeactivateMutationVariables},
  "#graphql\nmutation ReferralFlowTrigger($handle: String!, $payload: JSON!) {\n  flowTriggerReceive(handle: $handle, payload: $payload) {\n    userErrors { field message }\n  }\n}": {return: ReferralFlowTriggerMutation, variables: ReferralFlowTriggerMutationVariables},
  "#graphql\nmutation ReferralWebPixelCreate($webPixel: WebPixelInput!) {\n  webPixelCreate(webPixel: $webPixel) {\n    webPixel { id settings }\n    userErrors { field message code }\n  }\n}": {return: ReferralWebPixelCreateMutation, variables: ReferralWebPixelCreateMutationVariables},
  "#graphql\nmutation ReferralWebPixelUpdate($id: ID!, $webPixel: WebPixelInput!) {\n  webPixelUpdate(id: $id, webPixel: $webPixel) {\n    webPixel { id settings }\n    userErrors { field message code }\n  }\n}": {return: ReferralWebPixelUpdateMutation, variables: ReferralWebPixelUpdateMutationVariables},
  "#graphql\nmutation ReferralCheckoutCodeDiscountCreate($discount: DiscountCodeAppInput!) {\n  discountCodeAppCreate(codeAppDiscount: $discount) {\n    codeAppDiscount { discountId codes(first: 1) { nodes { id code } } }\n    userErrors { field message code }\n  }\n}": {return: ReferralCheckoutCodeDiscountCreateMutation, variables: ReferralCheckoutCodeDiscountCreateMutationVariables},
  "#graphql\nmutation ReferralCheckoutAutomaticDiscountCreate($discount: DiscountAutomaticAppInput!) {\n  discountAutomaticAppCreate(automaticAppDiscount: $discount) {\n    automaticAppDiscount { discountId }\n    userErrors { field message code }\n  }\n}": {return: ReferralCheckoutAutomaticDiscountCreateMutation, variables: ReferralCheckoutAutomaticDiscountCreateMutationVariables},
  "#graphql\nmutation ReferralCheckoutRedeemCodesAdd($discountId: ID!, $codes: [DiscountRedeemCodeInput!]!) {\n  discountRedeemCodeBulkAdd(discountId: $discountId, codes: $codes) {\n    bulkCreation { id done }\n    userErrors { field message code }\n  }\n}": {return: ReferralCheckoutRedeemCodesAddMutation, variables: ReferralCheckoutRedeemCodesAddMutationVariables},
  "#graphql\nmutation ReferralCheckoutRedeemCodesDelete($discountId: ID!, $ids: [ID!]) {\n  discountCodeRedeemCodeBulkDelete(discountId: $discountId, ids: $ids) {\n    job { id done }\n    userErrors { field message code }\n  }\n}": {return: ReferralCheckoutRedeemCodesDeleteMutation, variables: ReferralCheckoutRedeemCodesDeleteMutationVariables},
  "#graphql\nmutation ReferralCheckoutAutomaticDiscountDeactivate($id: ID!) {\n  discountAutomaticDeactivate(id: $id) {\n    automaticDiscountNode { id }\n    userErrors { field message code }\n  }\n}": {return: ReferralCheckoutAutomaticDiscountDeactivateMutation, variables: ReferralCheckoutAutomaticDiscountDeactivateMutationVariables},
  "#graphql\nmutation ReferralCheckoutMetafieldsSet($metafields: [MetafieldsSetInput!]!) {\n  metafieldsSet(metafields: $metafields) {\n    metafields { id }\n    userErrors { field message code elementIndex }\n  }\n}": {return: ReferralCheckoutMetafieldsSetMutation, variables: ReferralCheckoutMetafieldsSetMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}

export type { GeneratedMutationTypes as AdminMutationDocuments, GeneratedQueryTypes as AdminQueryDocuments };