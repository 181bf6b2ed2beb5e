//! The service's figures on SQLite and PostgreSQL side by side (issue 20's benchmarks): a
//! benchmark that prints numbers, not a test with thresholds.
//!
//! `cargo bench -p reservation-server --bench service` builds the server (bench profile), seeds
//! each database straight through the store (the demo generator's data: faster than thousands of
//! API calls), starts `reservation-server --demo` on it and drives it over HTTP from this process.
//! PostgreSQL is a throwaway cluster of Debian's `postgresql`, as in the tests; without it the
//! PostgreSQL column says so. `BENCH_ONLY=sqlite` (or `postgres`) runs one database;
//! `BENCH_PARTS=patch,lists,burst` (the default: all three) chooses the parts.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::{Db, HttpTransport, Server};
use reservation_api::*;
use reservation_mock::demo::{CONTOSO_ID, VM_UPFRONT};
use reservation_mock::{generate_with, GeneratorConfig, DEFAULT_SEED};

const DAY: &str = "2026-11-28";

fn today() -> NaiveDate {
    DAY.parse().expect("a day")
}

fn run<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

/// The database kinds this run measures.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Sqlite,
    Postgres,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Sqlite => "SQLite",
            Kind::Postgres => "PostgreSQL",
        }
    }

    fn new_db(self) -> Db {
        match self {
            Kind::Sqlite => Db::sqlite(),
            Kind::Postgres => Db::postgres(),
        }
    }
}

fn url(db: &Db) -> String {
    match db {
        Db::Sqlite(path, _) => reservation_server::sqlite_url(path).expect("sqlite url"),
        Db::Postgres(url) => url.clone(),
    }
}

/// A new database of `kind` holding the generator's data for `config`.
fn seeded(kind: Kind, config: &GeneratorConfig) -> Db {
    let db = kind.new_db();
    let state = generate_with(DEFAULT_SEED, today(), config);
    let url = url(&db);
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(async {
            let store = reservation_sql_store::SqlStore::open(&url)
                .await
                .expect("open the store");
            store.seed(&state).await.expect("seed the store");
        });
    db
}

fn server(db: &Db, extra: &[&str]) -> Server {
    let mut args = vec!["--demo", "--today", DAY];
    args.extend_from_slice(extra);
    Server::on(db, &args)
}

/// p50 and p99 of some durations.
#[derive(Clone, Copy)]
struct Latency {
    p50: Duration,
    p99: Duration,
}

impl Latency {
    fn of(mut samples: Vec<Duration>) -> Latency {
        assert!(!samples.is_empty(), "no samples");
        samples.sort();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
        Latency {
            p50: at(0.50),
            p99: at(0.99),
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The first active reservation of `customer`.
fn active_reservation(c: &Client<HttpTransport>, customer: &str) -> Reservation {
    let q = ReservationQuery {
        status: Some(ProvisioningState::Succeeded),
        top: 1,
        ..Default::default()
    };
    run(c.list_reservations(customer, &q))
        .expect("list reservations")
        .value
        .into_iter()
        .next()
        .expect("an active reservation")
}

/// `PATCH` (a rename under `If-Match`) of one reservation of `customer`, one after another,
/// through `servers` in turn.
fn patch_latency(servers: &[&Server], customer: &str) -> Latency {
    let clients: Vec<_> = servers.iter().map(|s| Client::new(s.transport())).collect();
    let r = active_reservation(&clients[0], customer);
    let key = ReservationKey::of(customer, &r);
    let mut etag = r.etag;
    let mut samples = Vec::new();
    for i in 0..220 {
        // Through each server in turn.
        let c = &clients[i % clients.len()];
        let patch = ReservationPatch {
            properties: ReservationPatchProperties {
                display_name: Some(format!("bench-{i}")),
                ..Default::default()
            },
        };
        let t = Instant::now();
        let done = run(c.update_reservation(&key, &patch, etag)).expect("patch");
        if i >= 20 {
            samples.push(t.elapsed());
        }
        etag = done.etag;
    }
    Latency::of(samples)
}

/// `GET path` at `rate` requests per second for `secs` seconds, from 4 threads; the latency of
/// each request (a late request is sent at once, and its latency counts from then).
fn paced_gets(base: &str, path: impl Fn(usize) -> String + Sync, rate: u32, secs: u32) -> Latency {
    const THREADS: u32 = 4;
    let per_thread = rate * secs / THREADS;
    let gap = Duration::from_secs_f64(f64::from(THREADS) / f64::from(rate));
    let start = Instant::now();
    let samples: Vec<Duration> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let path = &path;
                scope.spawn(move || {
                    let agent = ureq::AgentBuilder::new().build();
                    let mut out = Vec::new();
                    let offset = gap / THREADS * t;
                    for i in 0..per_thread {
                        let due = start + offset + gap * i;
                        if let Some(wait) = due.checked_duration_since(Instant::now()) {
                            thread::sleep(wait);
                        }
                        let url = format!("{base}{}", path((i * THREADS + t) as usize));
                        let t0 = Instant::now();
                        let resp = common::send_raw(&agent, "GET", &url, &[], None).expect("GET");
                        assert_eq!(resp.status, 200, "{url}: {}", resp.body);
                        out.push(t0.elapsed());
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("thread"))
            .collect()
    });
    Latency::of(samples)
}

/// `calculateRefund` requests per second over 5 s from 2 threads, one after another in each.
fn refund_quotes_per_second(s: &Server) -> f64 {
    let api = format!("{}/api", s.base);
    let secs = 5.0;
    let counts: Vec<u32> = thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let api = api.clone();
                scope.spawn(move || {
                    let c = Client::new(HttpTransport::new(&api));
                    let req = CalculateRefundRequest {
                        reservation_id: VM_UPFRONT.1.into(),
                        quantity: 1,
                    };
                    let start = Instant::now();
                    let mut n = 0;
                    while start.elapsed().as_secs_f64() < secs {
                        run(c.calculate_refund(CONTOSO_ID, VM_UPFRONT.0, &req)).expect("quote");
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    f64::from(counts.iter().sum::<u32>()) / secs
}

/// A new reservation of Contoso of `quantity` units to return from: (order, reservation).
fn bought(s: &Server, quantity: u32) -> (String, String) {
    let c = Client::new(s.transport());
    let buy = common::vm_purchase(quantity, BillingPlan::Upfront, "bench-returns");
    let key = format!("bench-buy-{}", next_key());
    let bought = run(c.purchase(CONTOSO_ID, &buy, &key)).expect("purchase");
    (
        bought.order.name.clone(),
        bought.reservations[0].reservation_id().to_string(),
    )
}

/// A key no earlier run of this process used.
fn next_key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed).to_string()
}

/// 100 returns of one unit, one after another (nobody waits for a lock): their latency.
fn sequential_returns(s: &Server) -> Latency {
    let (order, reservation) = bought(s, 120);
    let c = Client::new(s.transport());
    let req = ReturnRequest {
        reservation_id: reservation,
        quantity: 1,
        return_reason: None,
    };
    let samples = (0..100)
        .map(|i| {
            let t = Instant::now();
            run(c.return_reservation(CONTOSO_ID, &order, &req, &format!("seq-{i}")))
                .expect("return");
            t.elapsed()
        })
        .collect();
    Latency::of(samples)
}

/// 400 returns of one unit of one reservation, all at once (one customer: every one waits for
/// its row lock), spread over `servers`: answers per second, how many were 503 (busy), and the
/// latency of the others.
fn return_burst(servers: &[Server]) -> (f64, usize, Latency) {
    const N: usize = 400;
    let (order, reservation) = bought(&servers[0], 500);
    let apis: Vec<String> = servers.iter().map(|s| format!("{}/api", s.base)).collect();
    let barrier = Arc::new(Barrier::new(N + 1));
    let handles: Vec<_> = (0..N)
        .map(|i| {
            let barrier = barrier.clone();
            let api = apis[i % apis.len()].clone();
            let (order, reservation) = (order.clone(), reservation.clone());
            thread::spawn(move || {
                let client = Client::new(HttpTransport::new(&api));
                let req = ReturnRequest {
                    reservation_id: reservation,
                    quantity: 1,
                    return_reason: None,
                };
                barrier.wait();
                let t = Instant::now();
                run(client.return_reservation(CONTOSO_ID, &order, &req, &format!("burst-{i}")))
                    .map(|_| t.elapsed())
            })
        })
        .collect();
    barrier.wait();
    let start = Instant::now();
    let answers: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect();
    let rate = N as f64 / start.elapsed().as_secs_f64();
    // A 503 (every pool connection taken for its whole wait) is the server shedding load: it is
    // counted; anything else fails the run.
    let busy = answers
        .iter()
        .filter(|a| matches!(a, Err(ClientError::Api { status: 503, .. })))
        .count();
    let failed: Vec<_> = answers
        .iter()
        .filter_map(|a| a.as_ref().err())
        .filter(|e| !matches!(e, ClientError::Api { status: 503, .. }))
        .collect();
    if let Some(first) = failed.first() {
        for s in servers {
            eprintln!("--- server log:\n{}", s.output());
        }
        panic!(
            "{} of {N} returns failed, the first: {first:?}",
            failed.len()
        );
    }
    let samples = answers.into_iter().flatten().collect();
    (rate, busy, Latency::of(samples))
}

/// One row of the table: a figure per database (`None`: not measured).
struct Row {
    what: &'static str,
    target: &'static str,
    figures: Vec<Option<String>>,
}

/// Whether `BENCH_PARTS` asks for this part (all when unset).
fn part(name: &str) -> bool {
    std::env::var("BENCH_PARTS").map_or(true, |p| p.split(',').any(|x| x.trim() == name))
}

fn measure(kind: Kind, rows: &mut [Row], col: usize) {
    eprintln!("== {}", kind.name());
    if part("patch") {
        measure_patch(kind, rows, col);
    }
    if part("lists") {
        measure_lists(kind, rows, col);
    }
    if part("burst") {
        measure_burst(kind, rows, col);
    }
}

fn measure_patch(kind: Kind, rows: &mut [Row], col: usize) {
    // PATCH: a customer of the demo's size beside one with 10,000 reservations.
    let fixed = reservation_mock::demo::fixed_customers(today()).len();
    let big = GeneratorConfig {
        customers: fixed + 1,
        min_reservations: 10_000,
        max_reservations: 10_000,
        total_reservations: None,
    };
    let t = Instant::now();
    let db = seeded(kind, &big);
    eprintln!(
        "   seeded a 10,000-reservation customer in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let big_customer = generate_with(DEFAULT_SEED, today(), &big).customers[fixed]
        .id
        .clone();
    let s = server(&db, &[]);
    let small = patch_latency(&[&s], CONTOSO_ID);
    let large = patch_latency(&[&s], &big_customer);
    rows[0].figures[col] = Some(format!("{} / {}", ms(small.p50), ms(small.p99)));
    rows[1].figures[col] = Some(format!("{} / {}", ms(large.p50), ms(large.p99)));
    // Two processes: each write of one is news to the other, which reads the customer again.
    let other = server(&db, &[]);
    let small = patch_latency(&[&s, &other], CONTOSO_ID);
    let large = patch_latency(&[&s, &other], &big_customer);
    rows[2].figures[col] = Some(format!("{} / {}", ms(small.p50), ms(small.p99)));
    rows[3].figures[col] = Some(format!("{} / {}", ms(large.p50), ms(large.p99)));
}

fn measure_lists(kind: Kind, rows: &mut [Row], col: usize) {
    // Lists and the Portfolio over 5,000 customers and 100,000 reservations.
    let many = GeneratorConfig {
        customers: 5_000,
        total_reservations: Some(100_000),
        ..GeneratorConfig::default()
    };
    let t = Instant::now();
    let db = seeded(kind, &many);
    eprintln!(
        "   seeded 5,000 customers, 100,000 reservations in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let s = server(&db, &[]);
    let first = Instant::now();
    let _ = common::get(&s.base, "/api/customers?top=50", &[]);
    eprintln!(
        "   first request (loads the records) {}",
        ms(first.elapsed())
    );
    let list = paced_gets(
        &s.base,
        |i| {
            format!(
                "/api/customers?skip={}&top=50&sort=companyName",
                (i * 50) % 5_000
            )
        },
        200,
        10,
    );
    rows[4].figures[col] = Some(format!("{} (p50 {})", ms(list.p99), ms(list.p50)));
    let portfolio = paced_gets(
        &s.base,
        |i| {
            let family = ["VirtualMachines", "SqlDatabases", "CosmosDb", "AppService"][i % 4];
            format!("/api/reservations?family={family}&status=Succeeded&utilizationBelow=80&sort=expiryDate&top=50")
        },
        20,
        5,
    );
    rows[5].figures[col] = Some(format!("{} (p99 {})", ms(portfolio.p50), ms(portfolio.p99)));
}

fn measure_burst(kind: Kind, rows: &mut [Row], col: usize) {
    // Quotes and a burst of returns on the demo's data, the refund limit out of the way.
    let db = kind.new_db();
    let s = server(&db, &["--refund-limit", "100000000"]);
    rows[6].figures[col] = Some(format!("{:.0}/s", refund_quotes_per_second(&s)));
    let seq = sequential_returns(&s);
    rows[7].figures[col] = Some(format!("{} / {}", ms(seq.p50), ms(seq.p99)));
    rows[8].figures[col] = Some(burst_figure(return_burst(std::slice::from_ref(&s))));
    drop(s);
    drop(db);

    let db = kind.new_db();
    let pair = [
        server(&db, &["--refund-limit", "100000000"]),
        server(&db, &["--refund-limit", "100000000"]),
    ];
    rows[9].figures[col] = Some(burst_figure(return_burst(&pair)));
}

fn burst_figure((rate, busy, lat): (f64, usize, Latency)) -> String {
    let busy = if busy > 0 {
        format!(", {busy} busy")
    } else {
        String::new()
    };
    format!("{rate:.0}/s, p99 {}{busy}", ms(lat.p99))
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported.
    let only = std::env::var("BENCH_ONLY").ok();
    let kinds: Vec<Kind> = [Kind::Sqlite, Kind::Postgres]
        .into_iter()
        .filter(|k| {
            only.as_deref()
                .is_none_or(|o| k.name().to_lowercase().starts_with(&o.to_lowercase()))
        })
        .collect();
    let row = |what, target| Row {
        what,
        target,
        figures: vec![None; 2],
    };
    let mut rows = vec![
        row(
            "PATCH p50 / p99, customer of the demo (Contoso)",
            "same as 10,000",
        ),
        row(
            "PATCH p50 / p99, customer with 10,000 reservations",
            "same as Contoso",
        ),
        row("PATCH p50 / p99 over two processes in turn, Contoso", ""),
        row("PATCH p50 / p99 over two processes in turn, 10,000", ""),
        row(
            "customer list p99 at 200 req/s, 5,000 customers",
            "<= 20 ms",
        ),
        row("Portfolio filter p50, 100,000 reservations", "<= 50 ms"),
        row("calculateRefund per second (2 clients)", ">= 5,000/s"),
        row("return p50 / p99, one after another", ""),
        row("burst of 400 returns on one customer, one process", ""),
        row("burst of 400 returns on one customer, two processes", ""),
    ];
    for kind in kinds {
        let col = if kind == Kind::Sqlite { 0 } else { 1 };
        if kind == Kind::Postgres && !common::pg::pg_bin().join("initdb").exists() {
            eprintln!(
                "== PostgreSQL: no initdb in {}, not measured",
                common::pg::pg_bin().display()
            );
            continue;
        }
        measure(kind, &mut rows, col);
    }
    println!();
    println!("{:<54} {:>28} {:>28}   target", "", "SQLite", "PostgreSQL");
    for r in &rows {
        let f = |i: usize| {
            r.figures[i]
                .clone()
                .unwrap_or_else(|| "not measured".into())
        };
        println!("{:<54} {:>28} {:>28}   {}", r.what, f(0), f(1), r.target);
    }
}
