//! Every published example body deserializes into the connector's types, exactly.

use std::path::Path;

use reservation_azure::wire::{
    billing_benefits::SavingsPlan,
    capacity::{
        AvailableScopes, CalculatePriceResponse, Catalog, ExchangeOperation, RefundResponse,
        Reservation, ReservationOrder,
    },
    consumption::{Recommendation, RecommendationDetails, ReservationDetail, ReservationSummary},
    partner_center::{
        AzureEntitlement, Cart, Collection, Customer, Entitlement, VmReservationDetails,
    },
    ArmList,
};
use rust_decimal_macros::dec;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn examples() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/examples"))
}

/// The text of one example file.
fn text(file: &str) -> String {
    std::fs::read_to_string(examples().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The JSON text of a response body: ARM examples keep it under `responses.{status}.body`,
/// Partner Center's files are the body.
fn body(file: &str, status: Option<&str>) -> String {
    let t = text(file);
    match status {
        None => t,
        Some(s) => {
            let v: Value = serde_json::from_str(&t).unwrap();
            v["responses"][s]["body"].to_string()
        }
    }
}

fn parse<T: DeserializeOwned>(file: &str, status: Option<&str>) -> T {
    let b = body(file, status);
    serde_json::from_str(&b).unwrap_or_else(|e| panic!("{file} {status:?}: {e}\n{b}"))
}

/// Each example file and the bodies it holds, with the type each is read as. Run by one test so
/// that a new file without a row fails it.
#[test]
fn every_example_body_deserializes_into_the_connectors_types() {
    let mut used = Vec::new();
    let mut check = |file: &'static str, f: &dyn Fn(&'static str)| {
        f(file);
        used.push(file);
    };
    check("billingbenefits.2026-06-01.SavingsPlanItemGet.json", &|f| {
        let p: SavingsPlan = parse(f, Some("200"));
        assert_eq!(p.sku.name, "Compute_Savings_Plan");
    });
    check(
        "billingbenefits.2026-06-01.SavingsPlansInOrderList.json",
        &|f| {
            let l: ArmList<SavingsPlan> = parse(f, Some("200"));
            assert!(!l.value.is_empty());
        },
    );
    check("billingbenefits.2026-06-01.SavingsPlansList.json", &|f| {
        let l: ArmList<SavingsPlan> = parse(f, Some("200"));
        assert!(!l.value.is_empty());
    });
    for f in [
        "capacity.2022-11-01.Archive.json",
        "capacity.2022-11-01.Unarchive.json",
    ] {
        check(f, &|f| {
            let v: Value = serde_json::from_str(&text(f)).unwrap();
            assert!(v["responses"]["200"].get("body").is_none(), "{f}: no body");
        });
    }
    check("capacity.2022-11-01.CalculateExchange.json", &|f| {
        let op: ExchangeOperation = parse(f, Some("200"));
        let p = op.properties.unwrap();
        assert!(p.session_id.is_some());
        assert!(!p.savings_plans_to_purchase.is_empty());
    });
    check("capacity.2022-11-01.Exchange.json", &|f| {
        let op: ExchangeOperation = parse(f, Some("200"));
        assert_eq!(op.status.as_deref(), Some("Succeeded"));
    });
    check("capacity.2022-11-01.CalculateRefund.json", &|f| {
        let r: RefundResponse = parse(f, Some("200"));
        let p = r.properties;
        assert!(p.session_id.is_some());
        assert_eq!(p.billing_refund_amount.unwrap().amount, dec!(20.72));
        let b = p.billing_information.unwrap();
        let paid = b.billing_currency_total_paid_amount.unwrap().amount;
        let used = b.billing_currency_prorated_amount.unwrap().amount;
        assert_eq!(
            paid - used,
            dec!(20.72),
            "paid − prorated is the refund, to the cent"
        );
    });
    check("capacity.2022-11-01.Return.json", &|f| {
        let _: ReservationOrder = parse(f, Some("200"));
        let r: RefundResponse = parse(f, Some("202"));
        assert!(r.properties.session_id.is_some());
    });
    check("capacity.2022-11-01.CalculateReservationOrder.json", &|f| {
        let r: CalculatePriceResponse = parse(f, Some("200"));
        assert!(r.properties.reservation_order_id.is_some());
        assert!(!r.properties.payment_schedule.is_empty());
    });
    check("capacity.2022-11-01.PurchaseReservationOrder.json", &|f| {
        let _: ReservationOrder = parse(f, Some("200"));
        let _: ReservationOrder = parse(f, Some("202"));
    });
    check("capacity.2022-11-01.GetAvailableScope.json", &|f| {
        let s: AvailableScopes = parse(f, Some("200"));
        assert!(!s.properties.scopes.is_empty());
    });
    check("capacity.2022-11-01.GetCatalog.json", &|f| {
        let c: Catalog = parse(f, Some("200"));
        assert!(!c.value.is_empty());
    });
    check("capacity.2022-11-01.GetReservationDetails.json", &|f| {
        let r: Reservation = parse(f, Some("200"));
        assert!(r.properties.last_updated_date_time.is_some());
    });
    for f in [
        "capacity.2022-11-01.GetReservationOrderDetails.json",
        "capacity.2022-11-01.GetReservationOrderDetailsWithExpandPlanInformation.json",
    ] {
        check(f, &|f| {
            let o: ReservationOrder = parse(f, Some("200"));
            assert!(o.properties.created_date_time.is_some());
        });
    }
    check("capacity.2022-11-01.GetReservationOrders.json", &|f| {
        let l: ArmList<ReservationOrder> = parse(f, Some("200"));
        assert!(l.next_link.is_some());
    });
    check("capacity.2022-11-01.GetReservations.json", &|f| {
        let l: ArmList<Reservation> = parse(f, Some("200"));
        assert!(l.next_link.is_none(), "nextLink: null is no next page");
        let u = l.value[0].properties.utilization.as_ref().unwrap();
        assert!(!u.aggregates.is_empty());
    });
    check("capacity.2022-11-01.GetReservationsFromOrder.json", &|f| {
        let l: ArmList<Reservation> = parse(f, Some("200"));
        assert!(!l.value.is_empty());
    });
    for f in [
        "capacity.2022-11-01.MergeReservations.json",
        "capacity.2022-11-01.SplitReservation.json",
    ] {
        check(f, &|f| {
            let l: Vec<Reservation> = parse(f, Some("200"));
            assert!(l.len() >= 2, "{f}: every reservation involved");
        });
    }
    check("capacity.2022-11-01.UpdateReservation.json", &|f| {
        let _: Reservation = parse(f, Some("200"));
    });
    for f in [
        "consumption.2026-06-01.ReservationDetails.json",
        "consumption.2026-06-01.ReservationDetailsWithReservationId.json",
    ] {
        check(f, &|f| {
            let l: ArmList<ReservationDetail> = parse(f, Some("200"));
            assert!(l.value[0].properties.instance_flexibility_ratio.is_some());
        });
    }
    check(
        "consumption.2026-06-01.ReservationRecommendationDetailsBySubscription.json",
        &|f| {
            let d: RecommendationDetails = parse(f, Some("200"));
            assert!(!d.properties.savings.calculated_savings.is_empty());
        },
    );
    for f in [
        "consumption.2026-06-01.ReservationRecommendationsByBillingAccount.json",
        "consumption.2026-06-01.ReservationRecommendationsBySubscription.json",
    ] {
        check(f, &|f| {
            let l: ArmList<Recommendation> = parse(f, Some("200"));
            assert!(!l.value.is_empty());
        });
    }
    for f in [
        "consumption.2026-06-01.ReservationSummariesDaily.json",
        "consumption.2026-06-01.ReservationSummariesDailyWithReservationId.json",
        "consumption.2026-06-01.ReservationSummariesMonthly.json",
    ] {
        check(f, &|f| {
            let l: ArmList<ReservationSummary> = parse(f, Some("200"));
            assert!(!l.value.is_empty());
        });
    }
    check("partnercenter.create-a-cart.request.jsonc", &|f| {
        // The request keeps its comments (`/* … */`), as published: strip them to read it.
        let t = text(f);
        let mut clean = String::new();
        let mut rest = t.as_str();
        while let Some(i) = rest.find("/*") {
            clean.push_str(&rest[..i]);
            rest = &rest[rest[i..].find("*/").unwrap() + i + 2..];
        }
        clean.push_str(rest);
        let v: Value = serde_json::from_str(&clean).unwrap();
        assert!(v["lineItems"].as_array().unwrap().len() >= 2);
    });
    check("partnercenter.create-a-cart.response.json", &|f| {
        let c: Cart = parse(f, None);
        assert!(!c.line_items.is_empty());
    });
    check(
        "partnercenter.get-a-collection-of-entitlements.response.json",
        &|f| {
            let c: Collection<Entitlement> = parse(f, None);
            assert!(!c.items.is_empty());
        },
    );
    check(
        "partnercenter.get-a-collection-of-entitlements.vm-reservation-details.response.json",
        &|f| {
            let d: VmReservationDetails = parse(f, None);
            assert!(!d.virtual_machine_reservations.is_empty());
        },
    );
    check(
        "partnercenter.get-a-list-of-azure-entitlements-for-subscription.response.json",
        &|f| {
            let c: Collection<AzureEntitlement> = parse(f, None);
            assert!(!c.items.is_empty());
        },
    );
    check(
        "partnercenter.get-a-list-of-customers.response.json",
        &|f| {
            let c: Collection<Customer> = parse(f, None);
            assert_eq!(c.items.len(), 2);
            assert_eq!(c.total_count, Some(2));
        },
    );

    // Every file of the folder has a row above.
    let mut files: Vec<String> = std::fs::read_dir(examples())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json") || n.ends_with(".jsonc"))
        .collect();
    files.sort();
    let mut used: Vec<String> = used.iter().map(|s| s.to_string()).collect();
    used.sort();
    assert_eq!(files, used);
}
