// SMTP delivery through nodemailer. The dispatcher only knows `SendMail`, so tests
// and other transports plug in without touching the outbox logic.
import nodemailer, { type Transporter } from "nodemailer";
import { AUTOMATIC_MAIL_HEADERS } from "./message-id";

export type OutgoingMessage = {
  /** The row's fixed Message-ID ("<uuid@host>"): a resend is the same message. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Uint8Array }[];
};

export type SendMail = (message: OutgoingMessage) => Promise<void>;

export type SmtpSendOptions = {
  /** Read on every send, so a changed SMTP_URL (or a test server on a new port) is used at once. */
  url: string | (() => string);
  from: string;
};

export type SmtpSend = SendMail & { close: () => void };

export function createSmtpSend(opts: SmtpSendOptions): SmtpSend {
  let current: { url: string; transporter: Transporter } | undefined;

  function transporterFor(url: string) {
    if (current?.url !== url) {
      current?.transporter.close();
      current = {
        url,
        // Short timeouts: a dead server should fail the attempt, not hold the lease.
        transporter: nodemailer.createTransport({
          url,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        }),
      };
    }
    return current.transporter;
  }

  const send = async (message: OutgoingMessage) => {
    const url = typeof opts.url === "function" ? opts.url() : opts.url;
    await transporterFor(url).sendMail({
      from: opts.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      headers: { ...AUTOMATIC_MAIL_HEADERS },
      attachments: message.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      })),
    });
  };
  return Object.assign(send, {
    close: () => {
      current?.transporter.close();
      current = undefined;
    },
  });
}

/** A short, secret-free description of a send failure for last_error. */
export function describeSendError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const parts = [
    typeof e?.code === "string" ? e.code : null,
    typeof e?.responseCode === "number" ? String(e.responseCode) : null,
    typeof e?.message === "string" ? e.message : String(error),
  ].filter(Boolean);
  return (
    parts
      .join(": ")
      // Credentials in a URL (smtp://user:pass@host) must never reach the admin page.
      .replace(/([a-z]+:\/\/)[^@\s/]*@/gi, "$1***@")
      .replace(/\s+/g, " ")
      .slice(0, 300)
  );
}
