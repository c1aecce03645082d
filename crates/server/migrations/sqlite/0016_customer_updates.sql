-- Issue 28: imports that update existing customers. A customer's version grows by one
-- with every change (an import's update, an undo's restoration): a row is compared in
-- the browser against one version and applied only if the customer is still at it.
-- A batch counts the rows that updated a customer and those whose customer had their
-- values already, and how many customers its undo gave their previous values back.
-- Every update an import made is kept (customer_updates): the fields it changed old →
-- new (JSON, for the history), the columns as they were before (JSON, what the undo
-- puts back, references by id, so an archived unit comes back too), and the version it
-- left the customer at (the undo restores only a customer still at it).
-- No foreign key to customers, as customer_sequences: a customer removed by an undo
-- leaves its updates' record, which then says it is gone.
-- Kept in step with ../postgres/0016_customer_updates.sql.
ALTER TABLE customers ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE import_batches ADD COLUMN updated BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN unchanged BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN restored BIGINT NOT NULL DEFAULT 0;
CREATE TABLE customer_updates (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id    BIGINT NOT NULL REFERENCES import_batches(id),
    project_id  BIGINT NOT NULL REFERENCES projects(id),
    customer_id BIGINT NOT NULL,
    source_row  BIGINT NOT NULL,
    changes     TEXT NOT NULL,
    previous    TEXT NOT NULL,
    version     BIGINT NOT NULL
);
CREATE INDEX customer_updates_batch ON customer_updates (batch_id, customer_id);
