-- A password change ends every session of that user.
CREATE TRIGGER users_password_ends_sessions BEFORE UPDATE OF password_hash ON users
  FOR EACH ROW EXECUTE FUNCTION sb_password_ends_sessions();
