//! The large demo portfolio's storage: the seed, the day it was generated for and the log of
//! the changes made since, instead of the state itself. 100,000 reservations are about 42 MB of
//! JSON, far over localStorage's quota (5 MB in most browsers); the generator is deterministic,
//! so the state is regenerated at start-up and the logged requests are answered again, in
//! order, at their original moments, which gives back the same state (ids come from the
//! state's counter, timestamps from the logged moment).

use chrono::{NaiveDate, NaiveDateTime};
use reservation_api::HttpRequest;
use serde::{Deserialize, Serialize};

/// The storage key of the large portfolio's log; when present, the backend runs on it.
pub const LARGE_KEY: &str = "reservations-demo.large";

/// Customers of the large portfolio (about 100,000 reservations).
pub const LARGE_CUSTOMERS: usize = 5000;

/// The version written with the log; a log of another version is dropped.
const LOG_SCHEMA: u32 = 1;

/// A change: a request that changed the state, and when it was answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The moment it was answered (UTC).
    pub at: NaiveDateTime,
    /// The request as received (method, path, headers, body).
    pub request: HttpRequest,
}

/// What the large portfolio stores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeLog {
    /// [`LOG_SCHEMA`].
    pub schema: u32,
    /// The generator's seed.
    pub seed: u64,
    /// How many customers were generated.
    pub customers: usize,
    /// The day the data was generated for.
    pub generated_on: NaiveDate,
    /// The changes since, oldest first.
    pub changes: Vec<Change>,
}

impl ChangeLog {
    /// A log without changes.
    pub fn new(seed: u64, customers: usize, generated_on: NaiveDate) -> ChangeLog {
        ChangeLog {
            schema: LOG_SCHEMA,
            seed,
            customers,
            generated_on,
            changes: Vec::new(),
        }
    }

    /// Reads a stored log; `None` when corrupt or of another version.
    pub fn from_json(text: &str) -> Option<ChangeLog> {
        serde_json::from_str::<ChangeLog>(text)
            .ok()
            .filter(|l| l.schema == LOG_SCHEMA)
    }
}
