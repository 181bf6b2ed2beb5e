//! Daily utilization of a reservation.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::query::{QueryBuilder, QueryParams};

/// Longest date range one utilization request may ask for.
pub const MAX_UTILIZATION_DAYS: i64 = 366;

/// The utilization of one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UtilizationPoint {
    /// The day (UTC).
    pub date: NaiveDate,
    /// Percent of reserved hours used that day (0–100, two decimals).
    pub utilized_percentage: Decimal,
}

/// Daily utilization over a date range, as `GET .../utilization?from=&to=` returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UtilizationSeries {
    /// The reservation's resource id.
    pub reservation_id: String,
    /// First day asked for.
    pub from: NaiveDate,
    /// Last day asked for (inclusive).
    pub to: NaiveDate,
    /// One point per day on which the reservation was active (days before purchase, after
    /// expiry or cancellation, and after today have none).
    pub points: Vec<UtilizationPoint>,
    /// The mean of the points (two decimals), absent when there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average: Option<Decimal>,
}

/// The date range of a utilization request (both ends inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UtilizationRange {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

impl UtilizationRange {
    /// The query string, with a leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut q = QueryBuilder::new();
        q.push("from", self.from).push("to", self.to);
        q.build()
    }

    /// Reads the range; both ends are required and `from <= to`.
    pub fn from_params(p: &QueryParams) -> Result<UtilizationRange, String> {
        let from = p
            .date("from")?
            .ok_or("query parameter 'from' is required")?;
        let to = p.date("to")?.ok_or("query parameter 'to' is required")?;
        if to < from {
            return Err("'to' must not be before 'from'".into());
        }
        if (to - from).num_days() >= MAX_UTILIZATION_DAYS {
            return Err(format!(
                "the range may span at most {MAX_UTILIZATION_DAYS} days"
            ));
        }
        Ok(UtilizationRange { from, to })
    }
}
