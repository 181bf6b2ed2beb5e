//! One module per page (route). Pages hold views; rules live in the crates.

pub mod home;
pub mod not_found;
