-- Statement trigger function (contacts_attribute_value_counts_delete): appends
-- one -count delta per workspace, key and value a DELETE removed.
CREATE FUNCTION attribute_value_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO attribute_value_counts (workspace_id, key, value, n)
  SELECT r.workspace_id, v.key, v.value, -count(*)
  FROM old_rows r CROSS JOIN LATERAL counted_attribute_values(r.workspace_id, r.attributes) v
  GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;
