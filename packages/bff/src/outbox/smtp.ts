import nodemailer from 'nodemailer';
import { DeliveryError } from './sms-providers.js';

export interface MailRequest {
  to: string;
  /** Display name of the sender: the tenant's From name. */
  fromName: string;
  replyTo: string | null;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(mail: MailRequest): Promise<{ providerMessageId: string | null }>;
  close(): void;
}

/**
 * E-mail through the organisation's SMTP relay. `smtps://` connects with TLS; `smtp://` upgrades
 * with STARTTLS whenever the server offers it (and `requireTLS` refuses a server that does not).
 * The address in MAIL_FROM is the envelope and From address; the name is the tenant's.
 */
export function createSmtpTransport(settings: {
  url: string;
  from: string;
  requireTls?: boolean;
  ca?: string;
  timeoutMs?: number;
}): MailTransport {
  const url = new URL(settings.url);
  const timeout = settings.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    requireTLS: settings.requireTls ?? false,
    ...(settings.ca ? { tls: { ca: settings.ca } } : {}),
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // nodemailer logs nothing by default; keep it that way (its debug output holds the message).
    logger: false,
  });
  return {
    async send(mail) {
      try {
        const info = await transporter.sendMail({
          from: { name: mail.fromName, address: settings.from },
          to: mail.to,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          subject: mail.subject,
          text: mail.text,
          html: textToHtml(mail.text),
        });
        return { providerMessageId: info.messageId ? String(info.messageId).slice(0, 200) : null };
      } catch (error) {
        throw smtpError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * A 5xx answer to this message's recipient or content (a mailbox that does not exist) rejects it
 * for good. Everything else, a 5xx to STARTTLS or to the login included, is the relay's or its
 * configuration's: retried, so that mail sent while the operator fixes it still goes out.
 */
function smtpError(error: unknown): DeliveryError {
  const record = (error ?? {}) as { responseCode?: number; code?: string };
  const status = typeof record.responseCode === 'number' ? record.responseCode : undefined;
  const permanent = status !== undefined && status >= 500 && status < 600 && (record.code === 'EENVELOPE' || record.code === 'EMESSAGE');
  return new DeliveryError(
    `smtp ${status ? `answered ${status}` : `failed (${String(record.code ?? 'no answer').slice(0, 40)})`}`,
    permanent,
    status,
  );
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => escapes[ch]!);

/** The HTML part: the same text, paragraphs kept and links clickable, in a plain readable size. */
export function textToHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((paragraph) => {
    const html = escapeHtml(paragraph)
      .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
      .replace(/\n/g, '<br>');
    return `<p>${html}</p>`;
  });
  return `<!doctype html><html lang="nl"><body style="font-family: sans-serif; font-size: 1rem; line-height: 1.5">${paragraphs.join('\n')}</body></html>`;
}
