//! Buying reservations: `calculatePrice` and `purchase` (issue 12, "Buy"), across every product
//! family, both billing plans, every scope type and every demo user.

use super::*;

/// A purchase of `qty` units for Contoso, shared scope, priced from the catalogue.
fn buy(
    family: Family,
    sku: &str,
    location: &str,
    term: Term,
    plan: BillingPlan,
    qty: u32,
) -> PurchaseRequest {
    PurchaseRequest {
        reserved_resource_type: family,
        sku_name: sku.into(),
        location: location.into(),
        term,
        billing_plan: plan,
        quantity: qty,
        display_name: Some("bought-in-test".into()),
        applied_scope_type: AppliedScopeType::Shared,
        applied_scopes: Vec::new(),
        billing_scope_id: None,
        instance_flexibility: None,
        renew: false,
    }
}

fn vm(plan: BillingPlan, qty: u32) -> PurchaseRequest {
    buy(
        Family::VirtualMachines,
        "Standard_D2s_v5",
        "koreacentral",
        Term::P1Y,
        plan,
        qty,
    )
}

/// The status and target of a refused request.
fn refused<R: std::fmt::Debug>(r: Result<R, ClientError>) -> (u16, Option<String>) {
    match r {
        Err(ClientError::Api { status, target, .. }) => (status, target),
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// Every catalogue entry.
fn catalogue(e: &Env) -> Vec<PriceEntry> {
    run(e.client.price_catalogue_all(&PriceQuery::default())).unwrap()
}

#[test]
fn calculate_price_equals_the_engine_for_every_family_term_and_plan() {
    let e = env();
    let entries = catalogue(&e);
    let mut seen = std::collections::BTreeSet::new();
    for entry in &entries {
        // One SKU and region per (family, term, plan): every combination the catalogue offers.
        let k = (
            entry.reserved_resource_type.to_string(),
            entry.term.to_string(),
            entry.billing_plan.to_string(),
        );
        if !seen.insert(k) {
            continue;
        }
        let req = buy(
            entry.reserved_resource_type.clone(),
            &entry.sku_name,
            &entry.location,
            entry.term.clone(),
            entry.billing_plan.clone(),
            3,
        );
        let got = run(e.client.calculate_price(CONTOSO_ID, &req)).unwrap();
        let want = reservation_quote::purchase_price(
            &entry.term,
            &entry.billing_plan,
            entry.unit_price,
            3,
        )
        .unwrap();
        assert_eq!(got.price, want, "{entry:?}");
        assert_eq!(got.item, req);
        assert_eq!(got.currency_code, "USD");
        assert_eq!(got.as_of, today());
    }
    let families: std::collections::BTreeSet<_> = seen.iter().map(|k| k.0.clone()).collect();
    assert_eq!(
        families.len(),
        Family::KNOWN.len(),
        "every family is on sale"
    );
    assert!(seen.iter().any(|k| k.2 == "Monthly") && seen.iter().any(|k| k.2 == "Upfront"));
    // The documented example: VM D2s v5 koreacentral P1Y Monthly 57.60 × 4.
    let p = run(e
        .client
        .calculate_price(CONTOSO_ID, &vm(BillingPlan::Monthly, 4)))
    .unwrap();
    assert_eq!(p.price.unit_price, dec!(57.60));
    assert_eq!(p.price.monthly_instalment, Some(dec!(230.40)));
    assert_eq!(p.price.total, dec!(2764.80));
    let u = run(e
        .client
        .calculate_price(CONTOSO_ID, &vm(BillingPlan::Upfront, 4)))
    .unwrap();
    assert_eq!(u.price.total, dec!(2764.80));
    assert_eq!(u.price.monthly_instalment, None);
}

#[test]
fn a_purchase_creates_an_order_listed_at_once_audited_and_bought_once_per_key() {
    let e = env();
    let before = contoso_reservations(&e).total_count;
    let count = run(e.client.get_customer(CONTOSO_ID))
        .unwrap()
        .reservation_count;
    let plans = [
        (vm(BillingPlan::Monthly, 2), "buy-vm"),
        (
            buy(
                Family::SqlDatabases,
                "SQLDB_GP_Compute_Gen5",
                "koreasouth",
                Term::P3Y,
                BillingPlan::Upfront,
                4,
            ),
            "buy-sql",
        ),
    ];
    for (n, (req, k)) in plans.iter().enumerate() {
        let done = run(e.client.purchase(CONTOSO_ID, req, k)).unwrap();
        // The same key again (a double click) replays the first answer and buys nothing more.
        let again = run(e.client.purchase(CONTOSO_ID, req, k)).unwrap();
        assert_eq!(done, again);
        assert_eq!(done.reservations.len(), 1);
        let r = &done.reservations[0];
        assert_eq!(r.properties.quantity, req.quantity);
        assert_eq!(r.properties.billing_plan, req.billing_plan);
        assert_eq!(r.properties.term, req.term);
        assert_eq!(r.properties.purchase_date, today());
        assert_eq!(r.properties.display_name, "bought-in-test");
        assert_eq!(
            r.properties.provisioning_state,
            ProvisioningState::Succeeded
        );
        assert_eq!(r.properties.unit_price, done.price.unit_price);
        assert_eq!(done.order.name, r.order_id());
        assert_eq!(contoso_reservations(&e).total_count, before + n as u64 + 1);
        let fetched = run(e.client.get_reservation(&ReservationKey::of(CONTOSO_ID, r))).unwrap();
        assert_eq!(&fetched, r);
        let events = run(e.client.audit_events(CONTOSO_ID, r.order_id(), 0, 50)).unwrap();
        let bought: Vec<_> = events
            .value
            .iter()
            .filter(|ev| ev.action == AuditAction::Purchase)
            .collect();
        assert_eq!(bought.len(), 1);
        assert_eq!(bought[0].actor_id, "admin");
        assert_eq!(bought[0].amount, Some(done.price.total));
    }
    // The same key with another body is refused; no key at all too.
    let other = run(e
        .client
        .purchase(CONTOSO_ID, &vm(BillingPlan::Monthly, 3), "buy-vm"));
    assert_eq!(other.unwrap_err().code(), codes::IDEMPOTENCY_KEY_REUSED);
    let path = Route::Purchase {
        customer: CONTOSO_ID.into(),
    }
    .path();
    let body = serde_json::to_string(&vm(BillingPlan::Upfront, 1)).unwrap();
    let r = raw(&e, HttpRequest::new(Method::Post, &path).with_body(body));
    assert_eq!(r.status, 400);
    assert_eq!(contoso_reservations(&e).total_count, before + 2);
    // The customer list counts them at once too.
    let customer = run(e.client.get_customer(CONTOSO_ID)).unwrap();
    assert_eq!(customer.reservation_count, count + 2);
}

#[test]
fn a_purchase_applies_to_every_scope_type_and_refuses_scopes_the_customer_lacks() {
    let e = env();
    let sub = run(e.client.list_subscriptions(CONTOSO_ID)).unwrap().value[1]
        .id
        .clone();
    let rg = run(e.client.list_resource_groups(CONTOSO_ID, None))
        .unwrap()
        .value[0]
        .id
        .clone();
    let mg = run(e.client.list_management_groups(CONTOSO_ID))
        .unwrap()
        .value[0]
        .id
        .clone();
    let scopes = [
        (AppliedScopeType::Shared, None),
        (AppliedScopeType::Single, Some(sub)),
        (AppliedScopeType::Single, Some(rg)),
        (AppliedScopeType::ManagementGroup, Some(mg)),
    ];
    for (i, (t, id)) in scopes.iter().enumerate() {
        let mut req = vm(BillingPlan::Upfront, 1);
        req.applied_scope_type = *t;
        req.applied_scopes = id.iter().cloned().collect();
        req.renew = i % 2 == 0;
        let done = run(e.client.purchase(CONTOSO_ID, &req, &format!("scope-{i}"))).unwrap();
        let p = &done.reservations[0].properties;
        assert_eq!(p.applied_scope_type, *t);
        assert_eq!(p.applied_scopes, req.applied_scopes);
        assert_eq!(p.renew, req.renew);
    }
    // Another customer's subscription and management group are not Contoso's.
    let fab_sub = run(e.client.list_subscriptions(FABRIKAM_ID)).unwrap().value[0]
        .id
        .clone();
    for (t, id) in [
        (AppliedScopeType::Single, fab_sub),
        (
            AppliedScopeType::ManagementGroup,
            "/providers/Microsoft.Management/managementGroups/mg-nope".to_string(),
        ),
    ] {
        let mut req = vm(BillingPlan::Upfront, 1);
        req.applied_scope_type = t;
        req.applied_scopes = vec![id];
        let r = refused(run(e.client.calculate_price(CONTOSO_ID, &req)));
        assert_eq!(r, (400, Some("appliedScopes".into())));
        let r = refused(run(e.client.purchase(
            CONTOSO_ID,
            &req,
            &format!("bad-{t:?}"),
        )));
        assert_eq!(r, (400, Some("appliedScopes".into())));
    }
}

#[test]
fn refused_purchases_name_the_field_and_change_nothing() {
    let e = env();
    let before = contoso_reservations(&e).total_count;
    let mut cases: Vec<(PurchaseRequest, &str)> = vec![
        (vm(BillingPlan::Upfront, 0), "quantity"),
        (vm(BillingPlan::Monthly, 10_001), "quantity"),
        (
            buy(
                Family::VirtualMachines,
                "Standard_Nope",
                "koreacentral",
                Term::P1Y,
                BillingPlan::Upfront,
                1,
            ),
            "skuName",
        ),
        (
            buy(
                Family::VirtualMachines,
                "Standard_D2s_v5",
                "marsnorth",
                Term::P1Y,
                BillingPlan::Upfront,
                1,
            ),
            "location",
        ),
        // Dedicated hosts are sold for one and three years only.
        (
            buy(
                Family::DedicatedHost,
                "DSv5_Type1",
                "koreacentral",
                Term::P5Y,
                BillingPlan::Upfront,
                1,
            ),
            "term",
        ),
        // Pre-purchase plans are paid upfront only.
        (
            buy(
                Family::DatabricksPrePurchase,
                "",
                "global",
                Term::P1Y,
                BillingPlan::Monthly,
                1,
            ),
            "skuName",
        ),
        (
            buy(
                Family::parse("Spaceships"),
                "X",
                "global",
                Term::P1Y,
                BillingPlan::Upfront,
                1,
            ),
            "reservedResourceType",
        ),
    ];
    // A software plan sold in one region only, bought in another; and a monthly pre-purchase.
    let entries = catalogue(&e);
    let upfront_only = entries
        .iter()
        .find(|p| p.reserved_resource_type == Family::DatabricksPrePurchase)
        .unwrap();
    cases.push((
        buy(
            Family::DatabricksPrePurchase,
            &upfront_only.sku_name,
            "global",
            Term::P1Y,
            BillingPlan::Monthly,
            1,
        ),
        "billingPlan",
    ));
    cases.push((
        buy(
            Family::RedHat,
            &entries
                .iter()
                .find(|p| p.reserved_resource_type == Family::RedHat)
                .unwrap()
                .sku_name,
            "koreacentral",
            Term::P1Y,
            BillingPlan::Upfront,
            1,
        ),
        "location",
    ));
    let mut long = vm(BillingPlan::Upfront, 1);
    long.display_name = Some("x".repeat(65));
    cases.push((long, "displayName"));
    let mut billing = vm(BillingPlan::Upfront, 1);
    billing.billing_scope_id = Some("/subscriptions/00000000-0000-4000-8000-000000000000".into());
    cases.push((billing, "billingScopeId"));
    for (i, (req, field)) in cases.iter().enumerate() {
        let quoted = refused(run(e.client.calculate_price(CONTOSO_ID, req)));
        assert_eq!(quoted, (400, Some(field.to_string())), "{req:?}");
        let bought = refused(run(e.client.purchase(
            CONTOSO_ID,
            req,
            &format!("refused-{i}"),
        )));
        assert_eq!(bought, (400, Some(field.to_string())), "{req:?}");
    }
    assert_eq!(contoso_reservations(&e).total_count, before);
}

#[test]
fn only_owners_and_reservations_administrators_can_buy_and_every_user_can_price() {
    let e = env();
    let before = contoso_reservations(&e).total_count;
    let req = vm(BillingPlan::Monthly, 1);
    for user in ["reader", "contributor"] {
        let c = as_user(&e, user);
        assert!(
            run(c.calculate_price(CONTOSO_ID, &req)).is_ok(),
            "{user} can price"
        );
        let err = run(c.purchase(CONTOSO_ID, &req, "forbidden")).unwrap_err();
        assert_eq!(err.status(), Some(403), "{user}");
        assert_eq!(err.code(), codes::AUTHORIZATION_FAILED);
        assert!(
            !run(c.me()).unwrap().permissions.can_exchange,
            "{user}: the app hides Buy"
        );
    }
    assert_eq!(contoso_reservations(&e).total_count, before);
    let admin = as_user(&e, "resadmin");
    let done = run(admin.purchase(CONTOSO_ID, &req, "resadmin-buys")).unwrap();
    let events = run(e.client.audit_events(CONTOSO_ID, &done.order.name, 0, 10)).unwrap();
    assert_eq!(events.value[0].actor_id, "resadmin");
    assert_eq!(contoso_reservations(&e).total_count, before + 1);
    // Unknown customers are 404 for both endpoints.
    assert_eq!(
        run(e.client.calculate_price("nope", &req))
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        run(e.client.purchase("nope", &req, "k"))
            .unwrap_err()
            .status(),
        Some(404)
    );
}
