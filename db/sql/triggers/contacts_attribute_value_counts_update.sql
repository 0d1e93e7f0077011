-- Moves the counts of updated contacts' values, once per statement.
CREATE TRIGGER contacts_attribute_value_counts_update AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attribute_value_counts_update();
