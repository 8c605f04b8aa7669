import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { OfferMail, OfferMailer, Outbox, OutboxEntry } from '../ports.js';
import type { MailTransport } from './smtp-mailer.js';

/** What the outbox keeps beside each `.eml` file, for its listing. */
interface OutboxIndex extends OutboxEntry {
  orgSlug: string;
}

/**
 * Offer e-mails when no SMTP server is configured (the embedded default and the demo): each mail
 * becomes a real RFC 5322 message, built by nodemailer exactly as it would be sent, written to
 * `<data dir>/outbox/<time>-<id>.eml` (any mail program opens it), with a small JSON file beside
 * it for the assessor page's outbox. A write that fails throws with code `EOUTBOX`.
 */
export class OutboxMailer implements OfferMailer, Outbox {
  readonly #build = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  }) as MailTransport;

  constructor(
    readonly dir: string,
    private readonly from: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get outbox(): Outbox {
    return this;
  }

  async send(mail: OfferMail): Promise<{ messageId: string }> {
    const at = this.now();
    const id = randomBytes(8).toString('hex');
    const name = `${at.toISOString().replace(/[:.]/g, '-')}-${id}`;
    try {
      const info = await this.#build.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        date: at,
      });
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFile(join(this.dir, `${name}.eml`), info.message as Buffer, { mode: 0o600 });
      const index: OutboxIndex = {
        id,
        to: mail.to,
        subject: mail.subject,
        at: at.toISOString(),
        claimUrl: mail.claimUrl,
        file: `${name}.eml`,
        orgSlug: mail.orgSlug,
      };
      await writeFile(join(this.dir, `${name}.json`), `${JSON.stringify(index)}\n`, { mode: 0o600 });
      return { messageId: info.messageId };
    } catch (cause) {
      throw Object.assign(new Error('The outbox could not keep the mail.', { cause }), { code: 'EOUTBOX' });
    }
  }

  async list(orgSlug: string, limit: number): Promise<OutboxEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const entries: OutboxEntry[] = [];
    // Names start with the time, so the newest sort last.
    for (const name of names
      .filter((n) => n.endsWith('.json'))
      .sort()
      .reverse()) {
      if (entries.length >= limit) break;
      try {
        const { orgSlug: owner, ...entry } = JSON.parse(
          await readFile(join(this.dir, name), 'utf8'),
        ) as OutboxIndex;
        if (owner === orgSlug) entries.push(entry);
      } catch {
        // A half-written or foreign file is not a mail of ours.
      }
    }
    return entries;
  }
}
