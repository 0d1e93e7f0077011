-- Keeps list members' sort keys following their contacts' renames.
CREATE TRIGGER contacts_list_member_names AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION list_members_follow_renames();
