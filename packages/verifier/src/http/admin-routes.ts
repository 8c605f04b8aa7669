import { randomBytes, randomUUID } from 'node:crypto';
import { isCredentialTypeName, SkillsPassportError, type ValidationIssue } from '@skills-passport/core';
import { Router } from 'express';
import type { VerifierDeps } from '../deps.js';
import { ISSUER_KINDS, type IssuerKind, type TrustedIssuer } from '../domain/trusted-issuers.js';
import { jsonBody, sha256Hex, type AuthFailures } from '@skills-passport/service-kit';
import { requireAdmin } from './auth.js';

/** Checks a trusted-issuer entry; throws ERR_VALIDATION listing every issue. */
export function parseTrustedIssuer(did: string, body: Record<string, unknown>): TrustedIssuer {
  const issues: ValidationIssue[] = [];
  if (!/^did:(web|key):[A-Za-z0-9.%:_-]{1,400}$/.test(did))
    issues.push({ pointer: '/did', rule: 'did', message: 'A did:web or did:key.' });
  if (typeof body.name !== 'string' || body.name.trim().length === 0 || body.name.length > 200)
    issues.push({ pointer: '/name', rule: 'name', message: 'A name of 1 to 200 characters.' });
  if (!ISSUER_KINDS.includes(body.kind as IssuerKind))
    issues.push({ pointer: '/kind', rule: 'enum', message: `One of ${ISSUER_KINDS.join(', ')}.` });
  if (!Array.isArray(body.accreditedTypes) || !body.accreditedTypes.every(isCredentialTypeName))
    issues.push({ pointer: '/accreditedTypes', rule: 'enum', message: 'A list of credential types.' });
  if (issues.length > 0)
    throw new SkillsPassportError('ERR_VALIDATION', 'The trusted issuer is not valid.', { issues });
  return {
    did,
    name: (body.name as string).trim(),
    kind: body.kind as IssuerKind,
    accreditedTypes: [...new Set(body.accreditedTypes as TrustedIssuer['accreditedTypes'])],
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

  /** PUT /api/admin/trusted-issuers/:did — add or replace an entry (200; 401; 415; 422 ERR_VALIDATION). */
  router.put('/api/admin/trusted-issuers/:did', ...jsonBody('16kb'), async (req, res) => {
    const issuer = parseTrustedIssuer(req.params.did as string, req.body as Record<string, unknown>);
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
