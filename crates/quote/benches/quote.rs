//! Throughput of the quote engine. Run: `cargo bench -p reservation-quote --bench quote`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use reservation_quote::{
    exchange_quote, refund_quote, BillingPlan, Family, HistoryEntry, Policy, PurchaseLine,
    Reservation, ReturnLine, Term,
};
use rust_decimal::Decimal;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn reservation(plan: BillingPlan, price: i64) -> Reservation {
    Reservation {
        id: Some("r1".into()),
        family: Family::VirtualMachines,
        term: Term::P3Y,
        billing_plan: plan,
        purchase_date: date(2024, 1, 31),
        quantity: Decimal::from(5),
        unit_price: Decimal::new(price, 2),
        current_unit_price: Some(Decimal::new(price - 1234, 2)),
        status: None,
        final_exchange_used: false,
    }
}

fn bench(c: &mut Criterion) {
    let as_of = date(2025, 7, 9);
    let history = vec![
        HistoryEntry {
            date: date(2024, 9, 1),
            amount: Decimal::new(3_000_000, 2),
        },
        HistoryEntry {
            date: date(2025, 2, 10),
            amount: Decimal::new(1_234_567, 2),
        },
        HistoryEntry {
            date: date(2023, 2, 10),
            amount: Decimal::new(999_999, 2),
        },
    ];
    let policy = Policy {
        fee_rate: Decimal::new(12, 2),
        ..Policy::default()
    };
    let upfront = reservation(BillingPlan::Upfront, 360_000);
    let monthly = reservation(BillingPlan::Monthly, 10_000);

    let mut g = c.benchmark_group("refund_quote");
    g.throughput(Throughput::Elements(1));
    g.bench_function("upfront, 3 history entries, fee", |b| {
        b.iter(|| {
            refund_quote(
                black_box(&upfront),
                black_box(Decimal::from(2)),
                black_box(as_of),
                black_box(&history),
                black_box(&policy),
            )
        })
    });
    g.bench_function("monthly, 3 history entries, fee", |b| {
        b.iter(|| {
            refund_quote(
                black_box(&monthly),
                black_box(Decimal::from(2)),
                black_box(as_of),
                black_box(&history),
                black_box(&policy),
            )
        })
    });
    g.bench_function("blocked (quantity 0)", |b| {
        b.iter(|| {
            refund_quote(
                black_box(&upfront),
                black_box(Decimal::ZERO),
                black_box(as_of),
                black_box(&history),
                black_box(&policy),
            )
        })
    });
    g.finish();

    let returns = vec![
        ReturnLine {
            reservation: upfront.clone(),
            quantity: Decimal::from(2),
        },
        ReturnLine {
            reservation: Reservation {
                id: Some("r2".into()),
                ..monthly.clone()
            },
            quantity: Decimal::from(3),
        },
    ];
    let purchases = vec![
        PurchaseLine {
            family: Family::DedicatedHost,
            term: Term::P3Y,
            billing_plan: BillingPlan::Upfront,
            unit_price: Decimal::new(520_000, 2),
            quantity: Decimal::from(2),
        },
        PurchaseLine {
            family: Family::Avs,
            term: Term::P1Y,
            billing_plan: BillingPlan::Monthly,
            unit_price: Decimal::new(12_050, 2),
            quantity: Decimal::ONE,
        },
    ];
    let default_policy = Policy::default();
    let mut g = c.benchmark_group("exchange_quote");
    g.throughput(Throughput::Elements(1));
    g.bench_function("2 returns, 2 purchases", |b| {
        b.iter(|| {
            exchange_quote(
                black_box(&returns),
                black_box(&purchases),
                black_box(as_of),
                black_box(&default_policy),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
