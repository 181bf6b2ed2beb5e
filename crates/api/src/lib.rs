#![warn(missing_docs)]
//! The JSON API contract shared by the app and every backend: typed models (camelCase JSON,
//! shaped after Azure's Microsoft.Capacity API), the one error shape, every path, and a typed
//! client over a pluggable [`Transport`]. See `docs/api.md` for the endpoint reference.

pub mod client;
pub mod engine;
pub mod error;
pub mod http;
pub mod models;
pub mod paths;
pub mod query;

pub use client::{etag_header_value, Client, ReservationKey};
pub use error::{codes, ApiError, ApiErrorBody, ApiErrorDetail, ClientError};
pub use http::*;
pub use models::*;
pub use paths::Route;

/// The quote engine's types, reused by the API rather than duplicated.
pub use reservation_quote::{
    BillingPlan, ExchangeQuote, Family, QuoteError, RefundQuote, ReturnLineQuote, Term,
};

/// The quote engine crate itself, for callers that need its functions.
pub use reservation_quote as quote;
