//! The one error shape of the API and the errors the typed client returns.

use serde::{Deserialize, Serialize};

use crate::http::TransportError;

/// Error codes used by the API besides the quote engine's codes (which come with status 422).
pub mod codes {
    /// 400: the request is malformed or a value is invalid.
    pub const INVALID_INPUT: &str = "InvalidInput";
    /// 400: the body is not valid JSON for the endpoint.
    pub const INVALID_JSON: &str = "InvalidJson";
    /// 403: the signed-in user may not do this.
    pub const AUTHORIZATION_FAILED: &str = "AuthorizationFailed";
    /// 401: the demo user named in `x-demo-user` does not exist.
    pub const UNKNOWN_USER: &str = "UnknownUser";
    /// 404: the resource does not exist.
    pub const RESOURCE_NOT_FOUND: &str = "ResourceNotFound";
    /// 404: no endpoint has this path.
    pub const ROUTE_NOT_FOUND: &str = "RouteNotFound";
    /// 405: the path exists but not with this method.
    pub const METHOD_NOT_ALLOWED: &str = "MethodNotAllowed";
    /// 409: the request conflicts with the resource's current state.
    pub const CONFLICT: &str = "Conflict";
    /// 409: the reservation is expired or cancelled and cannot be changed.
    pub const RESERVATION_NOT_ACTIVE: &str = "ReservationNotActive";
    /// 409: the same idempotency key was reused with a different request body.
    pub const IDEMPOTENCY_KEY_REUSED: &str = "IdempotencyKeyReused";
    /// 412: the `If-Match` version is not the resource's current version.
    pub const PRECONDITION_FAILED: &str = "PreconditionFailed";
    /// 428: a PATCH came without `If-Match`.
    pub const PRECONDITION_REQUIRED: &str = "PreconditionRequired";
    /// 400: a money-moving POST came without `Idempotency-Key`.
    pub const IDEMPOTENCY_KEY_REQUIRED: &str = "IdempotencyKeyRequired";
    /// 422: a reservation of fewer than two units cannot be split.
    pub const SPLIT_QUANTITY_TOO_SMALL: &str = "SplitQuantityTooSmall";
    /// 422: the quantities of a split are not two whole numbers ≥ 1 summing to the quantity.
    pub const INVALID_SPLIT_QUANTITIES: &str = "InvalidSplitQuantities";
    /// 422: a merge names fewer than two reservations.
    pub const MERGE_TOO_FEW_RESERVATIONS: &str = "MergeTooFewReservations";
    /// 422: the reservations of a merge differ in order, SKU, term, region or unit price.
    pub const MERGE_MISMATCH: &str = "MergeMismatch";
    /// 422: `reservation-server` has no price for this SKU, region and term on its imported
    /// price list (or no price list was imported).
    pub const SKU_NOT_ON_PRICE_LIST: &str = "SkuNotOnPriceList";
    /// 500: the server failed.
    pub const INTERNAL_SERVER_ERROR: &str = "InternalServerError";
    /// 503: the server had no database connection free in time (more requests at once than it
    /// serves); nothing was changed, and `Retry-After` says when to try again.
    pub const SERVER_BUSY: &str = "ServerBusy";
}

/// One detail of an [`ApiError`] (used when a quote reports several errors).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiErrorDetail {
    /// Machine-readable code.
    pub code: String,
    /// Human-readable message (English).
    pub message: String,
    /// The field or resource the detail is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// The error object inside every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    /// Machine-readable code: one of [`codes`] or a quote error code.
    pub code: String,
    /// Human-readable message (English).
    pub message: String,
    /// The field or resource the error is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Further errors, e.g. every policy error of a refused quote (the first is `code`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ApiErrorDetail>,
}

/// The body of every error response: `{"error": {"code", "message", "target"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    /// The error.
    pub error: ApiError,
}

impl ApiErrorBody {
    /// An error body with a code and message and no target.
    pub fn new(code: &str, message: impl Into<String>) -> ApiErrorBody {
        ApiErrorBody {
            error: ApiError {
                code: code.to_string(),
                message: message.into(),
                target: None,
                details: Vec::new(),
            },
        }
    }

    /// Sets the target (builder style).
    pub fn with_target(mut self, target: impl Into<String>) -> ApiErrorBody {
        self.error.target = Some(target.into());
        self
    }
}

/// What a typed client call can fail with.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// No response at all: the network failed, it took too long, or it was cancelled.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The server answered with an error status.
    #[error("{message} ({code}, HTTP {status})")]
    Api {
        /// The HTTP status code.
        status: u16,
        /// The error code from the body (or `Http{status}` when the body had none).
        code: String,
        /// The error message from the body.
        message: String,
        /// The field or resource the error is about.
        target: Option<String>,
    },
    /// The server answered 2xx but the body was not what the contract says.
    #[error("malformed response: {0}")]
    Malformed(String),
}

impl ClientError {
    /// A stable machine-readable code: the API error code, or `NetworkError`, `Timeout`,
    /// `Aborted`, `MalformedResponse`.
    pub fn code(&self) -> &str {
        match self {
            ClientError::Transport(TransportError::Network(_)) => "NetworkError",
            ClientError::Transport(TransportError::Timeout) => "Timeout",
            ClientError::Transport(TransportError::Aborted) => "Aborted",
            ClientError::Api { code, .. } => code,
            ClientError::Malformed(_) => "MalformedResponse",
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether trying again later may succeed (network trouble, timeouts, 5xx, 409).
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Transport(TransportError::Network(_) | TransportError::Timeout) => true,
            ClientError::Api { status, .. } => *status >= 500 || *status == 409,
            ClientError::Transport(TransportError::Aborted) | ClientError::Malformed(_) => false,
        }
    }

    /// Builds the error for a non-2xx response, reading the error body when there is one.
    pub fn from_response(status: u16, body: &str) -> ClientError {
        match serde_json::from_str::<ApiErrorBody>(body) {
            Ok(b) => ClientError::Api {
                status,
                code: b.error.code,
                message: b.error.message,
                target: b.error.target,
            },
            Err(_) => ClientError::Api {
                status,
                code: format!("Http{status}"),
                message: truncate(body, 200),
                target: None,
            },
        }
    }
}

/// The first `max` characters of `s`.
fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_round_trips_and_omits_empty_fields() {
        let body = ApiErrorBody::new(codes::CONFLICT, "busy").with_target("etag");
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            json,
            r#"{"error":{"code":"Conflict","message":"busy","target":"etag"}}"#
        );
        let e = ClientError::from_response(409, &json);
        assert_eq!(e.code(), "Conflict");
        assert_eq!(e.status(), Some(409));
    }

    #[test]
    fn non_json_error_body_still_gives_an_api_error() {
        let e = ClientError::from_response(502, "<html>bad gateway</html>");
        assert_eq!(e.code(), "Http502");
    }
}
