//! Split and merge of reservations (Azure's `split` and `merge` of Microsoft.Capacity).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::models::reservation::Reservation;

/// The body of `POST .../reservationOrders/{o}/split`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitRequest {
    /// The reservation to split: its resource id or its GUID (of this order).
    pub reservation_id: String,
    /// The quantities of the two new reservations: whole numbers ≥ 1 summing to its quantity.
    pub quantities: Vec<u32>,
}

/// The result of a split.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitResponse {
    /// The day of the split.
    pub as_of: NaiveDate,
    /// The reservation that was split, now `Split`.
    pub source: Reservation,
    /// The new reservations, in the order of `quantities`.
    pub created: Vec<Reservation>,
}

/// The body of `POST .../reservationOrders/{o}/merge`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeRequest {
    /// The reservations to merge (at least two; resource ids or GUIDs).
    pub sources: Vec<String>,
}

/// The result of a merge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeResponse {
    /// The day of the merge.
    pub as_of: NaiveDate,
    /// The reservations that were merged, now `Merged`, in the order of `sources`.
    pub sources: Vec<Reservation>,
    /// The new reservation.
    pub created: Reservation,
}
