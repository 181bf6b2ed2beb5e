-- Several server processes on one database. Every write takes the one `store_revision` row (its
-- lock orders the writes) and stamps the customers it changed with the new revision, so a process
-- knows which customers to read again. Idempotency records are keyed by user, scope and key, and
-- purged by age (seconds since 1970, UTC), not by count.

CREATE TABLE store_revision (
    id INTEGER PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO store_revision (id, revision) VALUES (1, 1);

ALTER TABLE customers ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
CREATE INDEX customers_by_revision ON customers (revision);

DROP TABLE idempotency_records;
CREATE TABLE idempotency_records (
    user_id VARCHAR(320) NOT NULL,
    scope TEXT NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    body_hash BIGINT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, scope, idempotency_key)
);
CREATE INDEX idempotency_records_by_age ON idempotency_records (created_at);

-- The demo's utilization level (what its daily values vary around) may be absent: outside the demo
-- nothing is invented, and a reservation has utilization only once it is measured.
ALTER TABLE reservations ADD COLUMN demo_utilization INTEGER;
UPDATE reservations SET demo_utilization = utilization;
ALTER TABLE reservations DROP COLUMN utilization;

UPDATE meta SET meta_value = '6' WHERE meta_key = 'schema_version';
