import type { ErrorObject } from 'ajv/dist/2019.js';
import type { ValidationIssue } from '../errors.js';
import { quoteList, schemaIssues, TYPE_WORDS } from '../validation/schema-messages.js';

// 1EdTech's schema chooses between forms with `oneOf` (a profile or its URI; a listed term or an
// `ext:` extension) and demands list entries with `contains`. ajv reports every branch that failed,
// which reads as contradictions ("expected a text", "id is missing"). This keeps what a person can
// act on, and hands the rest to the messages our own schemas use.

const isUnder = (path: string, parent: string): boolean => path === parent || path.startsWith(`${parent}/`);

/** One issue for a `oneOf` whose branches all failed on the value itself (its type or its term). */
function oneOfIssue(at: string, branchErrors: readonly ErrorObject[]): ValidationIssue {
  if (branchErrors.length === 0) {
    return { pointer: at, rule: 'oneOf', message: 'This value fits more than one allowed form.' };
  }
  const types = branchErrors.filter((e) => e.keyword === 'type').map((e) => String(e.params.type));
  if (types.length === branchErrors.length) {
    return {
      pointer: at,
      rule: 'type',
      message: `Expected ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}.`,
    };
  }
  const allowed = branchErrors.find((e) => e.keyword === 'enum')?.params.allowedValues as
    unknown[] | undefined;
  const extension = branchErrors.some((e) => e.keyword === 'pattern');
  return {
    pointer: at,
    rule: 'enum',
    message:
      allowed === undefined
        ? 'This value is none of the allowed forms.'
        : `Expected one of ${quoteList(allowed)}${extension ? ', or an extension term starting with "ext:"' : ''}.`,
  };
}

function containsIssue(error: ErrorObject): ValidationIssue {
  const wanted = (error.parentSchema as { contains?: { enum?: unknown[] } } | undefined)?.contains?.enum;
  return {
    pointer: error.instancePath,
    rule: 'contains',
    message:
      wanted === undefined
        ? 'A required entry is missing.'
        : `The list must include ${wanted.length === 1 ? quoteList(wanted) : `one of ${quoteList(wanted)}`}.`,
  };
}

/**
 * Converts ajv's errors for the Open Badges schema into issues a person can act on, one per
 * problem, addressed by JSON pointer, in the order ajv found them.
 */
export function openBadgeSchemaIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const skip = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, ValidationIssue>();
  for (const error of errors) {
    // Errors raised while `contains` tried each item say nothing; the `contains` error says it all.
    if (error.schemaPath.includes('/contains/')) skip.add(error);
    else if (error.keyword === 'contains') replaced.set(error, containsIssue(error));
    else if (error.keyword === 'oneOf') {
      const at = error.instancePath;
      // A branch that failed on the value's own type or term was the wrong branch, unless every
      // branch did: then the value fits none of the forms.
      const inside = errors.filter((e) => e !== error && isUnder(e.instancePath, at));
      const onValue = inside.filter(
        (e) => e.instancePath === at && ['type', 'enum', 'pattern', 'const'].includes(e.keyword),
      );
      for (const e of onValue) skip.add(e);
      if (inside.length === onValue.length) replaced.set(error, oneOfIssue(at, onValue));
      else skip.add(error);
    }
  }
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (skip.has(error)) continue;
    const issue = replaced.get(error) ?? schemaIssues([error])[0];
    if (issue === undefined) continue;
    const key = `${issue.pointer}\u0000${issue.rule}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
