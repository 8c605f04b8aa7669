import type { ValidationIssue } from '@skills-passport/core';
import type { CsvRow } from './cohort-csv.js';
import type { IssueRequest } from './issue-request.js';

function setPointer(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Record<string, unknown> = target;
  parts.forEach((part, i) => {
    if (part === '__proto__' || part === 'constructor' || part === 'prototype')
      throw new Error('forbidden pointer');
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = /^\d+$/.test(parts[i + 1]!) ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
}

/**
 * The single-issuance request one CSV row stands for: the cohort's common content with the row's
 * pointer columns set, or the row's unusable cells (rule `csv_cell`).
 */
export function rowRequest(
  batch: { type: string; template: Record<string, unknown>; txCode: boolean },
  row: CsvRow,
): IssueRequest | ValidationIssue[] {
  // A JSON copy: plain objects of this realm only, never shared with the template.
  const credential = JSON.parse(JSON.stringify(batch.template)) as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const [column, cell] of Object.entries(row)) {
    if (!column.startsWith('/') || cell === '') continue;
    const json = column.endsWith(':json');
    const pointer = json ? column.slice(0, -':json'.length) : column;
    try {
      setPointer(credential, pointer, json ? (JSON.parse(cell) as unknown) : cell);
    } catch {
      issues.push({
        pointer,
        rule: 'csv_cell',
        message: json ? 'This cell is not valid JSON.' : 'This column cannot be set.',
      });
    }
  }
  if (issues.length > 0) return issues;
  const learner: IssueRequest['learner'] = { name: row.name ?? '' };
  if (row.email) learner.email = row.email;
  if (row.phone) learner.phone = row.phone;
  if (row.contact) learner.contact = row.contact;
  return { type: batch.type, learner, credential, offer: { txCode: batch.txCode } };
}
