CREATE TABLE "application_standings" (
	"application_id" integer PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"total" integer NOT NULL,
	"scored" integer NOT NULL,
	"tenths" integer,
	"rank" integer
);
--> statement-breakpoint
ALTER TABLE "application_standings" ADD CONSTRAINT "application_standings_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_standings_call_idx" ON "application_standings" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "applications_updated_at_idx" ON "applications" USING btree ("updated_at");--> statement-breakpoint
-- Stored standings (issue 19, decision 034): each application's criteria total, criteria
-- scored, weighted score in tenths and rank in its call, recomputed per call by the database
-- in the same transaction as every write that changes an input, whoever writes (the server,
-- a job, the seed, a test fixture). The SQL is the list's former per-request SQL
-- (scoreAndRankTable in app/domain/assessment/standings.server.ts, kept as the reference;
-- tests/integration/stored-standings.test.ts compares the two after every kind of write).
--
-- No closed-pool guard (migration 0015) on this table: it is written only by the refresh,
-- which runs after a write to an input that the inputs' own guards admitted; and a refresh
-- is INSERT … ON CONFLICT, whose BEFORE INSERT row triggers would fire for every row of the
-- call, unchanged or not.
--
-- Concurrency (READ COMMITTED): the refresh takes a transaction-level advisory lock per call
-- (ascending, so two refreshes cannot deadlock on each other's calls) before it reads; the
-- read is a later statement than the lock, so it sees every transaction that refreshed the
-- call before it and committed. Two transactions scoring in one call: the second waits for
-- the first's commit and ranks with both scores.
CREATE OR REPLACE FUNCTION refresh_application_standings(call_ids integer[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  cid integer;
  ids integer[];
BEGIN
  SELECT array_agg(DISTINCT u ORDER BY u) INTO ids FROM unnest(call_ids) u WHERE u IS NOT NULL;
  IF ids IS NULL THEN RETURN; END IF;
  FOREACH cid IN ARRAY ids LOOP
    -- 3401: this table's lock space (the two-key form keeps it apart from any single-key use).
    PERFORM pg_advisory_xact_lock(3401, cid);
  END LOOP;
  -- An application that left one of these calls (deleted rows go by the foreign key's cascade).
  DELETE FROM application_standings s
   WHERE s.call_id = ANY(ids)
     AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.id = s.application_id AND a.call_id = s.call_id);
  INSERT INTO application_standings AS s (application_id, call_id, total, scored, tenths, rank)
  SELECT ra.id, ra.call_id, coalesce(rs.total, 0), coalesce(rs.scored, 0), rs.tenths,
         CASE WHEN ra.status = 'draft' OR rn.value IS NULL THEN NULL ELSE row_number() OVER (
           PARTITION BY ra.call_id, ra.status = 'draft'
           ORDER BY rn.value DESC NULLS LAST, rs.tenths DESC NULLS LAST, rm.sort_key, ra.id
         ) END::int
    FROM applications ra
    JOIN municipalities rm ON rm.code = ra.municipality_code
    LEFT JOIN need_index_entries rn ON rn.call_id = ra.call_id AND rn.municipality_code = ra.municipality_code
    LEFT JOIN (
      SELECT x.id, x.total, x.scored,
             CASE WHEN x.total > 0 AND x.scored = x.total THEN
               CASE WHEN x.w = 0 THEN (20 * x.s + x.total) / (2 * x.total) ELSE (20 * x.sw + x.w) / (2 * x.w) END
             END AS tenths
        FROM (
          SELECT sa.id, count(cc.id)::int AS total, count(cs.score)::int AS scored,
                 coalesce(sum(cs.score * cc.weight), 0)::bigint AS sw,
                 coalesce(sum(cc.weight) FILTER (WHERE cs.score IS NOT NULL), 0)::bigint AS w,
                 coalesce(sum(cs.score), 0)::bigint AS s
            FROM applications sa
            JOIN call_criteria cc ON cc.call_id = sa.call_id
            LEFT JOIN (
              SELECT application_id, criterion_id, score FROM agreed_scores
              UNION ALL
              (SELECT DISTINCT ON (s.application_id, s.criterion_id) s.application_id, s.criterion_id, s.score
                 FROM assessment_scores s
                 JOIN applications sa ON sa.id = s.application_id AND sa.second_assessor_id IS NULL
                WHERE NOT EXISTS (SELECT 1 FROM agreed_scores g WHERE g.application_id = s.application_id AND g.criterion_id = s.criterion_id)
                ORDER BY s.application_id, s.criterion_id, s.scored_at DESC)
            ) cs ON cs.application_id = sa.id AND cs.criterion_id = cc.id
           WHERE sa.call_id = ANY(ids)
           GROUP BY sa.id
        ) x
    ) rs ON rs.id = ra.id
   WHERE ra.call_id = ANY(ids)
  ON CONFLICT (application_id) DO UPDATE
     SET call_id = EXCLUDED.call_id, total = EXCLUDED.total, scored = EXCLUDED.scored, tenths = EXCLUDED.tenths, rank = EXCLUDED.rank
   -- Only rows that changed are written (one score moves a few ranks, not the whole call).
   WHERE (s.call_id, s.total, s.scored, s.tenths, s.rank) IS DISTINCT FROM (EXCLUDED.call_id, EXCLUDED.total, EXCLUDED.scored, EXCLUDED.tenths, EXCLUDED.rank);
END
$$;
--> statement-breakpoint
-- After each statement that writes an input, the calls it touched are refreshed once. The
-- argument names the input: 'application' (rows with application_id: scores, agreed scores),
-- 'call' (rows with call_id: criteria, need index), 'applications', 'municipalities'.
-- Statement triggers with transition tables (new_rows/old_rows); PostgreSQL allows no column
-- list on an UPDATE trigger with transition tables, so the applications trigger compares the
-- old and new rows itself: an autosave of a draft's text finds no change and returns.
CREATE OR REPLACE FUNCTION application_standings_after_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids integer[];
BEGIN
  IF TG_ARGV[0] = 'application' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(DISTINCT a.call_id) INTO ids FROM applications a WHERE a.id IN (SELECT application_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(DISTINCT a.call_id) INTO ids FROM applications a WHERE a.id IN (SELECT application_id FROM old_rows);
    ELSE
      SELECT array_agg(DISTINCT a.call_id) INTO ids FROM applications a
       WHERE a.id IN (SELECT application_id FROM new_rows UNION SELECT application_id FROM old_rows);
    END IF;
  ELSIF TG_ARGV[0] = 'call' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(DISTINCT call_id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(DISTINCT call_id) INTO ids FROM old_rows;
    ELSE
      SELECT array_agg(DISTINCT call_id) INTO ids FROM (SELECT call_id FROM new_rows UNION SELECT call_id FROM old_rows) x;
    END IF;
  ELSIF TG_ARGV[0] = 'applications' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(DISTINCT call_id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(DISTINCT call_id) INTO ids FROM old_rows;
    ELSE
      -- The inputs on the row: the call, the municipality (need index, name order), draft or
      -- not (the rank's partition), a second assessor (which scores count).
      SELECT array_agg(DISTINCT c) INTO ids
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES (o.call_id), (n.call_id)) v(c)
       WHERE o.call_id IS DISTINCT FROM n.call_id
          OR o.municipality_code IS DISTINCT FROM n.municipality_code
          OR (o.status = 'draft') IS DISTINCT FROM (n.status = 'draft')
          OR o.second_assessor_id IS DISTINCT FROM n.second_assessor_id;
    END IF;
  ELSIF TG_ARGV[0] = 'municipalities' THEN
    -- The name order (sort_key) ranks ties.
    SELECT array_agg(DISTINCT a.call_id) INTO ids
      FROM old_rows o JOIN new_rows n ON n.code = o.code
      JOIN applications a ON a.municipality_code = n.code
     WHERE o.sort_key IS DISTINCT FROM n.sort_key;
  END IF;
  PERFORM refresh_application_standings(ids);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_scores_standings_insert AFTER INSERT ON assessment_scores REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('application');
--> statement-breakpoint
CREATE TRIGGER assessment_scores_standings_update AFTER UPDATE ON assessment_scores REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('application');
--> statement-breakpoint
CREATE TRIGGER assessment_scores_standings_delete AFTER DELETE ON assessment_scores REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('application');
--> statement-breakpoint
CREATE TRIGGER agreed_scores_standings_insert AFTER INSERT ON agreed_scores REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('application');
--> statement-breakpoint
CREATE TRIGGER agreed_scores_standings_update AFTER UPDATE ON agreed_scores REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('application');
--> statement-breakpoint
CREATE TRIGGER agreed_scores_standings_delete AFTER DELETE ON agreed_scores REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('application');
--> statement-breakpoint
CREATE TRIGGER call_criteria_standings_insert AFTER INSERT ON call_criteria REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('call');
--> statement-breakpoint
CREATE TRIGGER call_criteria_standings_update AFTER UPDATE ON call_criteria REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('call');
--> statement-breakpoint
CREATE TRIGGER call_criteria_standings_delete AFTER DELETE ON call_criteria REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('call');
--> statement-breakpoint
CREATE TRIGGER need_index_entries_standings_insert AFTER INSERT ON need_index_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('call');
--> statement-breakpoint
CREATE TRIGGER need_index_entries_standings_update AFTER UPDATE ON need_index_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('call');
--> statement-breakpoint
CREATE TRIGGER need_index_entries_standings_delete AFTER DELETE ON need_index_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('call');
--> statement-breakpoint
CREATE TRIGGER applications_standings_insert AFTER INSERT ON applications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('applications');
--> statement-breakpoint
CREATE TRIGGER applications_standings_update AFTER UPDATE ON applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('applications');
--> statement-breakpoint
CREATE TRIGGER applications_standings_delete AFTER DELETE ON applications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('applications');
--> statement-breakpoint
CREATE TRIGGER municipalities_standings_update AFTER UPDATE ON municipalities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_standings_after_write('municipalities');
--> statement-breakpoint
-- Backfill: every call with applications.
SELECT refresh_application_standings(ARRAY(SELECT DISTINCT call_id FROM applications));
