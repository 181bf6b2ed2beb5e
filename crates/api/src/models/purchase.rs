//! The calculatePrice and purchase actions: buying new reservations.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::models::exchange::ExchangePurchaseItem;
use crate::models::reservation::{Reservation, ReservationOrder};
use crate::PurchasePrice;

/// The body of `POST /customers/{id}/calculatePrice` and `POST /customers/{id}/purchase`: one
/// purchase line, exactly as an exchange buys (the price comes from the catalogue).
pub type PurchaseRequest = ExchangePurchaseItem;

/// A purchase price, confirmed by the backend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculatePriceResponse {
    /// The day the price is for (today).
    pub as_of: NaiveDate,
    /// The currency (`USD`).
    pub currency_code: String,
    /// The line as asked.
    pub item: PurchaseRequest,
    /// The engine's price (`reservation_quote::purchase_price`, spec field names).
    pub price: PurchasePrice,
}

/// The result of a purchase: one new order holding one new reservation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PurchaseResponse {
    /// The day of the purchase.
    pub as_of: NaiveDate,
    /// The price that was charged.
    pub price: PurchasePrice,
    /// The new order.
    pub order: ReservationOrder,
    /// Its reservations (one).
    pub reservations: Vec<Reservation>,
}
