-- The first answer to each import request, kept by the client's Idempotency-Key so
-- that a retried request (after a network error) replays it instead of importing the
-- rows again. Kept in step with ../sqlite/0003_idempotency.sql.
CREATE TABLE idempotency_keys (
    user_id      BIGINT NOT NULL REFERENCES users(id),
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response     TEXT,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
