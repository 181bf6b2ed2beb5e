-- Utilization as measured (Azure's daily reservation summaries), one row per reservation and
-- day; the demo's is derived and never stored. An order read from Azure keeps Azure's expiry
-- date (NULL: purchase date + term).
CREATE TABLE utilization_days (
    customer_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    reservation_id TEXT NOT NULL,
    usage_date TEXT NOT NULL,
    percentage TEXT NOT NULL,
    PRIMARY KEY (customer_id, order_id, reservation_id, usage_date)
);
ALTER TABLE reservation_orders ADD COLUMN expiry_date TEXT;

-- The last sync of each customer from Azure: when, and what failed (NULL: nothing).
CREATE TABLE customer_syncs (
    customer_id TEXT PRIMARY KEY,
    synced_at TEXT NOT NULL,
    last_error TEXT
);

UPDATE meta SET meta_value = '9' WHERE meta_key = 'schema_version';
