//! Translation keys for the API's enumerations, so every page names them the same way.

use crate::api::{AppliedScopeType, AuditAction, BillingPlan, ProvisioningState, Role, Term};

/// The key of a term's label ("1 year").
pub fn term(term: &Term) -> &'static str {
    match term {
        Term::P1Y => "term.p1y",
        Term::P3Y => "term.p3y",
        Term::P5Y => "term.p5y",
        Term::Unknown(_) => "common.unknown",
    }
}

/// The key of a billing plan's label.
pub fn billing_plan(plan: &BillingPlan) -> &'static str {
    match plan {
        BillingPlan::Upfront => "billing.upfront",
        BillingPlan::Monthly => "billing.monthly",
        BillingPlan::Unknown(_) => "common.unknown",
    }
}

/// The key of a status label.
pub fn status(state: ProvisioningState) -> &'static str {
    match state {
        ProvisioningState::Creating => "status.creating",
        ProvisioningState::Succeeded => "status.active",
        ProvisioningState::Expired => "status.expired",
        ProvisioningState::Cancelled => "status.cancelled",
        ProvisioningState::Failed => "status.failed",
        ProvisioningState::Split => "status.split",
        ProvisioningState::Merged => "status.merged",
        ProvisioningState::Unknown => "common.unknown",
    }
}

/// The CSS class of a status badge.
pub fn status_class(state: ProvisioningState) -> &'static str {
    match state {
        ProvisioningState::Succeeded => "badge ok",
        ProvisioningState::Creating | ProvisioningState::Split | ProvisioningState::Merged => {
            "badge"
        }
        ProvisioningState::Expired | ProvisioningState::Unknown => "badge warn",
        ProvisioningState::Cancelled | ProvisioningState::Failed => "badge bad",
    }
}

/// The key of an audit action's label (the History page).
pub fn audit_action(action: AuditAction) -> &'static str {
    match action {
        AuditAction::Purchase => "history.action.purchase",
        AuditAction::Update => "history.action.update",
        AuditAction::Return => "history.action.return",
        AuditAction::Exchange => "history.action.exchange",
        AuditAction::RoleAssignmentAdded => "history.action.role_added",
        AuditAction::RoleAssignmentRemoved => "history.action.role_removed",
        AuditAction::SupportRequestCreated => "history.action.support",
        AuditAction::Expire => "history.action.expire",
        AuditAction::Split => "history.action.split",
        AuditAction::Merge => "history.action.merge",
    }
}

/// The key of a scope type's label; a Single scope on a resource group has its own label.
pub fn scope(scope: AppliedScopeType, resource_group: bool) -> &'static str {
    match (scope, resource_group) {
        (AppliedScopeType::Shared, _) => "scope.shared",
        (AppliedScopeType::Single, false) => "scope.single_subscription",
        (AppliedScopeType::Single, true) => "scope.single_resource_group",
        (AppliedScopeType::ManagementGroup, _) => "scope.management_group",
    }
}

/// The key of a role's label.
pub fn role(role: Role) -> &'static str {
    match role {
        Role::Owner => "role.owner",
        Role::Contributor => "role.contributor",
        Role::Reader => "role.reader",
        Role::ReservationsAdministrator => "role.reservations_administrator",
        Role::ReservationsReader => "role.reservations_reader",
    }
}
