//! A sync against the fake Azure: what is stored is exactly what Azure said, a throttled page
//! is retried, and a customer whose tenant refuses the app does not stop the other.

mod fake;

use std::time::Duration;

use chrono::NaiveDate;
use reservation_api::{BillingPlan, Family, ProvisioningState, Term};
use reservation_azure::config::Secret;
use reservation_azure::{sync_once, AzureClient, AzureConfig};
use reservation_mock::{view, Scope};
use reservation_sql_store::SqlStore;
use rust_decimal::Decimal;
use serde_json::Value;

fn config(base: &str) -> AzureConfig {
    let mut c = AzureConfig::new(
        fake::PARTNER_TENANT.into(),
        fake::CLIENT_ID.into(),
        Secret::new(fake::CLIENT_SECRET),
    );
    c.authority = base.into();
    c.arm = base.into();
    c.partner_center = base.into();
    c.retry_budget = Duration::from_secs(10);
    c
}

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 4)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_stores_what_azure_said_and_contains_a_refused_customer() {
    let fake = fake::start().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
    let store = SqlStore::open(&url).await.unwrap();
    let client = AzureClient::new(&config(&fake.base));

    let report = sync_once(&client, &store, now(), 90).await.unwrap();

    // The report: the first customer fully, the second refused by its tenant.
    assert!(!report.all_synced());
    assert_eq!(
        report.customers.len(),
        2,
        "both pages of Partner Center's list"
    );
    let ok = &report.customers[0];
    assert_eq!(ok.id, fake::CUSTOMER_OK);
    assert_eq!(ok.errors, Vec::<String>::new());
    assert_eq!((ok.orders, ok.reservations), (3, 15));
    assert_eq!(
        ok.utilization_days,
        3 * 4 * 3,
        "three days on four of five per order"
    );
    let refused = &report.customers[1];
    assert_eq!(refused.id, fake::CUSTOMER_REFUSED);
    assert_eq!(refused.orders, 0);
    assert!(
        refused.errors[0].contains("invalid_client"),
        "{:?}",
        refused.errors
    );
    assert!(refused.errors[0].contains("AADSTS7000215"));
    let printed = report.to_string();
    assert!(
        !printed.contains(fake::CLIENT_SECRET),
        "the secret is never printed"
    );

    {
        let seen = fake.world.seen.lock().unwrap();
        assert!(
            seen.throttled,
            "the second page of orders was throttled once, then read"
        );
        // One token per tenant and scope for the whole pass: cached.
        assert_eq!(seen.tokens.get(fake::CUSTOMER_OK), Some(&1));
        assert_eq!(seen.tokens.get(fake::PARTNER_TENANT), Some(&1));
        let expanded = seen
            .requests
            .iter()
            .filter(|r| r.contains("$expand=schedule"))
            .count();
        assert_eq!(expanded, 3, "each order with its payment plan");
    }

    // The store: every reservation exactly as the fake's world has it.
    let mut tx = store.read().await.unwrap();
    let (_, c) = tx.customer(fake::CUSTOMER_OK).await.unwrap().unwrap();
    let (_, r) = tx.customer(fake::CUSTOMER_REFUSED).await.unwrap().unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(c.name, "companyName");
    assert_eq!(
        r.orders.len(),
        0,
        "a refused customer is listed, with nothing invented"
    );
    assert_eq!(c.orders.len(), 3);
    let today = now().date();
    for listed in &fake.world.orders {
        let oid = listed["name"].as_str().unwrap();
        let o = c.order(oid).unwrap_or_else(|| panic!("order {oid}"));
        let p = &listed["properties"];
        assert_eq!(o.term, Term::parse(p["term"].as_str().unwrap()));
        assert_eq!(
            o.plan,
            BillingPlan::parse(p["billingPlan"].as_str().unwrap())
        );
        let expiry: NaiveDate = p["expiryDate"].as_str().unwrap().parse().unwrap();
        assert_eq!(
            view::expiry(o),
            expiry,
            "Azure's expiry, not purchase + term"
        );
        let azure = &fake.world.reservations[oid];
        assert_eq!(o.res.len(), azure.len());
        for (a, rec) in azure.iter().zip(&o.res) {
            let ap = &a["properties"];
            assert_eq!(rec.id, a["name"].as_str().unwrap());
            assert_eq!(rec.name, ap["displayName"].as_str().unwrap());
            assert_eq!(rec.sku, a["sku"]["name"].as_str().unwrap());
            assert_eq!(rec.loc, a["location"].as_str().unwrap());
            assert_eq!(Value::from(rec.qty), ap["quantity"]);
            assert_eq!(rec.family, Family::VirtualMachines);
            let sub = &c.subs[match rec.scope {
                Scope::Sub(i) => i,
                other => panic!("scope {other:?}"),
            }];
            assert_eq!(
                format!("/subscriptions/{}", sub.id),
                ap["appliedScopeProperties"]["subscriptionId"]
                    .as_str()
                    .unwrap()
            );
            assert_eq!(sub.name, "Azure subscription 1");
            let state = view::state(o, rec, today);
            let code = ap["extendedStatusInfo"]["statusCode"].as_str();
            let expected = match (ap["provisioningState"].as_str().unwrap(), code) {
                ("Cancelled", Some("Split")) => ProvisioningState::Split,
                ("Cancelled", Some("Merged")) => ProvisioningState::Merged,
                ("Cancelled", _) => ProvisioningState::Cancelled,
                // Succeeded in Azure, past its 2018 expiry today.
                _ => ProvisioningState::Expired,
            };
            assert_eq!(state, expected, "{}", rec.id);
        }
        // Utilization: three days, exactly as sent, on every reservation but the last.
        for rec in &o.res[..o.res.len() - 1] {
            let days: Vec<String> = rec.measured.iter().map(|m| m.day.to_string()).collect();
            assert_eq!(days, fake::DAYS);
            let pct: Vec<Decimal> = rec.measured.iter().map(|m| m.percentage).collect();
            let want: Vec<Decimal> = fake::PERCENTAGES
                .iter()
                .map(|p| p.parse().unwrap())
                .collect();
            assert_eq!(pct, want);
            assert_eq!(pct[1] + pct[2], "0.3".parse::<Decimal>().unwrap());
        }
        let last = o.res.last().unwrap();
        assert!(last.measured.is_empty(), "no summaries, no utilization");
        assert_eq!(last.util, None, "and nothing invented in its place");
    }

    // A second pass changes nothing that was already true: same ETags, nothing duplicated.
    let before: Vec<u64> = c
        .orders
        .iter()
        .flat_map(|o| o.res.iter().map(|r| r.etag))
        .collect();
    let again = sync_once(&client, &store, now(), 90).await.unwrap();
    assert_eq!(again.customers[0].reservations, 15);
    let mut tx = store.read().await.unwrap();
    let (_, c2) = tx.customer(fake::CUSTOMER_OK).await.unwrap().unwrap();
    tx.rollback().await.unwrap();
    let after: Vec<u64> = c2
        .orders
        .iter()
        .flat_map(|o| o.res.iter().map(|r| r.etag))
        .collect();
    assert_eq!(before, after);
    assert_eq!(c2.orders.len(), 3);
    assert_eq!(c2.orders[0].res[0].measured.len(), 3);
}

#[tokio::test]
async fn a_wrong_secret_fails_the_pass_without_showing_the_secret() {
    let fake = fake::start().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
    let store = SqlStore::open(&url).await.unwrap();
    let mut cfg = config(&fake.base);
    cfg.client_secret = Secret::new("wrong-secret-value");
    let err = sync_once(&AzureClient::new(&cfg), &store, now(), 90)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("invalid_client"), "{err}");
    assert!(!err.contains("wrong-secret-value"));
    assert!(!format!("{cfg:?}").contains("wrong-secret-value"));
}
