//! Alert rules evaluated over the portfolio: plain data in, alerts out (no state, no I/O), so
//! the rules are tested on their own. The handlers gather the facts the user may read.

use chrono::NaiveDate;
use reservation_api::{
    Alert, AlertDismissal, AlertKind, AlertRule, NewAlertRule, ALERT_WINDOWS,
    MAX_ALERT_WITHIN_DAYS, SNOOZE_DAYS,
};
use rust_decimal::Decimal;

/// What alert rules look at on one reservation.
#[derive(Clone, Debug, PartialEq)]
pub struct ReservationFacts {
    /// The customer's tenant id.
    pub customer_id: String,
    /// The customer's company name.
    pub company_name: String,
    /// The reservation GUID.
    pub guid: String,
    /// The resource id.
    pub resource_id: String,
    /// The display name.
    pub display_name: String,
    /// Active today (not expired, not cancelled).
    pub active: bool,
    /// Auto-renew on.
    pub renew: bool,
    /// The expiry date.
    pub expiry: NaiveDate,
    /// The 7-day average utilization, percent.
    pub util7: Option<Decimal>,
    /// The 30-day average utilization, percent.
    pub util30: Option<Decimal>,
}

/// What alert rules look at on one customer.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerFacts {
    /// The tenant id.
    pub customer_id: String,
    /// The company name.
    pub company_name: String,
    /// The refund-limit usage today: used ÷ limit × 100, two decimals.
    pub usage_percent: Decimal,
}

/// A rule that does not hold together: the field and an English message naming it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    /// The camelCase field.
    pub field: &'static str,
    /// The message.
    pub message: String,
}

fn rule_error(field: &'static str, message: impl Into<String>) -> RuleError {
    RuleError {
        field,
        message: message.into(),
    }
}

/// Checks a new rule: the fields its kind needs are present and in range, the others absent.
pub fn validate(rule: &NewAlertRule) -> Result<(), RuleError> {
    let percent = |v: Option<Decimal>| -> Result<(), RuleError> {
        match v {
            None => Err(rule_error(
                "thresholdPercent",
                format!(
                    "'thresholdPercent' is required for {} rules.",
                    rule.kind.as_str()
                ),
            )),
            Some(p) if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED => Err(rule_error(
                "thresholdPercent",
                format!("'thresholdPercent' must be between 0 and 100, not {p}."),
            )),
            Some(_) => Ok(()),
        }
    };
    let absent = |field: &'static str, present: bool| -> Result<(), RuleError> {
        if present {
            Err(rule_error(
                field,
                format!("'{field}' does not apply to {} rules.", rule.kind.as_str()),
            ))
        } else {
            Ok(())
        }
    };
    match rule.kind {
        AlertKind::LowUtilization => {
            percent(rule.threshold_percent)?;
            match rule.window_days {
                Some(d) if ALERT_WINDOWS.contains(&d) => {}
                Some(d) => {
                    return Err(rule_error(
                        "windowDays",
                        format!("'windowDays' must be 7 or 30, not {d}."),
                    ))
                }
                None => {
                    return Err(rule_error(
                        "windowDays",
                        "'windowDays' (7 or 30) is required for LowUtilization rules.",
                    ))
                }
            }
            absent("withinDays", rule.within_days.is_some())
        }
        AlertKind::ExpiringWithoutRenewal => {
            match rule.within_days {
                Some(d) if (1..=MAX_ALERT_WITHIN_DAYS).contains(&d) => {}
                Some(d) => {
                    return Err(rule_error(
                        "withinDays",
                        format!(
                            "'withinDays' must be between 1 and {MAX_ALERT_WITHIN_DAYS}, not {d}."
                        ),
                    ))
                }
                None => {
                    return Err(rule_error(
                        "withinDays",
                        "'withinDays' is required for ExpiringWithoutRenewal rules.",
                    ))
                }
            }
            absent("thresholdPercent", rule.threshold_percent.is_some())?;
            absent("windowDays", rule.window_days.is_some())
        }
        AlertKind::RefundLimitUsage => {
            percent(rule.threshold_percent)?;
            absent("windowDays", rule.window_days.is_some())?;
            absent("withinDays", rule.within_days.is_some())
        }
    }
}

/// Checks a snooze length (7 or 30 days).
pub fn validate_snooze(days: u32) -> Result<(), RuleError> {
    if SNOOZE_DAYS.contains(&days) {
        Ok(())
    } else {
        Err(rule_error(
            "days",
            format!("'days' must be 7 or 30, not {days}."),
        ))
    }
}

/// The stable id of the alert a rule raises on a subject (reservation GUID or tenant id).
pub fn alert_id(rule_id: &str, subject: &str) -> String {
    format!("{rule_id}~{subject}")
}

/// The rule id an alert id starts with.
pub fn rule_of(alert_id: &str) -> &str {
    alert_id.split_once('~').map_or(alert_id, |(r, _)| r)
}

/// Every alert the rules raise today over the facts, rule by rule (in rule order), each rule's
/// alerts in the order of the facts.
pub fn evaluate(
    rules: &[AlertRule],
    reservations: &[ReservationFacts],
    customers: &[CustomerFacts],
    today: NaiveDate,
) -> Vec<Alert> {
    let mut out = Vec::new();
    for rule in rules {
        let r = &rule.rule;
        match r.kind {
            AlertKind::LowUtilization => {
                let (Some(threshold), Some(window)) = (r.threshold_percent, r.window_days) else {
                    continue;
                };
                for f in reservations.iter().filter(|f| f.active) {
                    let value = if window == 30 { f.util30 } else { f.util7 };
                    let Some(value) = value.filter(|v| *v < threshold) else {
                        continue;
                    };
                    out.push(Alert {
                        reason: format!(
                            "{window}-day utilization {value} % is below {threshold} %."
                        ),
                        value_percent: Some(value),
                        threshold_percent: Some(threshold),
                        window_days: Some(window),
                        ..on_reservation(rule, f)
                    });
                }
            }
            AlertKind::ExpiringWithoutRenewal => {
                let Some(within) = r.within_days else {
                    continue;
                };
                for f in reservations.iter().filter(|f| f.active && !f.renew) {
                    let days_left = (f.expiry - today).num_days();
                    if days_left > i64::from(within) {
                        continue;
                    }
                    out.push(Alert {
                        reason: format!(
                            "Expires on {} (in {days_left} days) with auto-renew off.",
                            f.expiry
                        ),
                        expiry_date: Some(f.expiry),
                        days_left: Some(days_left),
                        ..on_reservation(rule, f)
                    });
                }
            }
            AlertKind::RefundLimitUsage => {
                let Some(threshold) = r.threshold_percent else {
                    continue;
                };
                for c in customers.iter().filter(|c| c.usage_percent > threshold) {
                    out.push(Alert {
                        value_percent: Some(c.usage_percent),
                        threshold_percent: Some(threshold),
                        reason: format!(
                            "Refund-limit usage {} % is above {threshold} %.",
                            c.usage_percent
                        ),
                        ..Alert::new(
                            alert_id(&rule.id, &c.customer_id),
                            &rule.id,
                            r.kind,
                            &c.customer_id,
                            &c.company_name,
                        )
                    });
                }
            }
        }
    }
    out
}

/// The part of an alert every reservation alert shares.
fn on_reservation(rule: &AlertRule, f: &ReservationFacts) -> Alert {
    Alert {
        reservation_id: Some(f.resource_id.clone()),
        display_name: Some(f.display_name.clone()),
        ..Alert::new(
            alert_id(&rule.id, &f.guid),
            &rule.id,
            rule.rule.kind,
            &f.customer_id,
            &f.company_name,
        )
    }
}

/// Whether an alert is hidden today: acknowledged, or snoozed until a later day.
pub fn dismissed(alert_id: &str, dismissals: &[AlertDismissal], today: NaiveDate) -> bool {
    dismissals
        .iter()
        .filter(|d| d.alert_id == alert_id)
        .any(|d| d.snoozed_until.is_none_or(|until| today < until))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDateTime};
    use rust_decimal_macros::dec;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at() -> NaiveDateTime {
        day("2026-11-28").and_hms_opt(0, 0, 0).unwrap()
    }

    fn rule(id: &str, r: NewAlertRule) -> AlertRule {
        AlertRule {
            id: id.into(),
            rule: r,
            created_by: "admin".into(),
            created_date_time: at(),
        }
    }

    fn res(
        guid: &str,
        util7: Decimal,
        util30: Decimal,
        expiry: &str,
        renew: bool,
    ) -> ReservationFacts {
        ReservationFacts {
            customer_id: "c1".into(),
            company_name: "Contoso".into(),
            guid: guid.into(),
            resource_id: format!(
                "/providers/Microsoft.Capacity/reservationOrders/o/reservations/{guid}"
            ),
            display_name: format!("vm-{guid}"),
            active: true,
            renew,
            expiry: day(expiry),
            util7: Some(util7),
            util30: Some(util30),
        }
    }

    #[test]
    fn validation_names_the_field() {
        assert_eq!(
            validate(&NewAlertRule::low_utilization(dec!(50), 7)),
            Ok(())
        );
        assert_eq!(
            validate(&NewAlertRule::low_utilization(dec!(0), 30)),
            Ok(())
        );
        assert_eq!(
            validate(&NewAlertRule::low_utilization(dec!(100), 30)),
            Ok(())
        );
        assert_eq!(
            validate(&NewAlertRule::low_utilization(dec!(100.01), 7))
                .unwrap_err()
                .field,
            "thresholdPercent"
        );
        assert_eq!(
            validate(&NewAlertRule::low_utilization(dec!(-1), 7))
                .unwrap_err()
                .field,
            "thresholdPercent"
        );
        assert_eq!(
            validate(&NewAlertRule::low_utilization(dec!(50), 14))
                .unwrap_err()
                .field,
            "windowDays"
        );
        let mut no_window = NewAlertRule::low_utilization(dec!(50), 7);
        no_window.window_days = None;
        assert_eq!(validate(&no_window).unwrap_err().field, "windowDays");
        assert_eq!(validate(&NewAlertRule::expiring_without_renewal(1)), Ok(()));
        assert_eq!(
            validate(&NewAlertRule::expiring_without_renewal(3650)),
            Ok(())
        );
        assert_eq!(
            validate(&NewAlertRule::expiring_without_renewal(0))
                .unwrap_err()
                .field,
            "withinDays"
        );
        assert_eq!(
            validate(&NewAlertRule::expiring_without_renewal(3651))
                .unwrap_err()
                .field,
            "withinDays"
        );
        let mut extra = NewAlertRule::expiring_without_renewal(30);
        extra.threshold_percent = Some(dec!(5));
        assert_eq!(validate(&extra).unwrap_err().field, "thresholdPercent");
        assert_eq!(
            validate(&NewAlertRule::refund_limit_usage(dec!(80))),
            Ok(())
        );
        let mut none = NewAlertRule::refund_limit_usage(dec!(80));
        none.threshold_percent = None;
        let e = validate(&none).unwrap_err();
        assert_eq!(e.field, "thresholdPercent");
        assert!(e.message.contains("thresholdPercent"));
        assert_eq!(validate_snooze(7), Ok(()));
        assert_eq!(validate_snooze(30), Ok(()));
        assert_eq!(validate_snooze(14).unwrap_err().field, "days");
    }

    #[test]
    fn utilization_below_the_threshold_over_the_rules_window() {
        let facts = vec![
            res("a", dec!(40), dec!(60), "2027-06-01", true),
            res("b", dec!(60), dec!(40), "2027-06-01", true),
            res("c", dec!(50), dec!(50), "2027-06-01", true),
        ];
        let rules = vec![
            rule("r7", NewAlertRule::low_utilization(dec!(50), 7)),
            rule("r30", NewAlertRule::low_utilization(dec!(50), 30)),
        ];
        let alerts = evaluate(&rules, &facts, &[], day("2026-11-28"));
        let ids: Vec<&str> = alerts.iter().map(|a| a.id.as_str()).collect();
        // Strictly below: 50 % is not below 50 %.
        assert_eq!(ids, ["r7~a", "r30~b"]);
        assert_eq!(alerts[0].value_percent, Some(dec!(40)));
        assert_eq!(alerts[0].window_days, Some(7));
        assert_eq!(alerts[0].reason, "7-day utilization 40 % is below 50 %.");
        assert_eq!(
            alerts[1].reservation_id.as_deref(),
            Some(facts[1].resource_id.as_str())
        );
    }

    #[test]
    fn inactive_reservations_raise_no_alert() {
        let mut f = res("a", dec!(1), dec!(1), "2026-12-01", false);
        f.active = false;
        let rules = vec![
            rule("u", NewAlertRule::low_utilization(dec!(50), 7)),
            rule("e", NewAlertRule::expiring_without_renewal(30)),
        ];
        assert!(evaluate(&rules, &[f], &[], day("2026-11-28")).is_empty());
    }

    #[test]
    fn expiring_within_n_days_with_auto_renew_off() {
        let today = day("2026-11-28");
        let facts = vec![
            res("soon", dec!(90), dec!(90), "2026-12-28", false),
            res("renews", dec!(90), dec!(90), "2026-12-01", true),
            res("later", dec!(90), dec!(90), "2026-12-29", false),
        ];
        let alerts = evaluate(
            &[rule("e", NewAlertRule::expiring_without_renewal(30))],
            &facts,
            &[],
            today,
        );
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].id, "e~soon");
        assert_eq!(alerts[0].days_left, Some(30));
        assert_eq!(alerts[0].expiry_date, Some(day("2026-12-28")));
        assert_eq!(
            alerts[0].reason,
            "Expires on 2026-12-28 (in 30 days) with auto-renew off."
        );
    }

    #[test]
    fn refund_limit_usage_above_the_threshold_per_customer() {
        let customers = vec![
            CustomerFacts {
                customer_id: "c1".into(),
                company_name: "Contoso".into(),
                usage_percent: dec!(80.00),
            },
            CustomerFacts {
                customer_id: "c2".into(),
                company_name: "Fabrikam".into(),
                usage_percent: dec!(80.01),
            },
        ];
        let alerts = evaluate(
            &[rule("u", NewAlertRule::refund_limit_usage(dec!(80)))],
            &[],
            &customers,
            day("2026-11-28"),
        );
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].id, "u~c2");
        assert_eq!(alerts[0].reservation_id, None);
        assert_eq!(alerts[0].company_name, "Fabrikam");
        assert_eq!(rule_of(&alerts[0].id), "u");
    }

    #[test]
    fn acknowledged_stays_hidden_snoozed_comes_back_on_its_day() {
        let today = day("2026-11-28");
        let d = |id: &str, until: Option<NaiveDate>| AlertDismissal {
            alert_id: id.into(),
            snoozed_until: until,
            by: "admin".into(),
            at: at(),
        };
        let list = vec![d("ack", None), d("snz", Some(today + Duration::days(7)))];
        assert!(dismissed("ack", &list, today + Duration::days(4000)));
        assert!(dismissed("snz", &list, today + Duration::days(6)));
        assert!(!dismissed("snz", &list, today + Duration::days(7)));
        assert!(!dismissed("other", &list, today));
    }
}
