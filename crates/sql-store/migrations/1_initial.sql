-- The first schema. Portable SQL: TEXT/VARCHAR/INTEGER/BIGINT only, money as exact decimal text
-- (NUMERIC in PostgreSQL), dates as ISO text, explicit keys, no SQLite-only syntax.

CREATE TABLE meta (
    meta_key VARCHAR(64) PRIMARY KEY,
    meta_value TEXT NOT NULL
);
INSERT INTO meta (meta_key, meta_value) VALUES ('schema_version', '1');

-- People allowed in, with their tenant-wide role (NULL: only role assignments on reservations).
CREATE TABLE users (
    id VARCHAR(320) PRIMARY KEY,
    name TEXT NOT NULL,
    email VARCHAR(320) NOT NULL UNIQUE,
    role VARCHAR(64),
    description TEXT NOT NULL
);

CREATE TABLE customers (
    id VARCHAR(64) PRIMARY KEY,
    position INTEGER NOT NULL,
    company_name TEXT NOT NULL,
    primary_domain TEXT NOT NULL,
    country VARCHAR(8) NOT NULL,
    locale VARCHAR(16) NOT NULL
);

CREATE TABLE subscriptions (
    customer_id VARCHAR(64) NOT NULL REFERENCES customers (id),
    position INTEGER NOT NULL,
    id VARCHAR(64) NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (customer_id, position)
);

CREATE TABLE resource_groups (
    customer_id VARCHAR(64) NOT NULL REFERENCES customers (id),
    position INTEGER NOT NULL,
    subscription_position INTEGER NOT NULL,
    name TEXT NOT NULL,
    location VARCHAR(64) NOT NULL,
    PRIMARY KEY (customer_id, position)
);

CREATE TABLE management_groups (
    customer_id VARCHAR(64) NOT NULL REFERENCES customers (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    PRIMARY KEY (customer_id, position)
);

CREATE TABLE reservation_orders (
    customer_id VARCHAR(64) NOT NULL REFERENCES customers (id),
    id VARCHAR(64) NOT NULL,
    position INTEGER NOT NULL,
    purchase_date VARCHAR(10) NOT NULL,
    term VARCHAR(8) NOT NULL,
    billing_plan VARCHAR(16) NOT NULL,
    quantity INTEGER NOT NULL,
    etag BIGINT NOT NULL,
    bought_by VARCHAR(320),
    PRIMARY KEY (customer_id, id)
);

CREATE TABLE reservations (
    customer_id VARCHAR(64) NOT NULL,
    order_id VARCHAR(64) NOT NULL,
    id VARCHAR(64) NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    family VARCHAR(32) NOT NULL,
    sku VARCHAR(128) NOT NULL,
    location VARCHAR(64) NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price VARCHAR(40) NOT NULL,
    cancelled INTEGER NOT NULL,
    scope_kind VARCHAR(8) NOT NULL,
    scope_index INTEGER,
    flexibility VARCHAR(8),
    auto_renew INTEGER NOT NULL,
    billing_subscription INTEGER NOT NULL,
    etag BIGINT NOT NULL,
    utilization INTEGER NOT NULL,
    final_exchange_used INTEGER NOT NULL,
    ended_on VARCHAR(10),
    updated_at VARCHAR(32),
    PRIMARY KEY (customer_id, order_id, id),
    FOREIGN KEY (customer_id, order_id) REFERENCES reservation_orders (customer_id, id)
);

CREATE TABLE role_assignments (
    customer_id VARCHAR(64) NOT NULL,
    order_id VARCHAR(64) NOT NULL,
    reservation_id VARCHAR(64) NOT NULL,
    position INTEGER NOT NULL,
    id VARCHAR(64) NOT NULL,
    principal_id VARCHAR(320) NOT NULL,
    principal_name VARCHAR(320) NOT NULL,
    principal_type VARCHAR(32) NOT NULL,
    role VARCHAR(64) NOT NULL,
    created_on VARCHAR(10) NOT NULL,
    PRIMARY KEY (customer_id, order_id, reservation_id, position),
    FOREIGN KEY (customer_id, order_id, reservation_id)
        REFERENCES reservations (customer_id, order_id, id)
);

-- Field changes are a small list per event, kept as JSON text (JSONB in PostgreSQL).
CREATE TABLE audit_events (
    customer_id VARCHAR(64) NOT NULL,
    order_id VARCHAR(64) NOT NULL,
    position INTEGER NOT NULL,
    id VARCHAR(64) NOT NULL,
    occurred_at VARCHAR(32) NOT NULL,
    actor_id VARCHAR(320) NOT NULL,
    actor_name TEXT NOT NULL,
    action VARCHAR(64) NOT NULL,
    reservation_id VARCHAR(64),
    summary TEXT NOT NULL,
    changes TEXT NOT NULL,
    amount VARCHAR(40),
    PRIMARY KEY (customer_id, order_id, position),
    FOREIGN KEY (customer_id, order_id) REFERENCES reservation_orders (customer_id, id)
);

CREATE TABLE refund_history (
    customer_id VARCHAR(64) NOT NULL REFERENCES customers (id),
    position INTEGER NOT NULL,
    id VARCHAR(64) NOT NULL,
    refund_date VARCHAR(10) NOT NULL,
    amount VARCHAR(40) NOT NULL,
    order_id VARCHAR(64),
    reservation_id VARCHAR(64),
    reservation_name TEXT,
    quantity INTEGER,
    PRIMARY KEY (customer_id, position)
);

-- What was asked (type, details, contact, an attached quote) is kept as JSON text.
CREATE TABLE support_requests (
    customer_id VARCHAR(64) NOT NULL REFERENCES customers (id),
    position INTEGER NOT NULL,
    number VARCHAR(32) NOT NULL,
    status VARCHAR(16) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    created_by VARCHAR(320) NOT NULL,
    request TEXT NOT NULL,
    PRIMARY KEY (customer_id, position)
);

CREATE TABLE idempotency_records (
    seq BIGINT PRIMARY KEY,
    scope TEXT NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    body_hash BIGINT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (scope, idempotency_key)
);
