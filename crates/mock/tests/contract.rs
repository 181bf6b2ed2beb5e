//! The API contract over the in-process mock backend: the shared suite (`contract/suite.rs`,
//! also run against `reservation-server` by `crates/server/tests/contract.rs`), plus the tests
//! only the mock can run: its localStorage persistence and reset, and failure injection (a real
//! server has no switch to fail on purpose).

#[path = "contract/suite.rs"]
mod suite;

/// The mock backend behind the shared suite.
mod fixture {
    use chrono::NaiveDate;
    use reservation_api::{Client, HttpRequest, HttpResponse, Transport};
    use reservation_mock::{InProcessTransport, MemoryStorage, MockBackend};

    use crate::suite::{run, today};

    /// The transport the suite's clients use.
    pub type T = InProcessTransport;

    /// A fresh backend with the demo seed, and a client acting as the default user.
    pub struct Env {
        pub client: Client<T>,
        pub transport: InProcessTransport,
        pub storage: MemoryStorage,
    }

    pub fn env() -> Env {
        let storage = MemoryStorage::new();
        let backend = MockBackend::load(Box::new(storage.clone()), today());
        let transport = InProcessTransport::new(backend, today());
        Env {
            client: Client::new(transport.clone()),
            transport,
            storage,
        }
    }

    pub fn as_user(e: &Env, user: &str) -> Client<T> {
        Client::with_user(e.transport.clone(), user)
    }

    pub fn raw(e: &Env, req: HttpRequest) -> HttpResponse {
        run(e.transport.send(req)).unwrap()
    }

    /// Answers later requests as of another day.
    pub fn set_today(e: &Env, day: NaiveDate) {
        e.transport.set_today(day);
    }
}

use fixture::env;
use reservation_api::*;
use reservation_mock::demo::*;
use reservation_mock::{
    generate, InProcessTransport, Injected, MemoryStorage, MockBackend, Storage, STORAGE_KEY,
};
use suite::{key, rename, run, today};

// ---- persistence, reset, failures, routing ------------------------------------------------------

#[test]
fn a_new_backend_over_the_same_storage_sees_the_change_and_reset_restores_the_seed() {
    let e = env();
    let r = run(e.client.get_reservation(&key(VM_UPFRONT))).unwrap();
    run(e
        .client
        .update_reservation(&key(VM_UPFRONT), &rename("persisted"), r.etag))
    .unwrap();
    let reloaded = MockBackend::load(Box::new(e.storage.clone()), today());
    let t2 = InProcessTransport::new(reloaded, today());
    let c2 = Client::new(t2.clone());
    let r2 = run(c2.get_reservation(&key(VM_UPFRONT))).unwrap();
    assert_eq!(r2.properties.display_name, "persisted");
    assert_eq!(r2.etag, 2);
    t2.backend().borrow_mut().reset(today());
    let r3 = run(c2.get_reservation(&key(VM_UPFRONT))).unwrap();
    assert_eq!(r3, r);
    // The reset was saved too.
    let reloaded = MockBackend::load(Box::new(e.storage.clone()), today());
    assert_eq!(
        reloaded.state(),
        &generate(
            reservation_mock::DEFAULT_SEED,
            today(),
            reservation_mock::DEFAULT_CUSTOMERS
        )
    );
}

#[test]
fn two_backends_over_one_storage_see_each_others_changes_like_two_tabs() {
    let e = env();
    // A second tab of the demo: the same localStorage, its own backend.
    let tab2 = InProcessTransport::new(
        MockBackend::load(Box::new(e.storage.clone()), today()),
        today(),
    );
    let c2 = Client::new(tab2.clone());
    let r = run(e.client.get_reservation(&key(VM_UPFRONT))).unwrap();
    run(c2.update_reservation(&key(VM_UPFRONT), &rename("from tab 2"), r.etag)).unwrap();
    // The first tab sees the change, so its stale ETag is a real 412 ...
    let err = run(e
        .client
        .update_reservation(&key(VM_UPFRONT), &rename("from tab 1"), r.etag))
    .unwrap_err();
    assert_eq!(err.status(), Some(412));
    let now = run(e.client.get_reservation(&key(VM_UPFRONT))).unwrap();
    assert_eq!(now.properties.display_name, "from tab 2");
    // ... and its own later change does not overwrite the second tab's.
    run(e
        .client
        .update_reservation(&key(VM_MONTHLY), &rename("from tab 1"), 1))
    .unwrap();
    let seen = run(c2.get_reservation(&key(VM_MONTHLY))).unwrap();
    assert_eq!(seen.properties.display_name, "from tab 1");
    let kept = run(c2.get_reservation(&key(VM_UPFRONT))).unwrap();
    assert_eq!(kept.properties.display_name, "from tab 2");
}

#[test]
fn corrupt_or_old_stored_data_falls_back_to_the_seed() {
    for stored in [
        "not json",
        "{\"schema\":0,\"state\":{}}",
        "{\"schema\":1,\"state\":{\"seed\":1}}",
        "{}",
    ] {
        let mut storage = MemoryStorage::new();
        storage.set(STORAGE_KEY, stored);
        let backend = MockBackend::load(Box::new(storage.clone()), today());
        assert_eq!(
            backend.state().customers.len(),
            reservation_mock::DEFAULT_CUSTOMERS
        );
        assert!(storage
            .get(STORAGE_KEY)
            .unwrap()
            .starts_with("{\"schema\":1"));
    }
}

#[test]
fn the_stored_state_is_compact() {
    let e = env();
    let bytes = e.storage.len_of(STORAGE_KEY);
    assert!(bytes > 10_000 && bytes < 2_000_000, "{bytes} bytes");
}

/// A predicate on a client error.
type Check = fn(&ClientError) -> bool;

#[test]
fn each_injected_failure_maps_to_its_client_error() {
    let e = env();
    let backend = e.transport.backend();
    let cases: [(Injected, Check); 4] = [
        (Injected::NetworkError, |e| {
            matches!(e, ClientError::Transport(TransportError::Network(_)))
        }),
        (
            Injected::ServerError,
            |e| matches!(e, ClientError::Api { status: 500, code, .. } if code == codes::INTERNAL_SERVER_ERROR),
        ),
        (
            Injected::Conflict,
            |e| matches!(e, ClientError::Api { status: 409, code, .. } if code == codes::CONFLICT),
        ),
        (Injected::Malformed, |e| {
            matches!(e, ClientError::Malformed(_))
        }),
    ];
    for (injected, check) in cases {
        backend.borrow_mut().options_mut().fail_next = Some(injected);
        let err = run(e.client.get_customer(CONTOSO_ID)).unwrap_err();
        assert!(check(&err), "{injected:?} gave {err:?}");
        // fail_next is used up.
        run(e.client.get_customer(CONTOSO_ID)).unwrap();
    }
    backend.borrow_mut().options_mut().fail_all = Some(Injected::ServerError);
    for _ in 0..3 {
        assert_eq!(run(e.client.me()).unwrap_err().status(), Some(500));
    }
    // An injected failure on a return moves no money.
    backend.borrow_mut().options_mut().fail_all = None;
    backend.borrow_mut().options_mut().fail_next = Some(Injected::NetworkError);
    let req = ReturnRequest {
        reservation_id: VM_UPFRONT.1.into(),
        quantity: 1,
        return_reason: None,
    };
    assert!(run(e
        .client
        .return_reservation(CONTOSO_ID, VM_UPFRONT.0, &req, "net"))
    .is_err());
    assert_eq!(
        run(e.client.refund_limit_usage(CONTOSO_ID))
            .unwrap()
            .entries
            .len(),
        2
    );
    // Options round-trip through JSON (settings panels, URLs).
    let opts: reservation_mock::MockOptions =
        serde_json::from_str(r#"{"failNext":"Conflict"}"#).unwrap();
    assert_eq!(opts.fail_next, Some(Injected::Conflict));
    assert_eq!(Injected::parse("network"), Some(Injected::NetworkError));
}
