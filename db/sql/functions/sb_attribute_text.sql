-- contacts.attribute_text for rows changed in bulk in SQL: the contact's text
-- and dropdown attribute values, in key order, space-joined. The same rule as
-- attributeSearchText (lib/attributes/validation.ts), which computes it for
-- rows built in the app; a test checks that the two agree.
CREATE OR REPLACE FUNCTION sb_attribute_text(ws uuid, attrs jsonb) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT string_agg(e.value, ' ' ORDER BY e.key COLLATE "C")
  FROM jsonb_each_text(attrs) e
  WHERE e.key IN (SELECT d.key FROM attribute_definitions d WHERE d.workspace_id = ws AND d.type IN ('text', 'dropdown'))
$$;
