// Outbox statuses and their Danish labels, shared by the server queries and the pages.
export const MAIL_STATUSES = ["queued", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const mailStatusLabels: Record<MailStatus, string> = {
  queued: "I kø",
  sent: "Sendt",
  failed: "Fejlet",
};
