//! One module per page (route). Pages hold views; rules live in the crates.

pub mod alerts;
pub mod billing;
pub mod buy;
pub mod customer;
pub mod customers;
pub mod home;
pub mod not_found;
pub mod portfolio;
pub mod reservation;
pub mod reservations;
#[cfg(feature = "demo")]
pub mod settings;
