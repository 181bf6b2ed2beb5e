//! What the demo build does before its first rows: seed the demo data, then answer the first
//! page's requests; and the large portfolio's generation. Run:
//! `cargo bench -p reservation-mock --bench startup`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use reservation_api::{HttpRequest, Method, HEADER_DEMO_USER};
use reservation_mock::{generate, generate_with, GeneratorConfig, MemoryStorage, MockBackend};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or(NaiveDate::MIN)
}

fn get(path: &str) -> HttpRequest {
    HttpRequest::new(Method::Get, path).with_header(HEADER_DEMO_USER, "admin")
}

fn startup(c: &mut Criterion) {
    let seed = reservation_mock::DEFAULT_SEED;
    c.bench_function("generate the default demo data (60 customers)", |b| {
        b.iter(|| generate_with(black_box(seed), today(), &GeneratorConfig::default()))
    });
    let requests = [
        get("/me"),
        get("/demoUsers"),
        get("/customers?sort=companyName&order=asc&skip=0&top=20"),
    ];
    c.bench_function("open and answer the first page (light path)", |b| {
        b.iter(|| {
            let mut backend = MockBackend::open(Box::new(MemoryStorage::new()), today());
            for req in &requests {
                black_box(backend.handle_light(req, today()));
            }
        })
    });
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("generate the large portfolio (5,000 customers)", |b| {
        b.iter(|| generate(black_box(seed), today(), 5000))
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
