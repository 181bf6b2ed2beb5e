-- The price list: the items of Azure's Retail Prices API (https://prices.azure.com/api/retail/prices)
-- that `reservation-server prices import` keeps, Reservation and Consumption ones. A Reservation
-- item's unit price is one unit for the whole term; a Consumption item's is one unit of measure.
-- Prices as exact decimal text, as in V1. The import replaces every row in one transaction and
-- records its revision as `meta.price_list_revision`; no row: nothing imported yet.

CREATE TABLE price_items (
    price_type VARCHAR(32) NOT NULL,
    arm_sku_name TEXT NOT NULL,
    arm_region_name TEXT NOT NULL,
    reservation_term VARCHAR(3),
    unit_price VARCHAR(40) NOT NULL,
    currency_code VARCHAR(8) NOT NULL,
    service_name TEXT NOT NULL,
    product_name TEXT NOT NULL,
    sku_name TEXT NOT NULL,
    unit_of_measure TEXT NOT NULL,
    meter_id VARCHAR(64) NOT NULL,
    product_id VARCHAR(64) NOT NULL,
    sku_id VARCHAR(64) NOT NULL,
    effective_start_date VARCHAR(40) NOT NULL,
    position INTEGER NOT NULL
);
-- What identifies an item: Azure's product SKU and meter in a region, per type and term (a
-- Consumption item has no term).
CREATE UNIQUE INDEX price_items_identity ON price_items
    (price_type, sku_id, meter_id, arm_region_name, (COALESCE(reservation_term, '')));

UPDATE meta SET meta_value = '7' WHERE meta_key = 'schema_version';
