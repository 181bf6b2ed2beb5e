//! The audit trail of a reservation order.

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    /// The order was bought.
    Purchase,
    /// Configuration changed (name, scope, flexibility, renew).
    Update,
    /// Units were returned for a refund.
    Return,
    /// Units were exchanged (on the returned order) or bought by an exchange (on the new one).
    Exchange,
    /// A role assignment was added.
    RoleAssignmentAdded,
    /// A role assignment was removed.
    RoleAssignmentRemoved,
    /// A support request was opened about the order.
    SupportRequestCreated,
    /// The term ended.
    Expire,
    /// A reservation was split into two (changes: quantity, reservation ids, renew, charge).
    Split,
    /// Reservations were merged into one (changes: quantity, reservation ids, renew, charge).
    Merge,
}

/// One changed field of an update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// The property name (`displayName`, `appliedScopeType`, ...).
    pub field: String,
    /// The value before, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_value: Option<String>,
    /// The value after, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_value: Option<String>,
}

/// One entry of an order's audit trail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    /// The event id (a GUID).
    pub id: String,
    /// When it happened (UTC).
    pub timestamp: NaiveDateTime,
    /// The demo user (or `system`) who did it.
    pub actor_id: String,
    /// The actor's display name.
    pub actor_name: String,
    /// What happened.
    pub action: AuditAction,
    /// The order GUID.
    pub reservation_order_id: String,
    /// The reservation GUID, when the event is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservation_id: Option<String>,
    /// A one-line English summary.
    pub summary: String,
    /// Changed fields (updates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
    /// The money involved (refund or purchase amount), USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
}
