// The function's entry module: Shopify CLI maps the TOML export "cart-lines-discounts-generate-run"
// to the camel-cased export of that name.
export * from './cart_lines_discounts_generate_run.js';
