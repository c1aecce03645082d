-- Company types get a Swedish name. Types an organization already has take the
-- English one until someone names them; the four defaults get theirs.
-- Kept in step with ../sqlite/0005_company_type_swedish.sql.
ALTER TABLE company_types ADD COLUMN name_sv TEXT NOT NULL DEFAULT '';
UPDATE company_types SET name_sv = name_en;
UPDATE company_types SET name_sv = 'Kall' WHERE key = 'cold' AND name_en = 'Cold';
UPDATE company_types SET name_sv = 'Kund' WHERE key = 'customer' AND name_en = 'Customer';
