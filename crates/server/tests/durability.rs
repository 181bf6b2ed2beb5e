//! `kill -9` during a burst of writes: every answered change is there after a restart, and
//! nothing is half-written (the state loads, and refunds match the quantities returned). On
//! SQLite and on PostgreSQL.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use common::{support_request, Db, HttpTransport, Server};
use reservation_api::*;
use reservation_mock::demo::{CONTOSO_ID, SQL_EXPIRING};

fn run<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

#[test]
fn kill_9_during_writes_loses_no_answered_change() {
    kill_9_during_writes(Db::sqlite());
}

#[test]
fn kill_9_during_writes_loses_no_answered_change_on_postgres() {
    kill_9_during_writes(Db::postgres());
}

fn kill_9_during_writes(db: Db) {
    let mut server = Server::on(&db, &["--demo", "--today", "2026-11-28"]);
    let api = format!("{}/api", server.base);
    let stop = Arc::new(AtomicBool::new(false));
    let created: Arc<Mutex<Vec<String>>> = Arc::default();
    let refunds: Arc<Mutex<Vec<String>>> = Arc::default();

    let mut threads = Vec::new();
    for t in 0..3 {
        let (api, stop, created) = (api.clone(), stop.clone(), created.clone());
        threads.push(thread::spawn(move || {
            let client = Client::new(HttpTransport::new(&api));
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                match run(client.create_support_request(
                    CONTOSO_ID,
                    &support_request(t * 1000 + i),
                    &format!("burst-{t}-{i}"),
                )) {
                    Ok(s) => created.lock().unwrap().push(s.number),
                    Err(_) => break,
                }
            }
        }));
    }
    {
        let (api, stop, refunds) = (api.clone(), stop.clone(), refunds.clone());
        threads.push(thread::spawn(move || {
            let client = Client::new(HttpTransport::new(&api));
            for i in 0..8 {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let req = ReturnRequest {
                    reservation_id: SQL_EXPIRING.1.into(),
                    quantity: 1,
                    return_reason: None,
                };
                match run(client.return_reservation(
                    CONTOSO_ID,
                    SQL_EXPIRING.0,
                    &req,
                    &format!("crash-{i}"),
                )) {
                    Ok(done) => refunds.lock().unwrap().push(done.history_entry.id),
                    Err(_) => break,
                }
                thread::sleep(Duration::from_millis(40));
            }
        }));
    }
    // Kill it mid-burst: once a few writes were answered (however busy the machine is).
    let t0 = std::time::Instant::now();
    while created.lock().unwrap().len() < 20 && t0.elapsed() < Duration::from_secs(10) {
        thread::sleep(Duration::from_millis(10));
    }
    thread::sleep(Duration::from_millis(50));
    server.kill();
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    let created = created.lock().unwrap().clone();
    let refunds = refunds.lock().unwrap().clone();
    assert!(
        created.len() > 5,
        "the burst wrote something: {}",
        created.len()
    );

    server.restart_with(&["--demo", "--today", "2026-11-28"]);
    let client = Client::new(server.transport());
    for number in &created {
        let s = run(client.get_support_request(CONTOSO_ID, number))
            .unwrap_or_else(|e| panic!("support request {number} answered 201 but is gone: {e}"));
        assert_eq!(&s.number, number);
    }
    let usage = run(client.refund_limit_usage(CONTOSO_ID)).unwrap();
    for id in &refunds {
        assert!(
            usage.entries.iter().any(|e| &e.id == id),
            "refund {id} is gone"
        );
    }
    // Whole changes only: each recorded refund of the SQL reservation took one unit away.
    let sql_refunds = usage
        .entries
        .iter()
        .filter(|e| e.reservation_id.as_deref() == Some(SQL_EXPIRING.1))
        .count();
    let sql = run(client.get_reservation(&ReservationKey::new(
        CONTOSO_ID,
        SQL_EXPIRING.0,
        SQL_EXPIRING.1,
    )))
    .unwrap();
    let left = if sql.properties.provisioning_state == ProvisioningState::Cancelled {
        0
    } else {
        sql.properties.quantity
    };
    assert_eq!(
        sql_refunds as u32 + left,
        8,
        "{sql_refunds} refunds, {left} left"
    );
    assert!(sql_refunds >= refunds.len());
}

#[test]
fn a_failed_commit_answers_500_and_changes_nothing() {
    let server = Server::demo();
    let client = Client::new(server.transport());
    let before = run(client.list_support_requests(CONTOSO_ID, 0, 100))
        .unwrap()
        .total_count;
    // Make the next write fail inside SQLite, from another connection.
    let conn = rusqlite::Connection::open(&server.db).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER no_support BEFORE INSERT ON support_requests \
         BEGIN SELECT RAISE(ABORT, 'disk says no'); END;",
    )
    .unwrap();
    let err =
        run(client.create_support_request(CONTOSO_ID, &support_request(1), "refused")).unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(500), "InternalServerError"),
        "{err:?}"
    );
    // Not in memory either: the state was reloaded from the database.
    let after = run(client.list_support_requests(CONTOSO_ID, 0, 100))
        .unwrap()
        .total_count;
    assert_eq!(after, before);
    conn.execute_batch("DROP TRIGGER no_support;").unwrap();
    let ok = run(client.create_support_request(CONTOSO_ID, &support_request(2), "stored")).unwrap();
    let again = run(client.get_support_request(CONTOSO_ID, &ok.number)).unwrap();
    assert_eq!(again.request.summary, "test 2");
}

#[test]
fn split_and_merged_reservations_read_back_after_a_kill_9() {
    use reservation_mock::demo::{SPLIT_A, SPLIT_B, VM_UPFRONT};
    let day = "2026-11-28";
    let mut server = Server::start_new(&["--demo", "--today", day]);
    let client = Client::new(server.transport());
    let split = SplitRequest {
        reservation_id: VM_UPFRONT.1.into(),
        quantities: vec![4, 2],
    };
    let done = run(client.split_reservation(CONTOSO_ID, VM_UPFRONT.0, &split, "s", None)).unwrap();
    let merge = MergeRequest {
        sources: vec![SPLIT_A.1.into(), SPLIT_B.1.into()],
    };
    let merged = run(client.merge_reservations(CONTOSO_ID, SPLIT_A.0, &merge, "m", &[])).unwrap();

    server.restart_with(&["--demo", "--today", day]);
    let client = Client::new(server.transport());
    let get = |order: &str, id: &str| {
        run(client.get_reservation(&ReservationKey::new(CONTOSO_ID, order, id))).unwrap()
    };
    assert_eq!(get(VM_UPFRONT.0, VM_UPFRONT.1), done.source);
    for part in &done.created {
        assert_eq!(&get(VM_UPFRONT.0, part.reservation_id()), part);
    }
    for (ids, source) in [SPLIT_A, SPLIT_B].iter().zip(&merged.sources) {
        let now = get(ids.0, ids.1);
        assert_eq!(now.properties.provisioning_state, ProvisioningState::Merged);
        assert_eq!(&now, source);
    }
    assert_eq!(
        get(SPLIT_A.0, merged.created.reservation_id()),
        merged.created
    );
    let events = run(client.audit_events(CONTOSO_ID, VM_UPFRONT.0, 0, 10)).unwrap();
    assert_eq!(events.value[0].action, AuditAction::Split);
    assert_eq!(events.value[0].changes.len(), 5);
}
