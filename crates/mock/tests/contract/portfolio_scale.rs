//! The portfolio's charts (`GET /reservations/summary`) and the filters its bars set
//! (`utilization30Min`/`utilization30Max`, `expiryMonth`), and a custom expiry window: checked
//! against the rows themselves, over every family, both billing plans, every scope and every
//! role. Included by `suite.rs`, so it runs against the mock and against `reservation-server`.

use super::*;
use chrono::Datelike;

fn all_rows(
    client: &reservation_api::Client<T>,
    f: impl Fn(&mut PortfolioQuery),
) -> Vec<PortfolioRow> {
    let mut q = PortfolioQuery {
        top: 1000,
        ..Default::default()
    };
    f(&mut q);
    portfolio_all(client, &q)
}

fn summary(
    client: &reservation_api::Client<T>,
    f: impl Fn(&mut PortfolioQuery),
) -> PortfolioSummary {
    let mut q = PortfolioQuery::default();
    f(&mut q);
    run(client.portfolio_summary(&q)).unwrap()
}

fn util30(r: &PortfolioRow) -> Option<Decimal> {
    r.reservation
        .properties
        .utilization
        .as_ref()
        .and_then(|u| u.average(30))
}

fn active(r: &PortfolioRow) -> bool {
    r.reservation.properties.provisioning_state == ProvisioningState::Succeeded
}

/// The commitment that expires with a reservation, by the spec's purchase price: Upfront
/// unit price × quantity, Monthly unit price × quantity × the term's months.
fn commitment(r: &PortfolioRow) -> Decimal {
    let p = &r.reservation.properties;
    let once = p.unit_price * Decimal::from(p.quantity);
    match p.billing_plan {
        BillingPlan::Monthly => once * Decimal::from(p.term.months().unwrap_or(0)),
        _ => once,
    }
}

/// The summary the rows should have, computed from the rows alone.
fn expected(rows: &[PortfolioRow]) -> PortfolioSummary {
    let mut s = PortfolioSummary::empty(today());
    for r in rows {
        let a = active(r).then(|| (r.reservation.properties.expiry_date, commitment(r)));
        s.add(today(), util30(r), a);
    }
    s
}

fn assert_summary_matches(s: &PortfolioSummary, rows: &[PortfolioRow], what: &str) {
    let want = expected(rows);
    assert_eq!(s.total_count, rows.len() as u64, "{what}");
    assert_eq!(s.utilization, want.utilization, "{what}");
    assert_eq!(s.without_utilization, want.without_utilization, "{what}");
    assert_eq!(s.expiries.len(), 12, "{what}");
    for (got, want) in s.expiries.iter().zip(&want.expiries) {
        assert_eq!((&got.month, got.count), (&want.month, want.count), "{what}");
        assert_eq!(got.commitment, want.commitment, "{what} {}", got.month);
        assert_eq!(got.commitment.scale(), 2, "money has two places: {what}");
    }
}

#[test]
fn the_summary_describes_exactly_the_rows_of_every_filter() {
    let e = env();
    let all = all_rows(&e.client, |_| {});
    assert_summary_matches(&summary(&e.client, |_| {}), &all, "everything");
    // The data covers what the charts must show.
    let s = summary(&e.client, |_| {});
    assert!(s.utilization.iter().filter(|b| b.count > 0).count() >= 5);
    assert!(s.expiries.iter().filter(|m| m.count > 0).count() >= 6);
    assert!(s.without_utilization > 0);
    // Every family present, both plans and every scope type, each contributing money.
    let families: std::collections::BTreeSet<String> = all
        .iter()
        .map(|r| {
            r.reservation
                .properties
                .reserved_resource_type
                .as_str()
                .to_string()
        })
        .collect();
    assert!(families.len() >= 15, "{families:?}");
    for f in &families {
        let family = Family::parse(f);
        let rows = all_rows(&e.client, |q| q.family = Some(family.clone()));
        assert_summary_matches(
            &summary(&e.client, |q| q.family = Some(family.clone())),
            &rows,
            f,
        );
    }
    for plan in [BillingPlan::Upfront, BillingPlan::Monthly] {
        let rows: Vec<PortfolioRow> = all
            .iter()
            .filter(|r| r.reservation.properties.billing_plan == plan && active(r))
            .cloned()
            .collect();
        assert!(
            rows.iter().any(|r| commitment(r) > Decimal::ZERO),
            "{plan:?}"
        );
    }
    for scope in [
        AppliedScopeType::Single,
        AppliedScopeType::Shared,
        AppliedScopeType::ManagementGroup,
    ] {
        assert!(all
            .iter()
            .any(|r| r.reservation.properties.applied_scope_type == scope && active(r)));
    }
    // The other filters too, and a search.
    for status in STATUSES_ALL {
        let rows = all_rows(&e.client, |q| q.status = Some(status));
        assert_summary_matches(
            &summary(&e.client, |q| q.status = Some(status)),
            &rows,
            status.as_str(),
        );
    }
    let rows = all_rows(&e.client, |q| q.search = Some("vm".into()));
    assert_summary_matches(
        &summary(&e.client, |q| q.search = Some("vm".into())),
        &rows,
        "search",
    );
    let rows = all_rows(&e.client, |q| q.customer = Some(CONTOSO_ID.into()));
    assert_summary_matches(
        &summary(&e.client, |q| q.customer = Some(CONTOSO_ID.into())),
        &rows,
        "Contoso",
    );
}

const STATUSES_ALL: [ProvisioningState; 3] = [
    ProvisioningState::Succeeded,
    ProvisioningState::Expired,
    ProvisioningState::Cancelled,
];

#[test]
fn each_bar_filters_exactly_its_rows() {
    let e = env();
    let s = summary(&e.client, |_| {});
    for bar in &s.utilization {
        let rows = all_rows(&e.client, |q| {
            q.utilization30_min = Some(bar.min);
            q.utilization30_max = bar.max;
        });
        assert_eq!(rows.len() as u64, bar.count, "{}–{:?}", bar.min, bar.max);
        assert!(rows
            .iter()
            .all(|r| util30(r).is_some_and(|u| u >= bar.min && bar.max.is_none_or(|m| u < m))));
    }
    for m in &s.expiries {
        let month = parse_month(&m.month).unwrap();
        let rows = all_rows(&e.client, |q| q.expiry_month = Some(month));
        assert_eq!(rows.len() as u64, m.count, "{}", m.month);
        assert!(rows.iter().all(|r| {
            let d = r.reservation.properties.expiry_date;
            active(r) && d.year() == month.year() && d.month() == month.month()
        }));
        let money: Decimal = rows.iter().map(commitment).sum();
        assert_eq!(money, m.commitment, "{}", m.month);
    }
    // The bars' filters combine with the others, and with each other.
    let s = summary(&e.client, |q| q.family = Some(Family::VirtualMachines));
    let busy = s.expiries.iter().find(|m| m.count > 0).unwrap();
    let rows = all_rows(&e.client, |q| {
        q.family = Some(Family::VirtualMachines);
        q.expiry_month = parse_month(&busy.month);
    });
    assert_eq!(rows.len() as u64, busy.count);
    // Utilization only: expired and cancelled rows never match.
    let any = all_rows(&e.client, |q| q.utilization30_min = Some(Decimal::ZERO));
    assert_eq!(any.len() as u64, s_total_with_utilization(&e));
    for bad in [
        "expiryMonth=2027-13",
        "expiryMonth=soon",
        "utilization30Min=x",
    ] {
        for path in ["/reservations", "/reservations/summary"] {
            let r = raw(&e, HttpRequest::new(Method::Get, format!("{path}?{bad}")));
            assert_eq!(r.status, 400, "{path}?{bad}");
            assert!(r.body.contains("InvalidInput"), "{}", r.body);
        }
    }
}

fn s_total_with_utilization(e: &Env) -> u64 {
    let s = summary(&e.client, |_| {});
    s.total_count - s.without_utilization
}

#[test]
fn a_custom_expiry_window_keeps_active_reservations_expiring_within_it() {
    let e = env();
    let all = all_rows(&e.client, |_| {});
    for days in [1_u32, 17, 45, 120, 400] {
        let rows = all_rows(&e.client, |q| q.expiring_within_days = Some(days));
        let want = all
            .iter()
            .filter(|r| {
                active(r)
                    && (r.reservation.properties.expiry_date - today()).num_days()
                        <= i64::from(days)
            })
            .count();
        assert_eq!(rows.len(), want, "{days}");
    }
}

#[test]
fn the_summary_counts_only_what_the_user_may_read() {
    let e = env();
    let admin = summary(&e.client, |_| {});
    for user in ["resadmin", "reader"] {
        assert_eq!(summary(&as_user(&e, user), |_| {}), admin, "{user}");
    }
    let contributor = as_user(&e, "contributor");
    let mine = all_rows(&contributor, |_| {});
    let s = summary(&contributor, |_| {});
    assert!(s.total_count < admin.total_count);
    assert_summary_matches(&s, &mine, "contributor");
}

#[test]
fn the_portfolio_and_its_summary_follow_changes_at_once() {
    let e = env();
    let before = summary(&e.client, |q| q.customer = Some(CONTOSO_ID.into()));
    let renewing = all_rows(&e.client, |q| q.auto_renew = Some(true)).len();
    let r = vm_upfront(&e);
    let patch = ReservationPatch {
        properties: ReservationPatchProperties {
            renew: Some(!r.properties.renew),
            ..Default::default()
        },
    };
    run(e
        .client
        .update_reservation(&key(VM_UPFRONT), &patch, r.etag))
    .unwrap();
    let after = all_rows(&e.client, |q| q.auto_renew = Some(true)).len();
    assert_eq!(
        after as i64 - renewing as i64,
        if r.properties.renew { -1 } else { 1 }
    );
    // Returning part of a reservation lowers the commitment expiring in its month.
    let month = parse_month(&r.properties.expiry_date.format("%Y-%m").to_string()).unwrap();
    let in_month = |s: &PortfolioSummary| {
        s.expiries
            .iter()
            .find(|m| parse_month(&m.month) == Some(month))
            .map(|m| m.commitment)
    };
    let req = ReturnRequest {
        reservation_id: r.id.clone(),
        quantity: 1,
        return_reason: None,
    };
    run(e
        .client
        .return_reservation(CONTOSO_ID, VM_UPFRONT.0, &req, "scale-1"))
    .unwrap();
    let later = summary(&e.client, |q| q.customer = Some(CONTOSO_ID.into()));
    assert_eq!(later.total_count, before.total_count);
    if let (Some(b), Some(a)) = (in_month(&before), in_month(&later)) {
        assert_eq!(b - a, r.properties.unit_price);
    }
    // Sorted pages still tile the whole list after the change.
    let paged = portfolio_all(
        &e.client,
        &PortfolioQuery {
            sort: PortfolioSort::Utilization30,
            order: SortOrder::Desc,
            top: 29,
            ..Default::default()
        },
    );
    let whole = all_rows(&e.client, |q| {
        q.sort = PortfolioSort::Utilization30;
        q.order = SortOrder::Desc;
    });
    assert_eq!(
        paged.iter().map(portfolio_key).collect::<Vec<_>>(),
        whole.iter().map(portfolio_key).collect::<Vec<_>>()
    );
}
