// Checkout discounts on Shopify: the friend-offer function's app discounts and their codes.
export { ShopifyCheckoutDiscounts } from './shopify-checkout-discounts.js';
