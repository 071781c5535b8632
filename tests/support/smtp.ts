// A real SMTP peer for tests (smtp-server on 127.0.0.1, port chosen by the OS),
// and a header reader for the raw messages it receives.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type Received = { raw: string; rcptTo: string[] };

export type SmtpOptions = {
  /** Refuse every connection with this reply (e.g. 421: "service not available"). */
  refuseWith?: { code: number; message: string };
  /** Awaited after a message's data arrived and before it is acknowledged (a slow peer). */
  beforeAck?: (index: number) => Promise<void>;
};

export async function startSmtp(opts: SmtpOptions = {}) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 1000,
    onConnect(_session, callback) {
      if (!opts.refuseWith) return callback();
      callback(Object.assign(new Error(opts.refuseWith.message), { responseCode: opts.refuseWith.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const index = received.length;
        received.push({
          raw: Buffer.concat(chunks).toString("utf8"),
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        });
        waiters.splice(0).forEach((w) => w());
        void (opts.beforeAck?.(index) ?? Promise.resolve()).then(() => callback());
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    nextMessage: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type Smtp = Awaited<ReturnType<typeof startSmtp>>;

/** Unfolded header value with RFC 2047 encoded words decoded. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) return undefined;
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

