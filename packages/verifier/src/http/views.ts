import type { SkillTaxonomy } from '@skills-passport/core';
import type { RequestContext } from '../domain/skills-requests.js';
import { requestLinks } from '../domain/skills-requests.js';
import type { IncompleteAnswers, StoredRequest, StoredResult } from '../ports.js';

/** What came in for a request: its stored result, and the incomplete answers before it. */
export interface RequestAnswers {
  result?: StoredResult | undefined;
  incomplete?: IncompleteAnswers | undefined;
}

/** How a request looks to the employer (API and page). */
export function requestView(
  request: StoredRequest,
  { result, incomplete }: RequestAnswers,
  ctx: Pick<RequestContext, 'publicUrl' | 'identity'>,
  taxonomy: SkillTaxonomy,
  now: number,
) {
  const links = requestLinks(request, ctx);
  const base = ctx.publicUrl.href.replace(/\/$/, '');
  const status = result !== undefined ? 'answered' : request.expiresAt <= now ? 'expired' : 'pending';
  return {
    id: request.id,
    title: request.title,
    status,
    createdAt: new Date(request.createdAt).toISOString(),
    expiresAt: new Date(request.expiresAt).toISOString(),
    skills: request.skills.map((skill) => {
      const concept = taxonomy.get(skill.uri);
      return {
        ...skill,
        label: {
          nl: concept?.labels.nl ?? skill.uri,
          en: concept?.labels.en ?? concept?.labels.nl ?? skill.uri,
        },
      };
    }),
    acceptedTypes: request.acceptedTypes,
    ...(request.acceptedIssuers === undefined ? {} : { acceptedIssuers: request.acceptedIssuers }),
    ...(request.askForName === true ? { askForName: true } : {}),
    link: links.link,
    requestUri: links.requestUri,
    qrCodeUrl: `${base}/api/requests/${request.id}/qr.svg`,
    // Answers that did not answer the request (it stayed open): the employer sees one came in.
    ...(incomplete === undefined
      ? {}
      : {
          incompleteAnswers: {
            count: incomplete.count,
            lastReceivedAt: new Date(incomplete.lastReceivedAt).toISOString(),
            lastReason: incomplete.lastReason,
            ...(incomplete.lastError === undefined ? {} : { lastError: incomplete.lastError }),
          },
        }),
    ...(result === undefined
      ? {}
      : {
          result: {
            receivedAt: new Date(result.receivedAt).toISOString(),
            accepted: result.accepted,
            outcome: result.outcome,
            report: result.report,
          },
        }),
  };
}
