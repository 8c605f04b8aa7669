import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';
import { precompiledSchemas } from './build/precompiled-schemas.mjs';
import { CONTENT_SECURITY_POLICY } from './build/csp.mjs';

const here = import.meta.dirname;
// core's package exports do not include package.json; its folder is the workspace link's target.
const coreDir = realpathSync(join(here, 'node_modules/@skills-passport/core'));
const port = Number(process.env.WALLET_PORT ?? process.env.PORT ?? 3000);
const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};

function publicationService() {
  const env = process.env;
  if (env.WALLET_PUBLICATION_SERVICE) return env.WALLET_PUBLICATION_SERVICE;
  if (env.VERIFIER_PUBLIC_URL) return env.VERIFIER_PUBLIC_URL;
  return env.VERIFIER_PORT ? `http://localhost:${env.VERIFIER_PORT}` : '';
}

/** Puts the CSP into the page too (minus frame-ancestors, which a <meta> cannot carry). */
const cspMeta = {
  name: 'skills-passport-csp-meta',
  transformIndexHtml(html, ctx) {
    // The dev server injects its own client; the strict policy applies to the built app.
    if (ctx.server !== undefined) return html;
    const policy = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    return html.replace(
      '<meta charset="utf-8" />',
      `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
    );
  },
};

/**
 * `vite preview` (as `./sp start` runs the wallet) answers `/wallet-config.json` itself when
 * WALLET_TRUST_LIST names a trust list, so a start never writes into the built files: two platforms
 * started side by side each serve their own. A static host serves its own wallet-config.json.
 */
const walletConfig = {
  name: 'skills-passport-wallet-config',
  configurePreviewServer(server) {
    const trustList = process.env.WALLET_TRUST_LIST;
    if (trustList === undefined || trustList === '') return;
    const body = `${JSON.stringify({ trustList })}\n`;
    server.middlewares.use('/wallet-config.json', (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-cache');
      for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
      res.end(body);
    });
  },
};

export default defineConfig({
  root: here,
  // The wallet bundles core from its sources, so it never depends on a stale core build; core's
  // data files (the whole ESCO, for the career check) are assets it fetches from its own origin.
  resolve: {
    alias: [
      { find: /^@skills-passport\/core$/, replacement: join(coreDir, 'src/index.ts') },
      { find: /^@skills-passport\/core\/data\//, replacement: `${join(coreDir, 'data')}/` },
    ],
  },
  plugins: [precompiledSchemas({ coreDir }), cspMeta, walletConfig],
  // The publication service the wallet offers unless the learner chooses another (https, or
  // loopback for development): WALLET_PUBLICATION_SERVICE, else the verifier this build is started
  // with (VERIFIER_PUBLIC_URL, else http://localhost:VERIFIER_PORT); empty: http://localhost:3002.
  define: { __WALLET_PUBLICATION_SERVICE__: JSON.stringify(publicationService()) },
  build: {
    target: 'es2022',
    rollupOptions: {
      // core's modules only declare things (no top-level effects), but it has no `sideEffects`
      // flag; saying so here lets the build leave out what the first screen does not use (the
      // verification pipeline with JSON-LD, the schemas, the ESCO CSV reader) and load it with the
      // screens that do.
      treeshake: { moduleSideEffects: (id) => !id.startsWith(join(coreDir, 'src')) },
    },
    outDir: process.env.WALLET_OUT_DIR ?? join(here, 'dist'),
    emptyOutDir: true,
    // no inline data: URLs for assets; the CSP allows only same-origin scripts and styles
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
  },
  server: { port, strictPort: true },
  preview: { port, strictPort: true, host: process.env.WALLET_HOST ?? 'localhost', headers: securityHeaders },
});
