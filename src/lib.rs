//! The partner dashboard for Azure reservations: a Leptos single-page app.
//!
//! Where things go: a new page in `pages/`, its lazy route in `pages/mod.rs` and one `Route` in
//! `app.rs`; a widget used by several pages in `components/`; a new API call in `crates/api`
//! (pages reach it through `api::use_api`); a new business rule in `crates/quote`; every visible
//! string in `locales/`.

mod alerts;
mod api;
mod app;
mod billing;
mod browser;
pub mod buy;
mod components;
pub mod config;
mod context;
mod csv_export;
mod filing;
pub mod list_state;
mod pages;
pub mod portfolio;
mod renewal;
mod routes;
pub mod scope;
mod sizing;
mod storage_keys;
pub mod text;

pub use app::App;

/// Downloads the code of every page once the browser is idle, so that opening a page later waits
/// for no download (pages are split out of the main wasm). Called after the first backend answer.
/// The other language's texts come too, so switching waits for nothing.
fn prefetch_pages() {
    browser::when_idle(|| {
        wasm_bindgen_futures::spawn_local(async {
            pages::preload_all().await;
            for locale in text::i18n::Locale::ALL {
                context::load_locale(locale).await;
            }
        })
    });
}

/// Fetches the texts of the language the app starts in (`main` awaits them before mounting); if
/// they cannot be loaded, English (so the page speaks a language rather than showing keys).
pub async fn load_first_locale() -> bool {
    context::load_locale(context::initial_locale()).await
        || context::load_locale(text::i18n::Locale::En).await
}

/// Replaces the page with a readable message, in the user's language, after a panic.
pub fn install_panic_page() {
    browser::install_panic_page(context::panic_texts);
}
