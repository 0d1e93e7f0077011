-- Takes deleted contacts' values out of the counts, once per statement.
-- (TRUNCATE fires none of these: the app never truncates contacts.)
CREATE TRIGGER contacts_attribute_value_counts_delete AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION attribute_value_counts_delete();
