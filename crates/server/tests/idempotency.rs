//! Idempotency records live in the database, kept by age, not by count: a retry after a thousand
//! other keyed requests replays its answer; a record older than the retention is gone and its key
//! moves money again (on SQLite and on PostgreSQL).

mod common;

use std::thread;

use common::{request, support_request, Db, HttpTransport, Server};
use reservation_api::*;
use reservation_mock::demo::{CONTOSO_ID, VM_UPFRONT};

const DAY: &str = "2026-11-28";

fn run<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

#[test]
fn a_retry_after_a_thousand_other_keyed_requests_replays_its_answer() {
    // SQLite only: on PostgreSQL the same lookup (covered below) would add some 15 s of commits.
    retry_after_a_thousand_other_keyed_requests(Db::sqlite());
}

#[test]
fn a_record_older_than_the_retention_is_gone_and_its_key_is_new_again() {
    record_older_than_the_retention(Db::sqlite());
}

#[test]
fn a_record_older_than_the_retention_is_gone_and_its_key_is_new_again_on_postgres() {
    record_older_than_the_retention(Db::postgres());
}

/// `POST …/return` of one unit of VM_UPFRONT with this key, raw: the status, whether the answer
/// says it is a replay, and the body.
fn return_one(server: &Server, key: &str) -> (u16, bool, String) {
    let path = Route::Return {
        customer: CONTOSO_ID.into(),
        order: VM_UPFRONT.0.into(),
    }
    .path();
    let body = serde_json::to_string(&ReturnRequest {
        reservation_id: VM_UPFRONT.1.into(),
        quantity: 1,
        return_reason: None,
    })
    .unwrap();
    let resp = request(
        &format!("{}/api", server.base),
        Method::Post,
        &path,
        &[(HEADER_IDEMPOTENCY_KEY, key)],
        Some(&body),
    );
    let replayed = resp
        .headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case(HEADER_IDEMPOTENT_REPLAY));
    (resp.status, replayed, resp.body)
}

fn quantity(server: &Server) -> u32 {
    let c = Client::new(server.transport());
    run(c.get_reservation(&ReservationKey::new(CONTOSO_ID, VM_UPFRONT.0, VM_UPFRONT.1)))
        .unwrap()
        .properties
        .quantity
}

fn refunds(server: &Server) -> usize {
    let c = Client::new(server.transport());
    run(c.refund_limit_usage(CONTOSO_ID)).unwrap().entries.len()
}

fn retry_after_a_thousand_other_keyed_requests(db: Db) {
    let server = Server::on(&db, &["--demo", "--today", DAY]);
    let (status, replayed, body) = return_one(&server, "the-first");
    assert_eq!((status, replayed), (200, false), "{body}");
    let refunded = refunds(&server);
    let c = Client::new(server.transport());
    let total = || {
        run(c.list_support_requests(CONTOSO_ID, 0, 1))
            .unwrap()
            .total_count
    };
    let requests = total();

    // A thousand other keyed writes (more than the mock's in-memory cap of 500 records).
    let api = format!("{}/api", server.base);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let api = api.clone();
            thread::spawn(move || {
                let c = Client::new(HttpTransport::new(&api));
                for i in (t * 250)..(t + 1) * 250 {
                    run(c.create_support_request(
                        CONTOSO_ID,
                        &support_request(i),
                        &format!("other-{i}"),
                    ))
                    .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(total(), requests + 1000);

    let again = return_one(&server, "the-first");
    assert_eq!(again, (200, true, body));
    assert_eq!(quantity(&server), 5, "one unit of six returned, once");
    assert_eq!(refunds(&server), refunded);
}

fn record_older_than_the_retention(db: Db) {
    let day = ["--demo", "--today", DAY];
    let mut server = Server::on(&db, &day);
    let (status, _, first) = return_one(&server, "old-key");
    assert_eq!(status, 200, "{first}");
    assert_eq!(return_one(&server, "old-key"), (200, true, first.clone()));
    let refunded = refunds(&server);

    // 25 hours ago: past the default retention of 24.
    let aged = db.execute(
        "UPDATE idempotency_records SET created_at = created_at - 25 * 3600 \
         WHERE idempotency_key = 'old-key'",
    );
    assert_eq!(aged, 1, "one record of the key");

    // Kept 48 hours, it still replays (also after a restart).
    server.restart_with(&[&day[..], &["--idempotency-retention-hours", "48"]].concat());
    assert_eq!(return_one(&server, "old-key"), (200, true, first.clone()));
    assert_eq!(quantity(&server), 5);

    // Kept 24 hours (the default), it is gone: the key returns another unit, anew.
    server.restart_with(&day);
    let (status, replayed, second) = return_one(&server, "old-key");
    assert_eq!((status, replayed), (200, false), "{second}");
    assert_ne!(second, first);
    let (a, b): (ReturnResponse, ReturnResponse) = (
        serde_json::from_str(&first).unwrap(),
        serde_json::from_str(&second).unwrap(),
    );
    assert_ne!(a.refund_id, b.refund_id);
    assert_eq!(b.reservation.properties.quantity, 4);
    assert_eq!(quantity(&server), 4);
    assert_eq!(refunds(&server), refunded + 1);
    // And the new answer is what the key replays now; only it is stored.
    assert_eq!(return_one(&server, "old-key"), (200, true, second));
    assert_eq!(quantity(&server), 4);
    let stored = db.execute(
        "UPDATE idempotency_records SET created_at = created_at WHERE idempotency_key = 'old-key'",
    );
    assert_eq!(stored, 1);

    // Aged while the server runs (its purge every ten minutes has not come yet): the lookup finds it too
    // old, and the key is new again.
    let (_, _, third) = return_one(&server, "live-key");
    assert_eq!(
        db.execute(
            "UPDATE idempotency_records SET created_at = created_at - 25 * 3600 \
             WHERE idempotency_key = 'live-key'",
        ),
        1
    );
    let (status, replayed, fourth) = return_one(&server, "live-key");
    assert_eq!((status, replayed), (200, false), "{fourth}");
    assert_ne!(fourth, third);
    assert_eq!(quantity(&server), 2);
    assert_eq!(refunds(&server), refunded + 3);
}
