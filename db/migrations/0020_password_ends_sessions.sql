-- A password change ends every session of that user (db/sql/functions/sb_password_ends_sessions.sql,
-- db/sql/triggers/users_password_ends_sessions.sql).
CREATE OR REPLACE FUNCTION sb_password_ends_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.session_version := OLD.session_version + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_password_ends_sessions BEFORE UPDATE OF password_hash ON users
  FOR EACH ROW EXECUTE FUNCTION sb_password_ends_sessions();
