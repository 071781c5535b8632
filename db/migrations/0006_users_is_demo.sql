ALTER TABLE "users" ADD COLUMN "is_demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Demo users seeded before the flag existed (their e-mail domain is the demo's).
UPDATE "users" SET "is_demo" = true WHERE lower("email") LIKE '%@demo.puljeportal.dk';
