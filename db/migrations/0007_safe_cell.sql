-- Spreadsheet formula guard for exports that PostgreSQL formats itself
-- (COPY ... TO STDOUT): a cell starting with = + - @ tab or CR gets a leading
-- apostrophe, except a valid E.164 phone number, which is left as it is.
-- Same rule as lib/export/cell.ts.
CREATE OR REPLACE FUNCTION sb_safe_cell(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v ~ '^[=+\-@\t\r]' AND v !~ '^\+[1-9][0-9]{6,14}$' THEN '''' || v ELSE v END
$$;
