-- Fixes from a review of migrations 0010 and 0011, which stay as applied:
-- - the update trigger expands only rows whose values changed, and the
--   counted values are found from the workspace's definitions;
-- - a definition created for a key contacts already hold can be counted from
--   them (rebuild_attribute_value_counts, called by the app);
-- - the rename trigger ends at once when nobody was renamed.
-- TRUNCATE fires none of the count triggers: the app never truncates contacts.
-- The values of one contact that are counted: those of its workspace's
-- dropdown and boolean attributes (a text value may differ on every contact).
-- A plain SQL function, so the planner inlines it into each query; it starts
-- from the definitions, and a contact without values skips them at once.
CREATE OR REPLACE FUNCTION counted_attribute_values(ws uuid, attrs jsonb) RETURNS TABLE (key text, value jsonb)
LANGUAGE sql STABLE AS $$
  SELECT d.key, attrs -> d.key FROM attribute_definitions d
  WHERE attrs <> '{}'::jsonb AND d.workspace_id = ws AND d.type IN ('dropdown', 'boolean') AND attrs ? d.key
$$;
--> statement-breakpoint
-- Only rows whose values changed are expanded: most updates (a name, the
-- last activity, the search text) leave them alone and add nothing.
CREATE OR REPLACE FUNCTION attribute_value_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS MATERIALIZED (
    SELECT n.workspace_id, n.attributes AS new_attrs, o.attributes AS old_attrs
    FROM new_rows n JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.id = n.id
    WHERE n.attributes IS DISTINCT FROM o.attributes
  )
  INSERT INTO attribute_value_counts (workspace_id, key, value, n)
  SELECT d.workspace_id, d.key, d.value, sum(d.n)
  FROM (
    SELECT c.workspace_id, v.key, v.value, 1 AS n FROM changed c CROSS JOIN LATERAL counted_attribute_values(c.workspace_id, c.new_attrs) v
    UNION ALL
    SELECT c.workspace_id, v.key, v.value, -1 AS n FROM changed c CROSS JOIN LATERAL counted_attribute_values(c.workspace_id, c.old_attrs) v
  ) d
  GROUP BY 1, 2, 3
  HAVING sum(d.n) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A key's counts from the contacts themselves, called when its definition is
-- created: contacts may already hold values for the key (a write checked
-- against definitions read before an earlier attribute of that key was
-- deleted lands after the delete), and no trigger counted those.
CREATE OR REPLACE FUNCTION rebuild_attribute_value_counts(ws uuid, k text) RETURNS void LANGUAGE sql AS $$
  DELETE FROM attribute_value_counts WHERE workspace_id = ws AND key = k;
  INSERT INTO attribute_value_counts (workspace_id, key, value, n)
  SELECT ws, k, c.attributes -> k, count(*) FROM contacts c
  WHERE c.workspace_id = ws AND c.attributes ? k
    AND EXISTS (SELECT 1 FROM attribute_definitions d WHERE d.workspace_id = ws AND d.key = k AND d.type IN ('dropdown', 'boolean'))
  GROUP BY 3;
$$;
--> statement-breakpoint
-- Most updates rename nobody: they end at the first check, without reading list_members.
CREATE OR REPLACE FUNCTION list_members_follow_renames() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM new_rows n JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.id = n.id
    WHERE n.display_name IS DISTINCT FROM o.display_name
  ) THEN
    RETURN NULL;
  END IF;
  WITH renamed AS MATERIALIZED (
    SELECT n.workspace_id, n.id, lower(n.display_name) AS sort_name
    FROM new_rows n JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.id = n.id
    WHERE n.display_name IS DISTINCT FROM o.display_name
  )
  UPDATE list_members m SET sort_name = r.sort_name
  FROM renamed r WHERE m.workspace_id = r.workspace_id AND m.contact_id = r.id;
  RETURN NULL;
END $$;
