//! One pass over the partner's world: every customer from Partner Center, then per customer
//! tenant its reservation orders (with their payment plan), reservations and daily utilization,
//! written into the store.
//!
//! Azure is read before the store's transaction opens (a pass makes many calls; no lock is held
//! meanwhile). Each customer is its own unit: one whose token or calls fail is reported and
//! recorded, and the others are stored all the same.

use std::fmt;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use reservation_sql_store::{SqlStore, StoreError};

use crate::client::{AzureClient, AzureError};
use crate::map::{self, MapError};
use crate::wire::capacity::{self, Reservation, ReservationOrder};
use crate::wire::consumption::{self, ReservationSummary};
use crate::wire::partner_center::Customer;

/// What one customer's sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerSync {
    /// The customer (tenant) id.
    pub id: String,
    /// Its company name.
    pub name: String,
    /// Orders stored.
    pub orders: usize,
    /// Reservations stored.
    pub reservations: usize,
    /// Days of utilization stored, over all its reservations.
    pub utilization_days: usize,
    /// What failed (the customer is stored without what failed).
    pub errors: Vec<String>,
}

/// What a pass did, per customer.
#[derive(Clone, Debug, Default)]
pub struct SyncReport {
    /// Each customer, in Partner Center's order.
    pub customers: Vec<CustomerSync>,
}

impl SyncReport {
    /// Whether every customer synced without an error.
    pub fn all_synced(&self) -> bool {
        self.customers.iter().all(|c| c.errors.is_empty())
    }
}

impl fmt::Display for SyncReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.customers {
            writeln!(
                f,
                "{} ({}): {} orders, {} reservations, {} utilization days, {} errors",
                c.name,
                c.id,
                c.orders,
                c.reservations,
                c.utilization_days,
                c.errors.len()
            )?;
            for e in &c.errors {
                writeln!(f, "  error: {e}")?;
            }
        }
        Ok(())
    }
}

/// Why a pass could not run at all (one customer's failure is in the report instead).
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The customer list could not be read.
    #[error("Partner Center: {0}")]
    Azure(#[from] AzureError),
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// One order as read from Azure.
struct FetchedOrder {
    order: ReservationOrder,
    reservations: Vec<Reservation>,
    summaries: Vec<ReservationSummary>,
}

/// The tenant a customer's ARM calls go to: its profile's tenant, else its id (in Partner
/// Center a customer's id is its tenant id).
fn tenant_of(c: &Customer) -> String {
    let guid_like =
        |t: &&String| t.len() == 36 && t.chars().all(|ch| ch.is_ascii_hexdigit() || ch == '-');
    c.company_profile
        .tenant_id
        .as_ref()
        .filter(guid_like)
        .unwrap_or(&c.id)
        .clone()
}

/// `$filter` of the daily summaries from `from` to `to` (inclusive), URL-encoded.
fn usage_filter(from: NaiveDate, to: NaiveDate) -> String {
    format!("properties/usageDate%20ge%20{from}%20AND%20properties/usageDate%20le%20{to}")
}

/// Reads one customer's orders from its tenant; per-order failures are collected, a failure
/// that stops everything (its token, the order list) is returned.
async fn fetch_customer(
    client: &AzureClient,
    c: &Customer,
    today: NaiveDate,
    days: u32,
    errors: &mut Vec<String>,
) -> Result<Vec<FetchedOrder>, AzureError> {
    let tenant = tenant_of(c);
    let orders: Vec<ReservationOrder> = client
        .arm_list(
            &tenant,
            &format!(
                "/providers/Microsoft.Capacity/reservationOrders?api-version={}",
                capacity::API_VERSION
            ),
        )
        .await?;
    let to = today - Duration::days(1);
    let from = today - Duration::days(i64::from(days.max(1)));
    let mut out = Vec::with_capacity(orders.len());
    for listed in orders {
        let Some((oid, _)) = map::ids_of(&listed.id) else {
            errors.push(MapError::BadId(listed.id.clone()).to_string());
            continue;
        };
        let base = format!("/providers/Microsoft.Capacity/reservationOrders/{oid}");
        let fetched = async {
            let order: ReservationOrder = client
                .arm_get(
                    &tenant,
                    &format!(
                        "{base}?api-version={}&$expand=schedule",
                        capacity::API_VERSION
                    ),
                )
                .await?;
            let reservations: Vec<Reservation> = client
                .arm_list(
                    &tenant,
                    &format!("{base}/reservations?api-version={}", capacity::API_VERSION),
                )
                .await?;
            let summaries: Vec<ReservationSummary> = client
                .arm_list(
                    &tenant,
                    &format!(
                        "{base}/providers/Microsoft.Consumption/reservationSummaries?grain=daily\
                         &$filter={}&api-version={}",
                        usage_filter(from, to),
                        consumption::API_VERSION
                    ),
                )
                .await?;
            Ok::<_, AzureError>(FetchedOrder {
                order,
                reservations,
                summaries,
            })
        }
        .await;
        match fetched {
            Ok(f) => out.push(f),
            Err(e) => errors.push(format!("reservation order {oid}: {e}")),
        }
    }
    Ok(out)
}

/// Writes one customer into the store, in one transaction, and records its sync.
async fn store_customer(
    store: &SqlStore,
    c: &Customer,
    orders: Option<Vec<FetchedOrder>>,
    now: NaiveDateTime,
    report: &mut CustomerSync,
) -> Result<(), StoreError> {
    let fresh = map::customer(c);
    let mut tx = store.write(Some(&fresh.id)).await?;
    let revision = tx.next_revision().await?;
    let (position, before) = match tx.customer(&fresh.id).await? {
        Some((p, rec)) => (p, Some(rec)),
        None => (tx.next_customer_position().await?, None),
    };
    let mut after = before.clone().unwrap_or_else(|| fresh.clone());
    after.name = fresh.name;
    after.domain = fresh.domain;
    for f in orders.into_iter().flatten() {
        let previous = before
            .as_ref()
            .and_then(|b| map::ids_of(&f.order.id).and_then(|(o, _)| b.order(&o).cloned()));
        match map::order(
            &mut after,
            previous.as_ref(),
            &f.order,
            &f.reservations,
            &f.summaries,
        ) {
            Ok(rec) => {
                report.orders += 1;
                report.reservations += rec.res.len();
                report.utilization_days += rec.res.iter().map(|r| r.measured.len()).sum::<usize>();
                match after.orders.iter_mut().find(|o| o.id == rec.id) {
                    Some(slot) => {
                        if **slot != rec {
                            *slot = Arc::new(rec);
                        }
                    }
                    None => after.orders.push(Arc::new(rec)),
                }
            }
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    tx.save_customer(position, before.as_ref(), &after, revision)
        .await?;
    let error = (!report.errors.is_empty()).then(|| report.errors.join("; "));
    tx.record_sync(&after.id, now, error.as_deref()).await?;
    tx.commit().await
}

/// One pass: every customer, each stored as far as it could be read. Fails only when the
/// customer list itself cannot be read or the store fails.
pub async fn sync_once(
    client: &AzureClient,
    store: &SqlStore,
    now: NaiveDateTime,
    utilization_days: u32,
) -> Result<SyncReport, SyncError> {
    let customers: Vec<Customer> = client.partner_center_list("customers?size=100").await?;
    let mut report = SyncReport::default();
    for c in &customers {
        let mut line = CustomerSync {
            id: c.id.to_ascii_lowercase(),
            name: c.company_profile.company_name.clone(),
            ..CustomerSync::default()
        };
        let orders =
            match fetch_customer(client, c, now.date(), utilization_days, &mut line.errors).await {
                Ok(o) => Some(o),
                Err(e) => {
                    tracing::warn!(customer = %line.id, error = %e, "customer sync failed");
                    line.errors.push(e.to_string());
                    None
                }
            };
        store_customer(store, c, orders, now, &mut line).await?;
        report.customers.push(line);
    }
    Ok(report)
}
