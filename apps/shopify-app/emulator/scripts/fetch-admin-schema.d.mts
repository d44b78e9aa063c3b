export declare const ADMIN_SCHEMA_API_VERSION: '2026-10';
/** The Discount Function API version of extensions/friend-offer-discount (its api_version). */
export declare const DISCOUNT_FUNCTION_API_VERSION: '2026-10';
/** The gzipped introspection JSON (`{ data: IntrospectionQuery }`) of the Admin schema. */
export declare const adminSchemaFile: string;
/** The gzipped introspection JSON of the Discount Function API (`Input` query, `MutationRoot` results). */
export declare const discountFunctionSchemaFile: string;
/** Downloads the schemas unless they are already here; returns the Admin schema's path. */
export declare function ensureAdminSchema(): string;
/** Downloads the schemas unless they are already here; returns the Discount Function schema's path. */
export declare function ensureDiscountFunctionSchema(): string;
/** The tarball that holds Shopify's schemas and the @shopify/ui-extensions type definitions. */
export declare const DEV_MCP_PACKAGE: string;
/** Extracts `members` of the dev-mcp tarball into a temporary folder, hands it to `use`, then removes it. */
export declare function withDevMcpMembers<T>(members: string[], use: (work: string) => T): T;
