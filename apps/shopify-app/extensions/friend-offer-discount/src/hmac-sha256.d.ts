// Types for the tests that compare the function's SHA-256 / HMAC with node:crypto.
export declare function sha256(bytes: Uint8Array): Uint8Array;
export declare function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array;
export declare function utf8(text: string): Uint8Array;
export declare function hexToBytes(hex: string): Uint8Array | null;
export declare function base64url(bytes: Uint8Array): string;
