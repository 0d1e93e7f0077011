-- Row trigger function (users_password_ends_sessions): a new password hash
-- raises the user's session version, which ends every session of theirs
-- (lib/auth/sessions.ts), whatever code sets the password.
CREATE OR REPLACE FUNCTION sb_password_ends_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.session_version := OLD.session_version + 1;
  END IF;
  RETURN NEW;
END $$;
