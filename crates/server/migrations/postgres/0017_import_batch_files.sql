-- Issue 29: an import of several files is one batch; each of its files is kept with
-- its place in the user's order (file_index, the chunk's `file`), its name (only its
-- name, cleaned as the batch's file_name is), the rows the browser said it had to
-- import, and what the rows sent from it did, counted with the batch's own counts in
-- each chunk's transaction. Written from the batch's first chunk that names its files.
-- An undo leaves these counts as they are, as it leaves the batch's created and
-- rejected. No rows for an import of one file.
-- Kept in step with ../sqlite/0017_import_batch_files.sql.
CREATE TABLE import_batch_files (
    batch_id   BIGINT NOT NULL REFERENCES import_batches(id),
    file_index BIGINT NOT NULL,
    name       TEXT,
    file_rows  BIGINT NOT NULL,
    created    BIGINT NOT NULL DEFAULT 0,
    rejected   BIGINT NOT NULL DEFAULT 0,
    updated    BIGINT NOT NULL DEFAULT 0,
    unchanged  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (batch_id, file_index)
);
