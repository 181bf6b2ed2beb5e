//! The demo-data generator: determinism, the variety the demo needs, and scale.

use std::collections::HashSet;

use chrono::NaiveDate;
use reservation_api::{
    Customer, CustomerQuery, CustomerSort, HttpRequest, Method, Page, ProvisioningState, SortOrder,
};
use reservation_mock::demo::{CONTOSO_ID, FABRIKAM_ID};
use reservation_mock::{
    generate, generate_with, view, GeneratorConfig, MockBackend, NullStorage, DEFAULT_CUSTOMERS,
    DEFAULT_SEED,
};
use reservation_quote::Policy;
use rust_decimal::Decimal;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

#[test]
fn the_same_seed_gives_the_same_data() {
    let a = generate(DEFAULT_SEED, today(), DEFAULT_CUSTOMERS);
    let b = generate(DEFAULT_SEED, today(), DEFAULT_CUSTOMERS);
    assert_eq!(a.to_json().unwrap(), b.to_json().unwrap());
    let c = generate(DEFAULT_SEED + 1, today(), DEFAULT_CUSTOMERS);
    assert_ne!(a.to_json().unwrap(), c.to_json().unwrap());
    // The fixed demo customers do not depend on the seed.
    assert_eq!(a.customers[0], c.customers[0]);
    assert_eq!(a.customers[0].id, CONTOSO_ID);
    assert_eq!(a.customers[1].id, FABRIKAM_ID);
}

#[test]
fn the_default_data_has_the_variety_the_demo_needs() {
    let s = generate(DEFAULT_SEED, today(), DEFAULT_CUSTOMERS);
    let policy = Policy::default();
    assert!(s.customers.len() >= 50);
    let names: HashSet<&str> = s.customers.iter().map(|c| c.name.as_str()).collect();
    let domains: HashSet<&str> = s.customers.iter().map(|c| c.domain.as_str()).collect();
    assert_eq!(names.len(), s.customers.len(), "unique names");
    assert_eq!(domains.len(), s.customers.len(), "unique domains");
    let hangul = |t: &str| t.chars().any(|c| ('가'..='힣').contains(&c));
    assert!(s.customers.iter().filter(|c| hangul(&c.name)).count() >= 10);
    assert!(s.customers.iter().filter(|c| !hangul(&c.name)).count() >= 10);
    let countries: HashSet<&str> = s.customers.iter().map(|c| c.country.as_str()).collect();
    assert!(countries.contains("KR") && countries.contains("US") && countries.len() >= 4);
    for c in &s.customers[2..] {
        let n = c.orders.iter().map(|o| o.res.len()).sum::<usize>();
        assert!((1..=40).contains(&n), "{} has {n}", c.name);
    }
    let (mut exp30, mut exp60, mut exp90, mut expired, mut cancelled, mut poor) =
        (0, 0, 0, 0, 0, 0);
    let mut families = HashSet::new();
    let mut regions = HashSet::new();
    let mut skus = HashSet::new();
    for c in &s.customers {
        for (o, r) in c.reservations() {
            families.insert(r.family.clone());
            regions.insert(r.loc.clone());
            skus.insert(r.sku.clone());
            match view::state(o, r, today()) {
                ProvisioningState::Expired => expired += 1,
                ProvisioningState::Cancelled => cancelled += 1,
                _ => {
                    let days = (view::expiry(o) - today()).num_days();
                    if days <= 30 {
                        exp30 += 1;
                    } else if days <= 60 {
                        exp60 += 1;
                    } else if days <= 90 {
                        exp90 += 1;
                    }
                    if let Some(u) =
                        reservation_mock::utilization_summary(r, view::span(o, r, today()), today())
                    {
                        if u.average(30).is_some_and(|a| a < Decimal::from(40)) {
                            poor += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(
        exp30 >= 10 && exp60 >= 10 && exp90 >= 10,
        "{exp30} {exp60} {exp90}"
    );
    assert!(expired >= 10 && cancelled >= 10, "{expired} {cancelled}");
    assert!(poor >= 10, "{poor}");
    assert!(families.len() >= 15, "{}", families.len());
    assert!(
        regions.contains("koreacentral")
            && regions.contains("koreasouth")
            && regions.contains("westeurope")
            && regions.contains("japaneast")
    );
    assert!(skus.contains("Standard_D2s_v5"));
    let near_limit = s
        .customers
        .iter()
        .filter(|c| {
            let used = view::limit_used(c, today(), &policy);
            used >= Decimal::from(45_000) && used <= Decimal::from(49_500)
        })
        .count();
    assert!(near_limit >= 2, "{near_limit}");
}

#[test]
fn scales_to_5000_customers_and_100000_reservations() {
    let config = GeneratorConfig {
        customers: 5_000,
        total_reservations: Some(100_000),
        ..GeneratorConfig::default()
    };
    let started = std::time::Instant::now();
    let s = generate_with(7, today(), &config);
    let generated = started.elapsed();
    assert_eq!(s.customers.len(), 5_000);
    assert_eq!(s.reservation_count(), 100_000);
    let domains: HashSet<&str> = s.customers.iter().map(|c| c.domain.as_str()).collect();
    assert_eq!(domains.len(), 5_000);
    assert_eq!(generate_with(7, today(), &config), s);
    // The customer list over all of them: search + sort + page.
    let mut backend = MockBackend::from_state(Box::new(NullStorage), s);
    let q = CustomerQuery {
        search: Some("soft".into()),
        sort: CustomerSort::RefundLimitUsed,
        order: SortOrder::Desc,
        skip: 25,
        top: 25,
    };
    let started = std::time::Instant::now();
    let resp = backend
        .handle(
            &HttpRequest::new(Method::Get, format!("/customers{}", q.to_query_string())),
            today(),
        )
        .unwrap();
    let listed = started.elapsed();
    assert_eq!(resp.status, 200);
    let page: Page<Customer> = serde_json::from_str(&resp.body).unwrap();
    assert!(page.total_count > 50);
    assert_eq!(page.value.len(), 25);
    println!("5,000 customers / 100,000 reservations: generated in {generated:?}, listed in {listed:?} (debug build)");
}

#[test]
fn a_stored_state_without_credits_gets_them_back_on_load() {
    let state = generate(DEFAULT_SEED, today(), DEFAULT_CUSTOMERS);
    let seeded: usize = state.customers.iter().map(|c| c.credits.len()).sum();
    assert!(seeded > 0, "the seed credits its cancelled reservations");
    // A state stored before credits were recorded: same data, no credits.
    let mut old = state.clone();
    for c in &mut old.customers {
        c.credits.clear();
    }
    let text = old.to_json().unwrap();
    assert!(!text.contains("\"credits\""));
    let loaded = reservation_mock::State::from_json(&text).unwrap();
    assert_eq!(loaded.customers, state.customers);
}

#[test]
fn a_reservation_ended_by_a_merge_gets_no_credit() {
    use reservation_mock::demo::{SPLIT_A, SPLIT_B};
    let mut state = generate(DEFAULT_SEED, today(), 2);
    let c = state.customer_mut(CONTOSO_ID).unwrap();
    let credits = c.credits.clone();
    let o = c.order_mut(SPLIT_A.0).unwrap();
    // Merge: B's units join A; B ends.
    let b_qty = o.reservation(SPLIT_B.1).unwrap().qty;
    o.reservation_mut(SPLIT_A.1).unwrap().qty += b_qty;
    let b = o.reservation_mut(SPLIT_B.1).unwrap();
    b.status = reservation_mock::StoredStatus::Cancelled;
    b.ended = Some(today());
    state.backfill_credits();
    assert_eq!(state.customer(CONTOSO_ID).unwrap().credits, credits);
}
