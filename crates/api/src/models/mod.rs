//! The typed models of the API, one module per area.

mod alerts;
mod audit;
mod billing;
mod catalogue;
mod common;
mod customer;
mod directory;
mod exchange;
mod iam;
mod portfolio;
mod purchase;
mod refund;
mod reservation;
mod split;
mod support;
mod users;
mod utilization;

pub use alerts::*;
pub use audit::*;
pub use billing::*;
pub use catalogue::*;
pub use common::*;
pub use customer::*;
pub use directory::*;
pub use exchange::*;
pub use iam::*;
pub use portfolio::*;
pub use purchase::*;
pub use refund::*;
pub use reservation::*;
pub use split::*;
pub use support::*;
pub use users::*;
pub use utilization::*;
