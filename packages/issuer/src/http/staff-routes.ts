import { DEFAULT_JSON_LIMITS, SkillsPassportError } from '@skills-passport/core';
import {
  jsonBody,
  taxonomyRoutes,
  type AuthFailures,
  type TaxonomyRoutesSource,
} from '@skills-passport/service-kit';
import { Router } from 'express';
import QRCode from 'qrcode';
import { changeStatus, type StatusChange } from '../domain/change-status.js';
import { offerAgain } from '../domain/offer-again.js';
import { previewCohort } from '../domain/cohort-preview.js';
import { cohortTemplate } from '../domain/cohort-template.js';
import { getBatch, startCohort, type CohortRequest } from '../domain/cohorts.js';
import type { IssuerDeps } from '../domain/deps.js';
import { getCredential, issueCredential, type IssueRequest } from '../domain/issue-credential.js';
import { listCredentials } from '../domain/list-credentials.js';
import { resendOfferMail } from '../domain/offer-mail.js';
import { ALLOWED_TYPES } from '../domain/organisations.js';
import { actorOf, principalOf, requireStaff } from './auth.js';

function query(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function csvCell(value: string): string {
  return /[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Issuance API for staff (Bearer = API key). Everything is scoped to the key's organisation:
 * another organisation's credential or cohort is "not found".
 * - GET /api/me -> 200 {staff, organisation, allowedTypes}
 * - POST /api/credentials [Idempotency-Key] -> 201 {credential, txCode?} | 401, 403 ERR_CREDENTIAL_TYPE_NOT_ALLOWED, 413, 415, 422 ERR_SCHEMA_INVALID / ERR_VALIDATION / ERR_IDEMPOTENCY_KEY_REUSED
 * - GET /api/credentials?learner&type&status&batch&from&to&limit&cursor -> 200 {items, nextCursor}
 * - GET /api/credentials/:id -> 200 | 404
 * - GET /api/credentials/:id/offer.svg | offer.png -> the offer's QR code | 404, 409 when no open offer
 * - POST /api/credentials/:id/offer/mail -> 202 credential (its mail pending) | 404, 409 ERR_INVALID_STATE (no open offer) / ERR_NO_EMAIL_ADDRESS
 * - GET /api/outbox?limit -> 200 {enabled, items: [{id, to, subject, at, claimUrl, file}]}: the organisation's offer e-mails kept in the outbox (enabled false when mail goes to an SMTP server)
 * - POST /api/credentials/:id/revoke {reason} | suspend | unsuspend -> 200 | 404, 409 ERR_INVALID_STATE, 422
 * - POST /api/cohorts [Idempotency-Key] {type, credential, csv, offer?} -> 202 batch | 422 ERR_CSV_INVALID ...
 * - POST /api/cohorts/preview {type, credential, csv} -> 200 {separator, columns, total, rows: first 5 with their issues} | 422 as the upload; stores nothing
 * - GET /api/cohorts/template.csv?type&separator=comma|semicolon -> text/csv header line (UTF-8 BOM) | 403, 422 ERR_UNKNOWN_CREDENTIAL_TYPE
 * - GET /api/cohorts/:id -> 200 batch progress and report | 404
 * - GET /api/cohorts/:id/offers.csv?separator=comma|semicolon -> text/csv of each row's learner, offer link and claim page (semicolon: with a BOM, for Dutch Excel)
 * - GET /api/skills, /api/occupations, /api/occupations/skills -> the taxonomy's search and an
 *   occupation's skills, as service-kit's taxonomyRoutes answer them (the whole ESCO in a real start)
 */
export function staffRoutes(
  deps: IssuerDeps,
  taxonomy: TaxonomyRoutesSource,
  failures?: AuthFailures,
): Router {
  const router = Router();
  router.use('/api', requireStaff(deps, failures));

  router.get('/api/me', (_req, res) => {
    const { staff, org } = principalOf(res);
    res.json({ staff, organisation: org, allowedTypes: ALLOWED_TYPES[org.kind] });
  });

  router.post('/api/credentials', ...jsonBody('256kb'), async (req, res) => {
    const { org } = principalOf(res);
    const { result, replayed } = await issueCredential(
      deps,
      org,
      req.body as IssueRequest,
      actorOf(res),
      req.get('idempotency-key'),
    );
    res
      .status(replayed ? 200 : 201)
      .set('Cache-Control', 'no-store')
      .json(result);
  });

  router.get('/api/credentials', async (req, res) => {
    const { org } = principalOf(res);
    const limit = query(req.query.limit);
    const filters = {
      learner: query(req.query.learner),
      type: query(req.query.type),
      status: query(req.query.status),
      batchId: query(req.query.batch),
      from: query(req.query.from),
      to: query(req.query.to),
      cursor: query(req.query.cursor),
      limit: limit === undefined ? undefined : Number(limit) || 50,
    };
    res.json(
      await listCredentials(
        deps,
        org.slug,
        Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
      ),
    );
  });

  router.get('/api/credentials/:id', async (req, res) => {
    res.json(await getCredential(deps, principalOf(res).org.slug, req.params.id));
  });

  router.get('/api/credentials/:id/offer.:format', async (req, res) => {
    const credential = await getCredential(deps, principalOf(res).org.slug, req.params.id);
    if (credential.offer?.state !== 'open')
      throw new SkillsPassportError('ERR_INVALID_STATE', 'This credential has no open offer.');
    if (req.params.format === 'svg') {
      res
        .type('image/svg+xml')
        .set('Cache-Control', 'no-store')
        .send(await QRCode.toString(credential.offer.uri, { type: 'svg', margin: 2 }));
    } else if (req.params.format === 'png') {
      res
        .type('image/png')
        .set('Cache-Control', 'no-store')
        .send(await QRCode.toBuffer(credential.offer.uri, { margin: 2, width: 320 }));
    } else {
      throw new SkillsPassportError('ERR_NOT_FOUND', 'Offer QR codes come as offer.svg or offer.png.');
    }
  });

  router.post('/api/credentials/:id/offer', ...jsonBody('8kb'), async (req, res) => {
    const txCode = (req.body as { txCode?: unknown }).txCode;
    if (txCode !== undefined && typeof txCode !== 'boolean')
      throw new SkillsPassportError('ERR_VALIDATION', 'txCode is true or false.', {
        issues: [{ pointer: '/txCode', rule: 'type', message: 'Send true to protect the offer with a PIN.' }],
      });
    const result = await offerAgain(
      deps,
      principalOf(res).org.slug,
      req.params.id as string,
      txCode === undefined ? {} : { txCode },
      actorOf(res),
    );
    res.status(201).json(result);
  });

  router.post('/api/credentials/:id/offer/mail', async (req, res) => {
    const view = await resendOfferMail(deps, principalOf(res).org.slug, req.params.id, actorOf(res));
    res.status(202).set('Cache-Control', 'no-store').json(view);
  });

  router.get('/api/outbox', async (req, res) => {
    const outbox = deps.mailer.outbox;
    const asked = Number(query(req.query.limit) ?? 50);
    const limit = Number.isInteger(asked) && asked >= 1 && asked <= 200 ? asked : 50;
    res.set('Cache-Control', 'no-store').json({
      enabled: outbox !== undefined,
      items: outbox === undefined ? [] : await outbox.list(principalOf(res).org.slug, limit),
    });
  });

  for (const change of ['revoke', 'suspend', 'unsuspend'] as const satisfies readonly StatusChange[]) {
    router.post(`/api/credentials/:id/${change}`, ...jsonBody('8kb'), async (req, res) => {
      const reason = (req.body as { reason?: unknown }).reason;
      const view = await changeStatus(
        deps,
        principalOf(res).org.slug,
        req.params.id as string,
        change,
        typeof reason === 'string' ? reason : undefined,
        actorOf(res),
      );
      res.json(view);
    });
  }

  // A cohort carries its CSV as one long text: up to 20,000 rows.
  const cohortLimits = { ...DEFAULT_JSON_LIMITS, maxStringLength: 8_000_000, maxTotalChars: 8_000_000 };
  router.post('/api/cohorts', ...jsonBody('8mb', cohortLimits), async (req, res) => {
    const { batch, replayed } = await startCohort(
      deps,
      principalOf(res).org,
      req.body as CohortRequest,
      actorOf(res),
      req.get('idempotency-key'),
    );
    res.status(replayed ? 200 : 202).json(batch);
  });

  router.post('/api/cohorts/preview', ...jsonBody('8mb', cohortLimits), (req, res) => {
    res.json(previewCohort(deps, principalOf(res).org, req.body as CohortRequest));
  });

  // Registered before /api/cohorts/:id, which would otherwise take "template.csv" for an id.
  router.get('/api/cohorts/template.csv', (req, res) => {
    const type = query(req.query.type) ?? '';
    const separator = req.query.separator === 'semicolon' ? ';' : ',';
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="cohort-${type.replace(/[^A-Za-z]/g, '')}.csv"`)
      .send(cohortTemplate(principalOf(res).org, type, separator));
  });

  router.get('/api/cohorts/:id', async (req, res) => {
    res.json(await getBatch(deps, principalOf(res).org.slug, req.params.id));
  });

  router.get('/api/cohorts/:id/offers.csv', async (req, res) => {
    const orgSlug = principalOf(res).org.slug;
    await getBatch(deps, orgSlug, req.params.id);
    // Dutch Excel splits on semicolons and reads UTF-8 only after a byte order mark.
    const excel = req.query.separator === 'semicolon';
    const separator = excel ? ';' : ',';
    // The claim page last, so the columns before it stay where spreadsheets made for them expect.
    const lines = [
      ['credential_id', 'name', 'contact', 'offer_link', 'expires_at', 'claim_page'].join(separator),
    ];
    let cursor: string | undefined;
    do {
      const page = await listCredentials(deps, orgSlug, {
        batchId: req.params.id,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const c of page.items) {
        lines.push(
          [
            c.id,
            c.learner.name,
            c.learner.contact ?? '',
            c.offer?.uri ?? '',
            c.offer?.expiresAt ?? '',
            c.offer?.claimUrl ?? '',
          ]
            .map(csvCell)
            .join(separator),
        );
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    res
      .type('text/csv')
      .set('Cache-Control', 'no-store')
      .send(`${excel ? '\uFEFF' : ''}${lines.join('\n')}\n`);
  });

  // Behind the staff guard above: the assessor page searches with its API key.
  router.use(taxonomyRoutes(taxonomy));

  return router;
}
