-- GIN operator classes for plain columns: the GIN indexes on contacts lead with
-- workspace_id, so one workspace's search never walks another's rows.
CREATE EXTENSION IF NOT EXISTS btree_gin;
