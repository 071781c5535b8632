// Message-IDs carry the sender's own domain (RFC 5322 §3.6.4): spam filters and
// mail clients treat a foreign or ".local" right-hand side as a sign of forgery.
import { randomUUID } from "node:crypto";

const FALLBACK_DOMAIN = "puljeportal.local";

/** "Puljeportal <noreply@sm.dk>" or "noreply@sm.dk" → "sm.dk". */
export function senderDomain(mailFrom: string): string {
  const address = /<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom;
  const domain = /@([A-Za-z0-9.-]+)\s*$/.exec(address.trim())?.[1];
  return domain ? domain.toLowerCase() : FALLBACK_DOMAIN;
}

/** "<uuid@sm.dk>": fixed per outbox row, so a resend is recognisably the same mail. */
export function newMessageId(mailFrom: string): string {
  return `<${randomUUID()}@${senderDomain(mailFrom)}>`;
}

/**
 * Headers on every mail the portal sends: all of it is automatic (RFC 3834), so
 * auto-responders and out-of-office replies stay quiet.
 */
export const AUTOMATIC_MAIL_HEADERS = {
  "Auto-Submitted": "auto-generated",
  "X-Auto-Response-Suppress": "All",
} as const;
