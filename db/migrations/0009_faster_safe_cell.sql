-- The formula guard, same rule as 0007, cheaper: the first character is
-- compared as a string (a regular expression per cell made a guarded CSV
-- export twice as slow as a plain COPY); only a cell starting with "+" is
-- then checked against the E.164 pattern.
CREATE OR REPLACE FUNCTION sb_safe_cell(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN left(v, 1) IN ('=', '-', '@', E'\t', E'\r') THEN '''' || v
    WHEN left(v, 1) = '+' AND v !~ '^\+[1-9][0-9]{6,14}$' THEN '''' || v
    ELSE v
  END
$$;
