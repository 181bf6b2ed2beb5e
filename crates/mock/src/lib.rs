//! The embedded mock backend: serves the JSON API of `reservation_api` from memory, with seeded
//! demo data, real permission checks, idempotency, ETags, failure injection, and the quote
//! engine enforcing the refund and exchange rules. Runs natively and on wasm32.
#![warn(missing_docs)]

// What other crates use is re-exported below, so each item has one path; `demo` (the fixed demo
// ids) and `view` (values derived from stored records) stay modules as namespaces.
mod alerts;
mod auth;
mod backend;
mod cache;
mod catalogue;
mod delta;
pub mod demo;
mod failure;
mod generator;
mod handlers;
pub mod idempotency;
mod ids;
mod names;
mod prices;
mod respond;
mod router;
mod state;
mod storage;
mod transport;
mod utilization;
pub mod view;

pub use auth::{find_user, DEFAULT_USER};
pub use backend::MockBackend;
pub use cache::ViewCache;
pub use delta::{Change, ChangeLog, LARGE_CUSTOMERS, LARGE_KEY};
pub use failure::{Injected, MockOptions};
pub use generator::{generate, generate_with, GeneratorConfig, DEFAULT_CUSTOMERS, DEFAULT_SEED};
pub use handlers::Ctx;
pub use prices::{family_of_service, ListedPrice, PriceList};
pub use respond::{Failure, Reply};
pub use router::{dispatch, dispatch_light};
pub use state::{
    CreditRec, CustomerRec, IdSource, IdempotencyRec, MeasuredDay, MgRec, OrderRec, RefundRec,
    ResRec, RgRec, RoleRec, Scope, State, StoredStatus, SubRec, MAX_IDEMPOTENCY_RECORDS,
    REVISION_KEY, SCHEMA_VERSION, STORAGE_KEY,
};
pub use storage::{MemoryStorage, NullStorage, Storage};
pub use transport::InProcessTransport;
pub use utilization::summary as utilization_summary;
