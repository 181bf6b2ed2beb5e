//! Whatever arrives, the mock backend answers with a status and (for errors) the API's error
//! shape, and never panics. A seeded random walk over API-shaped requests (fastrand, so no extra
//! dependency; the seed makes failures reproducible).

use chrono::NaiveDate;
use reservation_api::{
    ApiErrorBody, HttpRequest, Method, HEADER_DEMO_USER, HEADER_IDEMPOTENCY_KEY, HEADER_IF_MATCH,
};
use reservation_mock::demo::{CONTOSO_ID, VM_UPFRONT};
use reservation_mock::{generate, MockBackend, NullStorage, DEFAULT_SEED};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

fn junk(rng: &mut fastrand::Rng, max: usize) -> String {
    const CHARS: &[char] = &[
        'a', 'Z', '0', '9', '-', '_', '%', '+', '/', '?', '&', '=', '{', '}', '"', ':', ',', '[',
        ']', ' ', '한', '\u{0}', '\\',
    ];
    (0..rng.usize(0..=max))
        .map(|_| CHARS[rng.usize(..CHARS.len())])
        .collect()
}

fn request(rng: &mut fastrand::Rng) -> HttpRequest {
    let method = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ][rng.usize(..5)];
    let mut id = || match rng.u8(..5) {
        0 => CONTOSO_ID.to_string(),
        1 => VM_UPFRONT.0.to_string(),
        2 => VM_UPFRONT.1.to_string(),
        _ => junk(rng, 8).replace(['/', '?'], ""),
    };
    let (c, o, r) = (id(), id(), id());
    let base = match rng.u8(..5) {
        0 => format!("/customers/{c}"),
        1 => format!("/customers/{c}/reservationOrders/{o}"),
        2 => format!("/customers/{c}/reservationOrders/{o}/reservations/{r}"),
        3 => "/customers".to_string(),
        _ => format!("/{c}"),
    };
    let tail = pick(
        rng,
        &[
            "",
            "/reservations",
            "/calculateRefund",
            "/return",
            "/exchange",
            "/calculateExchange",
            "/roleAssignments",
            "/roleAssignments/x",
            "/utilization",
            "/permissions",
            "/auditEvents",
            "/supportRequests",
            "/supportRequests/1",
            "/subscriptions",
            "/resourceGroups",
            "/managementGroups",
            "/refundLimitUsage",
            "/nope",
        ],
    );
    let query = match rng.u8(..6) {
        0 => String::new(),
        1 => "?from=2026-11-01&to=2026-11-27".into(),
        2 => "?top=0".into(),
        3 => "?skip=-1&top=99999999999".into(),
        4 => format!(
            "?sort={}&order=desc&search={}",
            pick(rng, &["companyName", "quantity", "x"]),
            junk(rng, 6)
        ),
        _ => format!("?{}", junk(rng, 12)),
    };
    let body = match rng.u8(..7) {
        0 => None,
        1 => Some(junk(rng, 40)),
        2 => Some(format!(
            "{{\"reservationId\":\"{}\",\"quantity\":{}}}",
            VM_UPFRONT.1,
            rng.u32(0..10)
        )),
        3 => Some("{\"reservationId\":\"x\",\"quantity\":-1}".into()),
        4 => Some(
            "{\"properties\":{\"displayName\":\"\\u0000\",\"appliedScopeType\":\"Single\"}}".into(),
        ),
        5 => Some("{\"reservationsToExchange\":[],\"reservationsToPurchase\":[]}".into()),
        _ => Some(format!(
            "{{\"principalName\":\"{}\",\"principalType\":\"Group\",\"role\":\"Owner\"}}",
            junk(rng, 5)
        )),
    };
    let mut req = HttpRequest::new(method, format!("{base}{tail}{query}"))
        .with_header(
            HEADER_DEMO_USER,
            pick(rng, &["admin", "reader", "contributor", "nobody", ""]),
        )
        .with_header(HEADER_IDEMPOTENCY_KEY, pick(rng, &["k1", "k2", ""]));
    if let Some(v) = [None, Some("\"1\""), Some("*"), Some("garbage")][rng.usize(..4)] {
        req = req.with_header(HEADER_IF_MATCH, v);
    }
    req.body = body;
    req
}

#[test]
fn never_panics_and_errors_have_the_error_shape() {
    // A small state (the two fixed customers and two more) keeps the walk fast.
    let state = generate(DEFAULT_SEED, today(), 4);
    for seed in 0..20u64 {
        let mut backend = MockBackend::from_state(Box::new(NullStorage), state.clone());
        let mut rng = fastrand::Rng::with_seed(seed);
        for step in 0..150 {
            let req = request(&mut rng);
            let resp = backend
                .handle(&req, today())
                .unwrap_or_else(|e| panic!("seed {seed} step {step}: {e:?} for {req:?}"));
            assert!((200..600).contains(&resp.status));
            if resp.status >= 400 {
                assert!(
                    serde_json::from_str::<ApiErrorBody>(&resp.body).is_ok(),
                    "seed {seed} step {step}: {req:?} → {}",
                    resp.body
                );
            } else {
                assert!(
                    serde_json::from_str::<serde_json::Value>(&resp.body).is_ok(),
                    "{req:?}"
                );
            }
        }
    }
}
