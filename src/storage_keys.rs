//! Every localStorage key the app writes, in one place, so none is written twice or collides.
//! (The embedded backend keeps its own data under `reservation_mock::STORAGE_KEY`.)

/// The chosen language.
pub const LOCALE: &str = "resdash.locale";

/// The signed-in demo user.
pub const USER: &str = "resdash.user";

/// The half-filled support request of one reservation.
pub fn support_draft(reservation: &str) -> String {
    format!("resdash.support.{reservation}")
}

/// The exchange a support request opened from Exchange attaches.
pub fn support_exchange(reservation: &str) -> String {
    format!("resdash.support-exchange.{reservation}")
}
