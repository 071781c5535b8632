-- Close-out (afslutning, docs/decisions/026): once pools.closed_at is set, every write to
-- that pool's data is refused by the database itself, for the server, the jobs and any
-- script alike, with SQLSTATE PP403 (the app answers it with a Danish 403 page). The
-- triggers run as the writer (the app role reads every table it checks). A table that
-- belongs to a pool gets one trigger here: tests/integration/pool-close-guard.test.ts
-- fails when a table with a pool, call, application or grant reference lacks it.
CREATE OR REPLACE FUNCTION pool_of(kind text, ref bigint) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT CASE kind
    WHEN 'pool' THEN ref::integer
    WHEN 'call' THEN (SELECT pool_id FROM calls WHERE id = ref)
    WHEN 'application' THEN (SELECT c.pool_id FROM applications a JOIN calls c ON c.id = a.call_id WHERE a.id = ref)
    WHEN 'allocation_round' THEN (SELECT c.pool_id FROM allocation_rounds r JOIN calls c ON c.id = r.call_id WHERE r.id = ref)
    WHEN 'grant' THEN (SELECT pool_id FROM grants WHERE id = ref)
    WHEN 'budget_version' THEN (SELECT g.pool_id FROM budget_versions v JOIN grants g ON g.id = v.grant_id WHERE v.id = ref)
    WHEN 'budget_change' THEN (SELECT g.pool_id FROM budget_changes b JOIN grants g ON g.id = b.grant_id WHERE b.id = ref)
    WHEN 'accounts' THEN (SELECT g.pool_id FROM grant_accounts a JOIN grants g ON g.id = a.grant_id WHERE a.id = ref)
    WHEN 'due_date' THEN (SELECT g.pool_id FROM grant_report_due_dates d JOIN grants g ON g.id = d.grant_id WHERE d.id = ref)
    WHEN 'programme' THEN (SELECT pool_id FROM advisory_programmes WHERE id = ref)
    WHEN 'milestone' THEN (SELECT p.pool_id FROM milestones m JOIN advisory_programmes p ON p.id = m.programme_id WHERE m.id = ref)
    WHEN 'session' THEN (SELECT pool_id FROM cross_municipal_sessions WHERE id = ref)
    WHEN 'report' THEN (SELECT pool_id FROM progress_reports WHERE id = ref)
    WHEN 'report_version' THEN (SELECT r.pool_id FROM progress_report_versions v JOIN progress_reports r ON r.id = v.report_id WHERE v.id = ref)
  END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refuse_closed_pool_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  kind text := TG_ARGV[0];
  col text := TG_ARGV[1];
  ref bigint;
  pid integer;
  rec record;
BEGIN
  FOREACH rec IN ARRAY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW] WHEN 'DELETE' THEN ARRAY[OLD] ELSE ARRAY[OLD, NEW] END) LOOP
    EXECUTE format('SELECT ($1).%I::bigint', col) INTO ref USING rec;
    IF ref IS NOT NULL THEN
      pid := pool_of(kind, ref);
      IF pid IS NOT NULL AND EXISTS (SELECT 1 FROM pools WHERE id = pid AND closed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'Puljen er afsluttet og kan ikke længere ændres.'
          USING ERRCODE = 'PP403', DETAIL = format('pool %s, table %s, %s', pid, TG_TABLE_NAME, TG_OP);
      END IF;
    END IF;
  END LOOP;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- The pool row itself: closing (closed_at from NULL to a time) is the last change it takes.
CREATE OR REPLACE FUNCTION refuse_closed_pool_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.closed_at IS NOT NULL THEN
    RAISE EXCEPTION 'Puljen er afsluttet og kan ikke længere ændres.'
      USING ERRCODE = 'PP403', DETAIL = format('pool %s, table pools, %s', OLD.id, TG_OP);
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER pools_closed_guard BEFORE UPDATE OR DELETE ON pools FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_change();
--> statement-breakpoint
CREATE TRIGGER calls_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON calls FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('pool', 'pool_id');
--> statement-breakpoint
CREATE TRIGGER call_cost_categories_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON call_cost_categories FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('call', 'call_id');
--> statement-breakpoint
CREATE TRIGGER call_criteria_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON call_criteria FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('call', 'call_id');
--> statement-breakpoint
CREATE TRIGGER call_eligible_municipalities_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON call_eligible_municipalities FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('call', 'call_id');
--> statement-breakpoint
CREATE TRIGGER need_index_entries_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON need_index_entries FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('call', 'call_id');
--> statement-breakpoint
CREATE TRIGGER call_caseworkers_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON call_caseworkers FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('call', 'call_id');
--> statement-breakpoint
CREATE TRIGGER applications_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON applications FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('call', 'call_id');
--> statement-breakpoint
CREATE TRIGGER application_budget_lines_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON application_budget_lines FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('application', 'application_id');
--> statement-breakpoint
CREATE TRIGGER application_attachments_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON application_attachments FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('application', 'application_id');
--> statement-breakpoint
CREATE TRIGGER formal_checks_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON formal_checks FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('application', 'application_id');
--> statement-breakpoint
CREATE TRIGGER assessment_scores_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON assessment_scores FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('application', 'application_id');
--> statement-breakpoint
CREATE TRIGGER assessment_submissions_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON assessment_submissions FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('application', 'application_id');
--> statement-breakpoint
CREATE TRIGGER agreed_scores_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON agreed_scores FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('application', 'application_id');
--> statement-breakpoint
CREATE TRIGGER application_notes_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON application_notes FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('application', 'application_id');
--> statement-breakpoint
CREATE TRIGGER decision_letters_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON decision_letters FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('application', 'application_id');
--> statement-breakpoint
CREATE TRIGGER allocation_rounds_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON allocation_rounds FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('call', 'call_id');
--> statement-breakpoint
CREATE TRIGGER allocation_lines_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON allocation_lines FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('allocation_round', 'round_id');
--> statement-breakpoint
CREATE TRIGGER grants_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON grants FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('pool', 'pool_id');
--> statement-breakpoint
CREATE TRIGGER grant_ledger_entries_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON grant_ledger_entries FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('pool', 'pool_id');
--> statement-breakpoint
CREATE TRIGGER budget_versions_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON budget_versions FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('grant', 'grant_id');
--> statement-breakpoint
CREATE TRIGGER budget_version_lines_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON budget_version_lines FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('budget_version', 'budget_version_id');
--> statement-breakpoint
CREATE TRIGGER payments_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON payments FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('grant', 'grant_id');
--> statement-breakpoint
CREATE TRIGGER budget_changes_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON budget_changes FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('grant', 'grant_id');
--> statement-breakpoint
CREATE TRIGGER budget_change_lines_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON budget_change_lines FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('budget_change', 'budget_change_id');
--> statement-breakpoint
CREATE TRIGGER grant_accounts_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON grant_accounts FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('grant', 'grant_id');
--> statement-breakpoint
CREATE TRIGGER grant_account_lines_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON grant_account_lines FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('accounts', 'accounts_id');
--> statement-breakpoint
CREATE TRIGGER repayment_claims_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON repayment_claims FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('grant', 'grant_id');
--> statement-breakpoint
CREATE TRIGGER grant_files_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON grant_files FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('grant', 'grant_id');
--> statement-breakpoint
CREATE TRIGGER grant_report_due_dates_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON grant_report_due_dates FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('grant', 'grant_id');
--> statement-breakpoint
CREATE TRIGGER advisory_programmes_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON advisory_programmes FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('pool', 'pool_id');
--> statement-breakpoint
CREATE TRIGGER programme_advisors_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON programme_advisors FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('programme', 'programme_id');
--> statement-breakpoint
CREATE TRIGGER programme_focus_areas_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON programme_focus_areas FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('programme', 'programme_id');
--> statement-breakpoint
CREATE TRIGGER milestones_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON milestones FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('programme', 'programme_id');
--> statement-breakpoint
CREATE TRIGGER milestone_participants_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON milestone_participants FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('milestone', 'milestone_id');
--> statement-breakpoint
CREATE TRIGGER milestone_case_reviews_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON milestone_case_reviews FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('milestone', 'milestone_id');
--> statement-breakpoint
CREATE TRIGGER milestone_comments_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON milestone_comments FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('milestone', 'milestone_id');
--> statement-breakpoint
CREATE TRIGGER milestone_attachments_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON milestone_attachments FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('milestone', 'milestone_id');
--> statement-breakpoint
CREATE TRIGGER milestone_reminders_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON milestone_reminders FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('milestone', 'milestone_id');
--> statement-breakpoint
CREATE TRIGGER cross_municipal_sessions_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON cross_municipal_sessions FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('pool', 'pool_id');
--> statement-breakpoint
CREATE TRIGGER session_invitations_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON session_invitations FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('session', 'session_id');
--> statement-breakpoint
CREATE TRIGGER report_indicators_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON report_indicators FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('pool', 'pool_id');
--> statement-breakpoint
CREATE TRIGGER grant_report_indicators_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON grant_report_indicators FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('grant', 'grant_id');
--> statement-breakpoint
CREATE TRIGGER progress_reports_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON progress_reports FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('pool', 'pool_id');
--> statement-breakpoint
CREATE TRIGGER progress_report_versions_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON progress_report_versions FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('report', 'report_id');
--> statement-breakpoint
CREATE TRIGGER progress_report_themes_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON progress_report_themes FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('report_version', 'version_id');
--> statement-breakpoint
CREATE TRIGGER progress_report_indicator_values_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON progress_report_indicator_values FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('report_version', 'version_id');
--> statement-breakpoint
CREATE TRIGGER progress_report_spend_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON progress_report_spend FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('report_version', 'version_id');
--> statement-breakpoint
CREATE TRIGGER progress_report_comments_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON progress_report_comments FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('report_version', 'version_id');
--> statement-breakpoint
CREATE TRIGGER report_reminders_closed_pool_guard BEFORE INSERT OR UPDATE OR DELETE ON report_reminders FOR EACH ROW EXECUTE FUNCTION refuse_closed_pool_write('due_date', 'due_date_id');
