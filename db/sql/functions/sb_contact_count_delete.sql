-- Statement trigger function (contacts_count_delete): workspaces.contact_count
-- follows the contacts a DELETE removed, once per statement, whichever path
-- deleted them (a workspace deleted with its contacts is already gone: no row),
-- but the import's, which counts its removals itself (see sb_contact_count_insert).
CREATE OR REPLACE FUNCTION sb_contact_count_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('switchboard.import_counts', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  UPDATE workspaces w SET contact_count = greatest(w.contact_count - removed.n, 0)
  FROM (SELECT workspace_id, count(*)::int AS n FROM old_rows GROUP BY workspace_id) removed
  WHERE w.id = removed.workspace_id;
  RETURN NULL;
END
$$;
