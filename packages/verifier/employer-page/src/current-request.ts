// The request the employer is looking at: its QR code and link while it waits, polled until the
// answer arrives, then the report.
import { getRequest } from './api.js';
import type { RequestView } from './api-types.js';
import { $, anchor, image } from './dom.js';
import { formatDateTime, formatTime, t } from './locale.js';
import { renderReport } from './report.js';

let current: RequestView | undefined;
let poll: ReturnType<typeof setTimeout> | undefined;
let settled: () => void = () => undefined;

/** What to do when a watched request is no longer pending (answered or expired). */
export function onRequestSettled(handler: () => void): void {
  settled = handler;
}

function renderCurrent(request: RequestView): void {
  $('current').hidden = false;
  $('current-title').textContent = request.title;
  $('current-status').textContent = t(`status_${request.status}`);
  const waiting = request.status === 'pending';
  const incomplete = request.status === 'answered' ? undefined : request.incompleteAnswers;
  const note = $('current-incomplete');
  note.hidden = incomplete === undefined;
  note.textContent =
    incomplete === undefined
      ? ''
      : `${t(incomplete.lastReason === 'wallet_error' ? 'walletDeclined' : 'incompleteAnswer')} ${formatTime(incomplete.lastReceivedAt)}.${waiting ? ` ${t('stillOpen')}` : ''}`;
  $('offer').hidden = !waiting;
  if (waiting) {
    const qr = image('qr');
    qr.src = request.qrCodeUrl;
    qr.alt = t('qrAlt');
    const link = anchor('request-link');
    link.href = request.link;
    link.textContent = request.link;
    $('expires').textContent = `${t('requestExpires')} ${formatDateTime(request.expiresAt)}.`;
  }
  const report = $('report');
  report.hidden = !request.result;
  report.replaceChildren();
  if (request.result) report.append(...renderReport(request.result));
}

/** Shows the current request again (in a new language). */
export function rerenderCurrent(): void {
  if (current) renderCurrent(current);
}

function watch(id: string): void {
  clearTimeout(poll);
  const tick = async () => {
    if (!current || current.id !== id) return;
    try {
      const request = await getRequest(id);
      current = request;
      renderCurrent(request);
      if (request.status === 'pending') poll = setTimeout(() => void tick(), 1500);
      else settled();
    } catch {
      poll = setTimeout(() => void tick(), 3000);
    }
  };
  poll = setTimeout(() => void tick(), 1500);
}

/** Stops watching and hides the request (on signing out). */
export function closeCurrent(): void {
  clearTimeout(poll);
  current = undefined;
  $('current').hidden = true;
  $('report').replaceChildren();
}

export function openRequest(request: RequestView): void {
  current = request;
  renderCurrent(request);
  watch(request.id);
}
