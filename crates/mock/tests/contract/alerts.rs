//! Alert rules and alerts (`/alertRules`, `/alerts`), in the shared contract suite: run against
//! the mock and against `reservation-server`. Alerts are checked against the portfolio and the
//! customer list, so every family, billing plan, scope and customer of the demo data is covered.

use std::collections::BTreeSet;

use super::*;

fn low(threshold: Decimal, window: u32) -> NewAlertRule {
    NewAlertRule::low_utilization(threshold, window)
}

fn expiring(days: u32) -> NewAlertRule {
    NewAlertRule::expiring_without_renewal(days)
}

fn usage(threshold: Decimal) -> NewAlertRule {
    NewAlertRule::refund_limit_usage(threshold)
}

/// Every open alert the client sees, following the pages; checks they add up.
fn all_alerts(client: &Client<T>) -> Vec<Alert> {
    let mut out = Vec::new();
    let mut skip = 0;
    loop {
        let p = run(client.list_alerts(skip, 40)).unwrap();
        let last = p.next_link.is_none();
        out.extend(p.value);
        if last {
            assert_eq!(out.len() as u64, p.total_count);
            assert_eq!(run(client.count_alerts()).unwrap(), p.total_count);
            return out;
        }
        skip += 40;
    }
}

fn ids(alerts: &[Alert]) -> BTreeSet<String> {
    alerts.iter().map(|a| a.id.clone()).collect()
}

/// The alert id of a rule on a portfolio row.
fn row_alert(rule: &AlertRule, row: &PortfolioRow) -> String {
    format!("{}~{}", rule.id, row.reservation.reservation_id())
}

fn active_rows(client: &Client<T>) -> Vec<PortfolioRow> {
    portfolio_all(
        client,
        &PortfolioQuery {
            status: Some(ProvisioningState::Succeeded),
            top: 1000,
            ..Default::default()
        },
    )
}

fn assert_status(err: ClientError, status: u16, code: &str, target: Option<&str>) {
    assert_eq!((err.status(), err.code()), (Some(status), code), "{err:?}");
    if let Some(t) = target {
        match &err {
            ClientError::Api { target, .. } => assert_eq!(target.as_deref(), Some(t), "{err:?}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn rules_are_validated_naming_the_field_and_only_managers_create_them() {
    let e = env();
    let bad = |rule: NewAlertRule, field: &str| {
        let err = run(e.client.create_alert_rule(&rule)).unwrap_err();
        assert_status(err, 400, codes::INVALID_INPUT, Some(field));
    };
    bad(low(dec!(100.5), 7), "thresholdPercent");
    bad(low(dec!(-0.01), 30), "thresholdPercent");
    bad(low(dec!(50), 14), "windowDays");
    bad(usage(dec!(101)), "thresholdPercent");
    bad(expiring(0), "withinDays");
    bad(expiring(3651), "withinDays");
    bad(
        NewAlertRule {
            window_days: Some(7),
            ..usage(dec!(10))
        },
        "windowDays",
    );
    bad(
        NewAlertRule {
            threshold_percent: None,
            ..low(dec!(1), 7)
        },
        "thresholdPercent",
    );
    // Not JSON of a rule at all.
    let resp = raw(
        &e,
        HttpRequest::new(Method::Post, Route::AlertRules.path())
            .with_body(r#"{"kind":"Sometimes"}"#),
    );
    assert_eq!(resp.status, 400);
    // The edges are allowed.
    for rule in [
        low(dec!(0), 7),
        low(dec!(100), 30),
        expiring(1),
        expiring(3650),
        usage(dec!(0)),
    ] {
        let stored = run(e.client.create_alert_rule(&rule)).unwrap();
        assert_eq!(stored.rule, rule);
        assert_eq!(stored.created_by, "admin");
    }
    // Readers and users without a tenant-wide role may not create or delete rules; a
    // Reservations Administrator may.
    for user in ["reader", "contributor"] {
        let c = as_user(&e, user);
        assert_status(
            run(c.create_alert_rule(&expiring(30))).unwrap_err(),
            403,
            codes::AUTHORIZATION_FAILED,
            None,
        );
        let first = run(c.list_alert_rules()).unwrap().value[0].id.clone();
        assert_status(
            run(c.delete_alert_rule(&first)).unwrap_err(),
            403,
            codes::AUTHORIZATION_FAILED,
            None,
        );
    }
    let resadmin = as_user(&e, "resadmin");
    let made = run(resadmin.create_alert_rule(&expiring(45))).unwrap();
    assert_eq!(made.created_by, "resadmin");
    let rules = run(as_user(&e, "reader").list_alert_rules()).unwrap();
    assert_eq!(rules.total_count, 6);
    assert_eq!(rules.value.last().unwrap().id, made.id);
    // Deleting answers the rule, then 404.
    assert_eq!(run(e.client.delete_alert_rule(&made.id)).unwrap(), made);
    assert_status(
        run(e.client.delete_alert_rule(&made.id)).unwrap_err(),
        404,
        codes::RESOURCE_NOT_FOUND,
        Some(&made.id),
    );
    assert_eq!(run(e.client.list_alert_rules()).unwrap().total_count, 5);
}

#[test]
fn low_utilization_alerts_match_the_portfolio_for_both_windows() {
    let e = env();
    assert!(all_alerts(&e.client).is_empty());
    let r7 = run(e.client.create_alert_rule(&low(dec!(60), 7))).unwrap();
    let r30 = run(e.client.create_alert_rule(&low(dec!(55.5), 30))).unwrap();
    let rows = active_rows(&e.client);
    let mut expected = BTreeSet::new();
    for row in &rows {
        let average = |days| row.reservation.average_utilization(days);
        if average(7).is_some_and(|v| v < dec!(60)) {
            expected.insert(row_alert(&r7, row));
        }
        if average(30).is_some_and(|v| v < dec!(55.5)) {
            expected.insert(row_alert(&r30, row));
        }
    }
    let alerts = all_alerts(&e.client);
    assert_eq!(ids(&alerts), expected);
    // The portfolio's own filter agrees for the 7-day window.
    let below = portfolio_all(
        &e.client,
        &PortfolioQuery {
            utilization_below: Some(dec!(60)),
            top: 1000,
            ..Default::default()
        },
    );
    assert_eq!(
        alerts.iter().filter(|a| a.rule_id == r7.id).count(),
        below.len()
    );
    // Across the data: several families, both plans, every scope type, many customers.
    let flagged: Vec<&PortfolioRow> = rows
        .iter()
        .filter(|r| {
            alerts
                .iter()
                .any(|a| a.reservation_id.as_ref() == Some(&r.reservation.id))
        })
        .collect();
    let families: BTreeSet<String> = flagged
        .iter()
        .map(|r| {
            r.reservation
                .properties
                .reserved_resource_type
                .as_str()
                .to_string()
        })
        .collect();
    let plans: BTreeSet<&str> = flagged
        .iter()
        .map(|r| r.reservation.properties.billing_plan.as_str())
        .collect();
    let scopes: BTreeSet<String> = flagged
        .iter()
        .map(|r| format!("{:?}", r.reservation.properties.applied_scope_type))
        .collect();
    assert!(families.len() >= 3, "{families:?}");
    assert_eq!(plans.len(), 2, "{plans:?}");
    assert_eq!(scopes.len(), 3, "{scopes:?}");
    // Each alert carries its reason, measure and link.
    for a in &alerts {
        let row = rows
            .iter()
            .find(|r| Some(&r.reservation.id) == a.reservation_id.as_ref())
            .expect("an alert on a portfolio row");
        assert_eq!(a.customer_id, row.customer_id);
        assert_eq!(a.company_name, row.company_name);
        assert_eq!(
            a.display_name.as_ref(),
            Some(&row.reservation.properties.display_name)
        );
        assert_eq!(a.kind, AlertKind::LowUtilization);
        let window = a.window_days.unwrap();
        assert_eq!(a.value_percent, row.reservation.average_utilization(window));
        assert!(
            a.reason.contains(&format!("{window}-day utilization")),
            "{}",
            a.reason
        );
    }
    // VM_MONTHLY is poorly utilized: it is flagged.
    assert!(alerts
        .iter()
        .any(|a| a.id == format!("{}~{}", r7.id, VM_MONTHLY.1)));
}

#[test]
fn expiry_alerts_are_the_active_reservations_expiring_soon_with_auto_renew_off() {
    let e = env();
    let rule = run(e.client.create_alert_rule(&expiring(90))).unwrap();
    let soon = portfolio_all(
        &e.client,
        &PortfolioQuery {
            expiring_within_days: Some(90),
            auto_renew: Some(false),
            top: 1000,
            ..Default::default()
        },
    );
    assert!(!soon.is_empty());
    let alerts = all_alerts(&e.client);
    assert_eq!(
        ids(&alerts),
        soon.iter()
            .map(|r| row_alert(&rule, r))
            .collect::<BTreeSet<_>>()
    );
    let sql = alerts
        .iter()
        .find(|a| a.id == format!("{}~{}", rule.id, SQL_EXPIRING.1))
        .expect("the SQL reservation expiring at T+20");
    assert_eq!(sql.days_left, Some(20));
    assert_eq!(sql.expiry_date, Some(today() + chrono::Duration::days(20)));
    assert_eq!(sql.customer_id, CONTOSO_ID);
    // Turning auto-renew on resolves the alert; expired and cancelled ones never alert.
    let k = key(SQL_EXPIRING);
    let r = run(e.client.get_reservation(&k)).unwrap();
    let patch = ReservationPatch {
        properties: ReservationPatchProperties {
            renew: Some(true),
            ..Default::default()
        },
    };
    run(e.client.update_reservation(&k, &patch, r.etag)).unwrap();
    let after = all_alerts(&e.client);
    assert_eq!(after.len(), alerts.len() - 1);
    assert!(!after.iter().any(|a| a.id == sql.id));
    for gone in [VM_EXPIRED, COSMOS_CANCELLED] {
        assert!(!after.iter().any(|a| a.id.ends_with(gone.1)));
    }
}

#[test]
fn refund_limit_usage_alerts_are_per_customer_and_strictly_above() {
    let e = env();
    // Contoso has used 12,000 of 50,000 USD: 24 %.
    let at_24 = run(e.client.create_alert_rule(&usage(dec!(24)))).unwrap();
    let at_20 = run(e.client.create_alert_rule(&usage(dec!(20)))).unwrap();
    let customers = run(e.client.list_customers(&CustomerQuery {
        top: 1000,
        ..Default::default()
    }))
    .unwrap()
    .value;
    let alerts = all_alerts(&e.client);
    for c in &customers {
        let percent = (c.refund_limit_used * dec!(100) / dec!(50000)).round_dp(2);
        for (rule, threshold) in [(&at_24, dec!(24)), (&at_20, dec!(20))] {
            let id = format!("{}~{}", rule.id, c.id);
            let found = alerts.iter().find(|a| a.id == id);
            assert_eq!(
                found.is_some(),
                percent > threshold,
                "{} {percent}",
                c.company_name
            );
            if let Some(a) = found {
                assert_eq!(a.value_percent, Some(percent));
                assert_eq!(a.reservation_id, None);
                assert_eq!(a.company_name, c.company_name);
            }
        }
    }
    let contoso = format!("{}~{}", at_20.id, CONTOSO_ID);
    let a = alerts
        .iter()
        .find(|a| a.id == contoso)
        .expect("Contoso over 20 %");
    assert_eq!(a.value_percent, Some(dec!(24.00)));
    assert!(!alerts
        .iter()
        .any(|a| a.id == format!("{}~{}", at_24.id, CONTOSO_ID)));
}

#[test]
fn acknowledged_alerts_stay_hidden_and_snoozed_ones_return_on_their_day() {
    let e = env();
    let rule = run(e.client.create_alert_rule(&expiring(60))).unwrap();
    let usage_rule = run(e.client.create_alert_rule(&usage(dec!(20)))).unwrap();
    let before = all_alerts(&e.client);
    let sql = format!("{}~{}", rule.id, SQL_EXPIRING.1);
    let host = format!("{}~{}", rule.id, DEDICATED_HOST.1);
    let contoso = format!("{}~{}", usage_rule.id, CONTOSO_ID);
    for id in [&sql, &host, &contoso] {
        assert!(before.iter().any(|a| &a.id == id), "{id}");
    }
    // Readers see the alerts but may not dismiss them; nor may an unassigned contributor.
    let reader = as_user(&e, "reader");
    assert_eq!(ids(&all_alerts(&reader)), ids(&before));
    assert_status(
        run(reader.acknowledge_alert(&sql)).unwrap_err(),
        403,
        codes::AUTHORIZATION_FAILED,
        None,
    );
    assert_status(
        run(as_user(&e, "contributor").snooze_alert(&sql, 7)).unwrap_err(),
        403,
        codes::AUTHORIZATION_FAILED,
        None,
    );
    // Validation and unknown ids.
    assert_status(
        run(e.client.snooze_alert(&sql, 14)).unwrap_err(),
        400,
        codes::INVALID_INPUT,
        Some("days"),
    );
    assert_status(
        run(e.client.acknowledge_alert("nope~nothing")).unwrap_err(),
        404,
        codes::RESOURCE_NOT_FOUND,
        None,
    );
    let ack = run(e.client.acknowledge_alert(&sql)).unwrap();
    assert_eq!(
        (ack.alert_id.as_str(), ack.snoozed_until),
        (sql.as_str(), None)
    );
    let snoozed = run(as_user(&e, "resadmin").snooze_alert(&host, 7)).unwrap();
    assert_eq!(
        snoozed.snoozed_until,
        Some(today() + chrono::Duration::days(7))
    );
    assert_eq!(snoozed.by, "resadmin");
    run(e.client.snooze_alert(&contoso, 30)).unwrap();
    let open = all_alerts(&e.client);
    assert_eq!(open.len(), before.len() - 3);
    for id in [&sql, &host, &contoso] {
        assert!(!open.iter().any(|a| &a.id == id), "{id}");
    }
    // Shared by every user, and kept (on the server: across a restart).
    assert_eq!(ids(&all_alerts(&reader)), ids(&open));
    set_today(&e, today() + chrono::Duration::days(6));
    let day6 = ids(&all_alerts(&e.client));
    assert!(!day6.contains(&sql) && !day6.contains(&host) && !day6.contains(&contoso));
    set_today(&e, today() + chrono::Duration::days(7));
    let day7 = ids(&all_alerts(&e.client));
    assert!(day7.contains(&host), "a 7-day snooze ends on day 7");
    assert!(!day7.contains(&sql) && !day7.contains(&contoso));
    set_today(&e, today() + chrono::Duration::days(30));
    let day30 = ids(&all_alerts(&e.client));
    assert!(day30.contains(&contoso), "a 30-day snooze ends on day 30");
    // The SQL reservation has expired by now; while it alerted it stayed acknowledged.
    assert!(!day30.contains(&sql));
    // Deleting the rule drops its alerts and their dismissals.
    run(e.client.delete_alert_rule(&rule.id)).unwrap();
    assert!(!all_alerts(&e.client).iter().any(|a| a.rule_id == rule.id));
}

#[test]
fn a_user_sees_alerts_only_on_what_they_may_read() {
    let e = env();
    let rule = run(e.client.create_alert_rule(&low(dec!(100), 7))).unwrap();
    let usage_rule = run(e.client.create_alert_rule(&usage(dec!(0)))).unwrap();
    let contributor = as_user(&e, "contributor");
    let mine = active_rows(&contributor);
    assert!(!mine.is_empty());
    let alerts = all_alerts(&contributor);
    let expected: BTreeSet<String> = mine
        .iter()
        .filter(|r| {
            r.reservation
                .average_utilization(7)
                .is_some_and(|v| v < dec!(100))
        })
        .map(|r| row_alert(&rule, r))
        .chain(
            mine.iter()
                .map(|r| r.customer_id.clone())
                .collect::<BTreeSet<_>>()
                .iter()
                .filter(|c| {
                    let u = run(e.client.refund_limit_usage(c)).unwrap();
                    u.used > Decimal::ZERO
                })
                .map(|c| format!("{}~{}", usage_rule.id, c)),
        )
        .collect();
    assert_eq!(ids(&alerts), expected);
    assert!(all_alerts(&e.client).len() > alerts.len());
}
