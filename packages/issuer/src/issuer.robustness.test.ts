import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';
import { workplaceRequest } from './test-support/requests.js';

// Issue 8: no input makes the issuer answer 5xx or pollute prototypes; a thousand concurrent
// issuances all succeed or fail cleanly, with unique status indexes.
describe('issuer robustness', () => {
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;
  let credentialId: string;

  beforeAll(async () => {
    issuer = await startIssuer();
    org = await provisionOrg(issuer, 'robust', 'employer');
    credentialId = (
      await call(issuer.url, 'POST', '/api/credentials', { token: org.apiKey, body: workplaceRequest() })
    ).body.credential.id;
  });
  afterAll(async () => issuer.destroy());

  it('[property tests] the issuer answers random JSON on every endpoint that takes a body with a 4xx, never a 5xx, and leaves Object.prototype alone', async () => {
    const id = encodeURIComponent(credentialId);
    const endpoints: [string, string, string | undefined][] = [
      ['POST', '/api/credentials', org.apiKey],
      ['POST', '/api/cohorts', org.apiKey],
      ['POST', `/api/credentials/${id}/revoke`, org.apiKey],
      ['POST', `/api/credentials/${id}/suspend`, org.apiKey],
      ['POST', '/admin/organisations', 'test-admin-token-0123456789abcdef'],
      ['POST', '/admin/organisations/robust/staff', 'test-admin-token-0123456789abcdef'],
      ['POST', '/orgs/robust/credential', 'not-a-token'],
      ['POST', '/orgs/robust/token', undefined],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.jsonValue(),
        async ([method, path, token], value) => {
          const response = await call(issuer.url, method, path, {
            ...(token === undefined ? {} : { token }),
            raw: JSON.stringify(value),
            headers: { 'content-type': 'application/json' },
          });
          expect(response.status).toBeLessThan(500);
          expect(
            response.status === 200 ||
              response.status === 201 ||
              response.status === 202 ||
              (response.status >= 400 && response.status < 500),
          ).toBe(true);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
    // Pollution attempts in particular.
    for (const raw of [
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
      '{"type":"EVCCredential","credential":{"__proto__":{"polluted":1}}}',
    ]) {
      const response = await call(issuer.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        raw,
        headers: { 'content-type': 'application/json' },
      });
      expect(response).toMatchObject({ status: 400, body: { code: 'ERR_FORBIDDEN_KEY' } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);

  it('[faults] handles 1,000 concurrent issuance requests: every one succeeds, each with its own status index', async () => {
    const before = (await issuer.runtime.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM credentials WHERE org_slug = 'robust'",
    ))!.n;
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        call(issuer.url, 'POST', '/api/credentials', {
          token: org.apiKey,
          body: { ...workplaceRequest(), learner: { name: `Learner ${i}` } },
        }),
      ),
    );
    const statuses = new Map<number, number>();
    for (const r of responses) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 201: 1000 });
    const rows = await issuer.runtime.db.all<{ list_no: number; status_index: number }>(
      "SELECT list_no, status_index FROM credentials WHERE org_slug = 'robust'",
    );
    expect(rows).toHaveLength(before + 1000);
    expect(new Set(rows.map((r) => `${r.list_no}:${r.status_index}`)).size).toBe(rows.length);
  }, 120_000);
});
