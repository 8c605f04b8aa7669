import { config } from 'zod';

// zod (inside the OpenID4VC libraries) compiles fast parsers with `new Function` unless told not
// to. The wallet's CSP forbids eval: zod would probe, fail and fall back, and every probe would be a
// CSP violation report. Imported first by main.ts, before any library module parses anything.
config({ jitless: true });
