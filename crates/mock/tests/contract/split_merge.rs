//! Split and merge (issue 12), part of the shared contract suite: run against the mock and
//! against `reservation-server`. Included from the end of `suite.rs`.

use std::collections::BTreeSet;

use super::*;

/// `(status, code, target)` of a refused call.
fn refused<R: std::fmt::Debug>(r: Result<R, ClientError>) -> (u16, String, Option<String>) {
    match r.unwrap_err() {
        ClientError::Api {
            status,
            code,
            target,
            ..
        } => (status, code, target),
        other => panic!("not an API error: {other:?}"),
    }
}

fn split(
    client: &Client<T>,
    customer: &str,
    ids: (&str, &str),
    quantities: &[u32],
    idem: &str,
    if_match: Option<u64>,
) -> Result<SplitResponse, ClientError> {
    let req = SplitRequest {
        reservation_id: ids.1.into(),
        quantities: quantities.to_vec(),
    };
    run(client.split_reservation(customer, ids.0, &req, idem, if_match))
}

fn merge(
    client: &Client<T>,
    customer: &str,
    order: &str,
    sources: &[&str],
    idem: &str,
    if_match: &[u64],
) -> Result<MergeResponse, ClientError> {
    let req = MergeRequest {
        sources: sources.iter().map(|s| s.to_string()).collect(),
    };
    run(client.merge_reservations(customer, order, &req, idem, if_match))
}

/// Checks a split of `before` into `quantities` and the merge of its parts back, by `client`.
fn split_and_merge_back(e: &Env, client: &Client<T>, customer: &str, before: &Reservation) {
    let (order, id) = (before.order_id(), before.reservation_id());
    let q = before.properties.quantity;
    let quantities = [q - 1, 1];
    let done = split(
        client,
        customer,
        (order, id),
        &quantities,
        "split-1",
        Some(before.etag),
    )
    .unwrap_or_else(|err| panic!("split of {}: {err:?}", before.id));
    // The source ends as Split, auto-renew off, a new version.
    let src = &done.source;
    assert_eq!(src.id, before.id);
    assert_eq!(src.properties.provisioning_state, ProvisioningState::Split);
    assert!(!src.properties.renew);
    assert_eq!(src.etag, before.etag + 1);
    assert_eq!(src.properties.quantity, q);
    assert!(src.properties.utilization.is_none());
    // Two new reservations of the same order: new ids, the given quantities, same price and dates.
    assert_eq!(done.created.len(), 2);
    let mut charges = Decimal::ZERO;
    for (part, &want) in done.created.iter().zip(&quantities) {
        assert_eq!(part.order_id(), order);
        assert_ne!(part.reservation_id(), id);
        let p = &part.properties;
        assert_eq!(p.quantity, want);
        assert_eq!(p.provisioning_state, ProvisioningState::Succeeded);
        assert!(!p.renew);
        assert_eq!(p.unit_price, before.properties.unit_price);
        assert_eq!(p.purchase_date, before.properties.purchase_date);
        assert_eq!(p.expiry_date, before.properties.expiry_date);
        assert_eq!(p.term, before.properties.term);
        assert_eq!(p.billing_plan, before.properties.billing_plan);
        assert_eq!(
            p.reserved_resource_type,
            before.properties.reserved_resource_type
        );
        assert_eq!(part.sku, before.sku);
        assert_eq!(part.location, before.location);
        assert_eq!(p.applied_scope_type, before.properties.applied_scope_type);
        assert_eq!(p.applied_scopes, before.properties.applied_scopes);
        assert_eq!(part.etag, 1);
        charges += reservation_quote_charge(p.unit_price, p.quantity);
    }
    // The parts' charges sum to the old charge.
    assert_eq!(
        charges,
        reservation_quote_charge(before.properties.unit_price, q)
    );
    // The order lists the new reservations; GET of the source says Split.
    let ord = run(client.get_reservation_order(customer, order)).unwrap();
    for part in &done.created {
        assert!(ord.properties.reservations.iter().any(|r| r.id == part.id));
    }
    let again = run(client.get_reservation(&ReservationKey::of(customer, before))).unwrap();
    assert_eq!(
        again.properties.provisioning_state,
        ProvisioningState::Split
    );
    // The audit trail has the split, newest first, with before → after.
    let events = run(client.audit_events(customer, order, 0, 50)).unwrap();
    let ev = &events.value[0];
    assert_eq!(ev.action, AuditAction::Split);
    assert_eq!(ev.reservation_id.as_deref(), Some(id));
    let change = |f: &str| ev.changes.iter().find(|c| c.field == f).cloned();
    let qty = change("quantity").expect("a quantity change");
    assert_eq!(qty.old_value, Some(q.to_string()));
    assert_eq!(qty.new_value, Some(format!("{} + 1", q - 1)));
    assert!(change("reservationId").is_some());
    assert!(change("charge").is_some());
    assert_eq!(change("renew").is_some(), before.properties.renew);

    // Merge the parts back.
    let ids: Vec<&str> = done.created.iter().map(|r| r.reservation_id()).collect();
    let etags: Vec<u64> = done.created.iter().map(|r| r.etag).collect();
    let merged = merge(client, customer, order, &ids, "merge-1", &etags)
        .unwrap_or_else(|err| panic!("merge of {ids:?}: {err:?}"));
    let m = &merged.created;
    assert_eq!(m.order_id(), order);
    assert!(!ids.contains(&m.reservation_id()) && m.reservation_id() != id);
    assert_eq!(m.properties.quantity, q);
    assert_eq!(m.properties.unit_price, before.properties.unit_price);
    assert_eq!(
        m.properties.provisioning_state,
        ProvisioningState::Succeeded
    );
    assert!(!m.properties.renew);
    assert_eq!(m.properties.display_name, before.properties.display_name);
    for s in &merged.sources {
        assert_eq!(s.properties.provisioning_state, ProvisioningState::Merged);
    }
    let events = run(client.audit_events(customer, order, 0, 50)).unwrap();
    assert_eq!(events.value[0].action, AuditAction::Merge);
    assert_eq!(
        events.value[0].reservation_id.as_deref(),
        Some(m.reservation_id())
    );
    assert_eq!(events.value[1].action, AuditAction::Split);
    let _ = e;
}

/// unit_price × quantity, as the quote engine computes a charge.
fn reservation_quote_charge(price: Decimal, quantity: u32) -> Decimal {
    price * Decimal::from(quantity)
}

#[test]
fn split_then_merge_back_keeps_the_order_and_the_charge() {
    let e = env();
    // Auto-renew on first, to see the split turn it off.
    let vm = vm_upfront(&e);
    let patch = ReservationPatch {
        properties: ReservationPatchProperties {
            renew: Some(true),
            ..Default::default()
        },
    };
    let vm = run(e
        .client
        .update_reservation(&key(VM_UPFRONT), &patch, vm.etag))
    .unwrap();
    assert!(vm.properties.renew);
    split_and_merge_back(&e, &e.client, CONTOSO_ID, &vm);
    // The list shows the merged reservation active and the three ended ones.
    let all = contoso_reservations(&e);
    let of_order: Vec<&Reservation> = all
        .value
        .iter()
        .filter(|r| r.order_id() == VM_UPFRONT.0)
        .collect();
    assert_eq!(of_order.len(), 4);
    let states: Vec<ProvisioningState> = of_order
        .iter()
        .map(|r| r.properties.provisioning_state)
        .collect();
    assert_eq!(
        states
            .iter()
            .filter(|s| **s == ProvisioningState::Succeeded)
            .count(),
        1
    );
    assert!(states.contains(&ProvisioningState::Split));
    assert_eq!(
        states
            .iter()
            .filter(|s| **s == ProvisioningState::Merged)
            .count(),
        2
    );
    // An ended source is not active for the quote engine either.
    let req = CalculateRefundRequest {
        reservation_id: VM_UPFRONT.1.into(),
        quantity: 1,
    };
    let q = run(e.client.calculate_refund(CONTOSO_ID, VM_UPFRONT.0, &req)).unwrap();
    assert!(!q.quote.errors.is_empty());
}

#[test]
fn split_and_merge_work_across_families_plans_and_scopes() {
    let e = env();
    let rows = portfolio_all(
        &e.client,
        &PortfolioQuery {
            status: Some(ProvisioningState::Succeeded),
            top: 1000,
            ..Default::default()
        },
    );
    // One active reservation of 2+ units per family, per (family-independent) billing plan and
    // per scope type; at most one per order so the splits do not interfere.
    let mut seen_family = BTreeSet::new();
    let mut seen_plan = BTreeSet::new();
    let mut seen_scope = BTreeSet::new();
    let mut orders = BTreeSet::new();
    let mut picked = Vec::new();
    for row in &rows {
        let r = &row.reservation;
        let p = &r.properties;
        if p.quantity < 2 || !orders.insert(r.order_id().to_string()) {
            continue;
        }
        let family = p.reserved_resource_type.as_str().to_string();
        let plan = format!("{:?}", p.billing_plan);
        let scope = format!("{:?}", p.applied_scope_type);
        let new_family = !seen_family.contains(&family);
        let new_plan = !seen_plan.contains(&(family.clone(), plan.clone()));
        let new_scope = !seen_scope.contains(&scope);
        if new_family || new_plan || new_scope {
            seen_family.insert(family.clone());
            seen_plan.insert((family, plan));
            seen_scope.insert(scope);
            picked.push(row.clone());
        }
    }
    assert!(seen_family.len() >= 15, "families: {seen_family:?}");
    let plans: BTreeSet<&String> = seen_plan.iter().map(|(_, p)| p).collect();
    assert_eq!(plans.len(), 2, "{plans:?}");
    assert_eq!(seen_scope.len(), 3, "{seen_scope:?}");
    for row in &picked {
        split_and_merge_back(&e, &e.client, &row.customer_id, &row.reservation);
    }
}

#[test]
fn the_roles_that_may_manage_may_split_and_merge_others_get_403() {
    let e = env();
    // Reader: 403 on every split and merge, nothing changes.
    let reader = as_user(&e, "reader");
    let (status, code, _) = refused(split(&reader, CONTOSO_ID, VM_UPFRONT, &[3, 3], "r", None));
    assert_eq!((status, code.as_str()), (403, codes::AUTHORIZATION_FAILED));
    let (status, _, _) = refused(merge(
        &reader,
        CONTOSO_ID,
        SPLIT_A.0,
        &[SPLIT_A.1, SPLIT_B.1],
        "r",
        &[],
    ));
    assert_eq!(status, 403);
    // The contributor is only Reader on the monthly VM: 403 there; Contributor on the upfront
    // VM: allowed (manage rights).
    let contributor = as_user(&e, "contributor");
    let (status, _, _) = refused(split(
        &contributor,
        CONTOSO_ID,
        VM_MONTHLY,
        &[2, 2],
        "c",
        None,
    ));
    assert_eq!(status, 403);
    assert_eq!(
        vm_upfront(&e).properties.provisioning_state,
        ProvisioningState::Succeeded
    );
    let before = run(contributor.get_reservation(&key(VM_UPFRONT))).unwrap();
    split_and_merge_back(&e, &contributor, CONTOSO_ID, &before);
    // The reservations administrator may too, and the events name who did it.
    let resadmin = as_user(&e, "resadmin");
    let done = split(&resadmin, CONTOSO_ID, VM_MONTHLY, &[1, 3], "a", None).unwrap();
    assert_eq!(done.created[1].properties.quantity, 3);
    let events = run(e.client.audit_events(CONTOSO_ID, VM_MONTHLY.0, 0, 5)).unwrap();
    assert_eq!(events.value[0].actor_id, "resadmin");
}

/// A refused split: what is split into what, and the expected status, code and target.
type RefusalCase = (Ids, Vec<u32>, u16, &'static str, Option<&'static str>);

#[test]
fn split_refusals_say_why_and_change_nothing() {
    let e = env();
    let before = vm_upfront(&e);
    let cases: Vec<RefusalCase> = vec![
        (
            DEDICATED_HOST,
            vec![1, 0],
            422,
            codes::SPLIT_QUANTITY_TOO_SMALL,
            Some("reservationId"),
        ),
        (
            VM_UPFRONT,
            vec![3, 4],
            422,
            codes::INVALID_SPLIT_QUANTITIES,
            Some("quantities"),
        ),
        (
            VM_UPFRONT,
            vec![6, 0],
            422,
            codes::INVALID_SPLIT_QUANTITIES,
            Some("quantities[1]"),
        ),
        (
            VM_UPFRONT,
            vec![6],
            422,
            codes::INVALID_SPLIT_QUANTITIES,
            Some("quantities"),
        ),
        (
            VM_UPFRONT,
            vec![2, 2, 2],
            422,
            codes::INVALID_SPLIT_QUANTITIES,
            Some("quantities"),
        ),
        (
            VM_EXPIRED,
            vec![1, 1],
            409,
            codes::RESERVATION_NOT_ACTIVE,
            Some("reservationId"),
        ),
        (
            COSMOS_CANCELLED,
            vec![5, 5],
            409,
            codes::RESERVATION_NOT_ACTIVE,
            Some("reservationId"),
        ),
    ];
    for (i, (ids, q, status, code, target)) in cases.into_iter().enumerate() {
        let got = refused(split(
            &e.client,
            CONTOSO_ID,
            ids,
            &q,
            &format!("k{i}"),
            None,
        ));
        assert_eq!(
            (got.0, got.1.as_str(), got.2.as_deref()),
            (status, code, target),
            "{ids:?} {q:?}"
        );
    }
    // A stale If-Match: 412, and nothing changed.
    let got = refused(split(
        &e.client,
        CONTOSO_ID,
        VM_UPFRONT,
        &[3, 3],
        "stale",
        Some(before.etag + 5),
    ));
    assert_eq!((got.0, got.1.as_str()), (412, codes::PRECONDITION_FAILED));
    assert_eq!(vm_upfront(&e), before);
    assert_eq!(audited(&e, VM_UPFRONT.0, AuditAction::Split), 0);
    // Non-whole or negative parts are not numbers of units: 400.
    let path = Route::Split {
        customer: CONTOSO_ID.into(),
        order: VM_UPFRONT.0.into(),
    }
    .path();
    for (i, body) in [
        format!(
            r#"{{"reservationId": "{}", "quantities": [2.5, 3.5]}}"#,
            VM_UPFRONT.1
        ),
        format!(
            r#"{{"reservationId": "{}", "quantities": [-1, 7]}}"#,
            VM_UPFRONT.1
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let r = raw(
            &e,
            HttpRequest::new(Method::Post, &path)
                .with_header(HEADER_IDEMPOTENCY_KEY, format!("bad-{i}"))
                .with_body(body),
        );
        assert_eq!(r.status, 400, "{}", r.body);
    }
    // Without an Idempotency-Key: 400. With one, the same request again replays the answer.
    let r = raw(
        &e,
        HttpRequest::new(Method::Post, &path).with_body(format!(
            r#"{{"reservationId": "{}", "quantities": [3, 3]}}"#,
            VM_UPFRONT.1
        )),
    );
    assert_eq!(r.status, 400);
    let first = split(&e.client, CONTOSO_ID, VM_UPFRONT, &[3, 3], "once", None).unwrap();
    let again = split(&e.client, CONTOSO_ID, VM_UPFRONT, &[3, 3], "once", None).unwrap();
    assert_eq!(first, again);
    assert_eq!(audited(&e, VM_UPFRONT.0, AuditAction::Split), 1);
    // The split source is ended: neither split again nor changed.
    let got = refused(split(
        &e.client,
        CONTOSO_ID,
        VM_UPFRONT,
        &[3, 3],
        "twice",
        None,
    ));
    assert_eq!(
        (got.0, got.1.as_str()),
        (409, codes::RESERVATION_NOT_ACTIVE)
    );
    let r = run(e
        .client
        .update_reservation(&key(VM_UPFRONT), &rename("x"), first.source.etag));
    assert_eq!(refused(r).0, 409);
}

#[test]
fn merge_refusals_say_why_and_change_nothing() {
    let e = env();
    let vm = split(&e.client, CONTOSO_ID, VM_UPFRONT, &[4, 2], "s1", None).unwrap();
    let [a, b] = [&vm.created[0], &vm.created[1]];
    let (ra, rb) = (a.reservation_id(), b.reservation_id());
    let order = VM_UPFRONT.0;
    // One source only.
    let got = refused(merge(&e.client, CONTOSO_ID, order, &[ra], "m1", &[]));
    assert_eq!(
        (got.0, got.1.as_str(), got.2.as_deref()),
        (422, codes::MERGE_TOO_FEW_RESERVATIONS, Some("sources"))
    );
    // The same one twice.
    let got = refused(merge(&e.client, CONTOSO_ID, order, &[ra, ra], "m2", &[]));
    assert_eq!((got.0, got.2.as_deref()), (400, Some("sources[1]")));
    // Another order (another SKU, term and plan too).
    let other = run(e.client.get_reservation(&key(VM_MONTHLY))).unwrap();
    let got = refused(merge(
        &e.client,
        CONTOSO_ID,
        order,
        &[ra, &other.id],
        "m3",
        &[],
    ));
    assert_eq!(
        (got.0, got.1.as_str(), got.2.as_deref()),
        (422, codes::MERGE_MISMATCH, Some("sources[1]"))
    );
    // An ended source (the split one).
    let got = refused(merge(
        &e.client,
        CONTOSO_ID,
        order,
        &[ra, VM_UPFRONT.1],
        "m4",
        &[],
    ));
    assert_eq!(
        (got.0, got.1.as_str(), got.2.as_deref()),
        (409, codes::RESERVATION_NOT_ACTIVE, Some("sources[1]"))
    );
    // Stale If-Match on the second source; a wrong number of etags.
    let got = refused(merge(
        &e.client,
        CONTOSO_ID,
        order,
        &[ra, rb],
        "m5",
        &[a.etag, b.etag + 1],
    ));
    assert_eq!((got.0, got.1.as_str()), (412, codes::PRECONDITION_FAILED));
    let got = refused(merge(
        &e.client,
        CONTOSO_ID,
        order,
        &[ra, rb],
        "m6",
        &[a.etag],
    ));
    assert_eq!(got.0, 400);
    // Unknown reservation: 404.
    let got = refused(merge(
        &e.client,
        CONTOSO_ID,
        order,
        &[ra, "00000000-0000-0000-0000-000000000000"],
        "m7",
        &[],
    ));
    assert_eq!(got.0, 404);
    assert_eq!(audited(&e, order, AuditAction::Merge), 0);
    for part in [a, b] {
        let now = run(e
            .client
            .get_reservation(&ReservationKey::of(CONTOSO_ID, part)))
        .unwrap();
        assert_eq!(&now, part);
    }
    // The two reservations of the demo's split order (same SKU, term, region and price, other
    // scopes) merge: the result takes the first one's scope.
    let got = merge(
        &e.client,
        CONTOSO_ID,
        SPLIT_A.0,
        &[SPLIT_A.1, SPLIT_B.1],
        "m8",
        &[],
    )
    .unwrap();
    assert_eq!(got.created.properties.quantity, 5);
    let first = &got.sources[0];
    assert_eq!(
        got.created.properties.applied_scopes,
        first.properties.applied_scopes
    );
}
