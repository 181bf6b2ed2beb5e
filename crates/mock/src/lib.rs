//! The embedded mock backend: serves the JSON API of `reservation_api` from memory, with seeded
//! demo data, real permission checks, idempotency, ETags, failure injection, and the quote
//! engine enforcing the refund and exchange rules. Runs natively and on wasm32.
#![warn(missing_docs)]

pub mod auth;
pub mod backend;
pub mod cache;
pub mod catalogue;
pub mod demo;
pub mod failure;
pub mod generator;
pub mod handlers;
pub mod idempotency;
pub mod ids;
pub mod names;
pub mod respond;
pub mod router;
pub mod state;
pub mod storage;
pub mod transport;
pub mod utilization;
pub mod view;

pub use backend::MockBackend;
pub use failure::{Injected, MockOptions};
pub use generator::{generate, generate_with, GeneratorConfig, DEFAULT_CUSTOMERS, DEFAULT_SEED};
pub use state::{State, SCHEMA_VERSION, STORAGE_KEY};
pub use storage::{MemoryStorage, NullStorage, Storage};
pub use transport::InProcessTransport;
