-- A portal's backend provisions its organization through the API: it signs its calls
-- with an organization API key (stored hashed), and archives what it no longer uses
-- instead of deleting it (customers keep pointing at their unit, group and type).
-- Kept in step with ../postgres/0007_provisioning.sql.
CREATE TABLE organization_api_keys (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    key_hash        TEXT NOT NULL UNIQUE,
    label           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    revoked_at      TEXT
);
ALTER TABLE projects ADD COLUMN archived_at TEXT;
ALTER TABLE units ADD COLUMN archived_at TEXT;
ALTER TABLE users ADD COLUMN archived_at TEXT;
ALTER TABLE customer_groups ADD COLUMN archived_at TEXT;
ALTER TABLE company_types ADD COLUMN archived_at TEXT;
