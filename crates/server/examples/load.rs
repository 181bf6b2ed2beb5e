//! Load figures for `reservation-server` on this machine (printed, not asserted):
//!
//! ```text
//! cargo run --release -p reservation-server --example load
//! ```
//!
//! Serves a fresh demo database of 5,000 customers in-process over real HTTP (the same router
//! as the binary) and drives it with blocking clients on threads:
//! 1. `GET /api/customers` at a fixed 200 requests/s (the target: p99 ≤ 20 ms), then flat out;
//! 2. `calculateRefund` flat out (the target: ≥ 1,000/s);
//! 3. a burst of `return`s, each with its own idempotency key, over many customers.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use reservation_api::{parse_reservation_resource_id, Page, Reservation};
use reservation_quote::Policy;
use reservation_server::backend::{Backend, Identity, DEFAULT_IDEMPOTENCY_RETENTION_HOURS};
use reservation_server::http::{router, AppState};

const CUSTOMERS: usize = 5_000;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db_path = dir.path().join("load.db");
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async move {
            let t = Instant::now();
            let url = reservation_server::sqlite_url(&db_path).expect("folder");
            let store = reservation_server::open_store(&url, true, Some(CUSTOMERS), today)
                .await
                .expect("seed");
            println!(
                "seeded {CUSTOMERS} customers into SQLite in {:.1} s",
                t.elapsed().as_secs_f64()
            );
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
            let app = Arc::new(AppState::new(backend, None, identity));
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            axum::serve(listener, router(app)).await.expect("serve");
        });
    });
    let addr = rx.recv().expect("address");
    let api = format!("http://{addr}/api");

    // Warm up (and check) the list.
    let first = get(&agent(), &format!("{api}/customers"));
    assert!(
        first.contains("\"totalCount\":5000"),
        "{}",
        &first[..200.min(first.len())]
    );

    println!("\nGET /api/customers (page of 25 of 5,000, sorted by name; 4 clients)");
    let paced = paced(&api, "/customers", 200.0, Duration::from_secs(10), 4);
    report("at 200 req/s", &paced.0, paced.1);
    let flat = flat_out(4, Duration::from_secs(5), |a, _| {
        get(a, &format!("{api}/customers?skip=100&top=25"));
    });
    report("flat out", &flat.0, flat.1);

    // calculateRefund over reservations of many customers.
    let targets = refundable(&api, 400);
    println!(
        "\nPOST calculateRefund ({} reservations of {} customers; 4 clients)",
        targets.len(),
        CUSTOMERS.min(400)
    );
    let not_ok = AtomicUsize::new(0);
    let flat = flat_out(4, Duration::from_secs(5), |a, i| {
        let (c, o, r) = &targets[i % targets.len()];
        let status = post(
            a,
            &format!("{api}/customers/{c}/reservationOrders/{o}/calculateRefund"),
            &format!("{{\"reservationId\":\"{r}\",\"quantity\":1}}"),
            None,
        );
        if status != 200 {
            not_ok.fetch_add(1, Ordering::Relaxed);
        }
    });
    report("flat out", &flat.0, flat.1);
    println!(
        "    answers other than 200: {}",
        not_ok.load(Ordering::Relaxed)
    );

    println!(
        "\nPOST return burst ({} returns of one unit, each its own key, 16 clients at once)",
        targets.len()
    );
    let next = AtomicUsize::new(0);
    let statuses: Arc<std::sync::Mutex<Vec<u16>>> = Arc::default();
    let t = Instant::now();
    let lat: Vec<Duration> = thread::scope(|s| {
        let handles: Vec<_> = (0..16)
            .map(|_| {
                let (next, targets, api, statuses) = (&next, &targets, &api, statuses.clone());
                s.spawn(move || {
                    let a = agent();
                    let mut lat = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((c, o, r)) = targets.get(i) else {
                            break;
                        };
                        let start = Instant::now();
                        let status = post(
                            &a,
                            &format!("{api}/customers/{c}/reservationOrders/{o}/return"),
                            &format!("{{\"reservationId\":\"{r}\",\"quantity\":1}}"),
                            Some(&format!("load-{i}")),
                        );
                        lat.push(start.elapsed());
                        statuses.lock().expect("lock").push(status);
                    }
                    lat
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("thread"))
            .collect()
    });
    report("burst", &lat, t.elapsed());
    let statuses = statuses.lock().expect("lock");
    let ok = statuses.iter().filter(|s| **s == 200).count();
    println!(
        "    {ok} refunded, {} refused (422: limit or rules), {} other",
        statuses.iter().filter(|s| **s == 422).count(),
        statuses.iter().filter(|s| **s != 200 && **s != 422).count()
    );
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(30))
        .build()
}

fn get(a: &ureq::Agent, url: &str) -> String {
    match a.get(url).call() {
        Ok(r) => r.into_string().unwrap_or_default(),
        Err(ureq::Error::Status(_, r)) => r.into_string().unwrap_or_default(),
        Err(e) => panic!("{url}: {e}"),
    }
}

fn post(a: &ureq::Agent, url: &str, body: &str, key: Option<&str>) -> u16 {
    let mut r = a.post(url).set("Content-Type", "application/json");
    if let Some(k) = key {
        r = r.set("Idempotency-Key", k);
    }
    let resp = match r.send_string(body) {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{url}: {e}"),
    };
    let status = resp.status();
    let _ = resp.into_string();
    status
}

/// (customer, order, reservation) of active reservations of the first customers.
fn refundable(api: &str, want: usize) -> Vec<(String, String, String)> {
    let a = agent();
    let list: Page<serde_json::Value> = serde_json::from_str(&get(
        &a,
        &format!("{api}/customers?top=1000&sort=companyName"),
    ))
    .expect("customers");
    let mut out = Vec::new();
    for c in list.value {
        let Some(cid) = c["id"].as_str() else {
            continue;
        };
        let page: Page<Reservation> = serde_json::from_str(&get(
            &a,
            &format!("{api}/customers/{cid}/reservations?top=1000&status=Succeeded"),
        ))
        .expect("reservations");
        if let Some(r) = page.value.first() {
            if let Some((o, rid)) = parse_reservation_resource_id(&r.id) {
                out.push((cid.to_string(), o.to_string(), rid.to_string()));
            }
        }
        if out.len() >= want {
            break;
        }
    }
    out
}

/// Requests at a fixed rate spread over `clients`; latencies and the elapsed time.
fn paced(
    api: &str,
    path: &str,
    rate: f64,
    for_: Duration,
    clients: usize,
) -> (Vec<Duration>, Duration) {
    let total = (rate * for_.as_secs_f64()) as usize;
    let interval = Duration::from_secs_f64(1.0 / rate);
    let t0 = Instant::now();
    let lat = on_threads(clients, |k, a| {
        let mut lat = Vec::new();
        let mut i = k;
        while i < total {
            let due = t0 + interval * i as u32;
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                thread::sleep(wait);
            }
            let start = Instant::now();
            get(a, &format!("{api}{path}"));
            lat.push(start.elapsed());
            i += clients;
        }
        lat
    });
    (lat, t0.elapsed())
}

/// Runs `work(k, agent)` on `clients` threads, each with its own agent; all their latencies.
fn on_threads(
    clients: usize,
    work: impl Fn(usize, &ureq::Agent) -> Vec<Duration> + Sync,
) -> Vec<Duration> {
    thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|k| {
                let work = &work;
                s.spawn(move || work(k, &agent()))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("thread"))
            .collect()
    })
}

/// `clients` threads sending back to back for `for_`.
fn flat_out(
    clients: usize,
    for_: Duration,
    f: impl Fn(&ureq::Agent, usize) + Sync,
) -> (Vec<Duration>, Duration) {
    let t0 = Instant::now();
    let counter = AtomicUsize::new(0);
    let lat = on_threads(clients, |_, a| {
        let mut lat = Vec::new();
        while t0.elapsed() < for_ {
            let i = counter.fetch_add(1, Ordering::Relaxed);
            let start = Instant::now();
            f(a, i);
            lat.push(start.elapsed());
        }
        lat
    });
    (lat, t0.elapsed())
}

fn report(label: &str, lat: &[Duration], elapsed: Duration) {
    let mut v = lat.to_vec();
    v.sort();
    let pct = |p: f64| -> f64 {
        if v.is_empty() {
            return 0.0;
        }
        let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
        v[i].as_secs_f64() * 1000.0
    };
    println!(
        "  {label:<14} {:>6} requests in {:>5.1} s = {:>7.0} req/s   p50 {:>6.2} ms   p99 {:>6.2} ms   max {:>6.2} ms",
        v.len(),
        elapsed.as_secs_f64(),
        v.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        v.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    );
}
