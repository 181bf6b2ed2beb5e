//! New ids are random v4 UUIDs, not derived from the demo seed: two fresh `--demo` servers on two
//! databases (same seed, same day) given the same purchase, split and return answer with different
//! ids. On SQLite and on PostgreSQL (`sqlite::…`, `postgres::…`).

mod common;

use common::{Db, Server};
use reservation_api::*;
use reservation_mock::demo::{CONTOSO_ID, VM_MONTHLY, VM_UPFRONT};

fn run<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

#[test]
fn sqlite_new_ids_are_random_uuids() {
    new_ids_are_random_uuids(Db::sqlite);
}

#[test]
fn postgres_new_ids_are_random_uuids() {
    new_ids_are_random_uuids(Db::postgres);
}

/// Whether `id` is a v4 UUID (lowercase, version 4, RFC 4122 variant).
fn is_v4_uuid(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// The ids a purchase, a split and a return create on a fresh demo server on `db`.
fn new_ids(db: &Db) -> Vec<String> {
    let server = Server::on(db, &["--demo", "--today", "2026-11-28"]);
    let c = Client::new(server.transport());
    let buy = common::vm_purchase(2, BillingPlan::Monthly, "bought-in-test");
    let bought = run(c.purchase(CONTOSO_ID, &buy, "buy")).unwrap();
    let split = SplitRequest {
        reservation_id: VM_UPFRONT.1.into(),
        quantities: vec![4, 2],
    };
    let parts = run(c.split_reservation(CONTOSO_ID, VM_UPFRONT.0, &split, "split", None)).unwrap();
    let ret = ReturnRequest {
        reservation_id: VM_MONTHLY.1.into(),
        quantity: 1,
        return_reason: None,
    };
    let returned = run(c.return_reservation(CONTOSO_ID, VM_MONTHLY.0, &ret, "return")).unwrap();

    let mut ids = vec![
        bought.order.name.clone(),
        bought.reservations[0].order_id().to_string(),
        bought.reservations[0].reservation_id().to_string(),
    ];
    ids.extend(parts.created.iter().map(|r| r.reservation_id().to_string()));
    assert_eq!(ids[0], ids[1], "the order's name is its id");
    ids.remove(1);
    assert_eq!(returned.refund_id, returned.history_entry.id);
    ids.push(returned.refund_id.clone());
    ids
}

/// Two new databases from `db`, a server on each.
fn new_ids_are_random_uuids(db: fn() -> Db) {
    let (a, b) = (db(), db());
    let (ids_a, ids_b) = (new_ids(&a), new_ids(&b));
    assert_eq!(ids_a.len(), 5, "{ids_a:?}");
    for id in ids_a.iter().chain(&ids_b) {
        assert!(is_v4_uuid(id), "{id} is not a v4 UUID");
    }
    let all: std::collections::BTreeSet<&String> = ids_a.iter().chain(&ids_b).collect();
    assert_eq!(all.len(), 10, "ids repeat: {ids_a:?} {ids_b:?}");
}
