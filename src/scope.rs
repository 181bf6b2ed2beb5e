//! Where a reservation applies, as the forms offer it (configuration, buying): shared, one
//! subscription, one resource group or one management group.

use crate::api::AppliedScopeType;

/// The scope choices a form offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScopeChoice {
    /// Every subscription of the billing context.
    #[default]
    Shared,
    /// One subscription.
    Subscription,
    /// One resource group.
    ResourceGroup,
    /// One management group.
    ManagementGroup,
}

impl ScopeChoice {
    /// Every choice, in the forms' order.
    pub const ALL: [ScopeChoice; 4] = [
        ScopeChoice::Shared,
        ScopeChoice::Subscription,
        ScopeChoice::ResourceGroup,
        ScopeChoice::ManagementGroup,
    ];

    /// The translation key of its label.
    pub fn label(self) -> &'static str {
        match self {
            ScopeChoice::Shared => "scope.shared",
            ScopeChoice::Subscription => "scope.single_subscription",
            ScopeChoice::ResourceGroup => "scope.single_resource_group",
            ScopeChoice::ManagementGroup => "scope.management_group",
        }
    }

    /// Its value in a form or a URL.
    pub fn value(self) -> &'static str {
        match self {
            ScopeChoice::Shared => "shared",
            ScopeChoice::Subscription => "subscription",
            ScopeChoice::ResourceGroup => "resourceGroup",
            ScopeChoice::ManagementGroup => "managementGroup",
        }
    }

    /// Reads a value; anything unknown is Shared.
    pub fn parse(s: &str) -> ScopeChoice {
        ScopeChoice::ALL
            .into_iter()
            .find(|c| c.value() == s)
            .unwrap_or_default()
    }

    /// The API's scope type.
    pub fn scope_type(self) -> AppliedScopeType {
        match self {
            ScopeChoice::Shared => AppliedScopeType::Shared,
            ScopeChoice::Subscription | ScopeChoice::ResourceGroup => AppliedScopeType::Single,
            ScopeChoice::ManagementGroup => AppliedScopeType::ManagementGroup,
        }
    }

    /// The API's scope type and scope ids, `target` being the chosen resource id.
    pub fn applied(self, target: &str) -> (AppliedScopeType, Vec<String>) {
        match self {
            ScopeChoice::Shared => (AppliedScopeType::Shared, Vec::new()),
            other => (other.scope_type(), vec![target.to_string()]),
        }
    }

    /// The translation key of the label of its target's picker.
    pub fn target_label(self) -> &'static str {
        match self {
            ScopeChoice::ResourceGroup => "config.resource_group",
            ScopeChoice::ManagementGroup => "config.management_group",
            _ => "config.subscription",
        }
    }
}
