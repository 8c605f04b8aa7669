import { randomBytes, randomUUID } from 'node:crypto';
import { isCredentialTypeName, SkillsPassportError, type ValidationIssue } from '@skills-passport/core';
import { Router } from 'express';
import type { VerifierDeps } from '../deps.js';
import { ISSUER_KINDS, type IssuerKind, type TrustedIssuer } from '../domain/trusted-issuers.js';
import { jsonBody, sha256Hex, type AuthFailures } from '@skills-passport/service-kit';
import { requireAdmin } from './auth.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A service address a trusted issuer offers (its catalogue, its intake): an absolute https URL of
 * at most 2000 characters without user info or fragment; plain http only for localhost, and only
 * when the verifier allows insecure localhost (development). Returns it normalised, else undefined.
 */
function serviceUrl(value: unknown, allowInsecureLocalhost: boolean): string | undefined {
  if (typeof value !== 'string' || value.length > 2000 || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  const secure =
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && allowInsecureLocalhost && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure || url.username !== '' || url.password !== '' || url.hash !== '') return undefined;
  return url.href;
}

/** How strictly {@link parseTrustedIssuer} reads the service addresses. */
export interface TrustedIssuerRules {
  /** Accept `http://localhost` service addresses (the verifier's VERIFIER_ALLOW_INSECURE_LOCALHOST). */
  allowInsecureLocalhost: boolean;
}

/**
 * Checks a trusted-issuer entry — with its optional `catalogue` (a training provider's
 * `GET /api/catalogues/:slug`) and `intake` (an EVC provider's `GET /api/intake/:slug`) addresses;
 * throws ERR_VALIDATION listing every issue.
 */
export function parseTrustedIssuer(
  did: string,
  body: Record<string, unknown>,
  rules: TrustedIssuerRules = { allowInsecureLocalhost: false },
): TrustedIssuer {
  const issues: ValidationIssue[] = [];
  if (!/^did:(web|key):[A-Za-z0-9.%:_-]{1,400}$/.test(did))
    issues.push({ pointer: '/did', rule: 'did', message: 'A did:web or did:key.' });
  if (typeof body.name !== 'string' || body.name.trim().length === 0 || body.name.length > 200)
    issues.push({ pointer: '/name', rule: 'name', message: 'A name of 1 to 200 characters.' });
  if (!ISSUER_KINDS.includes(body.kind as IssuerKind))
    issues.push({ pointer: '/kind', rule: 'enum', message: `One of ${ISSUER_KINDS.join(', ')}.` });
  if (!Array.isArray(body.accreditedTypes) || !body.accreditedTypes.every(isCredentialTypeName))
    issues.push({ pointer: '/accreditedTypes', rule: 'enum', message: 'A list of credential types.' });
  const services: Pick<TrustedIssuer, 'catalogue' | 'intake'> = {};
  for (const field of ['catalogue', 'intake'] as const) {
    if (body[field] === undefined) continue;
    const url = serviceUrl(body[field], rules.allowInsecureLocalhost);
    if (url === undefined)
      issues.push({
        pointer: `/${field}`,
        rule: 'url',
        message: rules.allowInsecureLocalhost
          ? 'An https address (or http on localhost) of at most 2000 characters.'
          : 'An https address of at most 2000 characters.',
      });
    else services[field] = url;
  }
  if (issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'The trusted issuer is not valid.', { issues });
  return {
    did,
    name: (body.name as string).trim(),
    kind: body.kind as IssuerKind,
    accreditedTypes: [...new Set(body.accreditedTypes as TrustedIssuer['accreditedTypes'])],
    ...services,
  };
}

/** Creates an employer and returns its API key, shown once. */
export async function createEmployer(
  deps: Pick<VerifierDeps, 'store'>,
  name: string,
  now: number,
  apiKey = `vk_${randomBytes(24).toString('base64url')}`,
): Promise<{ id: string; name: string; apiKey: string }> {
  const id = randomUUID();
  await deps.store.addEmployer(id, name, sha256Hex(apiKey), now);
  return { id, name, apiKey };
}

/** The admin API: trusted issuers and employers (administrator token on every route). */
export function adminRoutes(deps: VerifierDeps, failures?: AuthFailures): Router {
  const router = Router();
  router.use('/api/admin', requireAdmin(deps, failures));

  /** GET /api/admin/trusted-issuers — the registry (200; 401). */
  router.get('/api/admin/trusted-issuers', async (_req, res) => {
    res.json({ trustedIssuers: await deps.store.listTrustedIssuers() });
  });

  /**
   * PUT /api/admin/trusted-issuers/:did `{name, kind, accreditedTypes, catalogue?, intake?}` — add or
   * replace an entry (200; 401; 415; 422 ERR_VALIDATION).
   */
  router.put('/api/admin/trusted-issuers/:did', ...jsonBody('16kb'), async (req, res) => {
    const issuer = parseTrustedIssuer(req.params.did as string, req.body as Record<string, unknown>, {
      allowInsecureLocalhost: deps.config.allowInsecureLocalhost,
    });
    await deps.store.putTrustedIssuer(issuer, deps.verification.now());
    res.json(issuer);
  });

  /** DELETE /api/admin/trusted-issuers/:did — remove an entry (204; 401; 404). */
  router.delete('/api/admin/trusted-issuers/:did', async (req, res) => {
    if (!(await deps.store.deleteTrustedIssuer(req.params.did)))
      throw new SkillsPassportError('ERR_NOT_FOUND', 'No such trusted issuer.');
    res.status(204).end();
  });

  /** POST /api/admin/employers `{name}` — a new employer and its API key, shown once (201; 401; 415; 422). */
  router.post('/api/admin/employers', ...jsonBody('4kb'), async (req, res) => {
    const name = (req.body as Record<string, unknown>).name;
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > 200) {
      throw new SkillsPassportError('ERR_VALIDATION', 'Give the employer a name.', {
        issues: [{ pointer: '/name', rule: 'name', message: 'A name of 1 to 200 characters.' }],
      });
    }
    res.status(201).json(await createEmployer(deps, name.trim(), deps.verification.now()));
  });

  /** DELETE /api/admin/employers/:id — revoke an employer's API key (204; 401; 404). */
  router.delete('/api/admin/employers/:id', async (req, res) => {
    if (!(await deps.store.revokeEmployer(req.params.id, deps.verification.now())))
      throw new SkillsPassportError('ERR_NOT_FOUND', 'No such employer.');
    res.status(204).end();
  });

  return router;
}
