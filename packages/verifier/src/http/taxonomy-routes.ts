import {
  SkillsPassportError,
  type Lang,
  type OccupationConcept,
  type SkillConcept,
  type ValidationIssue,
} from '@skills-passport/core';
import { Router, type Request } from 'express';
import type { VerifierDeps } from '../deps.js';

const MAX_QUERY = 200;
const MAX_LIMIT = 50;
// ESCO occupation URIs are about 75 characters; anything far longer is not one.
const MAX_URI = 500;

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
    ...(skill.group === undefined ? {} : { group: { uri: skill.group.uri, label: skill.group.labels } }),
  };
}

function occupationView(occupation: OccupationConcept) {
  return {
    uri: occupation.uri,
    label: labels(occupation),
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
 * The taxonomy, public: skill and occupation search by Dutch or English label, and an occupation's
 * skills. Each search says its `outcome` (`found`, `no-match`, `empty-query`), so a page can say
 * "no match" without saying it before anything was typed.
 */
export function taxonomyRoutes(deps: VerifierDeps): Router {
  const router = Router();

  /**
   * GET /api/skills?q=&lang=nl|en&limit= — skills by Dutch or English label, preferred and
   * alternative (200 `{outcome, skills}`; 422 ERR_VALIDATION).
   */
  router.get('/api/skills', (req, res) => {
    const { q, lang, limit } = searchParams(req);
    const { outcome, hits } = deps.taxonomy.find(q, { lang, limit });
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
    const { outcome, hits } = deps.occupations.find(q, { lang, limit });
    res.json({
      outcome,
      occupations: hits.map((hit) => {
        const skills = deps.occupations.skillsOf(hit.concept.uri)!;
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
    const found = deps.occupations.skillsOf(uri);
    if (found === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'There is no such occupation.');
    res.json({
      occupation: occupationView(found.occupation),
      essential: found.essential.map(skillView),
      optional: found.optional.map(skillView),
    });
  });

  return router;
}
