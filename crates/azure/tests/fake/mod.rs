//! A fake Azure for the tests: Entra's token endpoint, Partner Center and ARM (Capacity and
//! Consumption), answering from the published examples in `tests/examples/`.
//!
//! Its world: the two customers of Partner Center's example, one per page (the second behind a
//! continuation token). The first customer's tenant holds the three orders of the order-list
//! example, over two pages (the second page answers 429 with `Retry-After: 1` once). Each order
//! has the payment plan of the `$expand=schedule` example and the reservations of the
//! reservations-of-an-order example, re-parented under it; every reservation but the last of
//! each order has three days of utilization from the daily-summaries example. The second
//! customer's tenant refuses the app (`invalid_client`).

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde_json::{json, Value};

/// The app's client id and secret the fake accepts.
pub const CLIENT_ID: &str = "11111111-2222-3333-4444-555555555555";
pub const CLIENT_SECRET: &str = "s3cr3t-never-logged";
/// The partner's tenant.
pub const PARTNER_TENANT: &str = "99999999-0000-0000-0000-000000000000";

/// The customers of the Partner Center example: the first is synced, the second's tenant
/// refuses the app.
pub const CUSTOMER_OK: &str = "b44bb1fb-c595-45b0-9e09-d657365580bf";
pub const CUSTOMER_REFUSED: &str = "45c44870-ef77-4fdd-b6fe-3dacb075cff2";

/// The days of utilization each measured reservation has, and their values (exact decimals
/// whose float sums are not).
pub const DAYS: [&str; 3] = ["2026-11-30", "2026-12-01", "2026-12-02"];
pub const PERCENTAGES: [&str; 3] = ["83.87", "0.1", "0.2"];

fn example(file: &str) -> Value {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/examples")).join(file);
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn body(file: &str, status: &str) -> Value {
    example(file)["responses"][status]["body"].clone()
}

/// What the fake was asked, for the tests to check.
#[derive(Default)]
pub struct Seen {
    /// Token requests per tenant.
    pub tokens: HashMap<String, usize>,
    /// Every request line (`GET /path?query`), in order.
    pub requests: Vec<String>,
    /// Whether the throttled page was answered 429 already.
    pub throttled: bool,
}

/// The fake's world and what it saw.
pub struct World {
    base: String,
    /// The orders (as listed), their reservations and summaries.
    pub orders: Vec<Value>,
    pub reservations: HashMap<String, Vec<Value>>,
    pub summaries: HashMap<String, Vec<Value>>,
    pub plan: Value,
    pub seen: Mutex<Seen>,
}

type Shared = Arc<World>;

fn guid_of(id: &str) -> String {
    id.rsplit('/').next().unwrap().to_ascii_lowercase()
}

impl World {
    fn new(base: String) -> World {
        let orders = body("capacity.2022-11-01.GetReservationOrders.json", "200")["value"]
            .as_array()
            .unwrap()
            .clone();
        let template = body("capacity.2022-11-01.GetReservationsFromOrder.json", "200")["value"]
            .as_array()
            .unwrap()
            .clone();
        let day = body(
            "consumption.2026-06-01.ReservationSummariesDaily.json",
            "200",
        )["value"][0]
            .clone();
        let plan = body(
            "capacity.2022-11-01.GetReservationOrderDetailsWithExpandPlanInformation.json",
            "200",
        )["properties"]["planInformation"]
            .clone();
        let mut reservations = HashMap::new();
        let mut summaries = HashMap::new();
        for (k, o) in orders.iter().enumerate() {
            let oid = guid_of(o["id"].as_str().unwrap());
            let mut list = Vec::new();
            let mut days = Vec::new();
            for (i, r) in template.iter().enumerate() {
                let mut r = r.clone();
                // A reservation GUID of its own per order: the order's number in front.
                let rid = format!("{k}{}", &guid_of(r["id"].as_str().unwrap())[1..]);
                r["id"] = json!(format!(
                    "/providers/microsoft.capacity/reservationOrders/{oid}/reservations/{rid}"
                ));
                r["name"] = json!(rid);
                // One world: a reservation ends when its order does.
                r["properties"]["expiryDate"] = o["properties"]["expiryDate"].clone();
                if i + 1 < template.len() {
                    for (d, pct) in DAYS.iter().zip(PERCENTAGES) {
                        let mut s = day.clone();
                        s["properties"]["reservationOrderId"] = json!(oid);
                        s["properties"]["reservationId"] = json!(rid);
                        s["properties"]["usageDate"] = json!(format!("{d}T00:00:00Z"));
                        // Written as JSON numbers, as Azure sends them.
                        s["properties"]["avgUtilizationPercentage"] =
                            serde_json::from_str(pct).unwrap();
                        days.push(s);
                    }
                }
                list.push(r);
            }
            reservations.insert(oid.clone(), list);
            summaries.insert(oid, days);
        }
        World {
            base,
            orders,
            reservations,
            summaries,
            plan,
            seen: Mutex::new(Seen::default()),
        }
    }

    fn saw(&self, uri: &Uri) {
        self.seen
            .lock()
            .unwrap()
            .requests
            .push(format!("GET {uri}"));
    }
}

/// A running fake: its address and what it saw.
pub struct Fake {
    pub base: String,
    pub world: Shared,
}

/// Starts the fake on a free port of 127.0.0.1.
pub async fn start() -> Fake {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let world = Arc::new(World::new(base.clone()));
    let app = Router::new()
        .route("/{tenant}/oauth2/v2.0/token", post(token))
        .route("/v1/customers", get(customers))
        .route(
            "/providers/Microsoft.Capacity/reservationOrders",
            get(order_list),
        )
        .route(
            "/providers/Microsoft.Capacity/reservationOrders/{o}",
            get(order),
        )
        .route(
            "/providers/Microsoft.Capacity/reservationOrders/{o}/reservations",
            get(reservations),
        )
        .route(
            "/providers/Microsoft.Capacity/reservationOrders/{o}/providers/Microsoft.Consumption/reservationSummaries",
            get(summaries),
        )
        .with_state(world.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Fake { base, world }
}

fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}

/// The tenant a bearer token was issued in (`tok-{tenant}-{scope}`), when valid.
fn bearer(headers: &HeaderMap, scope: &str) -> Option<String> {
    let v = headers.get("authorization")?.to_str().ok()?;
    let t = v.strip_prefix("Bearer tok-")?;
    let (tenant, s) = t.split_once('|')?;
    (s == scope).then(|| tenant.to_owned())
}

async fn token(
    State(w): State<Shared>,
    UrlPath(tenant): UrlPath<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    *w.seen
        .lock()
        .unwrap()
        .tokens
        .entry(tenant.clone())
        .or_default() += 1;
    let ok = form.get("grant_type").map(String::as_str) == Some("client_credentials")
        && form.get("client_id").map(String::as_str) == Some(CLIENT_ID)
        && form.get("client_secret").map(String::as_str) == Some(CLIENT_SECRET)
        && tenant != CUSTOMER_REFUSED;
    if !ok {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided."
            })),
        )
            .into_response();
    }
    let scope = form.get("scope").cloned().unwrap_or_default();
    Json(json!({
        "token_type": "Bearer",
        "expires_in": 3599,
        "access_token": format!("tok-{tenant}|{scope}"),
    }))
    .into_response()
}

async fn customers(State(w): State<Shared>, headers: HeaderMap, uri: Uri) -> Response {
    w.saw(&uri);
    if bearer(&headers, "https://api.partnercenter.microsoft.com/.default").as_deref()
        != Some(PARTNER_TENANT)
    {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "Unauthorized",
            "No partner token.",
        );
    }
    let mut page = example("partnercenter.get-a-list-of-customers.response.json");
    let items = page["items"].as_array().unwrap().clone();
    let second = headers.get("MS-ContinuationToken").is_some();
    if second {
        if headers.get("MS-ContinuationToken").unwrap() != "page-2" {
            return refuse(StatusCode::BAD_REQUEST, "BadContinuation", "Unknown token.");
        }
        page["items"] = json!([items[1]]);
    } else {
        page["items"] = json!([items[0]]);
        page["links"]["next"] = json!({
            "uri": "/v1/customers?size=100&seekOperation=Next",
            "method": "GET",
            "headers": [{"key": "MS-ContinuationToken", "value": "page-2"}],
        });
    }
    Json(page).into_response()
}

/// ARM's check: a token for ARM in the tenant that holds the orders.
fn arm_tenant_ok(headers: &HeaderMap) -> bool {
    bearer(headers, "https://management.azure.com/.default").as_deref() == Some(CUSTOMER_OK)
}

async fn order_list(
    State(w): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    w.saw(&uri);
    if !arm_tenant_ok(&headers) {
        return refuse(
            StatusCode::FORBIDDEN,
            "AuthorizationFailed",
            "No GDAP role.",
        );
    }
    if q.get("$skiptoken").map(String::as_str) == Some("page-2") {
        let mut seen = w.seen.lock().unwrap();
        if !seen.throttled {
            seen.throttled = true;
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [("Retry-After", "1")],
                Json(json!({"error": {"code": "TooManyRequests", "message": "Slow down."}})),
            )
                .into_response();
        }
        return Json(json!({"value": [w.orders[2]], "nextLink": null})).into_response();
    }
    Json(json!({
        "value": [w.orders[0], w.orders[1]],
        "nextLink": format!(
            "{}/providers/Microsoft.Capacity/reservationOrders?api-version=2022-11-01&$skiptoken=page-2",
            w.base
        ),
    }))
    .into_response()
}

fn find_order(w: &World, o: &str) -> Option<Value> {
    w.orders
        .iter()
        .find(|x| guid_of(x["id"].as_str().unwrap()) == o.to_ascii_lowercase())
        .cloned()
}

async fn order(
    State(w): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    UrlPath(o): UrlPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    w.saw(&uri);
    if !arm_tenant_ok(&headers) {
        return refuse(
            StatusCode::FORBIDDEN,
            "AuthorizationFailed",
            "No GDAP role.",
        );
    }
    let Some(mut order) = find_order(&w, &o) else {
        return refuse(
            StatusCode::NOT_FOUND,
            "ReservationOrderNotFound",
            "No such order.",
        );
    };
    if q.get("$expand").map(String::as_str) == Some("schedule") {
        order["properties"]["planInformation"] = w.plan.clone();
    }
    Json(order).into_response()
}

async fn reservations(
    State(w): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    UrlPath(o): UrlPath<String>,
) -> Response {
    w.saw(&uri);
    if !arm_tenant_ok(&headers) {
        return refuse(
            StatusCode::FORBIDDEN,
            "AuthorizationFailed",
            "No GDAP role.",
        );
    }
    match w.reservations.get(&o.to_ascii_lowercase()) {
        Some(list) => Json(json!({ "value": list })).into_response(),
        None => refuse(
            StatusCode::NOT_FOUND,
            "ReservationOrderNotFound",
            "No such order.",
        ),
    }
}

async fn summaries(
    State(w): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    UrlPath(o): UrlPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    w.saw(&uri);
    if !arm_tenant_ok(&headers) {
        return refuse(
            StatusCode::FORBIDDEN,
            "AuthorizationFailed",
            "No GDAP role.",
        );
    }
    if q.get("grain").map(String::as_str) != Some("daily") || !q.contains_key("$filter") {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "grain=daily and $filter.",
        );
    }
    let list = w
        .summaries
        .get(&o.to_ascii_lowercase())
        .cloned()
        .unwrap_or_default();
    Json(json!({ "value": list })).into_response()
}
