-- Statement trigger function (contacts_attribute_value_counts_update): +1 for
-- each new row's values, -1 for each old row's, grouped, so a row whose values
-- did not change cancels out. It never joins the old and new transition
-- tables: that join's plan over a large statement could be a nested loop (an
-- UPDATE of 1,000,000 contacts ran for over 13 minutes).
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
