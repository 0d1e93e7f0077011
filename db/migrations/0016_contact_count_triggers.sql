-- workspaces.contact_count kept by statement triggers on contacts (db/sql/functions/sb_contact_count_*.sql,
-- db/sql/triggers/contacts_count_*.sql) instead of by each writer.
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
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sb_contact_count_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE workspaces w SET contact_count = greatest(w.contact_count - removed.n, 0)
  FROM (SELECT workspace_id, count(*)::int AS n FROM old_rows GROUP BY workspace_id) removed
  WHERE w.id = removed.workspace_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS contacts_count_insert ON contacts;
--> statement-breakpoint
CREATE TRIGGER contacts_count_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sb_contact_count_insert();
--> statement-breakpoint
DROP TRIGGER IF EXISTS contacts_count_delete ON contacts;
--> statement-breakpoint
CREATE TRIGGER contacts_count_delete AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sb_contact_count_delete();
--> statement-breakpoint
-- From here on the triggers keep the count: start it from the table.
UPDATE workspaces w SET contact_count = (SELECT count(*) FROM contacts c WHERE c.workspace_id = w.id);
