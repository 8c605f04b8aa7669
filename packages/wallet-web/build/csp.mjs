// The wallet's Content-Security-Policy, shared by the HTTP headers (vite preview, test server) and
// the <meta> tag in index.html. No inline script or style, no eval (schemas are precompiled), no
// framing. connect-src is open to https origins (any issuer or verifier) and to plain-http loopback
// only, for local development; the code itself refuses plain http for any other host.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
