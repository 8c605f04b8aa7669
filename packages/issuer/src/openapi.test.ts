import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import { createApp } from './app.js';
import { openApiDocument } from './http/openapi.js';
import { startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) the app registers, with express `:param` turned into OpenAPI `{param}`. */
function registeredRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          out.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...new Set(out)].sort();
}

describe('/openapi.json', () => {
  let issuer: RunningIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => issuer.destroy());

  it('describes exactly the routes the app serves', async () => {
    const served = (await (await fetch(`${issuer.url}/openapi.json`)).json()) as any;
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument(new URL(issuer.url)))));
    expect(served.openapi).toBe('3.1.0');
    const documented = Object.entries(served.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(registeredRoutes(createApp(issuer.runtime.deps))).toEqual(documented);
  });

  it('documents a problem or OAuth error for every failure status', async () => {
    const served = (await (await fetch(`${issuer.url}/openapi.json`)).json()) as any;
    for (const ops of Object.values(
      served.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    )) {
      for (const op of Object.values(ops)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400) expect(JSON.stringify(response)).toMatch(/Problem|OAuthError/);
        }
      }
    }
  });
});
