//! Money-moving requests at once: the refund limit holds, idempotency keys move money once.

mod common;

use common::{burst, HttpTransport, Server};
use reservation_api::Client;
use reservation_mock::demo::{CONTOSO_ID, VM_MONTHLY, VM_UPFRONT};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn run<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

#[test]
fn fifty_concurrent_returns_never_exceed_the_refund_limit() {
    // Contoso has used 12,000 in the window: a 14,000 limit leaves USD 2,000 of headroom.
    let server = Server::start_new(&["--demo", "--today", "2026-11-28", "--refund-limit", "14000"]);
    let api = format!("{}/api", server.base);
    let client = Client::new(HttpTransport::new(&api));
    let before = run(client.refund_limit_usage(CONTOSO_ID)).unwrap();
    assert_eq!(before.headroom, dec!(2000));

    let results = burst(std::slice::from_ref(&api), 50, VM_MONTHLY, |i| {
        format!("burst-{i}")
    });

    let mut refunded = Vec::new();
    for r in &results {
        match r {
            Ok(done) => refunded.push(done.history_entry.clone()),
            Err(e) => assert_eq!(
                (e.status(), e.code()),
                (Some(422), "RefundLimitExceeded"),
                "{e:?}"
            ),
        }
    }
    assert!(!refunded.is_empty(), "some returns fit in the headroom");
    assert!(refunded.len() < 50, "the headroom cannot take all of them");

    let after = run(client.refund_limit_usage(CONTOSO_ID)).unwrap();
    assert!(
        after.used <= after.limit,
        "{} > {}",
        after.used,
        after.limit
    );
    let added: Decimal = refunded.iter().map(|h| h.amount).sum();
    assert_eq!(after.used - before.used, added);
    // The history holds exactly the successful answers, to the cent.
    let mut new_entries: Vec<_> = after
        .entries
        .iter()
        .filter(|e| !before.entries.iter().any(|b| b.id == e.id))
        .map(|e| (e.id.clone(), e.amount))
        .collect();
    let mut answered: Vec<_> = refunded.iter().map(|h| (h.id.clone(), h.amount)).collect();
    new_entries.sort();
    answered.sort();
    assert_eq!(new_entries, answered);
}

#[test]
fn the_same_key_twenty_times_at_once_refunds_once() {
    let server = Server::demo();
    let api = format!("{}/api", server.base);
    let client = Client::new(HttpTransport::new(&api));
    let before = run(client.refund_limit_usage(CONTOSO_ID)).unwrap();

    let results = burst(std::slice::from_ref(&api), 20, VM_UPFRONT, |_| {
        "one-key".to_string()
    });

    let ids: Vec<String> = results
        .iter()
        .map(|r| r.as_ref().expect("every answer succeeds").refund_id.clone())
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    let after = run(client.refund_limit_usage(CONTOSO_ID)).unwrap();
    assert_eq!(after.entries.len(), before.entries.len() + 1);
    let r = run(
        client.get_reservation(&reservation_api::ReservationKey::new(
            CONTOSO_ID,
            VM_UPFRONT.0,
            VM_UPFRONT.1,
        )),
    )
    .unwrap();
    assert_eq!(r.properties.quantity, 5, "one unit of six returned");
}
