-- The server runs as puljeportal_app: rows in, rows out, nothing more. It does not own
-- the tables, so it cannot disable or drop triggers, and it is not a superuser, so it
-- cannot set session_replication_role. Migrations run as the owner. (Roles are
-- cluster-wide: created once, granted per database.)
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'puljeportal_app') THEN
    CREATE ROLE puljeportal_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO puljeportal_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO puljeportal_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO puljeportal_app;
--> statement-breakpoint
-- Tables and sequences made by later migrations (run by the same owner) get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO puljeportal_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO puljeportal_app;
--> statement-breakpoint
-- The audit trail: read and append only.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM puljeportal_app;
--> statement-breakpoint
-- The migration history is the owner's.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'drizzle') THEN
    REVOKE ALL ON ALL TABLES IN SCHEMA drizzle FROM puljeportal_app;
  END IF;
END
$$;
--> statement-breakpoint
-- Fire even with session_replication_role = replica (a superuser's bypass).
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
--> statement-breakpoint
-- The time of an audit row is the database's, not the caller's. (The owner, who runs
-- migrations and imports history, may give one; the app may not.)
CREATE OR REPLACE FUNCTION audit_log_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
    NEW.at := now();
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_stamp_at
  BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_stamp();
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_stamp_at;
