//! Alerts in the app as plain data: the rule form's values and checks (naming the field), the
//! sentence that explains an alert in the user's language, and where an alert links to. The
//! views are in `pages/alerts.rs` and `components/alert_list.rs`.

use rust_decimal::Decimal;

use crate::api::{
    parse_reservation_resource_id, Alert, AlertKind, NewAlertRule, ReservationKey, ALERT_WINDOWS,
    MAX_ALERT_WITHIN_DAYS,
};
use crate::routes::{self, ReservationPage, ReservationRoutes};
use crate::text::format;
use crate::text::i18n::{self, Locale};

/// The rule form as typed: text fields stay text until checked, so nothing typed is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDraft {
    /// What the rule watches.
    pub kind: AlertKind,
    /// The percentage (utilization and usage rules).
    pub threshold: String,
    /// The utilization window, 7 or 30 days.
    pub window: u32,
    /// The days before expiry (expiry rules).
    pub within: String,
}

impl Default for RuleDraft {
    fn default() -> Self {
        RuleDraft {
            kind: AlertKind::LowUtilization,
            threshold: "50".into(),
            window: 7,
            within: "30".into(),
        }
    }
}

/// A field of the rule form that does not hold: which one (its input's id) and the message key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DraftError {
    /// The field: `threshold` or `within` (the form's input ids are `rule-{field}`).
    pub field: &'static str,
    /// The catalogue key of the message, which names the field.
    pub message: &'static str,
}

impl RuleDraft {
    /// Whether the form shows the percentage field.
    pub fn has_threshold(&self) -> bool {
        self.kind != AlertKind::ExpiringWithoutRenewal
    }

    /// The text of a text field: `threshold` or `within`.
    pub fn text(&self, field: &str) -> &str {
        if field == "within" {
            &self.within
        } else {
            &self.threshold
        }
    }

    /// Sets the text of a text field: `threshold` or `within`.
    pub fn set_text(&mut self, field: &str, value: String) {
        if field == "within" {
            self.within = value;
        } else {
            self.threshold = value;
        }
    }

    /// The rule the form describes, or the first field that does not hold.
    pub fn to_rule(&self) -> Result<NewAlertRule, DraftError> {
        let threshold = || -> Result<Decimal, DraftError> {
            self.threshold
                .trim()
                .parse::<Decimal>()
                .ok()
                .filter(|v| (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(v))
                .ok_or(DraftError {
                    field: "threshold",
                    message: "alerts.error.threshold",
                })
        };
        Ok(match self.kind {
            AlertKind::LowUtilization => {
                let window = if ALERT_WINDOWS.contains(&self.window) {
                    self.window
                } else {
                    ALERT_WINDOWS[0]
                };
                NewAlertRule::low_utilization(threshold()?, window)
            }
            AlertKind::ExpiringWithoutRenewal => {
                let days = self
                    .within
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|d| (1..=MAX_ALERT_WITHIN_DAYS).contains(d))
                    .ok_or(DraftError {
                        field: "within",
                        message: "alerts.error.within",
                    })?;
                NewAlertRule::expiring_without_renewal(days)
            }
            AlertKind::RefundLimitUsage => NewAlertRule::refund_limit_usage(threshold()?),
        })
    }
}

/// The catalogue key of a kind's name.
pub fn kind_label(kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::LowUtilization => "alerts.kind.low",
        AlertKind::ExpiringWithoutRenewal => "alerts.kind.expiring",
        AlertKind::RefundLimitUsage => "alerts.kind.usage",
    }
}

/// A rule's condition in one phrase ("7-day utilization below 50%").
pub fn describe_rule(rule: &NewAlertRule, locale: Locale) -> String {
    let percent = |p: Option<Decimal>| p.map(format::percent).unwrap_or_default();
    match rule.kind {
        AlertKind::LowUtilization => i18n::text_with(
            locale,
            "alerts.rule.low",
            &[
                ("days", &rule.window_days.unwrap_or_default().to_string()),
                ("threshold", &percent(rule.threshold_percent)),
            ],
        ),
        AlertKind::ExpiringWithoutRenewal => {
            let days = rule.within_days.unwrap_or_default();
            i18n::plural_with(
                locale,
                "alerts.rule.expiring",
                i64::from(days),
                &[("days", &format::count(u64::from(days)))],
            )
        }
        AlertKind::RefundLimitUsage => i18n::text_with(
            locale,
            "alerts.rule.usage",
            &[("threshold", &percent(rule.threshold_percent))],
        ),
    }
}

/// Why an alert is raised, in the user's language, from the alert's measures.
pub fn reason(alert: &Alert, locale: Locale) -> String {
    let percent = |p: Option<Decimal>| p.map(format::percent).unwrap_or_default();
    match alert.kind {
        AlertKind::LowUtilization => i18n::text_with(
            locale,
            "alerts.reason.low",
            &[
                ("days", &alert.window_days.unwrap_or_default().to_string()),
                ("value", &percent(alert.value_percent)),
                ("threshold", &percent(alert.threshold_percent)),
            ],
        ),
        AlertKind::ExpiringWithoutRenewal => {
            let days = alert.days_left.unwrap_or_default();
            i18n::plural_with(
                locale,
                "alerts.reason.expiring",
                days,
                &[
                    ("days", &days.to_string()),
                    (
                        "date",
                        &alert
                            .expiry_date
                            .map(|d| format::date(d, locale))
                            .unwrap_or_default(),
                    ),
                ],
            )
        }
        AlertKind::RefundLimitUsage => i18n::text_with(
            locale,
            "alerts.reason.usage",
            &[
                ("value", &percent(alert.value_percent)),
                ("threshold", &percent(alert.threshold_percent)),
            ],
        ),
    }
}

/// Where an alert links to: the reservation's Overview, or the customer for usage alerts.
pub fn link(alert: &Alert) -> String {
    alert
        .reservation_id
        .as_deref()
        .and_then(parse_reservation_resource_id)
        .map_or_else(
            || routes::customer(&alert.customer_id),
            |(order, reservation)| {
                ReservationKey::new(&alert.customer_id, order, reservation)
                    .page(ReservationPage::Overview)
            },
        )
}

/// What an alert is about: the reservation's name, or the customer's.
pub fn subject(alert: &Alert) -> String {
    alert
        .display_name
        .clone()
        .unwrap_or_else(|| alert.company_name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn alert(kind: AlertKind) -> Alert {
        Alert::new("r~x".into(), "r", kind, "c1", "Contoso")
    }

    #[test]
    fn the_form_checks_the_fields_its_kind_has_and_names_them() {
        let ok = RuleDraft::default().to_rule().unwrap();
        assert_eq!(ok.threshold_percent, Some(dec!(50)));
        assert_eq!(ok.window_days, Some(7));
        assert_eq!(ok.within_days, None);
        let bad = |d: RuleDraft| d.to_rule().unwrap_err().field;
        for t in ["", "abc", "-1", "100.01", "1e3"] {
            let d = RuleDraft {
                threshold: t.into(),
                ..RuleDraft::default()
            };
            assert_eq!(bad(d), "threshold", "{t}");
        }
        let expiring = |w: &str| RuleDraft {
            kind: AlertKind::ExpiringWithoutRenewal,
            threshold: "not used".into(),
            within: w.into(),
            ..RuleDraft::default()
        };
        assert_eq!(expiring("45").to_rule().unwrap().within_days, Some(45));
        assert_eq!(expiring("45").to_rule().unwrap().threshold_percent, None);
        for w in ["0", "3651", "", "ten", "-5"] {
            assert_eq!(bad(expiring(w)), "within", "{w}");
        }
        let usage = RuleDraft {
            kind: AlertKind::RefundLimitUsage,
            threshold: " 80.5 ".into(),
            within: "garbage".into(),
            window: 30,
        }
        .to_rule()
        .unwrap();
        assert_eq!(usage.threshold_percent, Some(dec!(80.5)));
        assert_eq!((usage.window_days, usage.within_days), (None, None));
    }

    #[test]
    fn reasons_read_in_both_languages() {
        let mut low = alert(AlertKind::LowUtilization);
        low.window_days = Some(30);
        low.value_percent = Some(dec!(41.25));
        low.threshold_percent = Some(dec!(50));
        assert_eq!(
            reason(&low, Locale::En),
            "30-day utilization is 41.3%, below 50.0%."
        );
        assert!(reason(&low, Locale::Ko).contains("41.3%"));
        let mut exp = alert(AlertKind::ExpiringWithoutRenewal);
        exp.days_left = Some(1);
        exp.expiry_date = Some("2026-11-29".parse().unwrap());
        assert_eq!(
            reason(&exp, Locale::En),
            "Expires on Nov 29, 2026 (in 1 day) and auto-renew is off."
        );
        assert!(reason(&exp, Locale::Ko).contains("2026. 11. 29."));
        let mut usage = alert(AlertKind::RefundLimitUsage);
        usage.value_percent = Some(dec!(24));
        usage.threshold_percent = Some(dec!(20));
        assert_eq!(
            reason(&usage, Locale::En),
            "Refund-limit usage is 24.0%, above 20.0%."
        );
    }

    #[test]
    fn alerts_link_to_the_reservation_or_the_customer() {
        let mut a = alert(AlertKind::LowUtilization);
        a.reservation_id = Some(crate::api::reservation_resource_id("o1", "r1"));
        a.display_name = Some("vm-1".into());
        assert_eq!(link(&a), "/customers/c1/reservations/o1/r1");
        assert_eq!(subject(&a), "vm-1");
        let c = alert(AlertKind::RefundLimitUsage);
        assert_eq!(link(&c), "/customers/c1");
        assert_eq!(subject(&c), "Contoso");
    }

    #[test]
    fn rules_are_described() {
        let rule = RuleDraft::default().to_rule().unwrap();
        assert_eq!(
            describe_rule(&rule, Locale::En),
            "7-day utilization below 50.0%"
        );
    }
}
