//! The API contract suite of the mock (`crates/mock/tests/contract/suite.rs`), unchanged, against
//! a real `reservation-server --demo` process on PostgreSQL: a fresh database of this binary's
//! throwaway cluster per test (see `common/pg.rs`; `scripts/setup.sh` installs PostgreSQL).

mod common;

#[path = "../../mock/tests/contract/suite.rs"]
mod suite;

/// A `reservation-server --demo --database-url postgres://…` process behind the shared suite.
#[path = "common/contract_fixture.rs"]
mod fixture;

/// Each test's database: a new database of the shared cluster, a copy of one a server seeded
/// with the demo data as of the suite's day (seeding each anew would double this file's time).
fn database() -> common::Db {
    let day = suite::today().to_string();
    common::Db::Postgres(
        common::pg::PgCluster::shared().seeded_database(&["--demo", "--today", &day]),
    )
}
