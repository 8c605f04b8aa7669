import nodemailer from 'nodemailer';
import type { OfferMail, OfferMailer } from '../ports.js';

/** What we use of a nodemailer transport. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    date?: Date;
  }): Promise<{ messageId: string; message?: unknown }>;
}

/**
 * Offer e-mails through an SMTP server (`ISSUER_SMTP_URL`): `smtps://` speaks TLS from the start
 * (port 465 by default), `smtp://` upgrades with STARTTLS when the server offers it (port 587 by
 * default). User and password come from the URL; they never reach a log or an error we keep
 * (the domain records a reason code only). One connection per mail: offers are not bulk mail.
 */
export class SmtpMailer implements OfferMailer {
  readonly #transport: MailTransport;

  constructor(
    url: URL,
    private readonly from: string,
  ) {
    const secure = url.protocol === 'smtps:';
    this.#transport = nodemailer.createTransport({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
      secure,
      ...(url.username === ''
        ? {}
        : {
            auth: {
              user: decodeURIComponent(url.username),
              pass: decodeURIComponent(url.password),
            },
          }),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
      logger: false,
      debug: false,
    });
  }

  async send(mail: OfferMail): Promise<{ messageId: string }> {
    const info = await this.#transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    return { messageId: info.messageId };
  }
}
