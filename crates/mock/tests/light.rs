//! The browser's first page is answered by `handle_light` (the main wasm module carries only its
//! handlers): it must answer exactly as `handle` does, and leave everything else to `handle`.

use chrono::NaiveDate;
use reservation_api::{HttpRequest, Method, Route, HEADER_DEMO_USER, HEADER_IF_MATCH};
use reservation_mock::demo::{CONTOSO_ID, VM_MONTHLY};
use reservation_mock::{Injected, MemoryStorage, MockBackend, LARGE_KEY, STORAGE_KEY};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn get(path: &str, user: &str) -> HttpRequest {
    HttpRequest::new(Method::Get, path).with_header(HEADER_DEMO_USER, user)
}

/// The first page's requests: who is signed in, the demo users and the customer list in several
/// sorts, searches and pages; an unknown route and an unknown user.
fn first_page_requests() -> Vec<HttpRequest> {
    let mut out = Vec::new();
    for user in ["admin", "resadmin", "reader", "contributor", "nobody"] {
        out.push(get("/me", user));
        out.push(get("/demoUsers", user));
        for query in [
            "",
            "?sort=companyName&order=asc&skip=0&top=20",
            "?sort=refundLimitUsed&order=desc&skip=20&top=20",
            "?sort=expiringWithin30Days&order=desc&top=5",
            "?search=korea",
            "?top=0",
            "?sort=nonsense",
        ] {
            out.push(get(&format!("/customers{query}"), user));
        }
        out.push(get("/nowhere", user));
    }
    out
}

#[test]
fn light_answers_the_first_page_exactly_as_the_full_router() {
    let mut light = MockBackend::open(Box::new(MemoryStorage::new()), today());
    let mut full = MockBackend::load(Box::new(MemoryStorage::new()), today());
    for req in first_page_requests() {
        let answer = light
            .handle_light(&req, today())
            .unwrap_or_else(|| panic!("{} {} is not light", req.method, req.path));
        assert_eq!(answer, full.handle(&req, today()), "{}", req.path);
    }
}

#[test]
fn every_other_request_is_left_to_the_full_router() {
    let mut backend = MockBackend::open(Box::new(MemoryStorage::new()), today());
    let customer = Route::Customer {
        customer: CONTOSO_ID.into(),
    };
    for req in [
        get(&customer.path(), "admin"),
        get("/alerts?skip=0&top=1", "admin"),
        get(&Route::Portfolio.path(), "admin"),
        get(&Route::PriceCatalogue.path(), "admin"),
        HttpRequest::new(Method::Post, "/customers"),
    ] {
        assert!(
            backend.handle_light(&req, today()).is_none(),
            "{}",
            req.path
        );
    }
}

#[test]
fn fresh_seed_data_is_stored_with_its_first_change_and_read_back() {
    let storage = MemoryStorage::new();
    let mut backend = MockBackend::open(Box::new(storage.clone()), today());
    assert!(backend
        .handle_light(&get("/me", "admin"), today())
        .is_some());
    assert_eq!(storage.len_of(STORAGE_KEY), 0, "nothing written for a read");

    let route = Route::Reservation {
        customer: CONTOSO_ID.into(),
        order: VM_MONTHLY.0.into(),
        reservation: VM_MONTHLY.1.into(),
    };
    let mut patch = HttpRequest::new(Method::Patch, route.path());
    patch.headers.push((HEADER_IF_MATCH.into(), "*".into()));
    patch.body = Some(r#"{"properties":{"displayName":"renamed"}}"#.into());
    assert_eq!(backend.handle(&patch, today()).unwrap().status, 200);
    assert!(storage.len_of(STORAGE_KEY) > 100_000);

    let reopened = MockBackend::open(Box::new(storage), today());
    assert_eq!(reopened.state(), backend.state());
}

#[test]
fn injected_failures_and_a_change_from_another_tab_go_to_the_full_router() {
    let storage = MemoryStorage::new();
    let mut backend = MockBackend::open(Box::new(storage.clone()), today());
    backend.options_mut().fail_next = Some(Injected::ServerError);
    let me = get("/me", "admin");
    assert!(backend.handle_light(&me, today()).is_none());
    assert_eq!(backend.handle(&me, today()).unwrap().status, 500);
    assert!(backend.handle_light(&me, today()).is_some());

    // Another tab saved a change: the full router reads it first.
    let mut other = MockBackend::load(Box::new(storage.clone()), today());
    other.reset(today());
    assert!(backend.handle_light(&me, today()).is_none());
    assert_eq!(backend.handle(&me, today()).unwrap().status, 200);
    assert!(backend.handle_light(&me, today()).is_some());
}

#[test]
fn a_stored_large_portfolio_is_replayed_by_the_first_full_request() {
    let storage = MemoryStorage::new();
    let mut large = MockBackend::load(Box::new(storage.clone()), today());
    large.set_large(true, today());
    assert!(storage.len_of(LARGE_KEY) > 0);

    let mut backend = MockBackend::open(Box::new(storage), today());
    assert!(backend.is_large());
    let customers = get("/customers?top=1", "admin");
    assert!(backend.handle_light(&customers, today()).is_none());
    let answer = backend.handle(&customers, today()).unwrap();
    assert!(
        answer.body.contains("\"totalCount\":5000"),
        "{}",
        answer.body
    );
    assert_eq!(backend.state(), large.state());
    assert!(backend.handle_light(&customers, today()).is_some());
}
