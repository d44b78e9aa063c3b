// A storefront customer's email and first name, read from Shopify: the app proxy names customers
// by id only, and the CRM, notifications and the landing page need to know who they are.
import type { AdminGraphql } from './admin-graphql.js';
import { CUSTOMER_CONTACT } from './documents.js';

export type CustomerContact = { email: string | null; firstName: string | null };

export type CustomerContactLookup = (
  merchantId: string,
  platformCustomerId: string,
) => Promise<CustomerContact | null>;

export function customerContactLookup(graphql: AdminGraphql): CustomerContactLookup {
  return async (merchantId, platformCustomerId) => {
    const id = platformCustomerId.startsWith('gid://')
      ? platformCustomerId
      : `gid://shopify/Customer/${platformCustomerId}`;
    const data = await graphql.request(merchantId, CUSTOMER_CONTACT, { id });
    return data.customer
      ? { email: data.customer.email ?? null, firstName: data.customer.firstName ?? null }
      : null;
  };
}
