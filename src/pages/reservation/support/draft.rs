//! The New support request wizard's answers, per step, with their checks. Plain data, saved to
//! localStorage as JSON so a half-filled wizard survives a reload.

use serde::{Deserialize, Serialize};

use crate::api::{
    AttachedQuote, CalculateExchangeResponse, CalculateRefundResponse, ContactMethod,
    ExchangeRequest, IssueType, NewSupportRequest, Severity,
};

/// Problem type and category the partner documentation prescribes for refunds and exchanges.
pub const PROBLEM_TYPE: &str = "Reservation management";
/// See [`PROBLEM_TYPE`].
pub const CATEGORY: &str = "Exchanges and refunds";

/// The three steps, in order.
pub const STEPS: [&str; 3] = [
    "support.step.basics",
    "support.step.problem",
    "support.step.contact",
];

/// The quote a request carries: the refund of the whole reservation, or, when the wizard was
/// opened from Exchange, the exchange being prepared (its lines and its quote).
#[derive(Clone, Debug, PartialEq)]
pub enum Attachment {
    Refund(CalculateRefundResponse),
    Exchange(ExchangeRequest, CalculateExchangeResponse),
}

impl Attachment {
    /// The quote as the request sends it.
    pub fn to_attached(&self) -> AttachedQuote {
        match self {
            Attachment::Refund(q) => AttachedQuote::Refund(Box::new(q.clone())),
            Attachment::Exchange(_, q) => AttachedQuote::Exchange(Box::new(q.clone())),
        }
    }
}

/// The exchange stored for the wizard by the Exchange page, if any and readable.
pub fn stored_exchange(json: Option<String>) -> Option<ExchangeRequest> {
    serde_json::from_str(&json?).ok()
}

/// Everything the wizard asks, as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportDraft {
    pub step: usize,
    pub summary: String,
    pub subscription_id: String,
    pub details: String,
    pub severity: Severity,
    pub contact_method: ContactMethod,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub language: String,
}

impl Default for SupportDraft {
    fn default() -> Self {
        SupportDraft {
            step: 0,
            summary: String::new(),
            subscription_id: String::new(),
            details: String::new(),
            severity: Severity::Minimal,
            contact_method: ContactMethod::Email,
            name: String::new(),
            email: String::new(),
            phone: String::new(),
            language: "ko".into(),
        }
    }
}

/// A plausible email address: one `@`, something before it, a dot in the domain.
fn looks_like_email(text: &str) -> bool {
    let text = text.trim();
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}

impl SupportDraft {
    /// Problems of one step as (field, message key).
    pub fn problems(&self, step: usize) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        match step {
            0 => {
                if self.summary.trim().is_empty() {
                    out.push(("summary", "support.error.summary"));
                } else if self.summary.chars().count() > 140 {
                    out.push(("summary", "support.error.summary_long"));
                }
                if self.subscription_id.is_empty() {
                    out.push(("subscription", "support.error.subscription"));
                }
            }
            1 => {
                if self.details.trim().chars().count() < 10 {
                    out.push(("details", "support.error.details"));
                }
            }
            _ => {
                if self.name.trim().is_empty() {
                    out.push(("name", "support.error.name"));
                }
                if !looks_like_email(&self.email) {
                    out.push(("email", "support.error.email"));
                }
                let digits = self.phone.chars().filter(char::is_ascii_digit).count();
                if self.contact_method == ContactMethod::Phone && digits < 7 {
                    out.push(("phone", "support.error.phone"));
                }
            }
        }
        out
    }

    /// The request to file, with the reservation's ids attached.
    pub fn to_request(&self, reservation_id: &str, order_id: &str) -> NewSupportRequest {
        NewSupportRequest {
            issue_type: IssueType::Billing,
            problem_type: PROBLEM_TYPE.into(),
            category: CATEGORY.into(),
            summary: self.summary.trim().into(),
            details: self.details.trim().into(),
            subscription_id: self.subscription_id.clone(),
            severity: self.severity,
            contact_method: self.contact_method,
            contact_name: self.name.trim().into(),
            contact_email: self.email.trim().into(),
            contact_phone: Some(self.phone.trim().to_string()).filter(|p| !p.is_empty()),
            preferred_language: self.language.clone(),
            reservation_id: Some(reservation_id.into()),
            reservation_order_id: Some(order_id.into()),
            quote: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> SupportDraft {
        SupportDraft {
            summary: "Refund request".into(),
            subscription_id: "/subscriptions/1".into(),
            details: "Please refund the unused remainder.".into(),
            name: "Jiwoo Kim".into(),
            email: "jiwoo@contoso.com".into(),
            ..SupportDraft::default()
        }
    }

    #[test]
    fn a_filled_draft_passes_every_step() {
        for step in 0..STEPS.len() {
            assert!(filled().problems(step).is_empty(), "step {step}");
        }
    }

    #[test]
    fn each_required_field_is_named() {
        let empty = SupportDraft::default();
        assert_eq!(
            empty.problems(0),
            vec![
                ("summary", "support.error.summary"),
                ("subscription", "support.error.subscription")
            ]
        );
        assert_eq!(
            empty.problems(1),
            vec![("details", "support.error.details")]
        );
        assert_eq!(
            empty.problems(2),
            vec![
                ("name", "support.error.name"),
                ("email", "support.error.email")
            ]
        );
        let phone = SupportDraft {
            contact_method: ContactMethod::Phone,
            phone: "12-34".into(),
            ..filled()
        };
        assert_eq!(phone.problems(2), vec![("phone", "support.error.phone")]);
    }

    #[test]
    fn emails() {
        for ok in ["a@b.co", "jiwoo.kim@contoso.onmicrosoft.com"] {
            assert!(looks_like_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@b", "@b.co", "a@b.", "a b@c.de", "a@@b.co"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn the_request_carries_the_prescribed_categories_and_ids() {
        let r = filled().to_request("rid", "oid");
        assert_eq!(r.issue_type, IssueType::Billing);
        assert_eq!(r.problem_type, "Reservation management");
        assert_eq!(r.category, "Exchanges and refunds");
        assert_eq!(r.reservation_id.as_deref(), Some("rid"));
        assert_eq!(r.reservation_order_id.as_deref(), Some("oid"));
    }

    #[test]
    fn survives_a_json_round_trip() {
        let d = SupportDraft {
            step: 2,
            ..filled()
        };
        let json = serde_json::to_string(&d).expect("serializes");
        assert_eq!(
            serde_json::from_str::<SupportDraft>(&json).expect("parses"),
            d
        );
    }
}
