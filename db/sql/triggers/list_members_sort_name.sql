-- Sets each new member's sort key from its contact.
CREATE TRIGGER list_members_sort_name BEFORE INSERT OR UPDATE OF contact_id ON list_members
  FOR EACH ROW EXECUTE FUNCTION list_members_set_sort_name();
