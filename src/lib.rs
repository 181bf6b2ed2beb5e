//! The partner dashboard for Azure reservations: a Leptos single-page app.

mod app;

pub use app::App;
