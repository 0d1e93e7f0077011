-- 0012's update triggers joined the old and new transition tables on id, and
-- the plan for that join over a large statement could be a nested loop: an
-- UPDATE of 1,000,000 contacts ran its count trigger for over 13 minutes
-- without finishing. These bodies never join the two tables:
-- - the counts add +1 for each new row's values and -1 for each old row's,
--   grouped, so a row whose values did not change cancels out (as in 0010);
--   the counted values still come from the workspace's definitions (0012);
-- - renamed contacts are the new rows' (id, name) pairs EXCEPT the old rows',
--   a set operation that hashes or sorts.
CREATE OR REPLACE FUNCTION attribute_value_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO attribute_value_counts (workspace_id, key, value, n)
  SELECT d.workspace_id, d.key, d.value, sum(d.n)
  FROM (
    SELECT r.workspace_id, v.key, v.value, 1 AS n FROM new_rows r CROSS JOIN LATERAL counted_attribute_values(r.workspace_id, r.attributes) v
    UNION ALL
    SELECT r.workspace_id, v.key, v.value, -1 AS n FROM old_rows r CROSS JOIN LATERAL counted_attribute_values(r.workspace_id, r.attributes) v
  ) d
  GROUP BY 1, 2, 3
  HAVING sum(d.n) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Most updates rename nobody: they end after the first set operation, without reading list_members.
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
