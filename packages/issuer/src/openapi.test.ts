import { tagged } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import { createApp } from './app.js';
import { openApiDocument } from './http/openapi.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';

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

  it(
    tagged(
      'access control',
      'refuses every secured route without its credential, and admin routes to staff keys',
    ),
    async () => {
      const served = (await (await fetch(`${issuer.url}/openapi.json`)).json()) as any;
      const staff = await provisionOrg(issuer, 'access-check', 'employer');
      let secured = 0;
      for (const [template, ops] of Object.entries(served.paths as Record<string, Record<string, any>>)) {
        for (const [method, op] of Object.entries(ops)) {
          const schemes = ((op.security ?? []) as Record<string, unknown>[]).flatMap((s) => Object.keys(s));
          if (schemes.length === 0) continue;
          secured += 1;
          const path = template.replace(/\{(\w+)\}/g, (_m, name: string) =>
            name === 'slug' ? 'access-check' : name === 'format' ? 'svg' : `x-${name}`,
          );
          const send = (token?: string) =>
            call(issuer.url, method.toUpperCase(), path, {
              ...(token === undefined ? {} : { token }),
              ...(['post', 'put', 'patch'].includes(method) ? { body: {} } : {}),
            });
          const where = `${method.toUpperCase()} ${template}`;
          const refusals = [await send(), await send('not-a-real-token-0123456789')];
          // An admin route is no staff route: a valid API key does not open it.
          if (schemes.includes('adminToken')) refusals.push(await send(staff.apiKey));
          for (const r of refusals) {
            expect({ where, status: r.status }).toEqual({ where, status: 401 });
            if (schemes.includes('accessToken')) expect(r.body.error).toBe('invalid_token');
            else expect(r.body.code).toBe('ERR_UNAUTHENTICATED');
          }
        }
      }
      expect(secured).toBeGreaterThan(20);
    },
  );
});
