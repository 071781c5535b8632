CREATE TABLE "allocation_lines" (
	"round_id" integer NOT NULL,
	"application_id" integer NOT NULL,
	"decision" text NOT NULL,
	"amount_ore" bigint DEFAULT 0 NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "allocation_lines_round_id_application_id_pk" PRIMARY KEY("round_id","application_id"),
	CONSTRAINT "allocation_lines_amount" CHECK ("allocation_lines"."amount_ore" >= 0),
	CONSTRAINT "allocation_lines_none_zero" CHECK ("allocation_lines"."decision" <> 'none' OR "allocation_lines"."amount_ore" = 0)
);
--> statement-breakpoint
CREATE TABLE "allocation_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocation_rounds_four_eyes" CHECK ("allocation_rounds"."approved_by" IS NULL OR "allocation_rounds"."approved_by" IS DISTINCT FROM "allocation_rounds"."proposed_by"),
	CONSTRAINT "allocation_rounds_approved_proposed" CHECK ("allocation_rounds"."approved_by" IS NULL OR "allocation_rounds"."proposed_by" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "budget_change_lines" (
	"budget_change_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"amount_ore" bigint NOT NULL,
	CONSTRAINT "budget_change_lines_budget_change_id_category_id_quarter_pk" PRIMARY KEY("budget_change_id","category_id","quarter"),
	CONSTRAINT "budget_change_quarter_format" CHECK ("budget_change_lines"."quarter" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "budget_change_amount_nonneg" CHECK ("budget_change_lines"."amount_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "budget_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"from_version_id" integer NOT NULL,
	"to_version_id" integer,
	"status" text NOT NULL,
	"needs_approval" boolean NOT NULL,
	"rule_explanation" text DEFAULT '' NOT NULL,
	"reason" text NOT NULL,
	"decision_note" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "budget_version_lines" (
	"budget_version_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"amount_ore" bigint NOT NULL,
	CONSTRAINT "budget_version_lines_budget_version_id_category_id_quarter_pk" PRIMARY KEY("budget_version_id","category_id","quarter"),
	CONSTRAINT "budget_version_quarter_format" CHECK ("budget_version_lines"."quarter" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "budget_version_amount_nonneg" CHECK ("budget_version_lines"."amount_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "budget_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"version" integer NOT NULL,
	"budget_change_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_letters" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"grant_id" integer,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_account_lines" (
	"accounts_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"spent_ore" bigint NOT NULL,
	"ineligible_ore" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "grant_account_lines_accounts_id_category_id_pk" PRIMARY KEY("accounts_id","category_id"),
	CONSTRAINT "grant_account_lines_amounts" CHECK ("grant_account_lines"."spent_ore" >= 0 AND "grant_account_lines"."ineligible_ore" BETWEEN 0 AND "grant_account_lines"."spent_ore")
);
--> statement-breakpoint
CREATE TABLE "grant_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"auditor_statement_file_id" uuid,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"return_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" integer NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "grant_files_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "grant_ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"pool_id" integer NOT NULL,
	"kind" text NOT NULL,
	"committed_delta_ore" bigint DEFAULT 0 NOT NULL,
	"paid_delta_ore" bigint DEFAULT 0 NOT NULL,
	"payment_id" integer,
	"repayment_claim_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"booked_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_ledger_moves_money" CHECK ("grant_ledger_entries"."committed_delta_ore" <> 0 OR "grant_ledger_entries"."paid_delta_ore" <> 0)
);
--> statement-breakpoint
CREATE TABLE "grant_report_due_dates" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"label" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"call_id" integer NOT NULL,
	"pool_id" integer NOT NULL,
	"municipality_code" text NOT NULL,
	"round_id" integer,
	"awarded_ore" bigint NOT NULL,
	"committed_ore" bigint DEFAULT 0 NOT NULL,
	"paid_ore" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"project_start" date NOT NULL,
	"project_end" date NOT NULL,
	"acceptance_deadline" timestamp with time zone NOT NULL,
	"latest_start_on" date NOT NULL,
	"accounts_due_on" date NOT NULL,
	"payment_hold_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"lapsed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grants_awarded_positive" CHECK ("grants"."awarded_ore" > 0),
	CONSTRAINT "grants_committed_range" CHECK ("grants"."committed_ore" BETWEEN 0 AND "grants"."awarded_ore"),
	CONSTRAINT "grants_paid_range" CHECK ("grants"."paid_ore" BETWEEN 0 AND "grants"."committed_ore"),
	CONSTRAINT "grants_period" CHECK ("grants"."project_end" >= "grants"."project_start")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"due_on" date NOT NULL,
	"amount_ore" bigint NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"budget_version_id" integer,
	"prepared_by" uuid,
	"prepared_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"paid_on" date,
	"paid_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_quarter_format" CHECK ("payments"."quarter" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "payments_amount_nonneg" CHECK ("payments"."amount_ore" >= 0),
	CONSTRAINT "payments_four_eyes" CHECK ("payments"."approved_by" IS NULL OR "payments"."approved_by" IS DISTINCT FROM "payments"."prepared_by"),
	CONSTRAINT "payments_paid_has_date" CHECK ("payments"."status" <> 'paid' OR "payments"."paid_on" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "repayment_claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"accounts_id" integer,
	"amount_ore" bigint NOT NULL,
	"status" text DEFAULT 'claimed' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"due_on" date,
	"paid_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repayment_claims_amount_positive" CHECK ("repayment_claims"."amount_ore" > 0)
);
--> statement-breakpoint
ALTER TABLE "pools" ADD COLUMN "change_approval_percent" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "pools" ADD COLUMN "change_approval_ore" bigint DEFAULT 10000000 NOT NULL;--> statement-breakpoint
ALTER TABLE "pools" ADD COLUMN "repayment_min_ore" bigint DEFAULT 50000 NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "acceptance_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "start_within_months" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "accounts_due_months" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_round_id_allocation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."allocation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_rounds" ADD CONSTRAINT "allocation_rounds_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_rounds" ADD CONSTRAINT "allocation_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_rounds" ADD CONSTRAINT "allocation_rounds_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_rounds" ADD CONSTRAINT "allocation_rounds_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_change_lines" ADD CONSTRAINT "budget_change_lines_budget_change_id_budget_changes_id_fk" FOREIGN KEY ("budget_change_id") REFERENCES "public"."budget_changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_change_lines" ADD CONSTRAINT "budget_change_lines_category_id_call_cost_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."call_cost_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_changes" ADD CONSTRAINT "budget_changes_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_changes" ADD CONSTRAINT "budget_changes_from_version_id_budget_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."budget_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_changes" ADD CONSTRAINT "budget_changes_to_version_id_budget_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."budget_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_changes" ADD CONSTRAINT "budget_changes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_changes" ADD CONSTRAINT "budget_changes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_version_lines" ADD CONSTRAINT "budget_version_lines_budget_version_id_budget_versions_id_fk" FOREIGN KEY ("budget_version_id") REFERENCES "public"."budget_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_version_lines" ADD CONSTRAINT "budget_version_lines_category_id_call_cost_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."call_cost_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_versions" ADD CONSTRAINT "budget_versions_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_versions" ADD CONSTRAINT "budget_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_account_lines" ADD CONSTRAINT "grant_account_lines_accounts_id_grant_accounts_id_fk" FOREIGN KEY ("accounts_id") REFERENCES "public"."grant_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_account_lines" ADD CONSTRAINT "grant_account_lines_category_id_call_cost_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."call_cost_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_accounts" ADD CONSTRAINT "grant_accounts_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_accounts" ADD CONSTRAINT "grant_accounts_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_accounts" ADD CONSTRAINT "grant_accounts_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_files" ADD CONSTRAINT "grant_files_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_files" ADD CONSTRAINT "grant_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_ledger_entries" ADD CONSTRAINT "grant_ledger_entries_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_ledger_entries" ADD CONSTRAINT "grant_ledger_entries_pool_id_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_ledger_entries" ADD CONSTRAINT "grant_ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_report_due_dates" ADD CONSTRAINT "grant_report_due_dates_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_pool_id_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_round_id_allocation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."allocation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_budget_version_id_budget_versions_id_fk" FOREIGN KEY ("budget_version_id") REFERENCES "public"."budget_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_claims" ADD CONSTRAINT "repayment_claims_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_claims" ADD CONSTRAINT "repayment_claims_accounts_id_grant_accounts_id_fk" FOREIGN KEY ("accounts_id") REFERENCES "public"."grant_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_claims" ADD CONSTRAINT "repayment_claims_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_rounds_call_idx" ON "allocation_rounds" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "budget_changes_grant_idx" ON "budget_changes" USING btree ("grant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_versions_grant_version" ON "budget_versions" USING btree ("grant_id","version");--> statement-breakpoint
CREATE INDEX "decision_letters_application_idx" ON "decision_letters" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_accounts_grant_unique" ON "grant_accounts" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "grant_files_grant_idx" ON "grant_files" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "grant_ledger_grant_idx" ON "grant_ledger_entries" USING btree ("grant_id","id");--> statement-breakpoint
CREATE INDEX "grant_ledger_pool_idx" ON "grant_ledger_entries" USING btree ("pool_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_report_due_dates_unique" ON "grant_report_due_dates" USING btree ("grant_id","kind","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_application_unique" ON "grants" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "grants_pool_idx" ON "grants" USING btree ("pool_id");--> statement-breakpoint
CREATE INDEX "grants_municipality_idx" ON "grants" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "payments_grant_idx" ON "payments" USING btree ("grant_id","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_grant_quarter_active" ON "payments" USING btree ("grant_id","quarter") WHERE "payments"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "repayment_claims_grant_idx" ON "repayment_claims" USING btree ("grant_id");--> statement-breakpoint
ALTER TABLE "pools" ADD CONSTRAINT "pools_thresholds" CHECK ("pools"."change_approval_percent" BETWEEN 0 AND 100 AND "pools"."change_approval_ore" >= 0 AND "pools"."repayment_min_ore" >= 0);--> statement-breakpoint
-- The grant ledger is append-only: a movement is corrected by a new entry, never edited.
CREATE OR REPLACE FUNCTION grant_ledger_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'grant_ledger_entries is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER grant_ledger_no_update_delete
  BEFORE UPDATE OR DELETE ON grant_ledger_entries
  FOR EACH ROW EXECUTE FUNCTION grant_ledger_reject_change();
--> statement-breakpoint
CREATE TRIGGER grant_ledger_no_truncate
  BEFORE TRUNCATE ON grant_ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION grant_ledger_reject_change();
--> statement-breakpoint
ALTER TABLE grant_ledger_entries ENABLE ALWAYS TRIGGER grant_ledger_no_update_delete;
--> statement-breakpoint
ALTER TABLE grant_ledger_entries ENABLE ALWAYS TRIGGER grant_ledger_no_truncate;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON grant_ledger_entries FROM puljeportal_app;
--> statement-breakpoint
-- A paid payment is never edited or removed; a mistake is corrected by a ledger entry.
CREATE OR REPLACE FUNCTION payments_freeze_paid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'paid' THEN
    RAISE EXCEPTION 'payment % is paid and cannot be changed (% refused)', OLD.id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payments_paid_frozen
  BEFORE UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_freeze_paid();
--> statement-breakpoint
ALTER TABLE payments ENABLE ALWAYS TRIGGER payments_paid_frozen;
