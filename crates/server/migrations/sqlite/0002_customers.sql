-- Company types and customer groups per organization, import batches, and the
-- customers themselves. E-mail (case-insensitively) and external id are unique within
-- a project, so concurrent imports can never create the same customer twice.
-- Kept in step with ../postgres/0002_customers.sql.
CREATE TABLE company_types (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    key             TEXT NOT NULL,
    name_nb         TEXT NOT NULL,
    name_fi         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    UNIQUE (organization_id, key)
);

CREATE TABLE customer_groups (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    name            TEXT NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE import_batches (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    created    INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE customers (
    id                 INTEGER PRIMARY KEY,
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
CREATE UNIQUE INDEX customers_email_unique ON customers (project_id, lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX customers_external_id_unique ON customers (project_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customers_unit ON customers (unit_id);
