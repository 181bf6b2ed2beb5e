//! The typed models of the API, one module per area.

pub mod audit;
pub mod catalogue;
pub mod common;
pub mod customer;
pub mod directory;
pub mod exchange;
pub mod iam;
pub mod refund;
pub mod reservation;
pub mod support;
pub mod users;
pub mod utilization;

pub use audit::*;
pub use catalogue::*;
pub use common::*;
pub use customer::*;
pub use directory::*;
pub use exchange::*;
pub use iam::*;
pub use refund::*;
pub use reservation::*;
pub use support::*;
pub use users::*;
pub use utilization::*;
