//! Whatever arrives, the mock backend answers with a status and (for errors) the API's error
//! shape, and never panics.

use chrono::NaiveDate;
use proptest::prelude::*;
use reservation_api::{
    ApiErrorBody, HttpRequest, Method, HEADER_DEMO_USER, HEADER_IDEMPOTENCY_KEY, HEADER_IF_MATCH,
};
use reservation_mock::demo::{CONTOSO_ID, VM_UPFRONT};
use reservation_mock::{generate, MockBackend, NullStorage, State, DEFAULT_SEED};
use std::sync::OnceLock;

fn backend() -> MockBackend {
    // A small state (the two fixed customers and two more) keeps each case fast.
    static SEED: OnceLock<State> = OnceLock::new();
    let state = SEED.get_or_init(|| {
        generate(
            DEFAULT_SEED,
            NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            4,
        )
    });
    MockBackend::from_state(Box::new(NullStorage), state.clone())
}

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::Get),
        Just(Method::Post),
        Just(Method::Put),
        Just(Method::Patch),
        Just(Method::Delete)
    ]
}

/// Paths shaped like the API's, with real and random ids and random tails.
fn path() -> impl Strategy<Value = String> {
    let id = prop_oneof![
        Just(CONTOSO_ID.to_string()),
        Just(VM_UPFRONT.0.to_string()),
        Just(VM_UPFRONT.1.to_string()),
        "[a-z0-9%-]{0,12}",
    ];
    let tail = prop_oneof![
        Just(String::new()),
        Just("/reservations".to_string()),
        Just("/calculateRefund".to_string()),
        Just("/return".to_string()),
        Just("/exchange".to_string()),
        Just("/calculateExchange".to_string()),
        Just("/roleAssignments".to_string()),
        Just("/utilization".to_string()),
        Just("/permissions".to_string()),
        Just("/auditEvents".to_string()),
        Just("/supportRequests".to_string()),
        "/[a-zA-Z]{0,10}",
    ];
    let query = prop_oneof![
        Just(String::new()),
        "\\?[a-zA-Z]{1,8}=[a-zA-Z0-9%+-]{0,8}(&[a-zA-Z]{1,8}=[^&#]{0,6}){0,3}",
        Just("?from=2026-11-01&to=2026-11-27".to_string()),
        Just("?top=0".to_string()),
        Just("?skip=-1&top=99999999999".to_string()),
    ];
    (id.clone(), id.clone(), id, tail, query).prop_map(|(c, o, r, t, q)| {
        let base = match c.len() % 4 {
            0 => format!("/customers/{c}"),
            1 => format!("/customers/{c}/reservationOrders/{o}"),
            2 => format!("/customers/{c}/reservationOrders/{o}/reservations/{r}"),
            _ => format!("/{c}"),
        };
        format!("{base}{t}{q}")
    })
}

/// Bodies: none, junk, or JSON objects with plausible and implausible fields.
fn body() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        ".{0,40}".prop_map(Some),
        Just(Some(format!(
            "{{\"reservationId\":\"{}\",\"quantity\":1}}",
            VM_UPFRONT.1
        ))),
        Just(Some(
            "{\"reservationId\":\"x\",\"quantity\":-1}".to_string()
        )),
        Just(Some(
            "{\"properties\":{\"displayName\":\"\\u0000\"}}".to_string()
        )),
        Just(Some(
            "{\"reservationsToExchange\":[],\"reservationsToPurchase\":[]}".to_string()
        )),
        (0u32..5_000_000).prop_map(|q| Some(format!(
            "{{\"reservationId\":\"{}\",\"quantity\":{q}}}",
            VM_UPFRONT.1
        ))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]
    #[test]
    fn never_panics_and_errors_have_the_error_shape(
        m in method(),
        p in path(),
        b in body(),
        user in prop_oneof![Just("admin"), Just("reader"), Just("contributor"), Just("nobody"), Just("")],
        if_match in prop_oneof![Just(None), Just(Some("\"1\"")), Just(Some("*")), Just(Some("garbage"))],
    ) {
        let mut backend = backend();
        let mut req = HttpRequest::new(m, p)
            .with_header(HEADER_DEMO_USER, user)
            .with_header(HEADER_IDEMPOTENCY_KEY, "k");
        if let Some(v) = if_match {
            req = req.with_header(HEADER_IF_MATCH, v);
        }
        req.body = b;
        let resp = backend.handle(&req, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()).unwrap();
        prop_assert!((200..600).contains(&resp.status));
        if resp.status >= 400 {
            prop_assert!(serde_json::from_str::<ApiErrorBody>(&resp.body).is_ok(), "{}", resp.body);
        } else {
            prop_assert!(serde_json::from_str::<serde_json::Value>(&resp.body).is_ok());
        }
    }
}
