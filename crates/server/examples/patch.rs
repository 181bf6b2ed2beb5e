//! What one write costs against the size of its customer (printed, not asserted):
//!
//! ```text
//! cargo run --profile server -p reservation-server --example patch              # SQLite
//! DATABASE_URL=postgres://… cargo run --profile server -p reservation-server --example patch
//! ```
//!
//! Seeds two customers, one with 10 reservations and one with 10,000, serves them in-process over
//! real HTTP, and renames one reservation of each 300 times (`PATCH` with `If-Match`, one client):
//! p50 and p99 per customer. The write must not grow with the customer.

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use reservation_mock::{generate, ResRec, State};
use reservation_quote::Policy;
use reservation_server::backend::{Backend, Identity, DEFAULT_IDEMPOTENCY_RETENTION_HOURS};
use reservation_server::http::{router, AppState};
use reservation_sql_store::SqlStore;

const ROUNDS: usize = 300;

/// Two customers: the first cut to `small` reservations, the second grown to `large` (copies of
/// its own, with new ids).
fn state(today: NaiveDate, small: usize, large: usize) -> State {
    let mut state = generate(7, today, 2);
    let c = &mut state.customers[0];
    let mut left = small;
    c.orders.retain_mut(|o| {
        o.res.truncate(left);
        left -= o.res.len();
        !o.res.is_empty()
    });
    let template = state.customers[1].orders.clone();
    let mut n = state.customers[1].reservations().count();
    let mut copies = Vec::new();
    'grow: loop {
        for o in &template {
            let mut o = o.clone();
            o.id = state.new_guid();
            o.audit.clear();
            let mut res: Vec<ResRec> = Vec::new();
            for r in &o.res {
                if n >= large {
                    break;
                }
                let mut r = r.clone();
                r.id = state.new_guid();
                r.roles.clear();
                res.push(r);
                n += 1;
            }
            o.res = res;
            if !o.res.is_empty() {
                copies.push(o);
            }
            if n >= large {
                break 'grow;
            }
        }
    }
    state.customers[1].orders.extend(copies);
    state.reindex();
    state
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| {
        reservation_server::sqlite_url(&dir.path().join("patch.db")).expect("folder")
    });
    let which = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let seeded = state(today, 10, 10_000);
    let customers: Vec<(String, usize)> = seeded
        .customers
        .iter()
        .map(|c| (c.id.clone(), c.reservations().count()))
        .collect();
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async move {
            let store = SqlStore::open(&url).await.expect("open");
            store.seed(&seeded).await.expect("seed (an empty database)");
            let identity = Identity {
                demo: true,
                proxy_header: None,
            };
            let backend = Backend::new(
                store,
                Policy::default(),
                identity.clone(),
                Some(today),
                DEFAULT_IDEMPOTENCY_RETENTION_HOURS,
            );
            backend.warm_up().await.expect("read");
            let app = Arc::new(AppState::new(backend, None, identity));
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            axum::serve(listener, router(app)).await.expect("serve");
        });
    });
    let api = format!("http://{}/api", rx.recv().expect("address"));
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(30))
        .build();

    println!("PATCH of one reservation's name on {which}, {ROUNDS} times, one client");
    for (cid, count) in customers {
        let list: serde_json::Value = agent
            .get(&format!("{api}/customers/{cid}/reservations?top=1"))
            .call()
            .expect("list")
            .into_json()
            .expect("json");
        let id = list["value"][0]["id"]
            .as_str()
            .expect("a reservation")
            .to_string();
        let path = id
            .split("/providers/Microsoft.Capacity/")
            .nth(1)
            .expect("resource id");
        let url = format!("{api}/customers/{cid}/{path}");
        let mut etag = agent
            .get(&url)
            .call()
            .expect("get")
            .header("ETag")
            .expect("etag")
            .to_string();
        let mut lat = Vec::with_capacity(ROUNDS);
        for i in 0..ROUNDS {
            let start = Instant::now();
            let resp = agent
                .request("PATCH", &url)
                .set("Content-Type", "application/json")
                .set("If-Match", &etag)
                .send_string(&format!(
                    "{{\"properties\":{{\"displayName\":\"bench-{i}\"}}}}"
                ))
                .expect("patch");
            lat.push(start.elapsed());
            etag = resp.header("ETag").expect("etag").to_string();
        }
        lat.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  customer with {count:>6} reservations: p50 {:6.2} ms  p99 {:6.2} ms",
            ms(lat[lat.len() / 2]),
            ms(lat[lat.len() * 99 / 100])
        );
    }
}
