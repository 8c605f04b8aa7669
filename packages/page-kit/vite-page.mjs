// The Vite build of a service's page: bundles core and the page kit from their sources (so a page
// never depends on a stale build), relative asset URLs (the page works under any path), no inline
// data: URLs (the pages' CSP allows only their own scripts, styles and images).
import { realpathSync } from 'node:fs';
import { join } from 'node:path';

const kitDir = import.meta.dirname;
const coreSrc = join(realpathSync(join(kitDir, 'node_modules/@skills-passport/core')), 'src');
const kitSrc = join(kitDir, 'src');

/** The Vite config of the page in `root`; `pages` lists its HTML entry points (default: index.html). */
export function pageConfig(root, pages = ['index.html']) {
  return {
    root,
    base: './',
    resolve: {
      alias: {
        '@skills-passport/core': join(coreSrc, 'index.ts'),
        '@skills-passport/page-kit/dom': join(kitSrc, 'dom.ts'),
      },
    },
    build: {
      target: 'es2022',
      outDir: join(root, 'dist'),
      emptyOutDir: true,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: Object.fromEntries(pages.map((page) => [page.replace(/\.html$/, ''), join(root, page)])),
        // Importing core or a package has no side effects a page relies on; saying so lets Rollup
        // drop what the page does not use (schema validation with ajv, the CSV reader ...).
        treeshake: {
          moduleSideEffects: (id) => !id.startsWith(coreSrc) && !id.includes('/node_modules/'),
        },
      },
    },
  };
}
