-- Spreadsheet formula guard for exports that PostgreSQL formats itself (COPY ...
-- TO STDOUT): a cell starting with = + - @ tab or CR gets a leading apostrophe,
-- except a valid E.164 phone number. Same rule as lib/export/cell.ts. The first
-- character is compared as a string: a regular expression per cell made a
-- guarded export twice as slow as a plain COPY.
CREATE OR REPLACE FUNCTION sb_safe_cell(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN left(v, 1) IN ('=', '-', '@', E'\t', E'\r') THEN '''' || v
    WHEN left(v, 1) = '+' AND v !~ '^\+[1-9][0-9]{6,14}$' THEN '''' || v
    ELSE v
  END
$$;
