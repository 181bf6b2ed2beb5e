//! The state of filing something that moves money (a return, an exchange, a support request).

use crate::api::ClientError;

/// Where a filing stands: once `Done`, it cannot be filed again from the same page.
#[derive(Clone, Debug, PartialEq)]
pub enum Filing<T> {
    /// Nothing sent yet (or the last attempt failed and the form changed).
    Idle,
    /// Sent; waiting for the answer.
    InFlight,
    /// Filed; what the server answered.
    Done(Box<T>),
    /// Not filed; why. Retrying reuses the same idempotency key.
    Failed(ClientError),
}

impl<T> Filing<T> {
    /// Whether a new attempt must not start (one is under way, or it already succeeded).
    pub fn is_locked(&self) -> bool {
        matches!(self, Filing::InFlight | Filing::Done(_))
    }
}
