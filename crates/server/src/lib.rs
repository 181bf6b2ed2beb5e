//! `reservation-server`: the JSON API of `docs/api.md` over SQLite, with the mock's handlers,
//! and the app's release build. See `crates/server/README.md`.
#![warn(missing_docs)]
// A native server: on wasm32 (the app's workspace check) the crate is empty.
#![cfg(not(target_arch = "wasm32"))]

pub mod backend;
pub mod db;
pub mod http;
pub mod ops;
pub mod telemetry;

use std::path::Path;

use chrono::NaiveDate;
use reservation_mock::{generate_with, GeneratorConfig, State, DEFAULT_SEED};

use crate::db::{Db, DbError};

/// Opens the database and loads its state, seeding the demo data into an empty one when `demo`.
/// An empty database without `demo` starts with no customers.
pub fn open_state(
    path: &Path,
    demo: bool,
    customers: Option<usize>,
    today: NaiveDate,
) -> Result<(Db, State), DbError> {
    let mut db = Db::open(path)?;
    if let Some(state) = db.load()? {
        return Ok((db, state));
    }
    let state = if demo {
        let mut config = GeneratorConfig::default();
        if let Some(n) = customers {
            config.customers = n;
        }
        generate_with(DEFAULT_SEED, today, &config)
    } else {
        State::new(DEFAULT_SEED, today, Vec::new())
    };
    db.save_all(&state)?;
    Ok((db, state))
}
