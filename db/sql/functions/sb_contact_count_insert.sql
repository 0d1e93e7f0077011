-- Statement trigger function (contacts_count_insert): workspaces.contact_count
-- follows the contacts an INSERT added, once per statement, whichever path
-- wrote them, and the workspace's contact limit holds: an insert that takes
-- a workspace past it fails (the writer turns that into its message). An
-- import with "remove contacts not in the file" may pass the limit until its
-- removal at the end and checks the limit itself there: it says so with
-- SET LOCAL switchboard.contact_limit_deferred = 'on'.
CREATE OR REPLACE FUNCTION sb_contact_count_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  over_limit boolean;
BEGIN
  WITH added AS (
    SELECT workspace_id, count(*)::int AS n FROM new_rows GROUP BY workspace_id
  ), counted AS (
    UPDATE workspaces w SET contact_count = w.contact_count + added.n
    FROM added WHERE w.id = added.workspace_id
    RETURNING w.contact_count, w.contact_limit
  )
  SELECT coalesce(bool_or(contact_limit IS NOT NULL AND contact_count > contact_limit), false) INTO over_limit FROM counted;
  IF over_limit AND coalesce(current_setting('switchboard.contact_limit_deferred', true), '') <> 'on' THEN
    RAISE EXCEPTION 'contact limit reached' USING ERRCODE = '23514', CONSTRAINT = 'workspaces_contact_limit';
  END IF;
  RETURN NULL;
END
$$;
