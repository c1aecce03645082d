-- An administrator's memory (issue 20): the file name of each import, its undoing
-- (who, when, how many customers it removed), a record of every customer an undo
-- removed, and the mappings an organization shares by layout of headings (by their signature and
-- column count: the headings stay in the browser).
-- Times new here are unix seconds. (Identity columns never give an id twice, so
-- customers need no rebuild here, unlike on SQLite.)
-- Kept in step with ../sqlite/0010_history.sql.
CREATE INDEX customers_batch ON customers (batch_id);

ALTER TABLE import_batches ADD COLUMN file_name TEXT;
ALTER TABLE import_batches ADD COLUMN undone_at BIGINT;
ALTER TABLE import_batches ADD COLUMN undone_by BIGINT REFERENCES users(id);
ALTER TABLE import_batches ADD COLUMN removed BIGINT NOT NULL DEFAULT 0;
CREATE INDEX import_batches_project ON import_batches (project_id, id);

CREATE TABLE removed_customers (
    customer_id BIGINT PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects(id),
    batch_id    BIGINT REFERENCES import_batches(id),
    external_id TEXT,
    reason      TEXT NOT NULL CHECK (reason IN ('undone')),
    removed_at  BIGINT NOT NULL,
    removed_by  BIGINT REFERENCES users(id)
);
CREATE INDEX removed_customers_batch ON removed_customers (batch_id);

CREATE TABLE shared_mappings (
    organization_id BIGINT NOT NULL REFERENCES organizations(id),
    signature       TEXT NOT NULL,
    columns         BIGINT NOT NULL,
    mapping         TEXT NOT NULL,
    user_id         BIGINT NOT NULL REFERENCES users(id),
    saved_at        BIGINT NOT NULL,
    PRIMARY KEY (organization_id, signature)
);
