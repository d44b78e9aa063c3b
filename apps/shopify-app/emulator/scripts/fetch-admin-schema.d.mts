export declare const ADMIN_SCHEMA_API_VERSION: '2026-10';
/** The gzipped introspection JSON (`{ data: IntrospectionQuery }`) of the Admin schema. */
export declare const adminSchemaFile: string;
/** Downloads the schema unless it is already here; returns its path. */
export declare function ensureAdminSchema(): string;
