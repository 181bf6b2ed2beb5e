#![warn(missing_docs)]
//! The JSON API contract shared by the app and every backend: typed models (camelCase JSON,
//! shaped after Azure's Microsoft.Capacity API), the one error shape, every path, and a typed
//! client over a pluggable [`Transport`]. See `docs/api.md` for the endpoint reference.

mod client;
pub mod engine;
mod error;
mod http;
mod models;
mod paths;
mod query;

pub use client::{etag_header_value, Client, ReservationKey};
pub use error::{codes, ApiError, ApiErrorBody, ApiErrorDetail, ClientError};
pub use http::*;
pub use models::*;
pub use paths::{order_resource_id, parse_reservation_resource_id, reservation_resource_id, Route};
pub use query::{QueryBuilder, QueryParams};

/// The quote engine's types, reused by the API rather than duplicated.
pub use reservation_quote::{
    BillingPlan, ExchangeQuote, Family, PurchasePrice, PurchasePriceError, QuoteError, RefundQuote,
    ReturnLineQuote, Term, MAX_PURCHASE_QUANTITY, MIN_PURCHASE_QUANTITY,
};
