//! `reservation-server`: the JSON API of `docs/api.md` over SQLite or PostgreSQL, with the
//! mock's handlers, and the app's release build. See `crates/server/README.md`.
#![warn(missing_docs)]
// A native server: on wasm32 (the app's workspace check) the crate is empty.
#![cfg(not(target_arch = "wasm32"))]

pub mod backend;
pub mod http;
pub mod ops;
pub mod prices;
pub mod telemetry;

use chrono::NaiveDate;
use reservation_mock::{generate_with, GeneratorConfig, State, DEFAULT_SEED};
use reservation_sql_store::{SqlStore, StoreResult};

/// Opens the database at `url` (`sqlite://…` or `postgres://…`), migrating it, and seeds an
/// empty one: with the demo data when `demo`, else with no customers. Of several processes
/// starting on one empty database, one seeds it.
pub async fn open_store(
    url: &str,
    demo: bool,
    customers: Option<usize>,
    today: NaiveDate,
) -> StoreResult<SqlStore> {
    let store = SqlStore::open(url).await?;
    if store.is_empty().await? {
        let state = if demo {
            let mut config = GeneratorConfig::default();
            if let Some(n) = customers {
                config.customers = n;
            }
            generate_with(DEFAULT_SEED, today, &config)
        } else {
            State::new(DEFAULT_SEED, today, Vec::new())
        };
        store.seed(&state).await?;
    }
    Ok(store)
}

/// The URL of a SQLite file, its folder created when missing (the file is created on open).
pub fn sqlite_url(path: &std::path::Path) -> std::io::Result<String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    Ok(format!("sqlite://{}?mode=rwc", path.display()))
}
