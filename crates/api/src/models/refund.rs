//! Refund history, the rolling refund limit, and the calculateRefund and return actions.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::models::reservation::Reservation;
use crate::RefundQuote;

/// One earlier return of a customer, counted against the rolling limit for 365 days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundHistoryEntry {
    /// The entry id (a GUID).
    pub id: String,
    /// The day of the return (UTC); the entry counts from this day.
    pub date: NaiveDate,
    /// The canceled commitment it added (round(R) of the spec), USD.
    pub amount: Decimal,
    /// The first day it no longer counts: `date + 365 days`.
    pub stops_counting_on: NaiveDate,
    /// Whether it counts on the `asOf` day of the response.
    pub counting: bool,
    /// The order of the returned reservation, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservation_order_id: Option<String>,
    /// The returned reservation's GUID, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservation_id: Option<String>,
    /// The returned reservation's name at the time of the return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// How many units were returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
}

/// How much of the USD 50,000 rolling 12-month refund limit a customer has used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundLimitUsage {
    /// The customer's tenant id.
    pub customer_id: String,
    /// The day the figures are for.
    pub as_of: NaiveDate,
    /// The currency (`USD`).
    pub currency_code: String,
    /// The limit (50,000).
    pub limit: Decimal,
    /// The sum of the entries counting on `asOf`.
    pub used: Decimal,
    /// `limit - used`.
    pub headroom: Decimal,
    /// Every history entry, newest first, counting or not.
    pub entries: Vec<RefundHistoryEntry>,
}

/// The body of `POST .../reservationOrders/{orderId}/calculateRefund`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculateRefundRequest {
    /// The reservation to return: its resource id or its GUID (must belong to the order).
    pub reservation_id: String,
    /// How many units to return.
    pub quantity: u32,
}

/// A refund quote for one reservation on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculateRefundResponse {
    /// The order GUID.
    pub reservation_order_id: String,
    /// The reservation GUID.
    pub reservation_id: String,
    /// The quantity quoted.
    pub quantity: u32,
    /// The day the quote is for (today).
    pub as_of: NaiveDate,
    /// The currency (`USD`).
    pub currency_code: String,
    /// The refund limit in force (50,000).
    pub refund_limit: Decimal,
    /// The engine's quote (fields in the spec's snake_case names); `errors` empty = allowed.
    pub quote: RefundQuote,
}

/// The body of `POST .../reservationOrders/{orderId}/return` (send an `Idempotency-Key`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnRequest {
    /// The reservation to return: its resource id or its GUID.
    pub reservation_id: String,
    /// How many units to return.
    pub quantity: u32,
    /// Why (free text, optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_reason: Option<String>,
}

/// The result of a completed return.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnResponse {
    /// The refund's id (a GUID).
    pub refund_id: String,
    /// The day of the return.
    pub as_of: NaiveDate,
    /// The quote that was carried out.
    pub quote: RefundQuote,
    /// The reservation after the return (smaller quantity, or Cancelled).
    pub reservation: Reservation,
    /// The new entry of the refund history.
    pub history_entry: RefundHistoryEntry,
}
