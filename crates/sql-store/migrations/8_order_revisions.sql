-- Each order is stamped with the revision of the write that last changed it (or anything in it:
-- its reservations, role assignments, audit events), so a process that reads a customer again
-- after another's write reads only the orders changed since, not every order of the customer.
ALTER TABLE reservation_orders ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
CREATE INDEX reservation_orders_by_revision ON reservation_orders (customer_id, revision);

UPDATE meta SET meta_value = '8' WHERE meta_key = 'schema_version';
