-- Changes a portal can apply in order (issue 25). Every customer created or removed,
-- every change to an import batch and every webhook event takes a number from its
-- organization's counter (organizations.last_sequence) at the end of the transaction
-- that makes it; the counter's row stays locked until that transaction commits, so
-- numbers grow in the order changes commit (src/sequence.rs). The pull API pages by
-- them, and events carry theirs.
--
-- A customer's number is kept in a table of its own, written at the end of the import's
-- transaction: numbering the customers rows just inserted cost PostgreSQL 18 ms per
-- 1,000 (every index and foreign key checked again), these narrow rows 3 ms. No
-- foreign keys, for the same reason; the undo deletes a customer's row with it.
--
-- An event redelivered keeps its created_at; its day of retries counts from
-- retries_from (NULL: from created_at).
--
-- Rows made before keep their ids as numbers (customers and batches), so a cursor a
-- portal kept still holds; removals and events are numbered after every id, and the
-- counters start after all of them.
-- Kept in step with ../postgres/0014_sequence.sql.
ALTER TABLE organizations ADD COLUMN last_sequence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN seq BIGINT;
ALTER TABLE removed_customers ADD COLUMN seq BIGINT;
ALTER TABLE outbox_events ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox_events ADD COLUMN retries_from BIGINT;
CREATE TABLE customer_sequences (
    customer_id INTEGER PRIMARY KEY,
    project_id  BIGINT NOT NULL,
    seq         BIGINT NOT NULL
);

INSERT INTO customer_sequences (customer_id, project_id, seq) SELECT id, project_id, id FROM customers;
UPDATE import_batches SET seq = id;
UPDATE removed_customers SET seq = customer_id + (SELECT MAX(m) FROM (
    SELECT COALESCE(MAX(id), 0) AS m FROM customers
    UNION ALL SELECT COALESCE(MAX(customer_id), 0) FROM removed_customers
    UNION ALL SELECT COALESCE(MAX(id), 0) FROM import_batches
    UNION ALL SELECT COALESCE(MAX(id), 0) FROM outbox_events) AS legacy);
UPDATE outbox_events SET seq = id + 2 * (SELECT MAX(m) FROM (
    SELECT COALESCE(MAX(id), 0) AS m FROM customers
    UNION ALL SELECT COALESCE(MAX(customer_id), 0) FROM removed_customers
    UNION ALL SELECT COALESCE(MAX(id), 0) FROM import_batches
    UNION ALL SELECT COALESCE(MAX(id), 0) FROM outbox_events) AS legacy);
UPDATE organizations SET last_sequence = 3 * (SELECT MAX(m) FROM (
    SELECT COALESCE(MAX(id), 0) AS m FROM customers
    UNION ALL SELECT COALESCE(MAX(customer_id), 0) FROM removed_customers
    UNION ALL SELECT COALESCE(MAX(id), 0) FROM import_batches
    UNION ALL SELECT COALESCE(MAX(id), 0) FROM outbox_events) AS legacy);

CREATE INDEX customer_sequences_feed ON customer_sequences (project_id, seq);
CREATE INDEX import_batches_sequence ON import_batches (project_id, seq);
CREATE INDEX removed_customers_sequence ON removed_customers (project_id, seq);
