//! The partner dashboard for Azure reservations: a Leptos single-page app.
//!
//! Where things go: a new page in `pages/` plus one `Route` in `app.rs`; a widget used by
//! several pages in `components/`; a new API call in `crates/api` (the app reaches it through
//! `api.rs`); a new business rule in `crates/quote`; every visible string in `locales/`.

mod app;
mod browser;
mod components;
mod context;
pub mod format;
pub mod i18n;
mod pages;

pub use app::App;
pub use browser::install_panic_page;
