// Mail is written to the outbox in the caller's transaction and sent after commit
// by the dispatcher, so a rolled-back change sends nothing and nothing is lost.
import type { Executor } from "#db/client";
import { emailAttachments, emailOutbox } from "#db/schema";
import type { RenderedEmail } from "../../emails/layout";
import { getEnv } from "~/env.server";
import { newMessageId } from "./message-id";
import { SECRET_LINK_PLACEHOLDER, sealLink } from "./sealed-link.server";

export type OutgoingAttachment = { filename: string; contentType: string; content: Uint8Array };

export async function enqueueEmail(
  tx: Executor,
  mail: RenderedEmail & {
    to: string;
    template: string;
    attachments?: OutgoingAttachment[];
    /** A link that opens an account (invitation, reset): stored sealed, never in the body. */
    secretLink?: string;
  },
) {
  const hide = (body: string) => (mail.secretLink ? body.replaceAll(mail.secretLink, SECRET_LINK_PLACEHOLDER) : body);
  // Fixed per row, so a resend after a lost acknowledgement is recognisable as the same mail.
  const messageId = newMessageId(getEnv().MAIL_FROM);
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      messageId,
      template: mail.template,
      toAddress: mail.to,
      subject: hide(mail.subject),
      textBody: hide(mail.text),
      htmlBody: hide(mail.html),
      sealedLink: mail.secretLink ? sealLink(mail.secretLink) : null,
    })
    .returning({ id: emailOutbox.id });
  for (const a of mail.attachments ?? []) {
    await tx.insert(emailAttachments).values({ outboxId: row.id, ...a });
  }
  return row.id;
}
