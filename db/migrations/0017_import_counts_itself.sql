-- The contact count triggers step aside for an import, which counts once at its end (db/sql/functions/sb_contact_count_*.sql).
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
--> statement-breakpoint
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
