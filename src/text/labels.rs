//! Translation keys for the API's enumerations, so every page names them the same way.

use crate::api::{
    AppliedScopeType, AuditAction, BillingPlan, Family, ProvisioningState, Role, Term,
};
use crate::text::i18n::{self, Locale};

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

/// The key of a product family's label ("Virtual machines"); `None` for a family the spec does
/// not know, which is shown by its own name.
pub fn family(family: &Family) -> Option<&'static str> {
    Some(match family {
        Family::VirtualMachines => "family.virtual_machines",
        Family::DedicatedHost => "family.dedicated_host",
        Family::Avs => "family.avs",
        Family::SqlDatabases => "family.sql_databases",
        Family::SqlManagedInstance => "family.sql_managed_instance",
        Family::SqlElasticPool => "family.sql_elastic_pool",
        Family::CosmosDb => "family.cosmos_db",
        Family::AppService => "family.app_service",
        Family::BlobStorage => "family.blob_storage",
        Family::ManagedDisk => "family.managed_disk",
        Family::AzureFiles => "family.azure_files",
        Family::DataExplorer => "family.data_explorer",
        Family::MySql => "family.mysql",
        Family::PostgreSql => "family.postgresql",
        Family::RedisCache => "family.redis_cache",
        Family::DatabricksPrePurchase => "family.databricks_pre_purchase",
        Family::SynapsePrePurchase => "family.synapse_pre_purchase",
        Family::RedHat => "family.red_hat",
        Family::Suse => "family.suse",
        Family::DefenderForCloudPrePurchase => "family.defender_for_cloud_pre_purchase",
        Family::SentinelPrePurchase => "family.sentinel_pre_purchase",
        Family::Unknown(_) => return None,
    })
}

/// A product family's label in `locale`: the catalogue's text, or the spec's name of a family
/// the catalogues do not know.
pub fn family_text(locale: Locale, f: &Family) -> String {
    match family(f) {
        Some(key) => i18n::text(locale, key),
        None => f.as_str().to_string(),
    }
}

/// The choices of a product family `<select>`: each family's spec name (the value, as in the
/// URL and the API) and its label in `locale`, in the order given.
pub fn family_options<'a>(
    locale: Locale,
    families: impl IntoIterator<Item = &'a Family>,
) -> Vec<(String, String)> {
    families
        .into_iter()
        .map(|f| (f.as_str().to_string(), family_text(locale, f)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_known_family_has_a_distinct_label_in_every_language() {
        for locale in Locale::ALL {
            let labels: BTreeSet<String> = Family::KNOWN
                .iter()
                .map(|f| {
                    let key = family(f).expect("a known family has a key");
                    let text = family_text(locale, f);
                    assert_ne!(text, key, "{locale:?}: {key} is missing");
                    assert_ne!(text, f.as_str(), "{locale:?}: {key} is the raw name");
                    text
                })
                .collect();
            assert_eq!(
                labels.len(),
                Family::KNOWN.len(),
                "{locale:?}: two families share a label"
            );
        }
    }

    #[test]
    fn family_options_keep_the_spec_name_as_value_and_show_the_label() {
        let families = [
            Family::VirtualMachines,
            Family::DatabricksPrePurchase,
            Family::Unknown("Quantum".into()),
        ];
        assert_eq!(
            family_options(Locale::En, &families),
            [
                ("VirtualMachines".into(), "Virtual machines".into()),
                (
                    "DatabricksPrePurchase".into(),
                    "Databricks pre-purchase plan".into()
                ),
                ("Quantum".into(), "Quantum".into()),
            ]
        );
        assert_eq!(
            family_options(Locale::Ko, &families[..2]),
            [
                ("VirtualMachines".into(), "가상 머신".into()),
                (
                    "DatabricksPrePurchase".into(),
                    "Databricks 사전 구매 플랜".into()
                ),
            ]
        );
    }
}
