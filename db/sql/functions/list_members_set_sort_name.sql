-- Row trigger function (list_members_sort_name): a member's sort key is its
-- contact's lower(display_name), whatever the insert says, so a list page in
-- name order is the first rows of list_members_sort_idx.
CREATE FUNCTION list_members_set_sort_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT lower(c.display_name) INTO NEW.sort_name FROM contacts c WHERE c.workspace_id = NEW.workspace_id AND c.id = NEW.contact_id;
  -- No contact: the foreign key refuses the row next; keep NOT NULL from speaking first.
  NEW.sort_name := coalesce(NEW.sort_name, '');
  RETURN NEW;
END $$;
