// Builds the assessor page into ./dist, which the issuer serves under /assessor/
// (src/assessor-page/assessor-page.ts). Run by `pnpm build:pages` (part of `pnpm build` and
// `pnpm typecheck`). The page lives outside the issuer's src/, so the service's tsc never compiles it.
import { pageConfig } from '@skills-passport/page-kit/vite';
import { defineConfig } from 'vite';

export default defineConfig(pageConfig(import.meta.dirname));
