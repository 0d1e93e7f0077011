-- Statement trigger function (contacts_count_insert): workspaces.contact_count
-- follows the contacts an INSERT added, once per statement, whichever path
-- wrote them, and the workspace's contact limit holds: an insert that takes
-- a workspace past it fails (the writer turns that into its message).
-- The import is the one exception, and says so for its transaction with
-- SET LOCAL switchboard.import_counts = 'on': it counts what it created and
-- removed once at the end and holds the limit itself (per row, and after its
-- removal). Counting per batch made the workspace row a chain of hundreds of
-- versions, which the foreign-key check of every inserted contact walks:
-- a 1,000,000-row import took 7-13% longer.
CREATE OR REPLACE FUNCTION sb_contact_count_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  over_limit boolean;
BEGIN
  IF coalesce(current_setting('switchboard.import_counts', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  WITH added AS (
    SELECT workspace_id, count(*)::int AS n FROM new_rows GROUP BY workspace_id
  ), counted AS (
    UPDATE workspaces w SET contact_count = w.contact_count + added.n
    FROM added WHERE w.id = added.workspace_id
    RETURNING w.contact_count, w.contact_limit
  )
  SELECT coalesce(bool_or(contact_limit IS NOT NULL AND contact_count > contact_limit), false) INTO over_limit FROM counted;
  IF over_limit THEN
    RAISE EXCEPTION 'contact limit reached' USING ERRCODE = '23514', CONSTRAINT = 'workspaces_contact_limit';
  END IF;
  RETURN NULL;
END
$$;
