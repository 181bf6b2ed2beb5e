//! The large demo portfolio: stored as a change log over the seeded generator, not as state.

use chrono::{NaiveDate, NaiveTime};
use reservation_api::{HttpRequest, Method, Route, HEADER_IF_MATCH};
use reservation_mock::demo::{CONTOSO_ID, VM_MONTHLY};
use reservation_mock::{MemoryStorage, MockBackend, LARGE_KEY, STORAGE_KEY};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn patch(body: &str) -> HttpRequest {
    let route = Route::Reservation {
        customer: CONTOSO_ID.into(),
        order: VM_MONTHLY.0.into(),
        reservation: VM_MONTHLY.1.into(),
    };
    let mut req = HttpRequest::new(Method::Patch, route.path());
    req.headers.push((HEADER_IF_MATCH.into(), "*".into()));
    req.body = Some(body.into());
    req
}

#[test]
fn the_large_portfolio_is_a_small_log_that_replays_to_the_same_state() {
    let storage = MemoryStorage::new();
    let mut backend = MockBackend::load(Box::new(storage.clone()), today());
    assert!(!backend.is_large());
    assert!(storage.len_of(STORAGE_KEY) > 100_000);
    backend.set_large(true, today());
    assert!(backend.is_large());
    assert_eq!(backend.state().customers.len(), 5000);
    let count = backend.state().reservation_count();
    assert!((90_000..=110_000).contains(&count), "{count}");
    // Only the log is stored.
    assert_eq!(storage.len_of(STORAGE_KEY), 0);
    assert!(storage.len_of(LARGE_KEY) < 200);

    // Two changes on different days, the second depending on the first (the etag).
    let later = today().succ_opt().unwrap().and_time(NaiveTime::MIN);
    let first = backend
        .handle_at(&patch(r#"{"properties":{"renew":true}}"#), later)
        .unwrap();
    assert_eq!(first.status, 200, "{}", first.body);
    let second = backend
        .handle_at(
            &patch(r#"{"properties":{"displayName":"vm-dev-renamed"}}"#),
            later,
        )
        .unwrap();
    assert_eq!(second.status, 200, "{}", second.body);
    // A refused change is not logged.
    let refused = backend
        .handle_at(&patch(r#"{"properties":{"displayName":""}}"#), later)
        .unwrap();
    assert_eq!(refused.status, 400);
    assert!(
        storage.len_of(LARGE_KEY) < 2000,
        "{}",
        storage.len_of(LARGE_KEY)
    );

    // A reload regenerates and replays: the same state.
    let again = MockBackend::load(Box::new(storage.clone()), today().succ_opt().unwrap());
    assert!(again.is_large());
    assert_eq!(again.state(), backend.state());

    // Reset keeps the large portfolio without changes; switching back stores the state again.
    let mut again = again;
    again.reset(today());
    assert!(again.is_large());
    assert!(storage.len_of(LARGE_KEY) < 200);
    again.set_large(false, today());
    assert!(!again.is_large());
    assert_eq!(storage.len_of(LARGE_KEY), 0);
    assert_eq!(again.state().customers.len(), 60);
    let reloaded = MockBackend::load(Box::new(storage), today());
    assert!(!reloaded.is_large());
}
