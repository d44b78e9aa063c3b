// What Shopify CLI generates for each target module (`shopify app dev` rewrites it): the `shopify`
// global of the target the module renders. Both targets give sessionToken.get().
import '@shopify/ui-extensions';

//@ts-ignore
declare module './src/ThankYou.ts' {
  const shopify:
    | import('@shopify/ui-extensions/purchase.thank-you.block.render').Api
    | import('@shopify/ui-extensions/customer-account.order-status.block.render').Api;
}
