-- Every customer created is delivered to the organization's webhook: an event is
-- written in the same transaction as the customers (the outbox), then sent, retried
-- with backoff, and given up on (dead) only after a day. Times are unix seconds;
-- a claim's lease (claimed_until) is in milliseconds.
-- Kept in step with ../sqlite/0008_outbox.sql.
ALTER TABLE organizations ADD COLUMN webhook_url TEXT;
ALTER TABLE organizations ADD COLUMN webhook_secret TEXT;
CREATE TABLE outbox_events (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations(id),
    event_type      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT,
    delivered_at    BIGINT,
    dead_at         BIGINT,
    last_error      TEXT
);
CREATE INDEX outbox_events_due ON outbox_events (next_attempt_at)
    WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE TABLE outbox_attempts (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES outbox_events(id),
    at       BIGINT NOT NULL,
    status   BIGINT,
    error    TEXT
);
CREATE INDEX outbox_attempts_event ON outbox_attempts (event_id);
