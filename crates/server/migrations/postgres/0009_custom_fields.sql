-- A project's own fields, declared by its portal (parking space, move-in date, …):
-- the JSON array of their declarations, checked before it is stored. Values live in
-- customers.custom_fields.
-- Kept in step with ../sqlite/0009_custom_fields.sql.
ALTER TABLE projects ADD COLUMN custom_fields TEXT NOT NULL DEFAULT '[]';
