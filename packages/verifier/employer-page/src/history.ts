// The employer's past requests, each with its status, coverage and a way to open it again.
import { listRequests } from './api.js';
import type { RequestView } from './api-types.js';
import { $, el, rowButton } from './dom.js';
import { openRequest } from './current-request.js';
import { fill, formatDate, t } from './locale.js';

/** When a request was made, its status and, once answered, how much of it the answer covers. */
function summary(request: RequestView): string {
  const coverage = request.result ? ` · ${request.result.report.match.coverage.percent}%` : '';
  return `${formatDate(request.createdAt)} · ${t(`status_${request.status}`)}${coverage}`;
}

export async function loadHistory(): Promise<void> {
  const requests = await listRequests();
  $('past-requests').replaceChildren(
    ...requests.map((r) =>
      el(
        'li',
        { 'data-id': r.id },
        el('span', { class: 'skill-name' }, r.title),
        el('span', { class: 'muted' }, summary(r)),
        rowButton(t('view'), fill('viewRequest', { title: r.title }), () => openRequest(r)),
      ),
    ),
  );
}
