-- A key's counts from the contacts themselves, called when its definition is
-- created (lib/attributes/value-counts.ts, lib/import/execute.ts): contacts may
-- already hold values for the key, and no trigger counted those.
CREATE OR REPLACE FUNCTION rebuild_attribute_value_counts(ws uuid, k text) RETURNS void LANGUAGE sql AS $$
  DELETE FROM attribute_value_counts WHERE workspace_id = ws AND key = k;
  INSERT INTO attribute_value_counts (workspace_id, key, value, n)
  SELECT ws, k, c.attributes -> k, count(*) FROM contacts c
  WHERE c.workspace_id = ws AND c.attributes ? k
    AND EXISTS (SELECT 1 FROM attribute_definitions d WHERE d.workspace_id = ws AND d.key = k AND d.type IN ('dropdown', 'boolean'))
  GROUP BY 3;
$$;
