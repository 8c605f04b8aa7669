// Builds the employer page (index.html, and received.html that wallets are sent to after answering)
// into ./dist, which the verifier serves under /employer/ (src/app.ts). Run by `pnpm build:pages`
// (part of `pnpm build` and `pnpm typecheck`). The page lives outside the verifier's src/, so the
// service's tsc never compiles it.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;
// The page bundles core from its sources, like the wallet, so it never depends on a stale core build.
const coreSrc = join(realpathSync(join(here, '../node_modules/@skills-passport/core')), 'src');

export default defineConfig({
  root: here,
  // Relative asset URLs: the page works under /employer/ without knowing its own path.
  base: './',
  resolve: { alias: { '@skills-passport/core': join(coreSrc, 'index.ts') } },
  build: {
    target: 'es2022',
    outDir: join(here, 'dist'),
    emptyOutDir: true,
    // no data: URLs (the verifier's CSP allows images from itself only)
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { index: join(here, 'index.html'), received: join(here, 'received.html') },
      // Importing core or a package has no side effects the page relies on; saying so lets Rollup
      // drop what the page does not use (schema validation with ajv, the CSV reader ...).
      treeshake: { moduleSideEffects: (id) => !id.startsWith(coreSrc) && !id.includes('/node_modules/') },
    },
  },
});
