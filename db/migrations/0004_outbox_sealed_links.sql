ALTER TABLE "email_outbox" ADD COLUMN "sealed_link" text;--> statement-breakpoint
-- Links written before sealing: no token stays readable in the outbox (or a backup of it).
UPDATE "email_outbox" SET
  "text_body" = regexp_replace("text_body", '(/(invitation|reset-password)/)[A-Za-z0-9_-]{20,}', '\1[personligt link – skjult]', 'g'),
  "html_body" = regexp_replace("html_body", '(/(invitation|reset-password)/)[A-Za-z0-9_-]{20,}', '\1[personligt link – skjult]', 'g')
WHERE "text_body" ~ '/(invitation|reset-password)/[A-Za-z0-9_-]{20,}' OR "html_body" ~ '/(invitation|reset-password)/[A-Za-z0-9_-]{20,}';
