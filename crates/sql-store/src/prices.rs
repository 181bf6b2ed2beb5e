//! The price list: the imported items of Azure's Retail Prices API (`price_items`), written by
//! `reservation-server prices import`, read into the mock's [`PriceList`].

use std::str::FromStr;

use reservation_api::Term;
use reservation_mock::{family_of_service, ListedPrice, PriceList};
use rust_decimal::Decimal;
use sqlx::{AnyConnection, Row};

use crate::codec::{StoreError, StoreResult};

/// The `meta` key of the revision the price list was imported at.
pub const PRICE_LIST_REVISION: &str = "price_list_revision";

/// One item of the price list, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceItem {
    /// `Reservation` or `Consumption`.
    pub price_type: String,
    /// The ARM SKU name (`Standard_D2s_v5`; may be empty).
    pub arm_sku_name: String,
    /// The ARM region name (`eastus`).
    pub arm_region_name: String,
    /// `P1Y`, `P3Y` or `P5Y` for a reservation; `None` for consumption.
    pub reservation_term: Option<Term>,
    /// Reservation: one unit for the whole term; consumption: one unit of measure.
    pub unit_price: Decimal,
    /// The currency (`USD`).
    pub currency_code: String,
    /// Azure's service name (`Virtual Machines`).
    pub service_name: String,
    /// Azure's product name (`Virtual Machines Dsv5 Series`).
    pub product_name: String,
    /// Azure's SKU name (`D2s v5`).
    pub sku_name: String,
    /// The unit of measure (`1 Hour`).
    pub unit_of_measure: String,
    /// Azure's meter id.
    pub meter_id: String,
    /// Azure's product id.
    pub product_id: String,
    /// Azure's SKU id.
    pub sku_id: String,
    /// When the price took effect (as Azure writes it).
    pub effective_start_date: String,
}

const COLUMNS: &str = "price_type, arm_sku_name, arm_region_name, reservation_term, unit_price, \
     currency_code, service_name, product_name, sku_name, unit_of_measure, meter_id, product_id, \
     sku_id, effective_start_date, position";
const PER_ROW: usize = 15;
/// Rows per INSERT (15 parameters each, well under SQLite's and PostgreSQL's limits).
const BATCH: usize = 200;

/// Replaces every stored item with `items` (in this order), recording `revision`.
pub async fn replace(
    conn: &mut AnyConnection,
    items: &[PriceItem],
    revision: i64,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM price_items")
        .execute(&mut *conn)
        .await?;
    for (b, chunk) in items.chunks(BATCH).enumerate() {
        let mut sql = format!("INSERT INTO price_items ({COLUMNS}) VALUES ");
        for r in 0..chunk.len() {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..PER_ROW {
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("${}", r * PER_ROW + c + 1));
            }
            sql.push(')');
        }
        let mut q = sqlx::query(&sql);
        for (i, it) in chunk.iter().enumerate() {
            let position = i64::try_from(b * BATCH + i).unwrap_or(i64::MAX);
            q = q
                .bind(it.price_type.clone())
                .bind(it.arm_sku_name.clone())
                .bind(it.arm_region_name.clone())
                .bind(it.reservation_term.as_ref().map(|t| t.as_str().to_string()))
                .bind(it.unit_price.to_string())
                .bind(it.currency_code.clone())
                .bind(it.service_name.clone())
                .bind(it.product_name.clone())
                .bind(it.sku_name.clone())
                .bind(it.unit_of_measure.clone())
                .bind(it.meter_id.clone())
                .bind(it.product_id.clone())
                .bind(it.sku_id.clone())
                .bind(it.effective_start_date.clone())
                .bind(position);
        }
        q.execute(&mut *conn).await?;
    }
    sqlx::query("DELETE FROM meta WHERE meta_key = $1")
        .bind(PRICE_LIST_REVISION)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO meta (meta_key, meta_value) VALUES ($1, $2)")
        .bind(PRICE_LIST_REVISION)
        .bind(revision.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The revision of the stored price list; 0 when none was imported.
pub async fn revision(conn: &mut AnyConnection) -> StoreResult<i64> {
    let row = sqlx::query("SELECT meta_value FROM meta WHERE meta_key = $1")
        .bind(PRICE_LIST_REVISION)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        None => Ok(0),
        Some(r) => {
            let v: String = r.try_get(0)?;
            v.parse()
                .map_err(|e| StoreError::Corrupt(format!("meta '{PRICE_LIST_REVISION}': {e}")))
        }
    }
}

/// The reservation prices of the stored list that the dashboard sells (a known family, an ARM
/// SKU name, a known term), as of `revision`.
pub async fn load(conn: &mut AnyConnection, revision: i64) -> StoreResult<PriceList> {
    let rows = sqlx::query(
        "SELECT service_name, product_name, arm_sku_name, arm_region_name, reservation_term, \
         unit_price FROM price_items WHERE price_type = 'Reservation' ORDER BY position",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let service: String = r.try_get(0)?;
        let product: String = r.try_get(1)?;
        let sku: String = r.try_get(2)?;
        let location: String = r.try_get(3)?;
        let term: Option<String> = r.try_get(4)?;
        let price: String = r.try_get(5)?;
        let Some(family) = family_of_service(&service, &product) else {
            continue;
        };
        let Some(term) = term.map(|t| Term::parse(&t)).filter(Term::is_known) else {
            continue;
        };
        if sku.is_empty() || location.is_empty() {
            continue;
        }
        let unit_price = Decimal::from_str(&price)
            .map_err(|e| StoreError::Corrupt(format!("price '{price}': {e}")))?;
        items.push(ListedPrice {
            family,
            sku,
            location,
            term,
            unit_price,
        });
    }
    Ok(PriceList::new(revision, items))
}
