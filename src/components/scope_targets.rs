//! What a scope can point at for one customer: its subscriptions, resource groups and
//! management groups, loaded once, as (resource id, label) options for a picker.

use leptos::prelude::*;

use crate::api::{use_api, ClientError, ManagementGroup, Page, ResourceGroup, Subscription};
use crate::scope::ScopeChoice;

/// The customer's scope targets, loading. `Copy`, so views hold it freely.
#[derive(Clone, Copy)]
pub struct ScopeTargets {
    subscriptions: LocalResource<Result<Page<Subscription>, ClientError>>,
    resource_groups: LocalResource<Result<Page<ResourceGroup>, ClientError>>,
    management_groups: LocalResource<Result<Page<ManagementGroup>, ClientError>>,
}

impl ScopeTargets {
    /// Loads the targets of `customer` (again when it changes).
    pub fn new(customer: impl Fn() -> String + Copy + 'static) -> ScopeTargets {
        let api = use_api();
        ScopeTargets {
            subscriptions: LocalResource::new(move || {
                let api = api.client();
                let customer = customer();
                async move { api.list_subscriptions(&customer).await }
            }),
            resource_groups: LocalResource::new(move || {
                let api = api.client();
                let customer = customer();
                async move { api.list_resource_groups(&customer, None).await }
            }),
            management_groups: LocalResource::new(move || {
                let api = api.client();
                let customer = customer();
                async move { api.list_management_groups(&customer).await }
            }),
        }
    }

    /// (resource id, label) of what `choice` can point at; `None` while loading (tracked).
    pub fn options(&self, choice: ScopeChoice) -> Option<Vec<(String, String)>> {
        match choice {
            ScopeChoice::Shared => Some(vec![]),
            ScopeChoice::Subscription => {
                self.subscriptions.get().and_then(Result::ok).map(|subs| {
                    subs.value
                        .into_iter()
                        .map(|s| (s.id, format!("{} ({})", s.display_name, s.subscription_id)))
                        .collect()
                })
            }
            ScopeChoice::ResourceGroup => self
                .resource_groups
                .get()
                .and_then(Result::ok)
                .map(|rgs| rgs.value.into_iter().map(|g| (g.id, g.name)).collect()),
            ScopeChoice::ManagementGroup => {
                self.management_groups
                    .get()
                    .and_then(Result::ok)
                    .map(|mgs| {
                        mgs.value
                            .into_iter()
                            .map(|g| (g.id, g.display_name))
                            .collect()
                    })
            }
        }
    }
}
