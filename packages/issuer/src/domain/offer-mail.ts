import { SkillsPassportError } from '@skills-passport/core';
import { escapeHtml } from '@skills-passport/service-kit';
import type { OfferMail, OfferMailStatus } from '../ports.js';
import { recordAudit } from './audit.js';
import { toView, type CredentialView } from './credential-view.js';
import type { Actor, IssuerDeps } from './deps.js';
import { claimUrl, isEmailAddress } from './offers.js';

// The offer e-mail: who offers which credential, the link to the claim page, that the PIN (if
// any) comes from the assessor separately, and until when the offer holds. Sending never blocks
// or fails the offer: the offer is stored first (its mail `pending`), the mail goes after the
// commit, and what became of it is recorded on the offer (`sent`, or `failed` with a reason code)
// for the assessor, who can send it again. Logs name the credential and the reason only: never the
// address, the claim link or the offer id (each lets its holder collect the credential).

/** What the mail says, before it is addressed. */
export interface OfferMailContent {
  organisation: string;
  title: string;
  learnerName: string;
  claimUrl: string;
  expiresAt: Date;
  txCodeRequired: boolean;
}

function when(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(date);
}

/** The mail's paragraphs in Dutch and in English: plain sentences, the link on a line of its own. */
function paragraphs(c: OfferMailContent): { nl: string[]; en: string[] } {
  return {
    nl: [
      `Beste ${c.learnerName},`,
      `${c.organisation} biedt je een digitaal bewijs aan: \u201c${c.title}\u201d.`,
      'Open deze pagina om het in je wallet te zetten:',
      c.claimUrl,
      c.txCodeRequired
        ? 'Je hebt ook een pincode nodig. Die krijg je apart van je assessor, niet in deze e-mail.'
        : 'Je hebt geen pincode nodig.',
      `Het aanbod geldt tot ${when(c.expiresAt, 'nl-NL')}. Daarna kan je assessor een nieuw aanbod maken.`,
      'Deel deze link met niemand: wie hem heeft, kan het bewijs ophalen.',
    ],
    en: [
      `Dear ${c.learnerName},`,
      `${c.organisation} offers you a digital credential: \u201c${c.title}\u201d.`,
      'Open this page to put it in your wallet:',
      c.claimUrl,
      c.txCodeRequired
        ? 'You also need a PIN code. Your assessor gives it to you separately, not in this e-mail.'
        : 'You do not need a PIN code.',
      `The offer holds until ${when(c.expiresAt, 'en-GB')}. After that your assessor can make a new one.`,
      'Share this link with no one: whoever has it can collect the credential.',
    ],
  };
}

/** The offer e-mail to `to`, in Dutch and English, as text and as simple HTML. Never holds a PIN. */
export function composeOfferMail(content: OfferMailContent, to: string, orgSlug: string): OfferMail {
  const { nl, en } = paragraphs(content);
  const text = `${nl.join('\n\n')}\n\n-- English --\n\n${en.join('\n\n')}\n`;
  const block = (lines: string[], lang: string) =>
    `<div lang="${lang}">${lines
      .map((line) =>
        line === content.claimUrl
          ? `<p><a href="${escapeHtml(line)}">${escapeHtml(line)}</a></p>`
          : `<p>${escapeHtml(line)}</p>`,
      )
      .join('\n')}</div>`;
  const html = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title></head>
<body>
${block(nl, 'nl')}
<hr>
${block(en, 'en')}
</body></html>
`;
  return {
    to,
    subject: `Je bewijs staat klaar / Your credential is ready: ${content.title}`,
    text,
    html,
    orgSlug,
    claimUrl: content.claimUrl,
  };
}

/**
 * Why a send failed, as a code the assessor page explains: never the server's words, which may
 * quote the address. Nodemailer's error codes: EAUTH (login refused), ECONNECTION / ETIMEDOUT /
 * ESOCKET / EDNS (no connection), EENVELOPE / EMESSAGE or an SMTP reply code (refused).
 */
export function mailFailureReason(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  if (code === 'EOUTBOX') return 'outbox_write';
  if (code === 'EAUTH') return 'smtp_auth';
  if (
    code === 'ECONNECTION' ||
    code === 'ETIMEDOUT' ||
    code === 'ESOCKET' ||
    code === 'EDNS' ||
    code === 'ECONNREFUSED' ||
    code === 'ETLS'
  )
    return 'smtp_unreachable';
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || typeof responseCode === 'number') return 'smtp_refused';
  return 'send_failed';
}

/** Offer ids whose mail is on its way in this process, per set of dependencies. */
const inFlight = new WeakMap<IssuerDeps, Set<string>>();

/**
 * Sends the mail of one offer whose mail is `pending`, and records what became of it. An offer no
 * longer open (collected, withdrawn, expired meanwhile) is not mailed: its mail fails with
 * `offer_closed`. Returns the recorded status; undefined when there was nothing to send.
 */
export async function sendOfferMail(deps: IssuerDeps, offerId: string): Promise<OfferMailStatus | undefined> {
  const busy = inFlight.get(deps) ?? new Set<string>();
  inFlight.set(deps, busy);
  if (busy.has(offerId)) return undefined;
  busy.add(offerId);
  try {
    // Instances on one database may both find the mail pending (each resuming at start): they
    // take turns, and the second finds it sent.
    return await deps.store.oneAtATime(`offer-mail:${offerId}`, () => sendPendingMail(deps, offerId));
  } finally {
    busy.delete(offerId);
  }
}

async function sendPendingMail(deps: IssuerDeps, offerId: string): Promise<OfferMailStatus | undefined> {
  const offer = await deps.store.offers.find(offerId);
  if (offer?.mail?.state !== 'pending') return undefined;
  const credential = await deps.store.credentials.find(offer.orgSlug, offer.credentialId);
  const org = await deps.store.organisations.find(offer.orgSlug);
  const record = (status: OfferMailStatus) => deps.store.offers.setMail(offerId, status).then(() => status);
  const now = deps.now().getTime();
  if (
    credential === undefined ||
    org === undefined ||
    !isEmailAddress(credential.learnerContact) ||
    offer.redeemedAt !== null ||
    offer.expiresAt <= now
  ) {
    return await record({ state: 'failed', at: now, reason: 'offer_closed' });
  }
  const mail = composeOfferMail(
    {
      organisation: org.name,
      title: (JSON.parse(credential.document) as { name?: string }).name ?? credential.type,
      learnerName: credential.learnerName,
      claimUrl: claimUrl(deps.config, offerId),
      expiresAt: new Date(offer.expiresAt),
      txCodeRequired: offer.txCodeRequired,
    },
    credential.learnerContact,
    org.slug,
  );
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    const reason = mailFailureReason(error);
    deps.logger.warn({ credentialId: credential.id, reason }, 'offer mail not sent');
    return await record({ state: 'failed', at: deps.now().getTime(), reason });
  }
  deps.logger.info({ credentialId: credential.id }, 'offer mail sent');
  return await record({ state: 'sent', at: deps.now().getTime(), reason: null });
}

/** Ids of the offers of the given credentials whose mail waits to be sent. */
function pendingOfferIds(credentials: readonly CredentialView[]): string[] {
  return credentials.flatMap((c) =>
    c.offer?.mail?.state === 'pending' ? [new URL(c.offer.offerUrl).pathname.split('/').pop()!] : [],
  );
}

/**
 * Sends the pending mails of these credentials' offers without holding up the caller. A failure
 * is recorded on the offer; one the recording itself hits (storage gone) is logged, and the mail
 * stays pending for the next start.
 */
export function sendOfferMailLater(deps: IssuerDeps, ...credentials: CredentialView[]): void {
  sendOfferMailsLater(deps, pendingOfferIds(credentials));
}

/** The background sender of one set of dependencies: its queue, and its run, so a stop can wait for it. */
interface Sender {
  stopped: boolean;
  queue: string[];
  running: Promise<void> | undefined;
}

const senders = new WeakMap<IssuerDeps, Sender>();

function senderOf(deps: IssuerDeps): Sender {
  const found = senders.get(deps) ?? { stopped: false, queue: [], running: undefined };
  senders.set(deps, found);
  return found;
}

/**
 * Sends these offers' pending mails in the background, one after the other: one sender per
 * process, so a slow mail server holds at most one database connection (each send takes its
 * offer's turn across instances, see {@link sendOfferMail}), never the pool the requests need.
 */
export function sendOfferMailsLater(deps: IssuerDeps, offerIds: readonly string[]): void {
  const sender = senderOf(deps);
  if (offerIds.length === 0 || sender.stopped) return;
  sender.queue.push(...offerIds);
  sender.running ??= drain(deps, sender);
}

async function drain(deps: IssuerDeps, sender: Sender): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  for (;;) {
    const id = sender.queue.shift();
    if (id === undefined || sender.stopped) {
      // In the same step as the last look at the queue: an id queued later starts a new run.
      sender.running = undefined;
      return;
    }
    try {
      await sendOfferMail(deps, id);
    } catch (error) {
      deps.logger.error({ err: error }, 'offer mail: could not record the outcome');
    }
  }
}

/**
 * Stops sending (on shutdown): the mail being sent finishes and is recorded, the rest stay
 * `pending` for the next start.
 */
export async function stopOfferMails(deps: IssuerDeps): Promise<void> {
  const sender = senderOf(deps);
  sender.stopped = true;
  await sender.running;
}

/** On start-up: send the mails a previous process stored but did not get to send. */
export async function resumeOfferMails(deps: IssuerDeps): Promise<number> {
  const pending = await deps.store.offers.pendingMails(deps.now().getTime());
  sendOfferMailsLater(deps, pending);
  return pending.length;
}

/**
 * Sends the offer e-mail of a credential's open offer again (after a failure, or when the learner
 * lost it): the same claim link. Returns what staff see, the mail `pending`.
 * Codes: `ERR_NOT_FOUND`, `ERR_INVALID_STATE` (no open offer), `ERR_NO_EMAIL_ADDRESS`.
 */
export async function resendOfferMail(
  deps: IssuerDeps,
  orgSlug: string,
  id: string,
  actor: Actor,
): Promise<CredentialView> {
  const now = deps.now();
  const offerId = await deps.store.transaction(async (tx) => {
    const credential = await tx.credentials.lock(id);
    const found = credential === undefined ? undefined : await tx.credentials.find(orgSlug, id);
    if (found === undefined || found.offer === null)
      throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential.');
    const { offer } = found;
    if (found.status === 'revoked' || offer.redeemedAt !== null || offer.expiresAt <= now.getTime())
      throw new SkillsPassportError(
        'ERR_INVALID_STATE',
        'This credential has no open offer: offer it again to send a new e-mail.',
      );
    if (!isEmailAddress(found.learnerContact))
      throw new SkillsPassportError(
        'ERR_NO_EMAIL_ADDRESS',
        'The learner has no e-mail address: hand the offer over with its QR code or link.',
      );
    if (offer.claimHash === null)
      throw new SkillsPassportError(
        'ERR_INVALID_STATE',
        'This offer was made before offer e-mails: offer it again to send one.',
      );
    await tx.offers.setMail(offer.id, { state: 'pending', at: now.getTime(), reason: null });
    await recordAudit(tx, actor, 'offer.mail', id, now);
    return offer.id;
  });
  sendOfferMailsLater(deps, [offerId]);
  const found = await deps.store.credentials.find(orgSlug, id);
  return toView(found!, deps.config, deps.now());
}
