//! The API contract suite of the mock (`crates/mock/tests/contract/suite.rs`), run against a real
//! `reservation-server --demo` process over HTTP on SQLite, one fresh process and database per
//! test (`contract_postgres.rs` runs it on PostgreSQL). Mock-only tests (its localStorage
//! persistence, failure injection) stay in the mock's file.

mod common;

#[path = "../../mock/tests/contract/suite.rs"]
mod suite;

/// A `reservation-server --demo` process behind the shared suite.
#[path = "common/contract_fixture.rs"]
mod fixture;

/// Each test's database: a new SQLite file.
fn database() -> common::Db {
    common::Db::sqlite()
}
