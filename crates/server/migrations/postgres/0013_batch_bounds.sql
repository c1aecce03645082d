-- Issue 25: a batch takes at most its file's rows (NULL: not told, the most a file
-- may have); what the browser held back or left out (counts only, NULL: not told);
-- where each chunk's answer starts among its batch's rows, so the history's detail is
-- read a page at a time (NULL for chunks stored before: they come on the first page).
ALTER TABLE import_batches ADD COLUMN file_rows BIGINT;
ALTER TABLE import_batches ADD COLUMN held_back BIGINT;
ALTER TABLE import_batches ADD COLUMN left_out BIGINT;
ALTER TABLE idempotency_keys ADD COLUMN batch_offset BIGINT;
CREATE INDEX idempotency_keys_batch_offset ON idempotency_keys (batch_id, batch_offset);
