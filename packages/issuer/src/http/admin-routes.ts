import { SkillsPassportError } from '@skills-passport/core';
import { jsonBody, type AuthFailures } from '@skills-passport/service-kit';
import { Router } from 'express';
import type { IssuerDeps } from '../domain/deps.js';
import {
  createOrganisation,
  listOrganisations,
  ORG_KINDS,
  rotateKey,
  type OrgKind,
} from '../domain/organisations.js';
import { createApiKey, createStaff, listApiKeys, listStaff, revokeApiKey } from '../domain/staff.js';
import { actorOf, requireAdmin } from './auth.js';

function text(body: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 200) {
    throw new SkillsPassportError('ERR_VALIDATION', 'The request is not valid.', {
      issues: [
        {
          pointer: `/${field}`,
          rule: 'required',
          message: `"${field}" must be a text of 1 to 200 characters.`,
        },
      ],
    });
  }
  return value.trim();
}

/**
 * Administrator API (Bearer = ISSUER_ADMIN_TOKEN). Every write is audited.
 * - POST /admin/organisations {slug, name, kind, url?} -> 201 organisation | 401, 409, 422
 * - GET /admin/organisations -> 200 organisations
 * - POST /admin/organisations/:slug/keys -> 201 new signing key (rotation; old keys stay published) | 404
 * - POST /admin/organisations/:slug/staff {name, role?} -> 201 staff member | 404, 422
 * - GET /admin/organisations/:slug/staff -> 200
 * - POST /admin/organisations/:slug/staff/:staffId/api-keys {label?} -> 201 {token} shown once | 404
 * - GET /admin/organisations/:slug/staff/:staffId/api-keys -> 200 (no secrets)
 * - DELETE /admin/organisations/:slug/api-keys/:keyId -> 204 | 404
 * - GET /admin/audit?org=&limit= -> 200 audit entries, newest first
 */
export function adminRoutes(deps: IssuerDeps, failures?: AuthFailures): Router {
  const router = Router();
  router.use('/admin', requireAdmin(deps, failures));
  const body = jsonBody('16kb');

  router.post('/admin/organisations', ...body, async (req, res) => {
    const input = req.body as Record<string, unknown>;
    const kind = input.kind;
    if (typeof kind !== 'string' || !(ORG_KINDS as readonly string[]).includes(kind)) {
      throw new SkillsPassportError('ERR_VALIDATION', 'The request is not valid.', {
        issues: [{ pointer: '/kind', rule: 'enum', message: `Expected one of ${ORG_KINDS.join(', ')}.` }],
      });
    }
    const url = text(input, 'url', false);
    const org = await createOrganisation(
      deps,
      {
        slug: text(input, 'slug', true)!,
        name: text(input, 'name', true)!,
        kind: kind as OrgKind,
        ...(url === undefined ? {} : { url }),
      },
      actorOf(res),
    );
    res.status(201).json(org);
  });

  router.get('/admin/organisations', async (_req, res) => {
    res.json({ items: await listOrganisations(deps) });
  });

  router.post('/admin/organisations/:slug/keys', async (req, res) => {
    res.status(201).json(await rotateKey(deps, req.params.slug, actorOf(res)));
  });

  router.post('/admin/organisations/:slug/staff', ...body, async (req, res) => {
    const input = req.body as Record<string, unknown>;
    const member = await createStaff(
      deps,
      req.params.slug as string,
      { name: text(input, 'name', true)!, role: text(input, 'role', false) ?? 'assessor' },
      actorOf(res),
    );
    res.status(201).json(member);
  });

  router.get('/admin/organisations/:slug/staff', async (req, res) => {
    res.json({ items: await listStaff(deps, req.params.slug) });
  });

  router.post('/admin/organisations/:slug/staff/:staffId/api-keys', ...body, async (req, res) => {
    const label = text(req.body as Record<string, unknown>, 'label', false) ?? null;
    const key = await createApiKey(
      deps,
      req.params.slug as string,
      req.params.staffId as string,
      label,
      actorOf(res),
    );
    res.status(201).set('Cache-Control', 'no-store').json(key);
  });

  router.get('/admin/organisations/:slug/staff/:staffId/api-keys', async (req, res) => {
    res.json({ items: await listApiKeys(deps, req.params.slug, req.params.staffId) });
  });

  router.delete('/admin/organisations/:slug/api-keys/:keyId', async (req, res) => {
    await revokeApiKey(deps, req.params.slug, req.params.keyId, actorOf(res));
    res.status(204).end();
  });

  router.get('/admin/audit', async (req, res) => {
    const org = typeof req.query.org === 'string' ? req.query.org : undefined;
    const limit = Math.min(Math.max(Number(req.query.limit ?? 100) || 100, 1), 1000);
    const entries = await deps.store.audit.list({ ...(org === undefined ? {} : { orgSlug: org }), limit });
    res.json({
      items: entries.map(({ orgSlug, details, ...entry }) => ({
        ...entry,
        org: orgSlug,
        details: details === null ? null : (JSON.parse(details) as unknown),
      })),
    });
  });

  return router;
}
