/** The wallet's Content-Security-Policy (see csp.mjs). */
export declare const CONTENT_SECURITY_POLICY: string;
