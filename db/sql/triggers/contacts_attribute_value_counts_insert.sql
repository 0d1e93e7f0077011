-- Counts the dropdown and boolean values of inserted contacts, once per statement
-- (an import batch adds one aggregate, not a call per row).
CREATE TRIGGER contacts_attribute_value_counts_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attribute_value_counts_insert();
