//! Support requests (Azure support tickets) a partner opens for a customer.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::models::exchange::CalculateExchangeResponse;
use crate::models::refund::CalculateRefundResponse;

/// The kind of issue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IssueType {
    /// Billing, refunds and exchanges.
    #[default]
    Billing,
    /// Technical problems.
    Technical,
    /// Subscription management.
    SubscriptionManagement,
}

/// How urgent the request is (Azure's severity levels).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// C: minimal business impact.
    #[default]
    Minimal,
    /// B: moderate business impact.
    Moderate,
    /// A: critical business impact.
    Critical,
}

/// How the customer wants to be contacted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContactMethod {
    /// By e-mail.
    #[default]
    Email,
    /// By phone (then `contactPhone` is required).
    Phone,
}

/// The state of a support request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SupportRequestStatus {
    /// Waiting for an engineer.
    #[default]
    Open,
    /// An engineer is working on it.
    InProgress,
    /// Resolved or withdrawn.
    Closed,
}

/// A quote attached to a support request, for the engineer's reference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AttachedQuote {
    /// A refund quote.
    Refund(Box<CalculateRefundResponse>),
    /// An exchange quote.
    Exchange(Box<CalculateExchangeResponse>),
}

/// The body of `POST /customers/{id}/supportRequests`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewSupportRequest {
    /// The issue type (Billing for refunds and exchanges).
    pub issue_type: IssueType,
    /// The problem type (`Refund`, `Exchange`, `Reservation management`, ...).
    pub problem_type: String,
    /// The problem category under the type.
    pub category: String,
    /// A one-line summary (1–140 characters).
    pub summary: String,
    /// The description (1–5000 characters).
    pub details: String,
    /// The affected subscription (`/subscriptions/{guid}`), one of the customer's.
    pub subscription_id: String,
    /// Minimal, Moderate or Critical.
    pub severity: Severity,
    /// Email or Phone.
    pub contact_method: ContactMethod,
    /// The contact's name.
    pub contact_name: String,
    /// The contact's e-mail.
    pub contact_email: String,
    /// The contact's phone (required when the contact method is Phone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<String>,
    /// The preferred support language (`ko-KR`, `en-US`).
    pub preferred_language: String,
    /// The reservation the request is about (GUID or resource id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservation_id: Option<String>,
    /// The reservation order the request is about (GUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservation_order_id: Option<String>,
    /// A quote to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<AttachedQuote>,
}

/// A support request as stored: the request plus its number, state and dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportRequest {
    /// The generated 16-digit number (`2611280010000123`: yyMMdd + `0010` + sequence).
    pub number: String,
    /// The customer's tenant id.
    pub customer_id: String,
    /// Open, InProgress or Closed.
    pub status: SupportRequestStatus,
    /// When it was created (UTC).
    pub created_date_time: NaiveDateTime,
    /// The demo user who created it.
    pub created_by: String,
    /// What was asked.
    #[serde(flatten)]
    pub request: NewSupportRequest,
}

impl SupportRequest {
    /// The creation day.
    pub fn created_on(&self) -> NaiveDate {
        self.created_date_time.date()
    }
}
