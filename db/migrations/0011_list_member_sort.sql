ALTER TABLE "list_members" ADD COLUMN "sort_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "list_members_sort_idx" ON "list_members" USING btree ("workspace_id","list_id","sort_name","contact_id");--> statement-breakpoint
-- A list page in name order walked the contacts' name index and probed
-- list_members for each contact until it had a page: for a list of 1% of a
-- million contacts, about 5,000 probes per page (8.9 ms of database CPU
-- against 2.8 ms for a status filter). With the member's sort key beside it,
-- the page is the first rows of list_members_sort_idx. The key is the
-- contact's lower(display_name), the same expression the name order uses,
-- and the triggers below keep it so: set from the contact on every insert,
-- whatever the insert says, and followed when a contact is renamed. (One
-- race is left: a member added while another transaction renames its contact
-- keeps the old key until the next rename. Only that member's place in the
-- list's name order is affected; locking each contact row per membership
-- insert would cost an import with a list column a write per contact.)
CREATE FUNCTION list_members_set_sort_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT lower(c.display_name) INTO NEW.sort_name FROM contacts c WHERE c.workspace_id = NEW.workspace_id AND c.id = NEW.contact_id;
  -- No contact: the foreign key refuses the row next; keep NOT NULL from speaking first.
  NEW.sort_name := coalesce(NEW.sort_name, '');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER list_members_sort_name BEFORE INSERT OR UPDATE OF contact_id ON list_members
  FOR EACH ROW EXECUTE FUNCTION list_members_set_sort_name();
--> statement-breakpoint
CREATE FUNCTION list_members_follow_renames() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE list_members m SET sort_name = lower(n.display_name)
  FROM new_rows n JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.id = n.id
  WHERE n.display_name IS DISTINCT FROM o.display_name
    AND m.workspace_id = n.workspace_id AND m.contact_id = n.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contacts_list_member_names AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION list_members_follow_renames();
--> statement-breakpoint
UPDATE list_members m SET sort_name = lower(c.display_name) FROM contacts c WHERE c.workspace_id = m.workspace_id AND c.id = m.contact_id;
