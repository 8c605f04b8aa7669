// Builds the employer page (index.html, and received.html that wallets are sent to after answering)
// and the public verification page (verify.html, served at /verify/ and /p/:id) into ./dist, which
// the verifier serves under /employer/ (src/app.ts). Run by `pnpm build:pages`
// (part of `pnpm build` and `pnpm typecheck`). The page lives outside the verifier's src/, so the
// service's tsc never compiles it.
import { pageConfig } from '@skills-passport/page-kit/vite';
import { defineConfig } from 'vite';

export default defineConfig(pageConfig(import.meta.dirname, ['index.html', 'received.html', 'verify.html']));
