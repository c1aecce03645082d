-- Each chunk's stored answer holds the verdict of every row it carried; linking it to
-- its batch makes a batch's per-row outcomes (created ids, every rejection) one query
-- away. Kept in step with ../sqlite/0004_batch_outcomes.sql.
ALTER TABLE idempotency_keys ADD COLUMN batch_id BIGINT REFERENCES import_batches(id);
CREATE INDEX idempotency_keys_batch ON idempotency_keys (batch_id);
