//! Measures the mock backend at demo and at scale, and prints the figures.
//!
//! Run: `cargo run -p reservation-mock --profile bench --example bench`

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use reservation_api::{
    CustomerQuery, CustomerSort, HttpRequest, Method, PortfolioQuery, PortfolioSort,
    ReservationQuery, Route, SortOrder,
};
use reservation_mock::demo::{CONTOSO_ID, VM_UPFRONT};
use reservation_mock::{
    generate, generate_with, GeneratorConfig, MockBackend, NullStorage, State, DEFAULT_CUSTOMERS,
    DEFAULT_SEED,
};

/// Runs `f` `n` times and returns the median duration.
fn median<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[n / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");

    // The default (demo) state.
    let default = generate(DEFAULT_SEED, today, DEFAULT_CUSTOMERS);
    let json = default.to_json().expect("serializable");
    println!(
        "default state: {} customers, {} reservations",
        default.customers.len(),
        default.reservation_count()
    );
    println!("  JSON size: {:.1} KB", json.len() as f64 / 1024.0);
    println!(
        "  generate:    {}",
        ms(median(21, || generate(
            DEFAULT_SEED,
            today,
            DEFAULT_CUSTOMERS
        )))
    );
    println!("  serialize:   {}", ms(median(21, || default.to_json())));
    println!(
        "  deserialize: {}",
        ms(median(21, || State::from_json(&json)))
    );

    // Scale: 5,000 customers, 100,000 reservations.
    let config = GeneratorConfig {
        customers: 5_000,
        total_reservations: Some(100_000),
        ..GeneratorConfig::default()
    };
    let t = Instant::now();
    let big = generate_with(DEFAULT_SEED, today, &config);
    let gen_once = t.elapsed();
    println!(
        "scale state: {} customers, {} reservations",
        big.customers.len(),
        big.reservation_count()
    );
    println!(
        "  generate: {} (first run), {} (median of 5)",
        ms(gen_once),
        ms(median(5, || generate_with(DEFAULT_SEED, today, &config)))
    );
    let big_json = big.to_json().expect("serializable");
    println!(
        "  JSON size: {:.1} MB",
        big_json.len() as f64 / (1024.0 * 1024.0)
    );
    println!("  serialize:   {}", ms(median(5, || big.to_json())));
    println!(
        "  deserialize: {}",
        ms(median(5, || State::from_json(&big_json)))
    );

    let mut backend = MockBackend::from_state(Box::new(NullStorage), big);
    let mut get = |path: String| {
        let resp = backend
            .handle(&HttpRequest::new(Method::Get, path), today)
            .expect("a response");
        assert_eq!(resp.status, 200, "{}", resp.body);
        resp.body.len()
    };
    let queries = [
        ("first page, default sort", CustomerQuery::default()),
        (
            "search 'soft' + sort refundLimitUsed desc + page 2",
            CustomerQuery {
                search: Some("soft".into()),
                sort: CustomerSort::RefundLimitUsed,
                order: SortOrder::Desc,
                skip: 25,
                top: 25,
            },
        ),
        (
            "search '한빛' + sort reservationCount desc",
            CustomerQuery {
                search: Some("한빛".into()),
                sort: CustomerSort::ReservationCount,
                order: SortOrder::Desc,
                skip: 0,
                top: 25,
            },
        ),
        (
            "no search, sort expiringWithin30Days desc, page 100",
            CustomerQuery {
                sort: CustomerSort::ExpiringWithin30Days,
                order: SortOrder::Desc,
                skip: 2_475,
                top: 25,
                ..Default::default()
            },
        ),
    ];
    let first = Route::Customers.path();
    let t = Instant::now();
    get(first);
    println!(
        "GET /customers over 5,000 customers, first request (fills the row cache): {}",
        ms(t.elapsed())
    );
    println!("GET /customers over 5,000 customers (median of 21, cached rows):");
    for (label, q) in queries {
        let path = format!("{}{}", Route::Customers.path(), q.to_query_string());
        println!("  {label}: {}", ms(median(21, || get(path.clone()))));
    }
    let res_path = format!(
        "{}{}",
        Route::Reservations {
            customer: CONTOSO_ID.into()
        }
        .path(),
        ReservationQuery::default().to_query_string()
    );
    println!(
        "GET /customers/{{id}}/reservations (demo customer, scale state): {}",
        ms(median(101, || get(res_path.clone())))
    );
    let one = Route::Reservation {
        customer: CONTOSO_ID.into(),
        order: VM_UPFRONT.0.into(),
        reservation: VM_UPFRONT.1.into(),
    }
    .path();
    println!(
        "GET one reservation (scale state): {}",
        ms(median(101, || get(one.clone())))
    );

    // The portfolio at scale: the first request builds the index, the first request of a sort
    // order sorts every row; later ones filter the cached order.
    let portfolio =
        |q: PortfolioQuery| format!("{}{}", Route::Portfolio.path(), q.to_query_string());
    let summary =
        |q: PortfolioQuery| format!("{}{}", Route::PortfolioSummary.path(), q.to_query_string());
    let block = PortfolioQuery {
        top: 100,
        ..Default::default()
    };
    let t = Instant::now();
    get(portfolio(block.clone()));
    println!(
        "GET /reservations?top=100 over 100,000 reservations, first request (builds the index): {}",
        ms(t.elapsed())
    );
    // A fresh selection each time: another query in between (the last selection is kept).
    let other = PortfolioQuery {
        search: Some("zz".into()),
        ..block.clone()
    };
    let fresh = |get: &mut dyn FnMut(String) -> usize, q: &PortfolioQuery| {
        let mut times: Vec<Duration> = (0..11)
            .map(|_| {
                get(portfolio(other.clone()));
                let t = Instant::now();
                get(portfolio(q.clone()));
                t.elapsed()
            })
            .collect();
        times.sort();
        times[5]
    };
    println!("GET /reservations?top=100, a new selection (median of 11, index built):");
    println!("  no filter: {}", ms(fresh(&mut get, &block)));
    for search in ["k", "korea", "koreacentral", "standard_d4"] {
        let q = PortfolioQuery {
            search: Some(search.into()),
            ..block.clone()
        };
        println!("  search '{search}': {}", ms(fresh(&mut get, &q)));
    }
    for sort in [
        PortfolioSort::CompanyName,
        PortfolioSort::Quantity,
        PortfolioSort::Utilization30,
    ] {
        let q = PortfolioQuery {
            sort,
            order: SortOrder::Desc,
            ..block.clone()
        };
        let t = Instant::now();
        get(portfolio(q.clone()));
        let first = t.elapsed();
        println!(
            "  sort {sort:?} desc: first (sorts every row) {}, later {}",
            ms(first),
            ms(fresh(&mut get, &q))
        );
    }
    let next = PortfolioQuery {
        skip: 100,
        ..block.clone()
    };
    get(portfolio(block.clone()));
    println!(
        "  the next block of the same selection (scrolling): {}",
        ms(median(11, || get(portfolio(next.clone()))))
    );
    println!("GET /reservations/summary (median of 11):");
    println!(
        "  no filter: {}",
        ms(median(11, || get(summary(PortfolioQuery::default()))))
    );
    let q = PortfolioQuery {
        search: Some("korea".into()),
        ..Default::default()
    };
    println!(
        "  search 'korea': {}",
        ms(median(11, || get(summary(q.clone()))))
    );
}
