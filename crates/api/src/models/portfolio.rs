//! The portfolio: every readable reservation of every customer, in one list.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::models::common::{SortOrder, DEFAULT_TOP};
use crate::models::reservation::{ProvisioningState, Reservation};
use crate::query::{QueryBuilder, QueryParams};
use crate::Family;

/// One row of `GET /reservations`: a reservation with its customer and the customer's
/// refund-limit headroom (the same for every row of that customer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioRow {
    /// The customer's tenant id.
    pub customer_id: String,
    /// The customer's company name.
    pub company_name: String,
    /// What the customer may still refund in the rolling 12 months, USD.
    pub refund_headroom: Decimal,
    /// The reservation, as `GET .../reservations/{r}` returns it.
    pub reservation: Reservation,
}

/// The column the portfolio is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PortfolioSort {
    /// By company name.
    CompanyName,
    /// By display name.
    DisplayName,
    /// By family.
    ReservedResourceType,
    /// By SKU.
    SkuName,
    /// By region.
    Location,
    /// By quantity.
    Quantity,
    /// By term.
    Term,
    /// By billing plan.
    BillingPlan,
    /// By scope type.
    AppliedScopeType,
    /// By expiry date (soonest first when ascending).
    #[default]
    ExpiryDate,
    /// By 7-day utilization (reservations without utilization first).
    Utilization7,
    /// By 30-day utilization (reservations without utilization first).
    Utilization30,
    /// By auto-renew (off first).
    Renew,
    /// By the customer's refund headroom.
    RefundHeadroom,
    /// By state.
    ProvisioningState,
}

/// Filters, sort and paging of `GET /reservations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioQuery {
    /// Only this customer (tenant id).
    pub customer: Option<String>,
    /// Only this state (`Succeeded` = active, `Expired`, `Cancelled`).
    pub status: Option<ProvisioningState>,
    /// Only this family.
    pub family: Option<Family>,
    /// Only this region (`koreacentral`).
    pub region: Option<String>,
    /// Case-insensitive substring of company name, display name, SKU, region, family,
    /// reservation or order id.
    pub search: Option<String>,
    /// Only active reservations expiring within this many days of today.
    pub expiring_within_days: Option<u32>,
    /// Only reservations whose 7-day utilization is below this percentage (those without
    /// utilization, i.e. not active, never match).
    pub utilization_below: Option<Decimal>,
    /// Only reservations with auto-renew on (`true`) or off (`false`).
    pub auto_renew: Option<bool>,
    /// Only reservations whose 30-day utilization is at least this percentage.
    pub utilization30_min: Option<Decimal>,
    /// Only reservations whose 30-day utilization is below this percentage.
    pub utilization30_max: Option<Decimal>,
    /// Only active reservations expiring in this calendar month (its first day; `YYYY-MM` on
    /// the wire).
    pub expiry_month: Option<NaiveDate>,
    /// The sort column.
    pub sort: PortfolioSort,
    /// The sort direction.
    pub order: SortOrder,
    /// How many to skip.
    pub skip: u32,
    /// The page size.
    pub top: u32,
}

impl Default for PortfolioQuery {
    fn default() -> Self {
        PortfolioQuery {
            customer: None,
            status: None,
            family: None,
            region: None,
            search: None,
            expiring_within_days: None,
            utilization_below: None,
            auto_renew: None,
            utilization30_min: None,
            utilization30_max: None,
            expiry_month: None,
            sort: PortfolioSort::default(),
            order: SortOrder::default(),
            skip: 0,
            top: DEFAULT_TOP,
        }
    }
}

impl PortfolioQuery {
    /// The query string, with a leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut q = QueryBuilder::new();
        q.push_opt(
            "customer",
            self.customer.as_deref().filter(|s| !s.is_empty()),
        )
        .push_enum("status", self.status.as_ref())
        .push_enum("family", self.family.as_ref())
        .push_opt("region", self.region.as_deref().filter(|s| !s.is_empty()))
        .push_opt("search", self.search.as_deref().filter(|s| !s.is_empty()))
        .push_opt("expiringWithinDays", self.expiring_within_days)
        .push_opt("utilizationBelow", self.utilization_below)
        .push_opt("autoRenew", self.auto_renew)
        .push_opt("utilization30Min", self.utilization30_min)
        .push_opt("utilization30Max", self.utilization30_max)
        .push_opt("expiryMonth", self.expiry_month.map(month_name))
        .push_enum("sort", Some(&self.sort))
        .push_enum("order", Some(&self.order))
        .push("skip", self.skip)
        .push("top", self.top);
        q.build()
    }

    /// Reads the query from parsed parameters; unknown values are an error message.
    pub fn from_params(p: &QueryParams) -> Result<PortfolioQuery, String> {
        let auto_renew = match p.get("autoRenew") {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(v) => {
                return Err(format!(
                    "query parameter 'autoRenew' must be true or false, not '{v}'"
                ))
            }
        };
        Ok(PortfolioQuery {
            customer: p.get("customer").map(str::to_string),
            status: p.enumeration("status")?,
            family: p.enumeration("family")?,
            region: p.get("region").map(str::to_string),
            search: p.get("search").map(str::to_string),
            expiring_within_days: p.number("expiringWithinDays")?,
            utilization_below: p.number("utilizationBelow")?,
            auto_renew,
            utilization30_min: p.number("utilization30Min")?,
            utilization30_max: p.number("utilization30Max")?,
            expiry_month: match p.get("expiryMonth") {
                None => None,
                Some(v) => Some(parse_month(v).ok_or_else(|| {
                    format!("query parameter 'expiryMonth' must be a month as YYYY-MM, not '{v}'")
                })?),
            },
            sort: p.enumeration("sort")?.unwrap_or_default(),
            order: p.enumeration("order")?.unwrap_or_default(),
            skip: p.number("skip")?.unwrap_or(0),
            top: p.number("top")?.unwrap_or(DEFAULT_TOP),
        })
    }
}

/// A month as the API writes it: `2027-03`.
pub fn month_name(first_day: NaiveDate) -> String {
    first_day.format("%Y-%m").to_string()
}

/// Reads a `YYYY-MM` month as its first day.
pub fn parse_month(text: &str) -> Option<NaiveDate> {
    let (y, m) = text.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

/// Width of one bar of the utilization histogram, in percentage points.
pub const UTILIZATION_BUCKET_WIDTH: u32 = 10;
/// Bars of the utilization histogram: 0–10 %, …, 90–100 % (the last one includes 100 %).
pub const UTILIZATION_BUCKETS: u32 = 10;
/// Months of the expiry charts: this calendar month and the eleven after it.
pub const EXPIRY_MONTHS: u32 = 12;

/// One bar of the utilization histogram: reservations whose 30-day average is at least `min`
/// and below `max` (no `max`: up to and including 100 %). The same bounds are the
/// `utilization30Min` / `utilization30Max` filters that select those reservations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UtilizationBucket {
    /// The lower bound, a percentage (included).
    pub min: Decimal,
    /// The upper bound, a percentage (excluded); absent on the last bar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Decimal>,
    /// How many reservations fall in it.
    pub count: u64,
}

/// One month of the expiry charts: the active reservations expiring in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpiryMonth {
    /// The month, `YYYY-MM` (the `expiryMonth` filter that selects them).
    pub month: String,
    /// How many active reservations expire in it.
    pub count: u64,
    /// The money at stake: the commitment that expires, i.e. the sum of their purchase totals
    /// (`purchase_total` of the quote engine: Upfront unit price × quantity, Monthly unit price
    /// × quantity × months), USD, exact.
    pub commitment: Decimal,
}

/// `GET /reservations/summary`: the charts of the rows a portfolio query selects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioSummary {
    /// How many rows the query selects (as `totalCount` of `GET /reservations`).
    pub total_count: u64,
    /// The 30-day utilization histogram of those that have utilization (the active ones).
    pub utilization: Vec<UtilizationBucket>,
    /// Rows without utilization (expired or cancelled), not in the histogram.
    pub without_utilization: u64,
    /// Active rows expiring in each of the next [`EXPIRY_MONTHS`] months, this month first.
    pub expiries: Vec<ExpiryMonth>,
}

impl PortfolioSummary {
    /// Empty bars for the months from `today`'s month on.
    pub fn empty(today: NaiveDate) -> PortfolioSummary {
        let width = Decimal::from(UTILIZATION_BUCKET_WIDTH);
        let first = today.with_day(1).unwrap_or(today);
        PortfolioSummary {
            total_count: 0,
            utilization: (0..UTILIZATION_BUCKETS)
                .map(|i| UtilizationBucket {
                    min: Decimal::from(i) * width,
                    max: (i + 1 < UTILIZATION_BUCKETS).then(|| Decimal::from(i + 1) * width),
                    count: 0,
                })
                .collect(),
            without_utilization: 0,
            expiries: (0..EXPIRY_MONTHS)
                .filter_map(|i| first.checked_add_months(chrono::Months::new(i)))
                .map(|m| ExpiryMonth {
                    month: month_name(m),
                    count: 0,
                    commitment: Decimal::ZERO,
                })
                .collect(),
        }
    }

    /// Counts one row: its 30-day utilization, and for an active reservation its expiry date
    /// and commitment. Expiries outside the months of the chart are counted only in the total.
    pub fn add(
        &mut self,
        today: NaiveDate,
        utilization30: Option<Decimal>,
        active: Option<(NaiveDate, Decimal)>,
    ) {
        self.add_in_bar(today, utilization30.map(utilization_bucket), active);
    }

    /// [`PortfolioSummary::add`] with the utilization's bar already known
    /// ([`utilization_bucket`]), for a caller that keeps it.
    pub fn add_in_bar(
        &mut self,
        today: NaiveDate,
        bar: Option<usize>,
        active: Option<(NaiveDate, Decimal)>,
    ) {
        self.total_count += 1;
        match bar {
            Some(i) => {
                if let Some(bar) = self.utilization.get_mut(i) {
                    bar.count += 1;
                }
            }
            None => self.without_utilization += 1,
        }
        if let Some((expiry, commitment)) = active {
            let months =
                (expiry.year() - today.year()) * 12 + expiry.month() as i32 - today.month() as i32;
            if let Some(m) = usize::try_from(months)
                .ok()
                .and_then(|i| self.expiries.get_mut(i))
            {
                m.count += 1;
                m.commitment += commitment;
            }
        }
    }
}

/// The histogram bar of a 30-day utilization: `floor(u / 10)`, 100 % in the last bar.
pub fn utilization_bucket(utilization30: Decimal) -> usize {
    let width = Decimal::from(UTILIZATION_BUCKET_WIDTH);
    let bar = (utilization30.max(Decimal::ZERO) / width).floor();
    usize::try_from(bar.mantissa() / 10_i128.pow(bar.scale()))
        .unwrap_or(usize::MAX)
        .min(UTILIZATION_BUCKETS as usize - 1)
}

/// Whether a 30-day utilization passes the `utilization30Min` / `utilization30Max` filters.
pub fn utilization_in(utilization30: Decimal, min: Option<Decimal>, max: Option<Decimal>) -> bool {
    min.is_none_or(|m| utilization30 >= m) && max.is_none_or(|m| utilization30 < m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_query_round_trips_through_its_string() {
        let q = PortfolioQuery {
            customer: Some("c 1".into()),
            status: Some(ProvisioningState::Succeeded),
            family: Some(Family::VirtualMachines),
            region: Some("koreacentral".into()),
            search: Some("sql & co".into()),
            expiring_within_days: Some(60),
            utilization_below: Some(dec!(42.5)),
            auto_renew: Some(false),
            utilization30_min: Some(dec!(40)),
            utilization30_max: Some(dec!(50)),
            expiry_month: NaiveDate::from_ymd_opt(2027, 3, 1),
            sort: PortfolioSort::RefundHeadroom,
            order: SortOrder::Desc,
            skip: 3,
            top: 1000,
        };
        let s = q.to_query_string();
        let parsed =
            PortfolioQuery::from_params(&QueryParams::parse(s.strip_prefix('?').unwrap_or(&s)));
        assert_eq!(parsed, Ok(q));
        assert_eq!(
            PortfolioQuery::from_params(&QueryParams::parse("")),
            Ok(PortfolioQuery::default())
        );
        assert!(PortfolioQuery::from_params(&QueryParams::parse("autoRenew=yes")).is_err());
        assert!(PortfolioQuery::from_params(&QueryParams::parse("utilizationBelow=x")).is_err());
        assert!(s.contains("expiryMonth=2027-03"));
        for bad in ["2027-3", "2027-13", "27-03", "2027-03-01", "soon"] {
            assert!(
                PortfolioQuery::from_params(&QueryParams::parse(&format!("expiryMonth={bad}")))
                    .is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn buckets_utilization_by_tens_with_100_in_the_last() {
        assert_eq!(utilization_bucket(dec!(0)), 0);
        assert_eq!(utilization_bucket(dec!(9.99)), 0);
        assert_eq!(utilization_bucket(dec!(10)), 1);
        assert_eq!(utilization_bucket(dec!(45.5)), 4);
        assert_eq!(utilization_bucket(dec!(99.99)), 9);
        assert_eq!(utilization_bucket(dec!(100)), 9);
        assert_eq!(utilization_bucket(dec!(-1)), 0);
        assert!(utilization_in(dec!(40), Some(dec!(40)), Some(dec!(50))));
        assert!(!utilization_in(dec!(50), Some(dec!(40)), Some(dec!(50))));
        assert!(utilization_in(dec!(100), Some(dec!(90)), None));
        // Every bar's bounds select exactly the values it counts.
        let s = PortfolioSummary::empty(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default());
        for v in [
            dec!(0),
            dec!(9.99),
            dec!(10),
            dec!(59.5),
            dec!(90),
            dec!(100),
        ] {
            let bars: Vec<usize> = s
                .utilization
                .iter()
                .enumerate()
                .filter(|(_, b)| utilization_in(v, Some(b.min), b.max))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(bars, vec![utilization_bucket(v)], "{v}");
        }
    }

    #[test]
    fn counts_expiries_in_the_next_twelve_months() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        let mut s = PortfolioSummary::empty(today);
        assert_eq!(s.expiries.len(), 12);
        assert_eq!(s.expiries[0].month, "2026-11");
        assert_eq!(s.expiries[11].month, "2027-10");
        s.add(
            today,
            Some(dec!(86.1)),
            Some((d(2026, 11, 30), dec!(100.50))),
        );
        s.add(today, Some(dec!(20)), Some((d(2027, 1, 1), dec!(10))));
        s.add(today, Some(dec!(25)), Some((d(2027, 1, 31), dec!(0.25))));
        s.add(today, Some(dec!(30)), Some((d(2027, 11, 1), dec!(7))));
        s.add(today, None, None);
        assert_eq!(s.total_count, 5);
        assert_eq!(s.without_utilization, 1);
        assert_eq!(s.utilization[8].count, 1);
        assert_eq!(s.utilization[2].count, 2);
        assert_eq!(
            (s.expiries[0].count, s.expiries[0].commitment),
            (1, dec!(100.50))
        );
        assert_eq!(
            (s.expiries[2].count, s.expiries[2].commitment),
            (2, dec!(10.25))
        );
        // November 2027 is the thirteenth month: in the total only.
        assert_eq!(s.expiries.iter().map(|m| m.count).sum::<u64>(), 3);
    }
}
