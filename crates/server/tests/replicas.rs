//! Two `reservation-server` processes on one database answer as one: on SQLite (one file) and on
//! PostgreSQL (one database of the test binary's cluster). Each test is written once, for a
//! [`Db`], and run on both (`sqlite::…` and `postgres::…`).

mod common;

use std::sync::{Arc, Barrier};
use std::thread;

use common::{burst, support_request, Db, HttpTransport, Server};
use reservation_api::*;
use reservation_mock::demo::{Ids, CONTOSO_ID, VM_MONTHLY, VM_UPFRONT};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const DAY: &str = "2026-11-28";

fn run<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

/// Each test on a new SQLite file and on a new PostgreSQL database.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name(super::Db::sqlite()) })*
        }
        mod postgres {
            $(#[test] fn $name() { super::$name(super::Db::postgres()) })*
        }
    };
}

on_both_databases!(
    fifty_concurrent_returns_over_two_processes_never_exceed_the_refund_limit,
    one_key_twenty_times_over_two_processes_refunds_once,
    renames_through_each_process_both_survive_a_restart,
    a_write_through_one_process_is_read_through_the_other_at_once,
    orders_bought_split_and_renamed_through_each_process_read_the_same_through_both,
);

/// Two demo servers on `db`, one after the other (the first seeds it).
fn pair(db: &Db, extra: &[&str]) -> [Server; 2] {
    let mut args = vec!["--demo", "--today", DAY];
    args.extend_from_slice(extra);
    [Server::on(db, &args), Server::on(db, &args)]
}

fn api(s: &Server) -> String {
    format!("{}/api", s.base)
}

fn client(s: &Server) -> Client<HttpTransport> {
    Client::new(s.transport())
}

fn reservation(c: &Client<HttpTransport>, ids: Ids) -> Reservation {
    run(c.get_reservation(&ReservationKey::new(CONTOSO_ID, ids.0, ids.1))).unwrap()
}

fn rename(name: &str) -> ReservationPatch {
    ReservationPatch {
        properties: ReservationPatchProperties {
            display_name: Some(name.into()),
            ..Default::default()
        },
    }
}

fn fifty_concurrent_returns_over_two_processes_never_exceed_the_refund_limit(db: Db) {
    // Contoso has used 12,000 in the window: a 14,000 limit leaves USD 2,000 of headroom.
    let servers = pair(&db, &["--refund-limit", "14000"]);
    let apis = [api(&servers[0]), api(&servers[1])];
    let clients = [client(&servers[0]), client(&servers[1])];
    let before = run(clients[0].refund_limit_usage(CONTOSO_ID)).unwrap();
    assert_eq!(before.headroom, dec!(2000));
    let quantity = reservation(&clients[1], VM_MONTHLY).properties.quantity;

    let results = burst(&apis, 50, VM_MONTHLY, |i| format!("burst-{i}"));

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
    // One unit refunds the same amount each time: exactly as many fit as the headroom takes.
    let unit = refunded
        .first()
        .expect("some returns fit in the headroom")
        .amount;
    assert!(refunded.iter().all(|h| h.amount == unit), "{refunded:?}");
    let fit = (dec!(2000) / unit).floor();
    assert_eq!(Decimal::from(refunded.len()), fit, "unit refund {unit}");
    let added: Decimal = refunded.iter().map(|h| h.amount).sum();

    let mut answered: Vec<_> = refunded.iter().map(|h| (h.id.clone(), h.amount)).collect();
    answered.sort();
    for c in &clients {
        let after = run(c.refund_limit_usage(CONTOSO_ID)).unwrap();
        assert!(
            after.used <= after.limit,
            "{} > {}",
            after.used,
            after.limit
        );
        assert_eq!(after.used - before.used, added);
        // The history holds exactly the successful answers, to the cent.
        let mut new_entries: Vec<_> = after
            .entries
            .iter()
            .filter(|e| !before.entries.iter().any(|b| b.id == e.id))
            .map(|e| (e.id.clone(), e.amount))
            .collect();
        new_entries.sort();
        assert_eq!(new_entries, answered);
        assert_eq!(
            reservation(c, VM_MONTHLY).properties.quantity,
            quantity - refunded.len() as u32
        );
    }
}

fn one_key_twenty_times_over_two_processes_refunds_once(db: Db) {
    let servers = pair(&db, &[]);
    let apis = [api(&servers[0]), api(&servers[1])];
    let clients = [client(&servers[0]), client(&servers[1])];
    let before = run(clients[0].refund_limit_usage(CONTOSO_ID)).unwrap();

    let results = burst(&apis, 20, VM_UPFRONT, |_| "one-key".to_string());

    let answers: Vec<ReturnResponse> = results
        .into_iter()
        .map(|r| r.expect("every answer succeeds"))
        .collect();
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    for c in &clients {
        let after = run(c.refund_limit_usage(CONTOSO_ID)).unwrap();
        assert_eq!(after.entries.len(), before.entries.len() + 1);
        assert_eq!(after.used - before.used, answers[0].history_entry.amount);
        assert!(after
            .entries
            .iter()
            .any(|e| e.id == answers[0].history_entry.id));
        assert_eq!(
            reservation(c, VM_UPFRONT).properties.quantity,
            5,
            "one unit of six returned"
        );
    }
}

fn renames_through_each_process_both_survive_a_restart(db: Db) {
    let [mut a, mut b] = pair(&db, &[]);
    // Both processes hold both reservations as they were.
    let (ca, cb) = (client(&a), client(&b));
    let first = reservation(&ca, VM_UPFRONT);
    let second = reservation(&cb, VM_MONTHLY);
    assert_eq!(reservation(&cb, VM_UPFRONT), first);
    assert_eq!(reservation(&ca, VM_MONTHLY), second);

    // One rename through each, at once.
    let barrier = Arc::new(Barrier::new(2));
    let renames: Vec<_> = [(api(&a), VM_UPFRONT, first.etag, "renamed-through-a")]
        .into_iter()
        .chain([(api(&b), VM_MONTHLY, second.etag, "renamed-through-b")])
        .map(|(api, ids, etag, name)| {
            let barrier = barrier.clone();
            thread::spawn(move || {
                let c = Client::new(HttpTransport::new(&api));
                let k = ReservationKey::new(CONTOSO_ID, ids.0, ids.1);
                barrier.wait();
                run(c.update_reservation(&k, &rename(name), etag))
            })
        })
        .collect();
    let renamed: Vec<Reservation> = renames
        .into_iter()
        .map(|h| h.join().unwrap().expect("both renames succeed"))
        .collect();
    // Then one each way again, each process holding the other's reservation as it was.
    let k_first = ReservationKey::new(CONTOSO_ID, VM_UPFRONT.0, VM_UPFRONT.1);
    let k_second = ReservationKey::new(CONTOSO_ID, VM_MONTHLY.0, VM_MONTHLY.1);
    let again_first =
        run(cb.update_reservation(&k_first, &rename("again-through-b"), renamed[0].etag)).unwrap();
    let again_second =
        run(ca.update_reservation(&k_second, &rename("again-through-a"), renamed[1].etag)).unwrap();
    assert_eq!(again_first.etag, first.etag + 2);
    assert_eq!(again_second.etag, second.etag + 2);

    a.restart_with(&["--demo", "--today", DAY]);
    b.restart_with(&["--demo", "--today", DAY]);
    for s in [&a, &b] {
        let c = client(s);
        assert_eq!(reservation(&c, VM_UPFRONT), again_first);
        assert_eq!(reservation(&c, VM_MONTHLY), again_second);
        assert_eq!(
            reservation(&c, VM_UPFRONT).properties.display_name,
            "again-through-b"
        );
        assert_eq!(
            reservation(&c, VM_MONTHLY).properties.display_name,
            "again-through-a"
        );
    }
}

fn a_write_through_one_process_is_read_through_the_other_at_once(db: Db) {
    let servers = pair(&db, &[]);
    let clients = [client(&servers[0]), client(&servers[1])];
    let k = ReservationKey::new(CONTOSO_ID, VM_UPFRONT.0, VM_UPFRONT.1);
    for i in 0..6 {
        let (writer, reader) = (&clients[i % 2], &clients[(i + 1) % 2]);
        // A new record.
        let created =
            run(writer.create_support_request(CONTOSO_ID, &support_request(i), &format!("s{i}")))
                .unwrap();
        let read = run(reader.get_support_request(CONTOSO_ID, &created.number)).unwrap();
        assert_eq!(read, created);
        // A changed one.
        let now = run(reader.get_reservation(&k)).unwrap();
        let renamed =
            run(writer.update_reservation(&k, &rename(&format!("name-{i}")), now.etag)).unwrap();
        assert_eq!(run(reader.get_reservation(&k)).unwrap(), renamed);
        // Lists too.
        let list = run(reader.list_support_requests(CONTOSO_ID, 0, 100)).unwrap();
        assert!(list.value.iter().any(|s| s.number == created.number));
    }
    // Money: a return through one is in the other's refund history and limit at once.
    let before = run(clients[1].refund_limit_usage(CONTOSO_ID)).unwrap();
    let req = ReturnRequest {
        reservation_id: VM_UPFRONT.1.into(),
        quantity: 1,
        return_reason: None,
    };
    let done = run(clients[0].return_reservation(CONTOSO_ID, VM_UPFRONT.0, &req, "r")).unwrap();
    let after = run(clients[1].refund_limit_usage(CONTOSO_ID)).unwrap();
    assert_eq!(after.used, before.used + done.history_entry.amount);
    assert_eq!(after.entries.len(), before.entries.len() + 1);
    assert_eq!(
        run(clients[1].get_reservation(&k)).unwrap(),
        done.reservation
    );
}

/// A process reads again only the orders another changed (migration 8): orders added, split,
/// renamed and returned from, through one process and then the other, read the same through both,
/// as a new process reads them from the database.
fn orders_bought_split_and_renamed_through_each_process_read_the_same_through_both(db: Db) {
    let servers = pair(&db, &[]);
    let clients = [client(&servers[0]), client(&servers[1])];
    let everything = |c: &Client<HttpTransport>| {
        let q = ReservationQuery {
            top: 1000,
            ..Default::default()
        };
        let mut list = run(c.list_reservations(CONTOSO_ID, &q)).unwrap().value;
        list.sort_by(|a, b| a.id.cmp(&b.id));
        let orders = run(c.list_reservation_orders(CONTOSO_ID)).unwrap().value;
        (list, orders)
    };
    // Both processes have read the customer before the writes.
    let at_start = everything(&clients[0]);
    assert_eq!(everything(&clients[1]), at_start);

    let buy = common::vm_purchase(3, BillingPlan::Monthly, "bought-through-0");
    let bought = run(clients[0].purchase(CONTOSO_ID, &buy, "buy-0")).unwrap();
    let split = SplitRequest {
        reservation_id: VM_UPFRONT.1.into(),
        quantities: vec![4, 2],
    };
    run(clients[1].split_reservation(CONTOSO_ID, VM_UPFRONT.0, &split, "split-1", None)).unwrap();
    let new = &bought.reservations[0];
    let key = ReservationKey::of(CONTOSO_ID, new);
    run(clients[1].update_reservation(&key, &rename("renamed-through-1"), new.etag)).unwrap();
    let ret = ReturnRequest {
        reservation_id: VM_MONTHLY.1.into(),
        quantity: 1,
        return_reason: None,
    };
    run(clients[0].return_reservation(CONTOSO_ID, VM_MONTHLY.0, &ret, "return-0")).unwrap();

    let through_0 = everything(&clients[0]);
    let through_1 = everything(&clients[1]);
    assert_eq!(through_0, through_1);
    assert_ne!(through_0, at_start);
    assert!(through_0
        .0
        .iter()
        .any(|r| r.properties.display_name == "renamed-through-1"));
    // A process that never held anything reads the database the same.
    let fresh = Server::on(&db, &["--demo", "--today", DAY]);
    assert_eq!(everything(&client(&fresh)), through_0);
    // And the audit of the changed order is the same through both.
    let history =
        |c: &Client<HttpTransport>| run(c.audit_events(CONTOSO_ID, VM_UPFRONT.0, 0, 100)).unwrap();
    assert_eq!(history(&clients[0]), history(&clients[1]));
}
