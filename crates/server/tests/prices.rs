//! Outside `--demo` prices come from the imported price list (`prices import`), not from the
//! synthetic catalogue: nothing is on sale before an import, and afterwards exactly what the list
//! has, at its prices.

mod common;

use std::path::Path;
use std::process::Command;
use std::str::FromStr;

use common::{binary, get, request, Server};
use reservation_api::Method;
use reservation_mock::demo::CONTOSO_ID;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

const HEADER: &str = "X-Forwarded-Email";
const OWNER: (&str, &str) = (HEADER, "boss@example.com");

fn fixture() -> String {
    format!(
        "{}/tests/fixtures/retail-prices-page.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs a subcommand on `db`: (success, stdout and stderr).
fn cli(db: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(binary())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// A demo database (customers), then the same database served without `--demo`.
fn production() -> Server {
    let mut s = Server::demo();
    s.kill();
    let (ok, out) = cli(&s.db, &["users", "add", OWNER.1, "--role", "Owner"]);
    assert!(ok, "{out}");
    s.restart_with(&["--trust-proxy-header", HEADER, "--today", "2026-11-28"]);
    s
}

fn line(sku: &str, term: &str, plan: &str, quantity: u32) -> String {
    format!(
        r#"{{"reservedResourceType": "VirtualMachines", "skuName": "{sku}", "location": "koreacentral",
            "term": "{term}", "billingPlan": "{plan}", "quantity": {quantity}, "appliedScopeType": "Shared",
            "appliedScopes": [], "instanceFlexibility": "On", "renew": false}}"#
    )
}

fn post(s: &Server, what: &str, body: &str, key: &str) -> (u16, Value) {
    let path = format!("/api/customers/{CONTOSO_ID}/{what}");
    let r = request(
        &s.base,
        Method::Post,
        &path,
        &[OWNER, ("Idempotency-Key", key)],
        Some(body),
    );
    let v = serde_json::from_str(&r.body).unwrap_or(Value::Null);
    (r.status, v)
}

fn money(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("a decimal string")).expect("a decimal")
}

fn catalogue(s: &Server) -> Vec<Value> {
    let r = get(&s.base, "/api/priceCatalogue", &[OWNER]);
    assert_eq!(r.status, 200, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    v["value"].as_array().cloned().unwrap_or_default()
}

fn assert_refused(status: u16, body: &Value, says: &str) {
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "SkuNotOnPriceList", "{body}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains(says), "{message}");
    assert!(message.contains("prices import"), "{message}");
}

#[test]
fn purchases_are_priced_from_the_imported_price_list() {
    let s = production();

    // Nothing imported: nothing on sale, and a purchase says why.
    assert!(catalogue(&s).is_empty());
    let d2 = line("Standard_D2s_v5", "P1Y", "Upfront", 2);
    let (status, body) = post(&s, "calculatePrice", &d2, "k0");
    assert_refused(
        status,
        &body,
        "VirtualMachines Standard_D2s_v5 in koreacentral for P1Y cannot be priced: no price list",
    );
    let (status, body) = post(&s, "purchase", &d2, "k1");
    assert_refused(status, &body, "no price list has been imported");

    // A file that is not a page fails, naming it, and imports nothing.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("page-2.json");
    std::fs::write(
        &bad,
        r#"{"Items": [{"type": "Reservation", "unitPrice": "701"}]}"#,
    )
    .unwrap();
    let bad = bad.to_string_lossy().to_string();
    let (ok, out) = cli(&s.db, &["prices", "import", &fixture(), &bad]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("page-2.json") && out.contains("nothing was imported"),
        "{out}"
    );
    assert!(catalogue(&s).is_empty());

    // The import, while the server runs: it picks the list up on its next request.
    let (ok, out) = cli(&s.db, &["prices", "import", &fixture()]);
    assert!(ok, "{out}");
    assert!(
        out.contains("read 3 item(s) from 1 file(s): kept 1 Reservation, 1 Consumption"),
        "{out}"
    );
    assert!(out.contains("skipped 1 DevTestConsumption"), "{out}");

    // The catalogue lists exactly the imported reservation item (both plans).
    let entries = catalogue(&s);
    assert_eq!(entries.len(), 2, "{entries:?}");
    for e in &entries {
        assert_eq!(e["reservedResourceType"], "VirtualMachines");
        assert_eq!(e["skuName"], "Standard_D2s_v5");
        assert_eq!(e["location"], "koreacentral");
        assert_eq!(e["term"], "P1Y");
        assert_eq!(e["currencyCode"], "USD");
    }
    let price_of = |plan: &str| {
        entries
            .iter()
            .find(|e| e["billingPlan"] == plan)
            .map(|e| money(&e["unitPrice"]))
    };
    assert_eq!(price_of("Upfront"), Some(dec!(701.15)));
    // 701.15 / 12 = 58.4291…, to the cent.
    assert_eq!(price_of("Monthly"), Some(dec!(58.43)));

    // calculatePrice: the imported price to the cent.
    let (status, body) = post(&s, "calculatePrice", &d2, "k2");
    assert_eq!(status, 200, "{body}");
    assert_eq!(money(&body["price"]["unit_price"]), dec!(701.15));
    assert_eq!(money(&body["price"]["total"]), dec!(1402.30));
    let monthly = line("Standard_D2s_v5", "P1Y", "Monthly", 1);
    let (status, body) = post(&s, "calculatePrice", &monthly, "k3");
    assert_eq!(status, 200, "{body}");
    assert_eq!(money(&body["price"]["unit_price"]), dec!(58.43));

    // What the list lacks is refused: another term, another SKU (both in the demo catalogue).
    let (status, body) = post(
        &s,
        "calculatePrice",
        &line("Standard_D2s_v5", "P3Y", "Upfront", 1),
        "k4",
    );
    assert_refused(
        status,
        &body,
        "VirtualMachines Standard_D2s_v5 in koreacentral for P3Y is not on the price list",
    );
    let d4 = line("Standard_D4s_v5", "P1Y", "Upfront", 1);
    let (status, body) = post(&s, "purchase", &d4, "k5");
    assert_refused(status, &body, "Standard_D4s_v5 in koreacentral for P1Y");

    // A purchase at the listed price; its current price is the listed one too.
    let (status, body) = post(&s, "purchase", &d2, "k6");
    assert_eq!(status, 201, "{body}");
    assert_eq!(money(&body["price"]["total"]), dec!(1402.30));
    let props = &body["reservations"][0]["properties"];
    assert_eq!(money(&props["unitPrice"]), dec!(701.15));
    assert_eq!(money(&props["currentUnitPrice"]), dec!(701.15));
}

#[test]
fn the_demo_keeps_the_synthetic_catalogue() {
    let s = Server::demo();
    let (ok, out) = cli(&s.db, &["prices", "import", &fixture()]);
    assert!(ok, "{out}");
    // With --demo the imported list is not used.
    let r = get(&s.base, "/api/priceCatalogue?top=5", &[]);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert!(v["totalCount"].as_u64().unwrap_or(0) > 500, "{v}");
}
