//! The API contract, driven through the typed `Client`. One body, two backends: included by
//! `crates/mock/tests/contract.rs` (the in-process mock) and `crates/server/tests/contract.rs`
//! (a real `reservation-server` process over HTTP). The including crate provides `fixture`:
//! `T` (the transport), `Env` (with a `client`), `env()`, `as_user`, `raw` and `set_today`.
//! Tests that only one backend can run live in that crate's file, saying why.

use std::future::Future;

use chrono::NaiveDate;
use reservation_api::*;
use reservation_mock::demo::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[allow(unused_imports)]
use crate::fixture::{as_user, env, raw, set_today, Env, T};

/// The day every contract test runs as of (the seed is generated for it).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

/// Drives a client future to completion.
pub fn run<F: Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

pub fn key(ids: Ids) -> ReservationKey {
    ReservationKey::new(CONTOSO_ID, ids.0, ids.1)
}

/// How many audit events of `order` (Contoso's) have `action`.
fn audited(e: &Env, order: &str, action: AuditAction) -> usize {
    let events = run(e.client.audit_events(CONTOSO_ID, order, 0, 50)).unwrap();
    events.value.iter().filter(|ev| ev.action == action).count()
}

/// Contoso's upfront VM reservation as the backend has it now.
fn vm_upfront(e: &Env) -> Reservation {
    run(e.client.get_reservation(&key(VM_UPFRONT))).unwrap()
}

/// Every reservation of Contoso, in the list's default order.
fn contoso_reservations(e: &Env) -> Page<Reservation> {
    let q = ReservationQuery {
        top: 100,
        ..Default::default()
    };
    run(e.client.list_reservations(CONTOSO_ID, &q)).unwrap()
}

fn fab_key(ids: Ids) -> ReservationKey {
    ReservationKey::new(FABRIKAM_ID, ids.0, ids.1)
}

// ---- customers -------------------------------------------------------------------------

#[test]
fn lists_customers_with_paging_and_total() {
    let e = env();
    let page = run(e.client.list_customers(&CustomerQuery::default())).unwrap();
    assert!(page.total_count >= 50, "{}", page.total_count);
    assert_eq!(page.value.len(), 25);
    let next = page.next_link.clone().expect("a next page");
    assert!(next.contains("skip=25"));
    // Following the pages gives every customer exactly once.
    let mut ids = Vec::new();
    let mut q = CustomerQuery {
        top: 7,
        ..CustomerQuery::default()
    };
    loop {
        let p = run(e.client.list_customers(&q)).unwrap();
        ids.extend(p.value.iter().map(|c| c.id.clone()));
        if p.next_link.is_none() {
            break;
        }
        q.skip += 7;
    }
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    assert_eq!(n as u64, page.total_count);
    let beyond = run(e.client.list_customers(&CustomerQuery {
        skip: 10_000,
        ..Default::default()
    }))
    .unwrap();
    assert!(beyond.value.is_empty());
    assert_eq!(beyond.total_count, page.total_count);
}

#[test]
fn searches_customers_in_korean_and_english_ignoring_case() {
    let e = env();
    let q = |s: &str| CustomerQuery {
        search: Some(s.into()),
        top: 1000,
        ..Default::default()
    };
    let ko = run(e.client.list_customers(&q("콘토소"))).unwrap();
    assert_eq!(ko.total_count, 1);
    assert_eq!(ko.value[0].id, CONTOSO_ID);
    assert_eq!(ko.value[0].company_name, CONTOSO_NAME);
    let en = run(e.client.list_customers(&q("CONTOSO korea"))).unwrap();
    assert!(en.value.iter().any(|c| c.id == CONTOSO_ID));
    let domain = run(e.client.list_customers(&q("contosokorea.onmicrosoft"))).unwrap();
    assert_eq!(domain.total_count, 1);
    let none = run(e.client.list_customers(&q("no such company zzz"))).unwrap();
    assert_eq!(none.total_count, 0);
    // Korean generated names exist and are found by a Korean fragment.
    let all = run(e.client.list_customers(&q(""))).unwrap();
    let korean = all
        .value
        .iter()
        .find(|c| c.company_name.contains("(주)"))
        .expect("a Korean name");
    let fragment: String = korean
        .company_name
        .replace("(주)", "")
        .chars()
        .take(2)
        .collect();
    let found = run(e.client.list_customers(&q(&fragment))).unwrap();
    assert!(found.value.iter().any(|c| c.id == korean.id));
    assert!(found
        .value
        .iter()
        .all(|c| c.company_name.contains(&fragment) || c.primary_domain.contains(&fragment)));
}

#[test]
fn sorts_customers_by_every_column_both_ways() {
    let e = env();
    for sort in [
        CustomerSort::CompanyName,
        CustomerSort::PrimaryDomain,
        CustomerSort::Country,
        CustomerSort::ReservationCount,
        CustomerSort::ExpiringWithin30Days,
        CustomerSort::RefundLimitUsed,
    ] {
        for order in [SortOrder::Asc, SortOrder::Desc] {
            let p = run(e.client.list_customers(&CustomerQuery {
                sort,
                order,
                top: 1000,
                ..Default::default()
            }))
            .unwrap();
            let ok = p.value.windows(2).all(|w| {
                let (a, b) = (&w[0], &w[1]);
                let ord = match sort {
                    CustomerSort::CompanyName => std::cmp::Ordering::Equal,
                    CustomerSort::PrimaryDomain => a.primary_domain.cmp(&b.primary_domain),
                    CustomerSort::Country => a.country.cmp(&b.country),
                    CustomerSort::ReservationCount => a.reservation_count.cmp(&b.reservation_count),
                    CustomerSort::ExpiringWithin30Days => {
                        a.expiring_within_30_days.cmp(&b.expiring_within_30_days)
                    }
                    CustomerSort::RefundLimitUsed => a.refund_limit_used.cmp(&b.refund_limit_used),
                };
                if order == SortOrder::Asc {
                    ord != std::cmp::Ordering::Greater
                } else {
                    ord != std::cmp::Ordering::Less
                }
            });
            assert!(ok, "{sort:?} {order:?}");
        }
    }
    let by_refund = run(e.client.list_customers(&CustomerQuery {
        sort: CustomerSort::RefundLimitUsed,
        order: SortOrder::Desc,
        ..Default::default()
    }))
    .unwrap();
    assert!(by_refund.value[0].refund_limit_used >= dec!(45000));
    assert!(by_refund
        .value
        .iter()
        .any(|c| c.id == FABRIKAM_ID && c.refund_limit_used == dec!(49500)));
}

#[test]
fn the_demo_customer_is_as_documented() {
    let e = env();
    let c = run(e.client.get_customer(CONTOSO_ID)).unwrap();
    assert_eq!(c.company_name, CONTOSO_NAME);
    assert_eq!(c.country, "KR");
    assert_eq!(c.locale, "ko-KR");
    assert_eq!(c.reservation_count, 11);
    assert_eq!(c.active_reservation_count, 9);
    assert_eq!(c.expiring_within_30_days, 1);
    assert_eq!(c.refund_limit_used, dec!(12000));
    let subs = run(e.client.list_subscriptions(CONTOSO_ID)).unwrap();
    assert_eq!(subs.value.len(), 3);
    assert_eq!(subs.value[0].subscription_id, CONTOSO_SUBSCRIPTIONS[0]);
    let rgs = run(e
        .client
        .list_resource_groups(CONTOSO_ID, Some(CONTOSO_SUBSCRIPTIONS[0])))
    .unwrap();
    assert_eq!(rgs.value.len(), 2);
    let mgs = run(e.client.list_management_groups(CONTOSO_ID)).unwrap();
    assert_eq!(mgs.value.len(), 2);
    let usage = run(e.client.refund_limit_usage(CONTOSO_ID)).unwrap();
    assert_eq!(usage.used, dec!(12000));
    assert_eq!(usage.headroom, dec!(38000));
    assert_eq!(usage.limit, dec!(50000));
    assert_eq!(usage.entries.len(), 2);
    assert!(usage.entries[0].counting && !usage.entries[1].counting);
    assert_eq!(
        usage.entries[0].stops_counting_on,
        usage.entries[0].date + chrono::Duration::days(365)
    );

    let all = contoso_reservations(&e);
    assert_eq!(all.total_count, 11);
    let vm = vm_upfront(&e);
    assert_eq!(vm.properties.quantity, 6);
    assert_eq!(
        vm.properties.provisioning_state,
        ProvisioningState::Succeeded
    );
    assert_eq!(vm.properties.billing_plan, BillingPlan::Upfront);
    assert_eq!(vm.properties.term, Term::P3Y);
    assert_eq!(vm.reservation_id(), VM_UPFRONT.1);
    assert_eq!(vm.order_id(), VM_UPFRONT.0);
    assert_eq!(vm.id, reservation_resource_id(VM_UPFRONT.0, VM_UPFRONT.1));
    assert!(
        vm.properties
            .utilization
            .as_ref()
            .unwrap()
            .average(30)
            .unwrap()
            > dec!(70)
    );
    let monthly = run(e.client.get_reservation(&key(VM_MONTHLY))).unwrap();
    assert_eq!(monthly.properties.billing_plan, BillingPlan::Monthly);
    assert!(
        monthly
            .properties
            .utilization
            .as_ref()
            .unwrap()
            .average(30)
            .unwrap()
            < dec!(40)
    );
    assert_eq!(
        monthly.properties.applied_scope_type,
        AppliedScopeType::Single
    );
    let expired = run(e.client.get_reservation(&key(VM_EXPIRED))).unwrap();
    assert_eq!(
        expired.properties.provisioning_state,
        ProvisioningState::Expired
    );
    assert!(expired.properties.utilization.is_none());
    let cancelled = run(e.client.get_reservation(&key(COSMOS_CANCELLED))).unwrap();
    assert_eq!(
        cancelled.properties.provisioning_state,
        ProvisioningState::Cancelled
    );
    let sql = run(e.client.get_reservation(&key(SQL_EXPIRING))).unwrap();
    assert_eq!((sql.properties.expiry_date - today()).num_days(), 20);
}

#[test]
fn filters_and_sorts_reservations() {
    let e = env();
    let q = |f: fn(&mut ReservationQuery)| {
        let mut q = ReservationQuery {
            top: 100,
            ..Default::default()
        };
        f(&mut q);
        run(e.client.list_reservations(CONTOSO_ID, &q)).unwrap()
    };
    let expiring = q(|q| q.expiring_within_days = Some(30));
    assert_eq!(expiring.total_count, 1);
    assert_eq!(expiring.value[0].reservation_id(), SQL_EXPIRING.1);
    assert_eq!(q(|q| q.expiring_within_days = Some(90)).total_count, 3);
    assert_eq!(
        q(|q| q.status = Some(ProvisioningState::Expired)).total_count,
        1
    );
    assert_eq!(
        q(|q| q.status = Some(ProvisioningState::Cancelled)).total_count,
        1
    );
    assert_eq!(
        q(|q| q.family = Some(Family::VirtualMachines)).total_count,
        5
    );
    let search = q(|q| q.search = Some("SPLIT".into()));
    assert_eq!(search.total_count, 2);
    let by_qty = q(|q| {
        q.sort = ReservationSort::Quantity;
        q.order = SortOrder::Desc;
    });
    assert_eq!(by_qty.value[0].properties.quantity, 10);
    // Utilization sorts by the 7-day average, the value the list's column shows.
    let by_util = q(|q| q.sort = ReservationSort::Utilization);
    let seven = |r: &Reservation| r.properties.utilization.as_ref().and_then(|u| u.average(7));
    assert!(by_util
        .value
        .windows(2)
        .all(|w| seven(&w[0]) <= seven(&w[1])));
    assert!(by_util.value.iter().filter(|r| seven(r).is_some()).count() > 2);
    let by_expiry = q(|q| q.sort = ReservationSort::ExpiryDate);
    assert!(by_expiry
        .value
        .windows(2)
        .all(|w| w[0].properties.expiry_date <= w[1].properties.expiry_date));
    let paged = run(e.client.list_reservations(
        CONTOSO_ID,
        &ReservationQuery {
            top: 4,
            skip: 8,
            ..Default::default()
        },
    ))
    .unwrap();
    assert_eq!(paged.value.len(), 3);
    assert!(paged.next_link.is_none());
}

// ---- portfolio (every customer) ---------------------------------------------------------

/// Every row of the portfolio for `q`, paging with `q.top`; checks the pages add up.
fn portfolio_all(client: &reservation_api::Client<T>, q: &PortfolioQuery) -> Vec<PortfolioRow> {
    let mut q = q.clone();
    let mut rows = Vec::new();
    loop {
        let p = run(client.list_portfolio(&q)).unwrap();
        let last = p.next_link.is_none();
        assert!(p.total_count as usize >= rows.len() + p.value.len());
        rows.extend(p.value);
        if last {
            assert_eq!(rows.len() as u64, p.total_count);
            return rows;
        }
        q.skip += q.top;
    }
}

fn portfolio_key(r: &PortfolioRow) -> (String, String) {
    (r.customer_id.clone(), r.reservation.id.clone())
}

#[test]
fn the_portfolio_pages_every_readable_reservation_of_every_customer_once() {
    let e = env();
    let q = PortfolioQuery {
        top: 37,
        ..Default::default()
    };
    let rows = portfolio_all(&e.client, &q);
    let mut keys: Vec<_> = rows.iter().map(portfolio_key).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), rows.len());
    // The same rows as the per-customer lists, customer by customer.
    let customers = run(e.client.list_customers(&CustomerQuery {
        top: 1000,
        ..Default::default()
    }))
    .unwrap();
    let mut expected = Vec::new();
    for c in &customers.value {
        let list = run(e.client.list_reservations(
            &c.id,
            &ReservationQuery {
                top: 1000,
                ..Default::default()
            },
        ))
        .unwrap();
        expected.extend(list.value.iter().map(|r| (c.id.clone(), r.id.clone())));
    }
    expected.sort();
    assert_eq!(keys, expected);
    // Each row carries its customer's name and refund headroom.
    let usage = run(e.client.refund_limit_usage(CONTOSO_ID)).unwrap();
    let contoso: Vec<_> = rows
        .iter()
        .filter(|r| r.customer_id == CONTOSO_ID)
        .collect();
    assert!(!contoso.is_empty());
    assert!(contoso
        .iter()
        .all(|r| r.company_name == CONTOSO_NAME && r.refund_headroom == usage.headroom));
    let one = vm_upfront(&e);
    let row = contoso
        .iter()
        .find(|r| r.reservation.id == one.id)
        .expect("the VM reservation is in the portfolio");
    assert_eq!(row.reservation, one);
}

#[test]
fn the_portfolio_filters_by_every_condition() {
    let e = env();
    let all = portfolio_all(
        &e.client,
        &PortfolioQuery {
            top: 1000,
            ..Default::default()
        },
    );
    let q = |f: fn(&mut PortfolioQuery)| {
        let mut q = PortfolioQuery {
            top: 1000,
            ..Default::default()
        };
        f(&mut q);
        portfolio_all(&e.client, &q)
    };
    let contoso = q(|q| q.customer = Some(CONTOSO_ID.into()));
    assert_eq!(contoso.len(), 11);
    assert!(contoso.iter().all(|r| r.customer_id == CONTOSO_ID));
    let vms = q(|q| {
        q.customer = Some(CONTOSO_ID.into());
        q.family = Some(Family::VirtualMachines);
    });
    assert_eq!(vms.len(), 5);
    let expiring = q(|q| {
        q.customer = Some(CONTOSO_ID.into());
        q.expiring_within_days = Some(30);
    });
    assert_eq!(expiring.len(), 1);
    assert_eq!(expiring[0].reservation.reservation_id(), SQL_EXPIRING.1);
    let expired = q(|q| q.status = Some(ProvisioningState::Expired));
    assert!(!expired.is_empty());
    assert!(expired
        .iter()
        .all(|r| r.reservation.properties.provisioning_state == ProvisioningState::Expired));
    let region = all[0].reservation.location.clone();
    let in_region = q(|q| q.region = Some("KoreaCentral".into()));
    let want = all
        .iter()
        .filter(|r| r.reservation.location == "koreacentral")
        .count();
    assert_eq!(in_region.len(), want);
    let exact = portfolio_all(
        &e.client,
        &PortfolioQuery {
            region: Some(region.clone()),
            top: 1000,
            ..Default::default()
        },
    );
    assert!(!exact.is_empty() && exact.iter().all(|r| r.reservation.location == region));
    let low = q(|q| q.utilization_below = Some(dec!(50)));
    let want: Vec<_> = all
        .iter()
        .filter(|r| {
            r.reservation
                .properties
                .utilization
                .as_ref()
                .and_then(|u| u.average(7))
                .is_some_and(|u| u < dec!(50))
        })
        .map(portfolio_key)
        .collect();
    assert!(!want.is_empty());
    assert_eq!(low.iter().map(portfolio_key).collect::<Vec<_>>(), want);
    let off = q(|q| q.auto_renew = Some(false));
    let on = q(|q| q.auto_renew = Some(true));
    assert!(!off.is_empty() && !on.is_empty());
    assert_eq!(off.len() + on.len(), all.len());
    assert!(off.iter().all(|r| !r.reservation.properties.renew));
    let by_company = q(|q| q.search = Some("콘토소".into()));
    assert_eq!(by_company.len(), 11);
    let split = q(|q| q.search = Some("SPLIT".into()));
    assert!(split.len() >= 2);
    let bad = raw(
        &e,
        HttpRequest::new(Method::Get, "/reservations?autoRenew=maybe"),
    );
    assert_eq!(bad.status, 400);
    let bad = raw(&e, HttpRequest::new(Method::Get, "/reservations?top=0"));
    assert_eq!(bad.status, 400);
}

#[test]
fn the_portfolio_sorts_by_its_columns_both_ways() {
    let e = env();
    let q = |sort: PortfolioSort, order: SortOrder| {
        portfolio_all(
            &e.client,
            &PortfolioQuery {
                sort,
                order,
                top: 1000,
                ..Default::default()
            },
        )
    };
    let by_name = q(PortfolioSort::CompanyName, SortOrder::Asc);
    assert!(by_name
        .windows(2)
        .all(|w| w[0].company_name.to_lowercase() <= w[1].company_name.to_lowercase()));
    let by_headroom = q(PortfolioSort::RefundHeadroom, SortOrder::Desc);
    assert!(by_headroom
        .windows(2)
        .all(|w| w[0].refund_headroom >= w[1].refund_headroom));
    let by_qty = q(PortfolioSort::Quantity, SortOrder::Desc);
    assert!(by_qty
        .windows(2)
        .all(|w| w[0].reservation.properties.quantity >= w[1].reservation.properties.quantity));
    let u7 = |r: &PortfolioRow| {
        r.reservation
            .properties
            .utilization
            .as_ref()
            .and_then(|u| u.average(7))
    };
    let by_util = q(PortfolioSort::Utilization7, SortOrder::Asc);
    assert!(by_util.windows(2).all(|w| u7(&w[0]) <= u7(&w[1])));
    let by_expiry = q(PortfolioSort::ExpiryDate, SortOrder::Asc);
    assert!(by_expiry.windows(2).all(|w| {
        w[0].reservation.properties.expiry_date <= w[1].reservation.properties.expiry_date
    }));
    // Every column sorts, and a sort only reorders.
    let mut base: Vec<_> = by_name.iter().map(portfolio_key).collect();
    base.sort();
    for sort in [
        PortfolioSort::DisplayName,
        PortfolioSort::ReservedResourceType,
        PortfolioSort::SkuName,
        PortfolioSort::Location,
        PortfolioSort::Term,
        PortfolioSort::BillingPlan,
        PortfolioSort::AppliedScopeType,
        PortfolioSort::Utilization30,
        PortfolioSort::Renew,
        PortfolioSort::ProvisioningState,
    ] {
        let mut keys: Vec<_> = q(sort, SortOrder::Desc).iter().map(portfolio_key).collect();
        keys.sort();
        assert_eq!(keys, base, "{sort:?}");
    }
}

#[test]
fn the_portfolio_holds_only_what_the_user_may_read() {
    let e = env();
    let all = portfolio_all(
        &e.client,
        &PortfolioQuery {
            top: 1000,
            ..Default::default()
        },
    );
    // A Reader of every reservation sees every row.
    let reader = as_user(&e, "reader");
    let read = portfolio_all(
        &reader,
        &PortfolioQuery {
            top: 1000,
            ..Default::default()
        },
    );
    assert_eq!(read.len(), all.len());
    // A user with no tenant-wide role sees only the reservations assigned to him.
    let contributor = as_user(&e, "contributor");
    let mine = portfolio_all(
        &contributor,
        &PortfolioQuery {
            top: 1000,
            ..Default::default()
        },
    );
    assert!(!mine.is_empty() && mine.len() < all.len());
    for r in &mine {
        let k = ReservationKey::of(&r.customer_id, &r.reservation);
        assert!(run(contributor.my_permissions(&k)).unwrap().can_read);
    }
    let contoso =
        run(contributor.list_reservations(CONTOSO_ID, &ReservationQuery::default())).unwrap();
    assert_eq!(
        mine.iter().filter(|r| r.customer_id == CONTOSO_ID).count() as u64,
        contoso.total_count
    );
}

// ---- update, ETag, permissions -------------------------------------------------------------

pub fn rename(name: &str) -> ReservationPatch {
    ReservationPatch {
        properties: ReservationPatchProperties {
            display_name: Some(name.into()),
            ..Default::default()
        },
    }
}

#[test]
fn update_with_a_stale_etag_fails_and_a_fresh_one_succeeds() {
    let e = env();
    let k = key(VM_UPFRONT);
    let before = run(e.client.get_reservation(&k)).unwrap();
    let updated = run(e
        .client
        .update_reservation(&k, &rename("vm-prod-renamed"), before.etag))
    .unwrap();
    assert_eq!(updated.properties.display_name, "vm-prod-renamed");
    assert_eq!(updated.etag, before.etag + 1);
    // The old etag is stale now.
    let err = run(e
        .client
        .update_reservation(&k, &rename("again"), before.etag))
    .unwrap_err();
    assert_eq!(err.status(), Some(412));
    assert_eq!(err.code(), codes::PRECONDITION_FAILED);
    // Re-read and retry.
    let fresh = run(e.client.get_reservation(&k)).unwrap();
    let ok = run(e
        .client
        .update_reservation(&k, &rename("again"), fresh.etag))
    .unwrap();
    assert_eq!(ok.properties.display_name, "again");
    // The audit trail has the update.
    let events = run(e.client.audit_events(CONTOSO_ID, VM_UPFRONT.0, 0, 50)).unwrap();
    assert!(events
        .value
        .iter()
        .any(|ev| ev.action == AuditAction::Update && ev.summary.contains("displayName")));
    assert_eq!(events.value.last().unwrap().action, AuditAction::Purchase);
}

#[test]
fn update_without_if_match_is_428_and_stale_412_carries_the_current_etag() {
    let e = env();
    let path = Route::Reservation {
        customer: CONTOSO_ID.into(),
        order: VM_UPFRONT.0.into(),
        reservation: VM_UPFRONT.1.into(),
    }
    .path();
    let body = serde_json::to_string(&rename("x")).unwrap();
    let r = raw(
        &e,
        HttpRequest::new(Method::Patch, &path).with_body(body.clone()),
    );
    assert_eq!(r.status, 428);
    let r = raw(
        &e,
        HttpRequest::new(Method::Patch, &path)
            .with_body(body.clone())
            .with_header(HEADER_IF_MATCH, "\"99\""),
    );
    assert_eq!(r.status, 412);
    assert_eq!(r.header(HEADER_ETAG), Some("\"1\""));
    let err: ApiErrorBody = serde_json::from_str(&r.body).unwrap();
    assert_eq!(err.error.target.as_deref(), Some(HEADER_IF_MATCH));
    let r = raw(&e, HttpRequest::new(Method::Get, &path));
    assert_eq!(r.header(HEADER_ETAG), Some("\"1\""));
}

#[test]
fn update_validates_scope_flexibility_and_state() {
    let e = env();
    let k = key(VM_UPFRONT);
    let etag = run(e.client.get_reservation(&k)).unwrap().etag;
    let single = |scopes: Vec<String>| ReservationPatch {
        properties: ReservationPatchProperties {
            applied_scope_type: Some(AppliedScopeType::Single),
            applied_scopes: Some(scopes),
            ..Default::default()
        },
    };
    let err =
        run(e
            .client
            .update_reservation(&k, &single(vec!["/subscriptions/nope".into()]), etag))
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    let sub = format!("/subscriptions/{}", CONTOSO_SUBSCRIPTIONS[1]);
    let r = run(e
        .client
        .update_reservation(&k, &single(vec![sub.clone()]), etag))
    .unwrap();
    assert_eq!(r.properties.applied_scopes, vec![sub]);
    let rg = run(e.client.list_resource_groups(CONTOSO_ID, None))
        .unwrap()
        .value[0]
        .id
        .clone();
    let r = run(e
        .client
        .update_reservation(&k, &single(vec![rg.clone()]), r.etag))
    .unwrap();
    assert_eq!(
        r.properties
            .applied_scope_properties
            .unwrap()
            .resource_group_id,
        Some(rg)
    );
    let mg = run(e.client.list_management_groups(CONTOSO_ID))
        .unwrap()
        .value[0]
        .id
        .clone();
    let to_mg = ReservationPatch {
        properties: ReservationPatchProperties {
            applied_scope_type: Some(AppliedScopeType::ManagementGroup),
            applied_scopes: Some(vec![mg]),
            instance_flexibility: Some(InstanceFlexibility::Off),
            renew: Some(true),
            ..Default::default()
        },
    };
    let r = run(e.client.update_reservation(&k, &to_mg, r.etag)).unwrap();
    assert_eq!(
        r.properties.applied_scope_type,
        AppliedScopeType::ManagementGroup
    );
    assert_eq!(
        r.properties.instance_flexibility,
        Some(InstanceFlexibility::Off)
    );
    assert!(r.properties.renew);
    // Flexibility is for VMs only; expired reservations cannot change.
    let sql = run(e.client.get_reservation(&key(SQL_EXPIRING))).unwrap();
    let flex = ReservationPatch {
        properties: ReservationPatchProperties {
            instance_flexibility: Some(InstanceFlexibility::On),
            ..Default::default()
        },
    };
    assert_eq!(
        run(e
            .client
            .update_reservation(&key(SQL_EXPIRING), &flex, sql.etag))
        .unwrap_err()
        .status(),
        Some(400)
    );
    let err = run(e
        .client
        .update_reservation(&key(VM_EXPIRED), &rename("x"), 1))
    .unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), codes::RESERVATION_NOT_ACTIVE)
    );
    let err = run(e.client.update_reservation(&k, &rename("   "), 99)).unwrap_err();
    assert_eq!(
        err.status(),
        Some(412),
        "the version is checked before the body"
    );
}

#[test]
fn a_reader_cannot_change_anything_but_can_read_and_quote() {
    let e = env();
    let reader = as_user(&e, "reader");
    let k = key(VM_UPFRONT);
    let r = run(reader.get_reservation(&k)).unwrap();
    let p = run(reader.my_permissions(&k)).unwrap();
    assert!(p.can_read && !p.can_manage && !p.can_return && !p.can_exchange && !p.can_assign_roles);
    let forbidden = |e: ClientError| {
        assert_eq!(
            (e.status(), e.code()),
            (Some(403), codes::AUTHORIZATION_FAILED)
        )
    };
    forbidden(run(reader.update_reservation(&k, &rename("x"), r.etag)).unwrap_err());
    let ret = ReturnRequest {
        reservation_id: r.id.clone(),
        quantity: 1,
        return_reason: None,
    };
    forbidden(run(reader.return_reservation(CONTOSO_ID, VM_UPFRONT.0, &ret, "k1")).unwrap_err());
    forbidden(
        run(reader.exchange(
            CONTOSO_ID,
            &exchange_request(&r.id, 1, "Standard_D4s_v5", 2),
            "k2",
        ))
        .unwrap_err(),
    );
    let new = NewRoleAssignment {
        principal_id: None,
        principal_name: "x@y.z".into(),
        principal_type: PrincipalType::User,
        role: Role::Reader,
    };
    forbidden(run(reader.add_role_assignment(&k, &new)).unwrap_err());
    let quote = run(reader.calculate_refund(
        CONTOSO_ID,
        VM_UPFRONT.0,
        &CalculateRefundRequest {
            reservation_id: r.id.clone(),
            quantity: 1,
        },
    ))
    .unwrap();
    assert!(quote.quote.is_allowed());
    // Nothing changed.
    assert_eq!(run(e.client.get_reservation(&k)).unwrap(), r);
    let me = run(reader.me()).unwrap();
    assert_eq!(me.user.id, "reader");
    assert!(!me.permissions.can_manage);
}

#[test]
fn the_admin_and_reservations_administrator_can_manage_and_the_contributor_sees_only_assigned() {
    let e = env();
    let users = run(e.client.list_demo_users()).unwrap();
    let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["admin", "resadmin", "reader", "contributor"]);
    assert_eq!(run(e.client.me()).unwrap().user.id, "admin");
    let resadmin = as_user(&e, "resadmin");
    let p = run(resadmin.my_permissions(&key(VM_UPFRONT))).unwrap();
    assert!(p.can_manage && p.can_return && p.can_exchange && p.can_assign_roles);
    let contributor = as_user(&e, "contributor");
    let visible =
        run(contributor.list_reservations(CONTOSO_ID, &ReservationQuery::default())).unwrap();
    assert_eq!(visible.total_count, 2);
    let p = run(contributor.my_permissions(&key(VM_UPFRONT))).unwrap();
    assert!(p.can_manage && !p.can_return && !p.can_assign_roles);
    assert_eq!(p.roles, vec![Role::Contributor]);
    let r = run(contributor.get_reservation(&key(VM_UPFRONT))).unwrap();
    run(contributor.update_reservation(&key(VM_UPFRONT), &rename("by-contributor"), r.etag))
        .unwrap();
    let err = run(contributor.get_reservation(&key(SQL_EXPIRING))).unwrap_err();
    assert_eq!(err.status(), Some(403));
    let unknown = as_user(&e, "mallory");
    assert_eq!(run(unknown.me()).unwrap_err().status(), Some(401));
}

#[test]
fn role_assignments_can_be_added_and_removed() {
    let e = env();
    let k = key(VM_UPFRONT);
    let before = run(e.client.list_role_assignments(&k)).unwrap();
    assert_eq!(before.value.len(), 3);
    let new = NewRoleAssignment {
        principal_id: None,
        principal_name: "seoyeon.park@cspdemo.onmicrosoft.com".into(),
        principal_type: PrincipalType::User,
        role: Role::Owner,
    };
    let added = run(e.client.add_role_assignment(&k, &new)).unwrap();
    assert_eq!(added.role, Role::Owner);
    assert!(added.id.ends_with(&added.name));
    assert_eq!(
        run(e.client.add_role_assignment(&k, &new))
            .unwrap_err()
            .status(),
        Some(409)
    );
    // The reader now owns this one reservation, and only this one.
    let reader = as_user(&e, "reader");
    assert!(run(reader.my_permissions(&k)).unwrap().can_return);
    assert!(
        !run(reader.my_permissions(&key(VM_MONTHLY)))
            .unwrap()
            .can_return
    );
    let removed = run(e.client.remove_role_assignment(&k, &added.name)).unwrap();
    assert_eq!(removed, added);
    assert_eq!(
        run(e.client.list_role_assignments(&k)).unwrap().value.len(),
        3
    );
    assert_eq!(
        run(e.client.remove_role_assignment(&k, &added.name))
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert!(audited(&e, VM_UPFRONT.0, AuditAction::RoleAssignmentAdded) > 0);
    assert!(audited(&e, VM_UPFRONT.0, AuditAction::RoleAssignmentRemoved) > 0);
}

// ---- refunds ----------------------------------------------------------------------------------

#[test]
fn calculate_refund_equals_the_engine() {
    let e = env();
    let usage = run(e.client.refund_limit_usage(CONTOSO_ID)).unwrap();
    for (ids, qty) in [
        (VM_UPFRONT, 2),
        (VM_MONTHLY, 4),
        (SQL_EXPIRING, 1),
        (VM_EXPIRED, 1),
        (RED_HAT, 1),
        (VM_UPFRONT, 7),
        (APP_SERVICE, 0),
    ] {
        let r = run(e.client.get_reservation(&key(ids))).unwrap();
        let got = run(e.client.calculate_refund(
            CONTOSO_ID,
            ids.0,
            &CalculateRefundRequest {
                reservation_id: r.id.clone(),
                quantity: qty,
            },
        ))
        .unwrap();
        // The app's own conversion and quote, so this checks the code the browser runs.
        let want = engine::refund_quote(&r, Decimal::from(qty), &usage, today());
        assert_eq!(got.quote, want, "{ids:?} x{qty}");
        assert_eq!(got.as_of, today());
        assert_eq!(got.refund_limit, dec!(50000));
    }
    // The GUID alone works too; a reservation of another order does not.
    let by_guid = run(e.client.calculate_refund(
        CONTOSO_ID,
        VM_UPFRONT.0,
        &CalculateRefundRequest {
            reservation_id: VM_UPFRONT.1.into(),
            quantity: 1,
        },
    ))
    .unwrap();
    assert!(by_guid.quote.refund.unwrap() > Decimal::ZERO);
    let wrong = run(e.client.calculate_refund(
        CONTOSO_ID,
        VM_MONTHLY.0,
        &CalculateRefundRequest {
            reservation_id: VM_UPFRONT.1.into(),
            quantity: 1,
        },
    ))
    .unwrap_err();
    assert_eq!(wrong.status(), Some(404));
}

#[test]
fn return_with_the_same_idempotency_key_moves_money_once() {
    let e = env();
    let r = vm_upfront(&e);
    let req = ReturnRequest {
        reservation_id: r.id.clone(),
        quantity: 2,
        return_reason: Some("Downsized".into()),
    };
    let first = run(e
        .client
        .return_reservation(CONTOSO_ID, VM_UPFRONT.0, &req, "return-1"))
    .unwrap();
    let second = run(e
        .client
        .return_reservation(CONTOSO_ID, VM_UPFRONT.0, &req, "return-1"))
    .unwrap();
    assert_eq!(first, second);
    assert_eq!(first.reservation.properties.quantity, 4);
    assert_eq!(first.history_entry.amount, first.quote.limit_added.unwrap());
    let after = vm_upfront(&e);
    assert_eq!(after.properties.quantity, 4);
    let usage = run(e.client.refund_limit_usage(CONTOSO_ID)).unwrap();
    assert_eq!(usage.entries.len(), 3);
    assert_eq!(usage.used, dec!(12000) + first.quote.limit_added.unwrap());
    // The same key with another body is refused; a new key returns again.
    let other = ReturnRequest {
        quantity: 1,
        ..req.clone()
    };
    let err = run(e
        .client
        .return_reservation(CONTOSO_ID, VM_UPFRONT.0, &other, "return-1"))
    .unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), codes::IDEMPOTENCY_KEY_REUSED)
    );
    run(e
        .client
        .return_reservation(CONTOSO_ID, VM_UPFRONT.0, &other, "return-2"))
    .unwrap();
    assert_eq!(
        run(e.client.get_reservation(&key(VM_UPFRONT)))
            .unwrap()
            .properties
            .quantity,
        3
    );
    // Keys are per user: the resadmin's "return-1" is a new request.
    let resadmin = as_user(&e, "resadmin");
    let r3 =
        run(resadmin.return_reservation(CONTOSO_ID, VM_UPFRONT.0, &other, "return-1")).unwrap();
    assert_eq!(r3.reservation.properties.quantity, 2);
    // Without a key: 400.
    let path = Route::Return {
        customer: CONTOSO_ID.into(),
        order: VM_UPFRONT.0.into(),
    }
    .path();
    let resp = raw(
        &e,
        HttpRequest::new(Method::Post, path).with_body(serde_json::to_string(&other).unwrap()),
    );
    assert_eq!(resp.status, 400);
    // Returning everything cancels it.
    let all = ReturnRequest { quantity: 2, ..req };
    let done = run(e
        .client
        .return_reservation(CONTOSO_ID, VM_UPFRONT.0, &all, "return-3"))
    .unwrap();
    assert_eq!(
        done.reservation.properties.provisioning_state,
        ProvisioningState::Cancelled
    );
    assert_eq!(audited(&e, VM_UPFRONT.0, AuditAction::Return), 4);
}

#[test]
fn refund_limit_reached_is_422_and_changes_nothing() {
    let e = env();
    let big = run(e.client.get_reservation(&fab_key(FABRIKAM_VM_BIG))).unwrap();
    let before_usage = run(e.client.refund_limit_usage(FABRIKAM_ID)).unwrap();
    assert_eq!(before_usage.used, dec!(49500));
    let req = ReturnRequest {
        reservation_id: big.id.clone(),
        quantity: 1,
        return_reason: None,
    };
    let err = run(e
        .client
        .return_reservation(FABRIKAM_ID, FABRIKAM_VM_BIG.0, &req, "fab-1"))
    .unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(422), "RefundLimitExceeded")
    );
    assert_eq!(
        run(e.client.get_reservation(&fab_key(FABRIKAM_VM_BIG))).unwrap(),
        big
    );
    assert_eq!(
        run(e.client.refund_limit_usage(FABRIKAM_ID)).unwrap(),
        before_usage
    );
    // The quote says why, with the amounts.
    let q = run(e.client.calculate_refund(
        FABRIKAM_ID,
        FABRIKAM_VM_BIG.0,
        &CalculateRefundRequest {
            reservation_id: big.id,
            quantity: 1,
        },
    ))
    .unwrap();
    assert_eq!(q.quote.errors.len(), 1);
    assert_eq!(q.quote.errors[0].code(), "RefundLimitExceeded");
    assert!(q.quote.refund.is_some());
    // A small one fits in the headroom.
    let small = run(e.client.get_reservation(&fab_key(FABRIKAM_VM_SMALL))).unwrap();
    let ok = run(e.client.return_reservation(
        FABRIKAM_ID,
        FABRIKAM_VM_SMALL.0,
        &ReturnRequest {
            reservation_id: small.id,
            quantity: 1,
            return_reason: None,
        },
        "fab-2",
    ))
    .unwrap();
    assert!(ok.quote.refund.unwrap() < dec!(500));
}

#[test]
fn blocked_returns_are_422_with_the_engine_code() {
    let e = env();
    let cases = [
        (VM_EXPIRED, 1, "ReservationNotActive"),
        (COSMOS_CANCELLED, 1, "ReservationNotActive"),
        (VM_UPFRONT, 7, "InvalidRefundQuantity"),
        (VM_UPFRONT, 0, "InvalidRefundQuantity"),
        (RED_HAT, 1, "SelfServiceRefundNotSupported"),
    ];
    for (i, (ids, qty, code)) in cases.into_iter().enumerate() {
        let req = ReturnRequest {
            reservation_id: ids.1.into(),
            quantity: qty,
            return_reason: None,
        };
        let err =
            run(e
                .client
                .return_reservation(CONTOSO_ID, ids.0, &req, &format!("blocked-{i}")))
            .unwrap_err();
        assert_eq!((err.status(), err.code()), (Some(422), code), "{ids:?}");
    }
}

// ---- exchanges --------------------------------------------------------------------------------

fn exchange_request(reservation_id: &str, qty: u32, sku: &str, buy: u32) -> ExchangeRequest {
    ExchangeRequest {
        reservations_to_exchange: vec![ExchangeReturnItem {
            reservation_id: reservation_id.into(),
            quantity: qty,
        }],
        reservations_to_purchase: vec![ExchangePurchaseItem {
            reserved_resource_type: Family::VirtualMachines,
            sku_name: sku.into(),
            location: "koreacentral".into(),
            term: Term::P3Y,
            billing_plan: BillingPlan::Upfront,
            quantity: buy,
            display_name: Some("vm-exchanged".into()),
            applied_scope_type: AppliedScopeType::Shared,
            applied_scopes: Vec::new(),
            billing_scope_id: None,
            instance_flexibility: None,
            renew: false,
        }],
    }
}

#[test]
fn exchange_succeeds_and_creates_reservations() {
    let e = env();
    let r = vm_upfront(&e);
    let req = exchange_request(&r.id, 2, "Standard_D8s_v5", 2);
    let quote = run(e.client.calculate_exchange(CONTOSO_ID, &req)).unwrap();
    assert!(quote.quote.is_allowed(), "{:?}", quote.quote.errors);
    assert_eq!(quote.purchases[0].unit_price, dec!(5253.12));
    let done = run(e.client.exchange(CONTOSO_ID, &req, "ex-1")).unwrap();
    let again = run(e.client.exchange(CONTOSO_ID, &req, "ex-1")).unwrap();
    assert_eq!(done, again);
    assert_eq!(done.quote, quote.quote);
    assert_eq!(done.returned[0].properties.quantity, 4);
    assert!(
        !done.returned[0].properties.final_exchange_used,
        "before the cutoff"
    );
    assert_eq!(done.created.len(), 1);
    let new = &done.created[0];
    assert_eq!(new.properties.purchase_date, today());
    assert_eq!(new.properties.quantity, 2);
    assert_eq!(new.properties.display_name, "vm-exchanged");
    assert_eq!(
        new.properties.provisioning_state,
        ProvisioningState::Succeeded
    );
    assert_ne!(new.order_id(), VM_UPFRONT.0);
    let all = contoso_reservations(&e);
    assert_eq!(all.total_count, 12);
    let fetched = run(e
        .client
        .get_reservation(&ReservationKey::of(CONTOSO_ID, new)))
    .unwrap();
    assert_eq!(&fetched, new);
    // Exchanges do not count against the refund limit.
    assert_eq!(
        run(e.client.refund_limit_usage(CONTOSO_ID))
            .unwrap()
            .entries
            .len(),
        2
    );
    assert!(audited(&e, new.order_id(), AuditAction::Exchange) > 0);
}

#[test]
fn exchange_too_small_is_422_exchange_total_too_low() {
    let e = env();
    let r = vm_upfront(&e);
    let mut req = exchange_request(&r.id, 6, "Standard_B2ms", 1);
    req.reservations_to_purchase[0].term = Term::P1Y;
    let quote = run(e.client.calculate_exchange(CONTOSO_ID, &req)).unwrap();
    assert_eq!(quote.quote.errors[0].code(), "ExchangeTotalTooLow");
    let err = run(e.client.exchange(CONTOSO_ID, &req, "ex-small")).unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(422), "ExchangeTotalTooLow")
    );
    assert_eq!(vm_upfront(&e), r);
    // Across product groups: IncompatibleProductFamily; unknown SKU: 400.
    let mut sql = exchange_request(&r.id, 1, "SQLDB_GP_Compute_Gen5", 50);
    sql.reservations_to_purchase[0].reserved_resource_type = Family::SqlDatabases;
    let q = run(e.client.calculate_exchange(CONTOSO_ID, &sql)).unwrap();
    assert!(q
        .quote
        .errors
        .iter()
        .any(|e| e.code() == "IncompatibleProductFamily"));
    let bad = exchange_request(&r.id, 1, "Standard_Nope", 1);
    assert_eq!(
        run(e.client.calculate_exchange(CONTOSO_ID, &bad))
            .unwrap_err()
            .status(),
        Some(400)
    );
}

#[test]
fn exchanges_after_the_cutoff_use_the_final_exchange() {
    let e = env();
    set_today(&e, NaiveDate::from_ymd_opt(2027, 2, 2).unwrap());
    let r = vm_upfront(&e);
    let req = exchange_request(&r.id, 1, "Standard_D8s_v5", 1);
    let done = run(e.client.exchange(CONTOSO_ID, &req, "final-1")).unwrap();
    assert!(done.returned[0].properties.final_exchange_used);
    let err = run(e.client.exchange(CONTOSO_ID, &req, "final-2")).unwrap_err();
    assert_eq!((err.status(), err.code()), (Some(422), "NotExchangeable"));
    // The new reservation was bought after the cutoff: not exchangeable either.
    let new = &done.created[0];
    let again = exchange_request(&new.id, 1, "Standard_D8s_v5", 1);
    let q = run(e.client.calculate_exchange(CONTOSO_ID, &again)).unwrap();
    assert!(q.quote.errors.iter().any(|e| e.code() == "NotExchangeable"));
}

// ---- utilization, catalogue, support ----------------------------------------------------------

#[test]
fn utilization_is_daily_stable_and_bounded_by_the_term() {
    let e = env();
    let k = key(VM_MONTHLY);
    let to = today().pred_opt().unwrap();
    let range = UtilizationRange {
        from: to - chrono::Duration::days(29),
        to,
    };
    let a = run(e.client.utilization(&k, &range)).unwrap();
    let b = run(e.client.utilization(&k, &range)).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.points.len(), 30);
    assert!(a.average.unwrap() < dec!(40));
    assert!(a
        .points
        .iter()
        .all(|p| p.utilized_percentage >= Decimal::ZERO && p.utilized_percentage <= dec!(100)));
    // Nothing before the purchase date or after today.
    let wide = UtilizationRange {
        from: today() - chrono::Duration::days(300),
        to: today() + chrono::Duration::days(30),
    };
    let w = run(e.client.utilization(&k, &wide)).unwrap();
    assert_eq!(w.points.len(), 95);
    let bad = UtilizationRange {
        from: today(),
        to: today() - chrono::Duration::days(1),
    };
    assert_eq!(
        run(e.client.utilization(&k, &bad)).unwrap_err().status(),
        Some(400)
    );
}

#[test]
fn price_catalogue_filters_and_pages() {
    let e = env();
    let q = PriceQuery {
        family: Some(Family::VirtualMachines),
        sku_name: Some("Standard_D2s_v5".into()),
        location: Some("koreacentral".into()),
        ..Default::default()
    };
    let p = run(e.client.price_catalogue(&q)).unwrap();
    assert_eq!(p.total_count, 6, "3 terms x 2 plans");
    let all = run(e.client.price_catalogue(&PriceQuery {
        top: 10,
        ..Default::default()
    }))
    .unwrap();
    assert!(all.total_count > 500);
    assert_eq!(all.value.len(), 10);
    assert!(all.next_link.is_some());
}

fn support_request() -> NewSupportRequest {
    reservation_mock::demo::support_request("환불 요청 / refund request", "Please refund 1 unit.")
}

#[test]
fn support_requests_are_created_listed_and_fetched() {
    let e = env();
    let r = vm_upfront(&e);
    let quote = run(e.client.calculate_refund(
        CONTOSO_ID,
        VM_UPFRONT.0,
        &CalculateRefundRequest {
            reservation_id: r.id,
            quantity: 1,
        },
    ))
    .unwrap();
    let mut req = support_request();
    req.quote = Some(AttachedQuote::Refund(Box::new(quote)));
    let created = run(e.client.create_support_request(CONTOSO_ID, &req, "first")).unwrap();
    assert_eq!(created.number, "2611280010000001");
    // A retry with the same key (an answer lost on the way) opens nothing new.
    let replay = run(e.client.create_support_request(CONTOSO_ID, &req, "first")).unwrap();
    assert_eq!(replay, created);
    let mut no_key = HttpRequest::new(
        Method::Post,
        Route::SupportRequests {
            customer: CONTOSO_ID.into(),
        }
        .path(),
    );
    no_key.body = Some(serde_json::to_string(&req).unwrap());
    let refused = raw(&e, no_key);
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains(codes::IDEMPOTENCY_KEY_REQUIRED));
    assert_eq!(created.status, SupportRequestStatus::Open);
    assert_eq!(
        created.request.reservation_order_id.as_deref(),
        Some(VM_UPFRONT.0)
    );
    let second =
        run(as_user(&e, "reader").create_support_request(CONTOSO_ID, &support_request(), "second"))
            .unwrap();
    assert_eq!(second.number, "2611280010000002");
    let list = run(e.client.list_support_requests(CONTOSO_ID, 0, 10)).unwrap();
    assert_eq!(list.total_count, 2);
    assert_eq!(list.value[0].number, second.number, "newest first");
    assert_eq!(
        run(e.client.get_support_request(CONTOSO_ID, &created.number)).unwrap(),
        created
    );
    assert_eq!(
        run(e.client.get_support_request(CONTOSO_ID, "0"))
            .unwrap_err()
            .status(),
        Some(404)
    );
    let mut bad = support_request();
    bad.contact_method = ContactMethod::Phone;
    assert_eq!(
        run(e
            .client
            .create_support_request(CONTOSO_ID, &bad, "bad-phone"))
        .unwrap_err()
        .code(),
        codes::INVALID_INPUT
    );
    let mut bad = support_request();
    bad.subscription_id = "/subscriptions/someone-else".into();
    assert_eq!(
        run(e
            .client
            .create_support_request(CONTOSO_ID, &bad, "bad-subscription"))
        .unwrap_err()
        .status(),
        Some(400)
    );
    assert!(audited(&e, VM_UPFRONT.0, AuditAction::SupportRequestCreated) > 0);
}

// ---- routing and time ------------------------------------------------------------------

#[test]
fn unknown_routes_methods_and_ids() {
    let e = env();
    assert_eq!(raw(&e, HttpRequest::new(Method::Get, "/nope")).status, 404);
    let r = raw(&e, HttpRequest::new(Method::Delete, "/customers"));
    assert_eq!(r.status, 405);
    let err: ApiErrorBody = serde_json::from_str(&r.body).unwrap();
    assert_eq!(err.error.code, codes::METHOD_NOT_ALLOWED);
    let missing = run(e
        .client
        .get_customer("00000000-0000-0000-0000-000000000000"))
    .unwrap_err();
    assert_eq!(
        (missing.status(), missing.code()),
        (Some(404), codes::RESOURCE_NOT_FOUND)
    );
    let missing =
        run(e
            .client
            .get_reservation(&ReservationKey::new(CONTOSO_ID, VM_UPFRONT.0, "x")))
        .unwrap_err();
    assert_eq!(missing.status(), Some(404));
    let bad_query = raw(
        &e,
        HttpRequest::new(Method::Get, "/customers?sort=shoeSize"),
    );
    assert_eq!(bad_query.status, 400);
    let bad_top = raw(&e, HttpRequest::new(Method::Get, "/customers?top=0"));
    assert_eq!(bad_top.status, 400);
    let path = Route::CalculateRefund {
        customer: CONTOSO_ID.into(),
        order: VM_UPFRONT.0.into(),
    }
    .path();
    let bad_json = raw(&e, HttpRequest::new(Method::Post, path).with_body("{"));
    assert_eq!(bad_json.status, 400);
    assert!(bad_json.body.contains(codes::INVALID_JSON));
}

#[test]
fn orders_are_listed_and_split_orders_hold_two_reservations() {
    let e = env();
    let orders = run(e.client.list_reservation_orders(CONTOSO_ID)).unwrap();
    assert_eq!(orders.value.len(), 10);
    let split = run(e.client.get_reservation_order(CONTOSO_ID, SPLIT_A.0)).unwrap();
    assert_eq!(split.properties.reservations.len(), 2);
    assert_eq!(split.properties.original_quantity, 5);
    let b = run(e.client.get_reservation(&key(SPLIT_B))).unwrap();
    assert_eq!(
        b.properties.applied_scope_type,
        AppliedScopeType::ManagementGroup
    );
}

#[test]
fn the_customer_list_reflects_changes_at_once() {
    let e = env();
    let q = CustomerQuery {
        search: Some("콘토소".into()),
        ..Default::default()
    };
    let before = run(e.client.list_customers(&q)).unwrap().value[0].clone();
    assert_eq!(before.refund_limit_used, dec!(12000));
    let req = ReturnRequest {
        reservation_id: VM_UPFRONT.1.into(),
        quantity: 1,
        return_reason: None,
    };
    let done = run(e
        .client
        .return_reservation(CONTOSO_ID, VM_UPFRONT.0, &req, "k"))
    .unwrap();
    let after = run(e.client.list_customers(&q)).unwrap().value[0].clone();
    assert_eq!(
        after.refund_limit_used,
        dec!(12000) + done.history_entry.amount
    );
    // A later day: the SQL reservation has expired, the 30-day count moves on.
    set_today(&e, today() + chrono::Duration::days(25));
    let later = run(e.client.list_customers(&q)).unwrap().value[0].clone();
    assert_eq!(
        later.active_reservation_count,
        before.active_reservation_count - 1
    );
}

#[path = "alerts.rs"]
mod alerts;
#[path = "billing.rs"]
mod billing;
#[path = "buy.rs"]
mod buy;
#[path = "portfolio_scale.rs"]
mod portfolio_scale;
#[path = "split_merge.rs"]
mod split_merge;
