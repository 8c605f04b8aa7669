import { SkillsPassportError } from '@skills-passport/core';
import { Router } from 'express';
import QRCode from 'qrcode';
import type { VerifierDeps } from '../deps.js';
import { requestContext } from '../deps.js';
import { createSkillsRequest, parseSkillsRequest, requestLinks } from '../domain/skills-requests.js';
import type { Employer } from '../ports.js';
import { requireEmployer } from './auth.js';
import { jsonBody, type AuthFailures } from '@skills-passport/service-kit';
import { requestView, type RequestAnswers } from './views.js';

/** Requests and their results (employer API key), and a request's QR code (public). */
export function employerRoutes(deps: VerifierDeps, failures?: AuthFailures): Router {
  const router = Router();
  const ctx = requestContext(deps);

  /** GET /api/requests/:id/qr.svg — the QR code of the request link (200 image/svg+xml; 404). Public: the id is unguessable and the link is meant to be shared. */
  router.get('/api/requests/:id/qr.svg', async (req, res) => {
    const request = await deps.store.request(req.params.id);
    if (request === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'There is no such request.');
    const svg = await QRCode.toString(requestLinks(request, ctx).link, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    res.set('Cache-Control', 'no-store').type('image/svg+xml').send(svg);
  });

  const employer = requireEmployer(deps, failures);
  const answersOf = async (id: string): Promise<RequestAnswers> => ({
    result: await deps.store.result(id),
    incomplete: await deps.store.incompleteAnswers(id),
  });

  /** GET /api/employer — the signed-in employer: `{id, name}` (200; 401). The page shows who is signed in. */
  router.get('/api/employer', employer, (_req, res) => {
    const { id, name } = res.locals.employer as Employer;
    res.set('Cache-Control', 'no-store').json({ id, name });
  });

  /** POST /api/requests — create a skills request (201; 401, 415, 422 ERR_VALIDATION / ERR_UNKNOWN_SKILL). */
  router.post('/api/requests', employer, ...jsonBody('64kb'), async (req, res) => {
    const input = parseSkillsRequest(req.body as Record<string, unknown>, deps.taxonomy);
    const now = deps.verification.now();
    const request = await createSkillsRequest(input, (res.locals.employer as Employer).id, ctx, now);
    res.status(201).json(requestView(request, {}, ctx, deps.taxonomy, now));
  });

  /** GET /api/requests — this employer's requests, newest first, with results (200; 401). */
  router.get('/api/requests', employer, async (_req, res) => {
    const now = deps.verification.now();
    const requests = await deps.store.requestsOf((res.locals.employer as Employer).id, 100);
    const views = [];
    for (const request of requests)
      views.push(requestView(request, await answersOf(request.id), ctx, deps.taxonomy, now));
    res.json({ requests: views });
  });

  /** GET /api/requests/:id — one request, its status, any incomplete answers and, once answered, the report (200; 401; 404). */
  router.get('/api/requests/:id', employer, async (req, res) => {
    const request = await deps.store.request(req.params.id as string);
    if (request === undefined || request.employerId !== (res.locals.employer as Employer).id) {
      throw new SkillsPassportError('ERR_NOT_FOUND', 'There is no such request.');
    }
    res
      .set('Cache-Control', 'no-store')
      .json(requestView(request, await answersOf(request.id), ctx, deps.taxonomy, deps.verification.now()));
  });

  return router;
}
