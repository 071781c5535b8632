CREATE TABLE "application_totals" (
	"call_id" integer NOT NULL,
	"status" text NOT NULL,
	"applications" integer NOT NULL,
	"requested_ore" bigint NOT NULL,
	CONSTRAINT "application_totals_call_id_status_pk" PRIMARY KEY("call_id","status")
);
--> statement-breakpoint
ALTER TABLE "application_standings" ADD COLUMN "need" numeric(12, 4);--> statement-breakpoint
ALTER TABLE "application_standings" ADD COLUMN "sort_key" text COLLATE "C";--> statement-breakpoint
CREATE INDEX "application_standings_need_desc_idx" ON "application_standings" USING btree ("need" DESC NULLS LAST,"tenths" DESC NULLS LAST,"sort_key","application_id");--> statement-breakpoint
CREATE INDEX "application_standings_need_asc_idx" ON "application_standings" USING btree ("need","tenths","sort_key","application_id");--> statement-breakpoint
CREATE INDEX "application_standings_score_desc_idx" ON "application_standings" USING btree ("tenths" DESC NULLS LAST,"sort_key","application_id");--> statement-breakpoint
CREATE INDEX "application_standings_score_asc_idx" ON "application_standings" USING btree ("tenths","sort_key","application_id");--> statement-breakpoint
-- Issue 19, decision 038: the list's sort and its count without reading every application.
--
-- 1. The standings row also carries the need index of the application's municipality in its
-- call and the municipality's name order (sort_key), so the list's need and score orders are
-- the indexes above, read from the top and stopped after the page. Both are inputs the
-- standings triggers of 0018 already watch (need_index_entries, municipalities.sort_key, an
-- application's call and municipality), so the refresh below (0018's, with the two columns
-- added) keeps them; the rest is unchanged.
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
  INSERT INTO application_standings AS s (application_id, call_id, total, scored, tenths, rank, need, sort_key)
  SELECT ra.id, ra.call_id, coalesce(rs.total, 0), coalesce(rs.scored, 0), rs.tenths,
         CASE WHEN ra.status = 'draft' OR rn.value IS NULL THEN NULL ELSE row_number() OVER (
           PARTITION BY ra.call_id, ra.status = 'draft'
           ORDER BY rn.value DESC NULLS LAST, rs.tenths DESC NULLS LAST, rm.sort_key, ra.id
         ) END::int,
         rn.value, rm.sort_key
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
     SET call_id = EXCLUDED.call_id, total = EXCLUDED.total, scored = EXCLUDED.scored, tenths = EXCLUDED.tenths, rank = EXCLUDED.rank,
         need = EXCLUDED.need, sort_key = EXCLUDED.sort_key
   -- Only rows that changed are written (one score moves a few ranks, not the whole call).
   WHERE (s.call_id, s.total, s.scored, s.tenths, s.rank, s.need, s.sort_key)
         IS DISTINCT FROM (EXCLUDED.call_id, EXCLUDED.total, EXCLUDED.scored, EXCLUDED.tenths, EXCLUDED.rank, EXCLUDED.need, EXCLUDED.sort_key);
END
$$;
--> statement-breakpoint
SELECT refresh_application_standings(ARRAY(SELECT DISTINCT call_id FROM applications));
--> statement-breakpoint
ALTER TABLE "application_standings" ALTER COLUMN "sort_key" SET NOT NULL;
--> statement-breakpoint
-- 2. application_totals: applications and requested sum per call and status, changed by the
-- difference each statement on applications makes (old rows out, new rows in), in the
-- writer's transaction. Concurrency (READ COMMITTED): the change is an increment,
-- INSERT … ON CONFLICT DO UPDATE SET n = n + Δ, which locks the (call, status) row and adds
-- to its latest committed value, so concurrent writers cannot lose each other's counts; rows
-- are written in (call, status) order. A statement that changes none of call, status or
-- amount (an autosave of a draft's text) writes nothing and takes no lock.
-- No TRUNCATE trigger: applications cannot be truncated (the cascade reaches the append-only
-- grant ledger, which refuses it).
CREATE OR REPLACE FUNCTION application_totals_after_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  c integer[];
  st text[];
  n integer[];
  o bigint[];
BEGIN
  -- The statement's difference per call and status (a transition table exists only for the
  -- operations that have it, hence one branch each).
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(d.call_id), array_agg(d.status), array_agg(d.n), array_agg(d.ore) INTO c, st, n, o
      FROM (SELECT call_id, status, count(*)::int AS n, sum(requested_ore)::bigint AS ore FROM new_rows GROUP BY 1, 2) d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(d.call_id), array_agg(d.status), array_agg(d.n), array_agg(d.ore) INTO c, st, n, o
      FROM (SELECT call_id, status, -count(*)::int AS n, -sum(requested_ore)::bigint AS ore FROM old_rows GROUP BY 1, 2) d;
  ELSE
    SELECT array_agg(d.call_id), array_agg(d.status), array_agg(d.n), array_agg(d.ore) INTO c, st, n, o
      FROM (
        SELECT x.call_id, x.status, sum(x.n)::int AS n, sum(x.ore)::bigint AS ore
          FROM (SELECT call_id, status, 1 AS n, requested_ore AS ore FROM new_rows
                UNION ALL
                SELECT call_id, status, -1, -requested_ore FROM old_rows) x
         GROUP BY 1, 2
        HAVING sum(x.n) <> 0 OR sum(x.ore) <> 0
      ) d;
  END IF;
  IF c IS NULL THEN RETURN NULL; END IF;
  INSERT INTO application_totals AS t (call_id, status, applications, requested_ore)
  SELECT d.call_id, d.status, d.n, d.ore FROM unnest(c, st, n, o) AS d(call_id, status, n, ore)
   ORDER BY d.call_id, d.status
  ON CONFLICT (call_id, status) DO UPDATE
     SET applications = t.applications + EXCLUDED.applications, requested_ore = t.requested_ore + EXCLUDED.requested_ore;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER applications_totals_insert AFTER INSERT ON applications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_totals_after_write();
--> statement-breakpoint
CREATE TRIGGER applications_totals_update AFTER UPDATE ON applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_totals_after_write();
--> statement-breakpoint
CREATE TRIGGER applications_totals_delete AFTER DELETE ON applications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_totals_after_write();
--> statement-breakpoint
-- Backfill.
INSERT INTO application_totals (call_id, status, applications, requested_ore)
SELECT call_id, status, count(*)::int, sum(requested_ore)::bigint FROM applications GROUP BY call_id, status;
