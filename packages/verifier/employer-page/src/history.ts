// The employer's past requests, each with its status, coverage and a way to open it again.
import { listRequests } from './api.js';
import { $, el } from './dom.js';
import { openRequest } from './current-request.js';
import { fill, formatDate, t } from './locale.js';

export async function loadHistory(): Promise<void> {
  const requests = await listRequests();
  $('past-requests').replaceChildren(
    ...requests.map((r) =>
      el(
        'li',
        { 'data-id': r.id },
        el('span', { class: 'skill-name' }, r.title),
        el(
          'span',
          { class: 'muted' },
          `${formatDate(r.createdAt)} · ${t(`status_${r.status}`)}${r.result ? ` · ${r.result.report.match.coverage.percent}%` : ''}`,
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': fill('viewRequest', { title: r.title }),
            onclick: () => openRequest(r),
          },
          t('view'),
        ),
      ),
    ),
  );
}
