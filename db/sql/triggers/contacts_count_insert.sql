-- Keeps workspaces.contact_count and the contact limit (sb_contact_count_insert).
CREATE TRIGGER contacts_count_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sb_contact_count_insert();
