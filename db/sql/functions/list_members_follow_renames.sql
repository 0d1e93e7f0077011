-- Statement trigger function (contacts_list_member_names): renamed contacts'
-- members get the new sort key. Renamed contacts are the new rows' (id, name)
-- pairs EXCEPT the old rows' (a set operation, never a join of the transition
-- tables); most updates rename nobody and end after the first check.
CREATE OR REPLACE FUNCTION list_members_follow_renames() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM (
    SELECT workspace_id, id, display_name FROM new_rows EXCEPT SELECT workspace_id, id, display_name FROM old_rows
  ) renamed LIMIT 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  WITH renamed AS MATERIALIZED (
    SELECT workspace_id, id, display_name FROM new_rows EXCEPT SELECT workspace_id, id, display_name FROM old_rows
  )
  UPDATE list_members m SET sort_name = lower(r.display_name)
  FROM renamed r WHERE m.workspace_id = r.workspace_id AND m.contact_id = r.id;
  RETURN NULL;
END $$;
