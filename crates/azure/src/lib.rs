//! The Azure connector: reads a CSP partner's customers, reservation orders, reservations and
//! daily utilization from Partner Center and Azure Resource Manager, into the server's store.
//!
//! - [`wire`]: Azure's shapes, read exactly ([`exact`]: amounts from the JSON text, UTC times).
//! - [`token`]: client-credentials tokens per tenant, cached until shortly before they expire.
//! - [`client`]: GETs with paging, retries on throttling and transient failures, Azure's errors.
//! - [`map`]: Azure's records → the store's records, keeping what the product does not know.
//! - [`sync`]: one pass over every customer, each contained in its own failure.
#![warn(missing_docs)]
#![cfg(not(target_arch = "wasm32"))]

pub mod client;
pub mod config;
pub mod exact;
pub mod map;
pub mod sync;
pub mod token;
pub mod wire;

pub use client::{AzureClient, AzureError};
pub use config::AzureConfig;
pub use sync::{sync_once, CustomerSync, SyncError, SyncReport};
