-- Billing: units that left a reservation by a return or an exchange, with the refund they got
-- (the credits of the payment schedule). Same portable SQL as V1.

CREATE TABLE billing_credits (
    customer_id VARCHAR(64) NOT NULL REFERENCES customers (id),
    position INTEGER NOT NULL,
    order_id VARCHAR(64) NOT NULL,
    reservation_id VARCHAR(64) NOT NULL,
    credit_date VARCHAR(10) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    quantity INTEGER NOT NULL,
    refund VARCHAR(40) NOT NULL,
    PRIMARY KEY (customer_id, position)
);

DELETE FROM meta WHERE meta_key = 'schema_version';
INSERT INTO meta (meta_key, meta_value) VALUES ('schema_version', '3');
