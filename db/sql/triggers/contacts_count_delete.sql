-- Keeps workspaces.contact_count (sb_contact_count_delete).
CREATE TRIGGER contacts_count_delete AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sb_contact_count_delete();
