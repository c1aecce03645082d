-- An administrator's memory (issue 20): the file name of each import, its undoing
-- (who, when, how many customers it removed), a record of every customer an undo
-- removed, and the mappings an organization shares by layout of headings (by their signature and
-- column count: the headings stay in the browser).
-- Times new here are unix seconds.
-- Kept in step with ../postgres/0010_history.sql.
--
-- Customers may now be deleted: SQLite gives a deleted row's id to the next insert
-- unless the table is AUTOINCREMENT, and a customer id reused would name another
-- customer in the portal's events and in an import's history. The table is rebuilt
-- with AUTOINCREMENT (same columns and indexes; no table references customers).
CREATE TABLE customers_autoincrement (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id         INTEGER NOT NULL REFERENCES projects(id),
    unit_id            INTEGER REFERENCES units(id),
    batch_id           INTEGER REFERENCES import_batches(id),
    name               TEXT,
    email              TEXT,
    phone              TEXT,
    birth_date         TEXT,
    address            TEXT,
    postal_code        TEXT,
    city               TEXT,
    country            TEXT,
    company_name       TEXT,
    business_id        TEXT,
    company_type_id    INTEGER REFERENCES company_types(id),
    customer_group_id  INTEGER REFERENCES customer_groups(id),
    account_manager_id INTEGER REFERENCES users(id),
    external_id        TEXT,
    notes              TEXT,
    custom_fields      TEXT,
    created_at         TEXT NOT NULL
);
INSERT INTO customers_autoincrement (id, project_id, unit_id, batch_id, name, email, phone,
    birth_date, address, postal_code, city, country, company_name, business_id,
    company_type_id, customer_group_id, account_manager_id, external_id, notes,
    custom_fields, created_at)
SELECT id, project_id, unit_id, batch_id, name, email, phone, birth_date, address,
    postal_code, city, country, company_name, business_id, company_type_id,
    customer_group_id, account_manager_id, external_id, notes, custom_fields, created_at
FROM customers;
DROP TABLE customers;
ALTER TABLE customers_autoincrement RENAME TO customers;
CREATE UNIQUE INDEX customers_email_unique ON customers (project_id, lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX customers_external_id_unique ON customers (project_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customers_unit ON customers (unit_id);
CREATE INDEX customers_batch ON customers (batch_id);

ALTER TABLE import_batches ADD COLUMN file_name TEXT;
ALTER TABLE import_batches ADD COLUMN undone_at BIGINT;
ALTER TABLE import_batches ADD COLUMN undone_by INTEGER REFERENCES users(id);
ALTER TABLE import_batches ADD COLUMN removed BIGINT NOT NULL DEFAULT 0;
CREATE INDEX import_batches_project ON import_batches (project_id, id);

CREATE TABLE removed_customers (
    customer_id INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    batch_id    INTEGER REFERENCES import_batches(id),
    external_id TEXT,
    reason      TEXT NOT NULL CHECK (reason IN ('undone')),
    removed_at  BIGINT NOT NULL,
    removed_by  INTEGER REFERENCES users(id)
);
CREATE INDEX removed_customers_batch ON removed_customers (batch_id);

CREATE TABLE shared_mappings (
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    signature       TEXT NOT NULL,
    columns         BIGINT NOT NULL,
    mapping         TEXT NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    saved_at        BIGINT NOT NULL,
    PRIMARY KEY (organization_id, signature)
);
