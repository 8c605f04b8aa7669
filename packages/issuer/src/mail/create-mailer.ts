import { join } from 'node:path';
import type { IssuerConfig } from '../config.js';
import type { OfferMailer } from '../ports.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

/** The From of offer e-mails when `ISSUER_MAIL_FROM` is not set. */
export function defaultMailFrom(publicUrl: URL): string {
  const host = publicUrl.hostname === 'localhost' ? 'localhost.localdomain' : publicUrl.hostname;
  return `Skills Passport <no-reply@${host}>`;
}

/** The outbox directory: `<data dir>/outbox`. */
export function outboxDir(config: Pick<IssuerConfig, 'dataDir'>): string {
  return join(config.dataDir, 'outbox');
}

/** SMTP when `ISSUER_SMTP_URL` is set; otherwise the outbox under the data directory. */
export function createMailer(config: IssuerConfig, now?: () => Date): OfferMailer {
  const from = config.mailFrom ?? defaultMailFrom(config.publicUrl);
  return config.smtpUrl === undefined
    ? new OutboxMailer(outboxDir(config), from, now)
    : new SmtpMailer(config.smtpUrl, from);
}
