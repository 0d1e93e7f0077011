-- The values of one contact that attribute_value_counts counts: those of its
-- workspace's dropdown and boolean attributes (a text value may differ on every
-- contact). Plain SQL, so the planner inlines it into each trigger's query; it
-- starts from the definitions, and a contact without values skips them at once.
CREATE OR REPLACE FUNCTION counted_attribute_values(ws uuid, attrs jsonb) RETURNS TABLE (key text, value jsonb)
LANGUAGE sql STABLE AS $$
  SELECT d.key, attrs -> d.key FROM attribute_definitions d
  WHERE attrs <> '{}'::jsonb AND d.workspace_id = ws AND d.type IN ('dropdown', 'boolean') AND attrs ? d.key
$$;
