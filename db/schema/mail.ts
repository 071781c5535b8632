import { bigint, bigserial, date, index, integer, pgTable, primaryKey, serial, text, uuid } from "drizzle-orm/pg-core";
import { MAIL_STATUSES } from "../../app/mail/status";
import { users } from "./access";
import { bytea, ts } from "./columns";

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: text("message_id").notNull().unique(),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** An invitation or reset link, sealed (app/mail/sealed-link.server.ts); cleared once sent. */
    sealedLink: text("sealed_link"),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    leaseUntil: ts("lease_until"),
    leaseToken: uuid("lease_token"),
    lastError: text("last_error"),
    sentAt: ts("sent_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_created_idx").on(t.createdAt),
  ],
);

export const emailAttachments = pgTable("email_attachments", {
  id: serial("id").primaryKey(),
  outboxId: bigint("outbox_id", { mode: "number" })
    .notNull()
    .references(() => emailOutbox.id),
  filename: text("filename").notNull(),
  contentType: text("content_type").notNull(),
  content: bytea("content").notNull(),
});

// One row per user and Copenhagen day once that day's digest is queued: the job can
// run any number of times and sends each digest once.
export const noticeDigests = pgTable(
  "notice_digests",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    day: date("day").notNull(),
    applicationCount: integer("application_count").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
