//! Alerts: rules the partner sets (low utilization, expiring without auto-renew, refund-limit
//! usage), the alerts they raise over the portfolio, and acknowledging or snoozing an alert.

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What an alert rule watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AlertKind {
    /// An active reservation's average utilization over `windowDays` (7 or 30) is below
    /// `thresholdPercent`.
    LowUtilization,
    /// An active reservation with auto-renew off expires within `withinDays` days.
    ExpiringWithoutRenewal,
    /// A customer's refund-limit usage (used ÷ limit, rolling 12 months) is above
    /// `thresholdPercent`.
    RefundLimitUsage,
}

impl AlertKind {
    /// Every kind, in display order.
    pub const ALL: [AlertKind; 3] = [
        AlertKind::LowUtilization,
        AlertKind::ExpiringWithoutRenewal,
        AlertKind::RefundLimitUsage,
    ];

    /// The wire name (`LowUtilization`).
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::LowUtilization => "LowUtilization",
            AlertKind::ExpiringWithoutRenewal => "ExpiringWithoutRenewal",
            AlertKind::RefundLimitUsage => "RefundLimitUsage",
        }
    }
}

/// The utilization windows a rule may average over, in days.
pub const ALERT_WINDOWS: [u32; 2] = [7, 30];
/// The longest `withinDays` of an expiry rule (ten years).
pub const MAX_ALERT_WITHIN_DAYS: u32 = 3650;
/// The snooze lengths an alert may be snoozed for, in days.
pub const SNOOZE_DAYS: [u32; 2] = [7, 30];

/// `POST /alertRules`: a new rule. Which fields are required depends on `kind`; the others
/// must be left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewAlertRule {
    /// What the rule watches.
    pub kind: AlertKind,
    /// LowUtilization: alert below this percentage; RefundLimitUsage: above it (0–100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_percent: Option<Decimal>,
    /// LowUtilization: the averaging window, 7 or 30 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_days: Option<u32>,
    /// ExpiringWithoutRenewal: alert when the expiry is at most this many days away (1–3650).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_days: Option<u32>,
}

impl NewAlertRule {
    /// Utilization below `threshold` % averaged over `window_days` (7 or 30).
    pub fn low_utilization(threshold: Decimal, window_days: u32) -> NewAlertRule {
        NewAlertRule {
            kind: AlertKind::LowUtilization,
            threshold_percent: Some(threshold),
            window_days: Some(window_days),
            within_days: None,
        }
    }

    /// Expiring within `days` days with auto-renew off.
    pub fn expiring_without_renewal(days: u32) -> NewAlertRule {
        NewAlertRule {
            kind: AlertKind::ExpiringWithoutRenewal,
            threshold_percent: None,
            window_days: None,
            within_days: Some(days),
        }
    }

    /// A customer's refund-limit usage above `threshold` %.
    pub fn refund_limit_usage(threshold: Decimal) -> NewAlertRule {
        NewAlertRule {
            kind: AlertKind::RefundLimitUsage,
            threshold_percent: Some(threshold),
            window_days: None,
            within_days: None,
        }
    }
}

/// A stored alert rule (`GET /alertRules`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertRule {
    /// The rule GUID.
    pub id: String,
    /// The condition.
    #[serde(flatten)]
    pub rule: NewAlertRule,
    /// Who created it (user id).
    pub created_by: String,
    /// When (UTC).
    pub created_date_time: NaiveDateTime,
}

/// One alert raised by a rule (`GET /alerts`): on a reservation (utilization, expiry) or on a
/// customer (refund-limit usage).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    /// Stable id: `{ruleId}~{reservation GUID}` or `{ruleId}~{customer tenant id}`.
    pub id: String,
    /// The rule that raised it.
    pub rule_id: String,
    /// The rule's kind.
    pub kind: AlertKind,
    /// The customer's tenant id.
    pub customer_id: String,
    /// The customer's company name.
    pub company_name: String,
    /// The reservation's resource id (reservation alerts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservation_id: Option<String>,
    /// The reservation's display name (reservation alerts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The measured value: the average utilization or the refund-limit usage, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_percent: Option<Decimal>,
    /// The rule's threshold, in percent (utilization and usage rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_percent: Option<Decimal>,
    /// The rule's utilization window in days (utilization rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_days: Option<u32>,
    /// The expiry date (expiry rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<NaiveDate>,
    /// Days from today until the expiry (expiry rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// The reason in one English sentence (the app words it from the fields above).
    pub reason: String,
}

impl Alert {
    /// An alert of a rule on a customer, without measures or reason yet (filled in by the
    /// evaluation).
    pub fn new(
        id: String,
        rule_id: &str,
        kind: AlertKind,
        customer_id: &str,
        company_name: &str,
    ) -> Alert {
        Alert {
            id,
            rule_id: rule_id.to_string(),
            kind,
            customer_id: customer_id.to_string(),
            company_name: company_name.to_string(),
            reservation_id: None,
            display_name: None,
            value_percent: None,
            threshold_percent: None,
            window_days: None,
            expiry_date: None,
            days_left: None,
            reason: String::new(),
        }
    }
}

/// `POST /alerts/{id}/snooze`: hide the alert for 7 or 30 days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnoozeRequest {
    /// 7 or 30.
    pub days: u32,
}

/// The answer to acknowledging or snoozing an alert.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertDismissal {
    /// The alert id.
    pub alert_id: String,
    /// Hidden until this day (exclusive: it shows again on that day); absent when acknowledged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<NaiveDate>,
    /// Who dismissed it (user id).
    pub by: String,
    /// When (UTC).
    pub at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_rule_flattens_its_condition() {
        let rule = AlertRule {
            id: "r1".into(),
            rule: NewAlertRule::low_utilization(dec!(50), 7),
            created_by: "admin".into(),
            created_date_time: NaiveDate::from_ymd_opt(2026, 11, 28)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
        };
        let json = serde_json::to_string(&rule).unwrap();
        assert_eq!(
            json,
            r#"{"id":"r1","kind":"LowUtilization","thresholdPercent":"50","windowDays":7,"createdBy":"admin","createdDateTime":"2026-11-28T00:00:00"}"#
        );
        assert_eq!(serde_json::from_str::<AlertRule>(&json).unwrap(), rule);
    }
}
