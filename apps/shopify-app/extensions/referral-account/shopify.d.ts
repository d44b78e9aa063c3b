// What Shopify CLI generates for each target module (`shopify app dev` rewrites it): the `shopify`
// global of the target the module renders.
import '@shopify/ui-extensions';

//@ts-ignore
declare module './src/AccountPage.ts' {
  const shopify: import('@shopify/ui-extensions/customer-account.page.render').Api;
}

//@ts-ignore
declare module './src/ProfileBlock.ts' {
  const shopify: import('@shopify/ui-extensions/customer-account.profile.block.render').Api;
}
