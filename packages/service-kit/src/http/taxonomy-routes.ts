// The skills taxonomy over HTTP, for every service that holds one: skill and occupation search by
// label, and an occupation's skills. The verifier serves it publicly to employers, the issuer to its
// assessors behind their API key; both answer the same shapes from the same search.
import {
  SkillsPassportError,
  type Lang,
  type OccupationConcept,
  type OccupationTaxonomy,
  type SkillConcept,
  type SkillTaxonomy,
  type ValidationIssue,
} from '@skills-passport/core';
import { Router, type Request } from 'express';
import type { Logger } from 'pino';
import {
  jsonResponse as json,
  objectSchema,
  problemResponse as problem,
  type OpenApiObject,
} from './openapi.js';

const MAX_QUERY = 200;
const MAX_LIMIT = 50;
// ESCO occupation URIs are about 75 characters; anything far longer is not one.
const MAX_URI = 500;

/** The skills and the occupations over them that the routes search (the whole ESCO in a real start). */
export interface TaxonomyRoutesSource {
  skills: SkillTaxonomy;
  occupations: OccupationTaxonomy;
}

/**
 * Builds the skill and occupation label indexes now (about 0.4 s each for the whole ESCO), which the
 * first search would otherwise build while someone waits. Call it once listening, off the start's path.
 */
export function warmTaxonomySearch(taxonomy: TaxonomyRoutesSource, logger: Logger): void {
  const started = performance.now();
  // Any query builds the whole index; the answer itself does not matter.
  taxonomy.skills.find('warm');
  taxonomy.occupations.find('warm');
  logger.info({ ms: Math.round(performance.now() - started) }, 'ESCO label search ready');
}

/** Both labels, each falling back to the other language (one ESCO skill has no Dutch label). */
function labels(concept: { labels: Partial<Record<Lang, string>> }): Record<Lang, string | undefined> {
  return {
    nl: concept.labels.nl ?? concept.labels.en,
    en: concept.labels.en ?? concept.labels.nl,
  };
}

function skillView(skill: SkillConcept) {
  return {
    uri: skill.uri,
    label: labels(skill),
    kind: skill.kind,
    // What a credential's alignment names as its targetFramework (`ESCO`).
    framework: skill.framework,
    ...(skill.group === undefined ? {} : { group: { uri: skill.group.uri, label: skill.group.labels } }),
  };
}

function occupationView(occupation: OccupationConcept) {
  return {
    uri: occupation.uri,
    label: labels(occupation),
    framework: occupation.framework,
    ...(occupation.iscoGroup === undefined ? {} : { iscoGroup: occupation.iscoGroup }),
    ...(occupation.code === undefined ? {} : { code: occupation.code }),
  };
}

function fail(issues: ValidationIssue[]): never {
  throw new SkillsPassportError('ERR_VALIDATION', issues.map((i) => i.message).join(' '), { issues });
}

/** q, lang and limit of a search; a missing q is an empty query (answered, outcome `empty-query`). */
function searchParams(req: Request): { q: string; lang: Lang; limit: number } {
  const issues: ValidationIssue[] = [];
  const q = req.query.q ?? '';
  if (typeof q !== 'string' || q.length > MAX_QUERY)
    issues.push({
      pointer: '/q',
      rule: 'maxLength',
      message: `Search with q of at most ${MAX_QUERY} characters.`,
    });
  const lang = req.query.lang ?? 'nl';
  if (lang !== 'nl' && lang !== 'en')
    issues.push({ pointer: '/lang', rule: 'enum', message: 'Give lang as nl or en.' });
  const limit = Number(typeof req.query.limit === 'string' ? req.query.limit : '20');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    issues.push({ pointer: '/limit', rule: 'range', message: `Give a limit from 1 to ${MAX_LIMIT}.` });
  if (issues.length > 0) fail(issues);
  return { q: q as string, lang: lang as Lang, limit };
}

/**
 * The taxonomy: skill and occupation search by Dutch or English label, and an occupation's skills.
 * Each search says its `outcome` (`found`, `no-match`, `empty-query`), so a page can say "no match"
 * without saying it before anything was typed. Mount it behind a guard to keep it to signed-in
 * callers; errors go to the service's problem handler.
 */
export function taxonomyRoutes(taxonomy: TaxonomyRoutesSource): Router {
  const router = Router();

  /**
   * GET /api/skills?q=&lang=nl|en&limit= — skills by Dutch or English label, preferred and
   * alternative (200 `{outcome, skills}`; 422 ERR_VALIDATION).
   */
  router.get('/api/skills', (req, res) => {
    const { q, lang, limit } = searchParams(req);
    const { outcome, hits } = taxonomy.skills.find(q, { lang, limit });
    res.json({
      outcome,
      skills: hits.map((hit) => ({
        ...skillView(hit.concept),
        matchedLabel: hit.label,
        matchedLang: hit.lang,
      })),
    });
  });

  /**
   * GET /api/occupations?q=&lang=nl|en&limit= — occupations by Dutch or English label, with how many
   * essential and optional skills each lists (200 `{outcome, occupations}`; 422 ERR_VALIDATION).
   */
  router.get('/api/occupations', (req, res) => {
    const { q, lang, limit } = searchParams(req);
    const { outcome, hits } = taxonomy.occupations.find(q, { lang, limit });
    res.json({
      outcome,
      occupations: hits.map((hit) => {
        const skills = taxonomy.occupations.skillsOf(hit.concept.uri)!;
        return {
          ...occupationView(hit.concept),
          matchedLabel: hit.label,
          matchedLang: hit.lang,
          essentialCount: skills.essential.length,
          optionalCount: skills.optional.length,
        };
      }),
    });
  });

  /**
   * GET /api/occupations/skills?uri= — an occupation's essential and optional skills, labels in Dutch
   * and English (200; 404 ERR_NOT_FOUND for an occupation the taxonomy does not hold; 422 ERR_VALIDATION).
   * A query parameter rather than a path segment: the URI is full of slashes.
   */
  router.get('/api/occupations/skills', (req, res) => {
    const uri = req.query.uri;
    if (typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_URI) {
      fail([{ pointer: '/uri', rule: 'required', message: 'Give the URI of one occupation as uri.' }]);
    }
    const found = taxonomy.occupations.skillsOf(uri);
    if (found === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'There is no such occupation.');
    res.json({
      occupation: occupationView(found.occupation),
      essential: found.essential.map(skillView),
      optional: found.optional.map(skillView),
    });
  });

  return router;
}

const searchParameters = [
  { name: 'q', in: 'query', schema: { type: 'string', maxLength: MAX_QUERY } },
  { name: 'lang', in: 'query', schema: { enum: ['nl', 'en'] } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT } },
];

/** A label search's answer: `no-match` lets a page say so, `empty-query` that nothing was asked. */
const searchResult = (list: string) =>
  objectSchema(
    {
      outcome: { enum: ['found', 'no-match', 'empty-query'] },
      [list]: { type: 'array', items: { type: 'object' } },
    },
    ['outcome', list],
  );

/**
 * The OpenAPI paths of {@link taxonomyRoutes}. With `security`, the routes are documented as behind
 * it, answering 401 without it.
 */
export function taxonomyPaths(
  options: { security?: OpenApiObject[] } = {},
): Record<string, Record<string, OpenApiObject>> {
  const guarded =
    options.security === undefined
      ? { extra: {}, responses: {} }
      : { extra: { security: options.security }, responses: { '401': problem('ERR_UNAUTHENTICATED') } };
  const get = (summary: string, parameters: OpenApiObject[], responses: Record<string, OpenApiObject>) => ({
    get: { summary, ...guarded.extra, parameters, responses: { ...responses, ...guarded.responses } },
  });
  return {
    '/api/skills': get(
      'Search skills by Dutch or English label (preferred and alternative labels)',
      searchParameters,
      {
        '200': json('Matching skills, best first, and whether any matched', searchResult('skills')),
        '422': problem('ERR_VALIDATION'),
      },
    ),
    '/api/occupations': get(
      'Search ESCO occupations by Dutch or English label, to start from one',
      searchParameters,
      {
        '200': json(
          'Matching occupations, best first, each with its number of essential and optional skills',
          searchResult('occupations'),
        ),
        '422': problem('ERR_VALIDATION'),
      },
    ),
    '/api/occupations/skills': get(
      "An occupation's essential and optional skills, labels in Dutch and English",
      [{ name: 'uri', in: 'query', required: true, schema: { type: 'string', maxLength: MAX_URI } }],
      {
        '200': json(
          'The occupation and its skills',
          objectSchema(
            {
              occupation: { type: 'object' },
              essential: { type: 'array', items: { type: 'object' } },
              optional: { type: 'array', items: { type: 'object' } },
            },
            ['occupation', 'essential', 'optional'],
          ),
        ),
        '404': problem('ERR_NOT_FOUND'),
        '422': problem('ERR_VALIDATION'),
      },
    ),
  };
}
