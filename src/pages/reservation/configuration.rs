//! Configuration: scope (with its subscription, resource group or management group), instance
//! size flexibility, auto-renew and the display name. Saving is confirmed, shows progress and
//! never overwrites someone else's change (the update carries the version it started from).

use leptos::prelude::*;

use super::use_reservation;
use crate::api::{
    use_api, AppliedScopeType, ClientError, InstanceFlexibility, Reservation, ReservationPatch,
    ReservationPatchProperties,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::status::{describe, Loading};
use crate::context::{t, tr};

/// The scope choices the form offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeChoice {
    Shared,
    Subscription,
    ResourceGroup,
    ManagementGroup,
}

impl ScopeChoice {
    const ALL: [ScopeChoice; 4] = [
        ScopeChoice::Shared,
        ScopeChoice::Subscription,
        ScopeChoice::ResourceGroup,
        ScopeChoice::ManagementGroup,
    ];

    fn label(self) -> &'static str {
        match self {
            ScopeChoice::Shared => "scope.shared",
            ScopeChoice::Subscription => "scope.single_subscription",
            ScopeChoice::ResourceGroup => "scope.single_resource_group",
            ScopeChoice::ManagementGroup => "scope.management_group",
        }
    }

    fn value(self) -> &'static str {
        match self {
            ScopeChoice::Shared => "shared",
            ScopeChoice::Subscription => "subscription",
            ScopeChoice::ResourceGroup => "resourceGroup",
            ScopeChoice::ManagementGroup => "managementGroup",
        }
    }
}

/// The form's values, a plain type so its rules are tested without a browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigForm {
    pub display_name: String,
    pub scope: ScopeChoice,
    /// Resource id of the chosen subscription, resource group or management group.
    pub target: String,
    pub flexibility: bool,
    pub renew: bool,
}

/// Longest display name Azure accepts.
const MAX_NAME: usize = 64;

impl ConfigForm {
    /// The form as the reservation is now.
    pub fn from_reservation(r: &Reservation) -> ConfigForm {
        let p = &r.properties;
        let resource_group = p
            .applied_scope_properties
            .as_ref()
            .is_some_and(|s| s.resource_group_id.is_some());
        let scope = match (p.applied_scope_type, resource_group) {
            (AppliedScopeType::Shared, _) => ScopeChoice::Shared,
            (AppliedScopeType::Single, false) => ScopeChoice::Subscription,
            (AppliedScopeType::Single, true) => ScopeChoice::ResourceGroup,
            (AppliedScopeType::ManagementGroup, _) => ScopeChoice::ManagementGroup,
        };
        ConfigForm {
            display_name: p.display_name.clone(),
            scope,
            target: p.applied_scopes.first().cloned().unwrap_or_default(),
            flexibility: p.instance_flexibility != Some(InstanceFlexibility::Off),
            renew: p.renew,
        }
    }

    /// Problems as (field, message key); empty when the form can be saved.
    pub fn validate(&self) -> Vec<(&'static str, &'static str)> {
        let mut problems = Vec::new();
        let name = self.display_name.trim();
        if name.is_empty() {
            problems.push(("name", "config.error.name_required"));
        } else if name.chars().count() > MAX_NAME {
            problems.push(("name", "config.error.name_too_long"));
        } else if !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '(' | ')'))
        {
            problems.push(("name", "config.error.name_chars"));
        }
        if self.scope != ScopeChoice::Shared && self.target.is_empty() {
            problems.push(("target", "config.error.target_required"));
        }
        problems
    }

    /// The update that turns the reservation into this form.
    pub fn to_patch(&self) -> ReservationPatch {
        let (scope_type, scopes) = match self.scope {
            ScopeChoice::Shared => (AppliedScopeType::Shared, vec![]),
            ScopeChoice::Subscription | ScopeChoice::ResourceGroup => {
                (AppliedScopeType::Single, vec![self.target.clone()])
            }
            ScopeChoice::ManagementGroup => {
                (AppliedScopeType::ManagementGroup, vec![self.target.clone()])
            }
        };
        ReservationPatch {
            properties: ReservationPatchProperties {
                display_name: Some(self.display_name.trim().to_string()),
                applied_scope_type: Some(scope_type),
                applied_scopes: Some(scopes),
                instance_flexibility: Some(if self.flexibility {
                    InstanceFlexibility::On
                } else {
                    InstanceFlexibility::Off
                }),
                renew: Some(self.renew),
            },
        }
    }
}

/// What the last save did.
#[derive(Clone, Debug, PartialEq)]
enum SaveState {
    Idle,
    Saving,
    Saved,
    Conflict,
    Failed(ClientError),
}

/// The configuration form.
#[component]
pub fn ConfigurationPage() -> impl IntoView {
    let ctx = use_reservation();
    let api = use_api();
    let initial = ctx
        .reservation
        .get_untracked()
        .and_then(Result::ok)
        .map(|r| ConfigForm::from_reservation(&r));
    let Some(initial) = initial else {
        return view! { <Loading /> }.into_any();
    };
    let form = RwSignal::new(initial);
    let etag = RwSignal::new(
        ctx.reservation
            .get_untracked()
            .and_then(Result::ok)
            .map_or(0, |r| r.etag),
    );
    let save_state = RwSignal::new(SaveState::Idle);
    let submitted = RwSignal::new(false);
    let confirm_open = RwSignal::new(false);
    let problems = Memo::new(move |_| form.with(ConfigForm::validate));
    let problem = move |field: &'static str| {
        problems.with(|p| p.iter().find(|(f, _)| *f == field).map(|(_, k)| *k))
    };
    let can_manage = move || {
        ctx.permissions
            .get()
            .and_then(Result::ok)
            .is_some_and(|p| p.can_manage)
    };
    let read_only = move || !can_manage() || save_state.get() == SaveState::Saving;

    let subscriptions = LocalResource::new(move || {
        let api = api.client();
        let customer = ctx.key.get().customer;
        async move { api.list_subscriptions(&customer).await }
    });
    let resource_groups = LocalResource::new(move || {
        let api = api.client();
        let customer = ctx.key.get().customer;
        async move { api.list_resource_groups(&customer, None).await }
    });
    let management_groups = LocalResource::new(move || {
        let api = api.client();
        let customer = ctx.key.get().customer;
        async move { api.list_management_groups(&customer).await }
    });
    // (resource id, label) of what the chosen scope can point at.
    let targets = move || -> Option<Vec<(String, String)>> {
        match form.with(|f| f.scope) {
            ScopeChoice::Shared => Some(vec![]),
            ScopeChoice::Subscription => subscriptions.get().and_then(Result::ok).map(|subs| {
                subs.value
                    .into_iter()
                    .map(|s| (s.id, format!("{} ({})", s.display_name, s.subscription_id)))
                    .collect()
            }),
            ScopeChoice::ResourceGroup => resource_groups
                .get()
                .and_then(Result::ok)
                .map(|rgs| rgs.value.into_iter().map(|g| (g.id, g.name)).collect()),
            ScopeChoice::ManagementGroup => {
                management_groups.get().and_then(Result::ok).map(|mgs| {
                    mgs.value
                        .into_iter()
                        .map(|g| (g.id, g.display_name))
                        .collect()
                })
            }
        }
    };

    let save = Callback::new(move |()| {
        let api = api.client();
        let key = ctx.key.get_untracked();
        let patch = form.get_untracked().to_patch();
        let version = etag.get_untracked();
        save_state.set(SaveState::Saving);
        leptos::task::spawn_local(async move {
            let result = api.update_reservation(&key, &patch, version).await;
            match result {
                Ok(updated) => {
                    etag.set(updated.etag);
                    form.set(ConfigForm::from_reservation(&updated));
                    save_state.set(SaveState::Saved);
                    ctx.reservation.refetch();
                }
                Err(ClientError::Api {
                    status: 412 | 409, ..
                }) => {
                    // Someone changed it first: show their values instead of overwriting them.
                    match api.get_reservation(&key).await {
                        Ok(current) => {
                            etag.set(current.etag);
                            form.set(ConfigForm::from_reservation(&current));
                        }
                        Err(error) => save_state.set(SaveState::Failed(error)),
                    }
                    save_state.set(SaveState::Conflict);
                    ctx.reservation.refetch();
                }
                Err(error) => save_state.set(SaveState::Failed(error)),
            }
        });
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if problems.with(Vec::is_empty) && can_manage() {
            confirm_open.set(true);
        }
    };
    let show_problem = move |field: &'static str| {
        move || {
            submitted
                .get()
                .then(|| problem(field))
                .flatten()
                .map(|key| view! { <span class="field-error" id=format!("{field}-error")>{t(key)}</span> })
        }
    };

    view! {
        <h2>{t("reservation.configuration")}</h2>
        <Show when=move || ctx.permissions.get().is_some() && !can_manage()>
            <p class="notice warn" id="readonly-why">{t("config.read_only")}</p>
        </Show>
        <form on:submit=on_submit novalidate>
            <label class="field">
                {t("overview.display_name")}
                <input
                    type="text"
                    required
                    maxlength="80"
                    prop:value=move || form.with(|f| f.display_name.clone())
                    on:input=move |ev| form.update(|f| f.display_name = event_target_value(&ev))
                    disabled=read_only
                    aria-invalid=move || (submitted.get() && problem("name").is_some()).to_string()
                    aria-describedby="name-error"
                />
                {show_problem("name")}
            </label>
            <fieldset>
                <legend>{t("reservations.col.scope")}</legend>
                {ScopeChoice::ALL
                    .into_iter()
                    .map(|choice| {
                        view! {
                            <label>
                                <input
                                    type="radio"
                                    name="scope"
                                    value=choice.value()
                                    prop:checked=move || form.with(|f| f.scope == choice)
                                    disabled=read_only
                                    on:change=move |_| {
                                        form.update(|f| {
                                            f.scope = choice;
                                            f.target.clear();
                                        })
                                    }
                                />
                                " "
                                {t(choice.label())}
                            </label>
                            <br />
                        }
                    })
                    .collect_view()}
            </fieldset>
            <Show when=move || form.with(|f| f.scope != ScopeChoice::Shared)>
                <label class="field">
                    {move || match form.with(|f| f.scope) {
                        ScopeChoice::ResourceGroup => tr("config.resource_group"),
                        ScopeChoice::ManagementGroup => tr("config.management_group"),
                        _ => tr("config.subscription"),
                    }}
                    {move || match targets() {
                        None => view! { <Loading /> }.into_any(),
                        Some(options) => {
                            view! {
                                <select
                                    disabled=read_only
                                    aria-invalid=move || (submitted.get() && problem("target").is_some()).to_string()
                                    aria-describedby="target-error"
                                    on:change=move |ev| form.update(|f| f.target = event_target_value(&ev))
                                >
                                    <option value="" selected=move || form.with(|f| f.target.is_empty())>
                                        {t("config.choose")}
                                    </option>
                                    {options
                                        .into_iter()
                                        .map(|(id, label)| {
                                            let selected_id = id.clone();
                                            view! {
                                                <option
                                                    value=id
                                                    selected=move || form.with(|f| f.target == selected_id)
                                                >
                                                    {label}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            }
                                .into_any()
                        }
                    }}
                    {show_problem("target")}
                </label>
            </Show>
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || form.with(|f| f.flexibility)
                    disabled=read_only
                    on:change=move |ev| form.update(|f| f.flexibility = event_target_checked(&ev))
                />
                " "
                {t("config.flexibility")}
            </label>
            <br />
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || form.with(|f| f.renew)
                    disabled=read_only
                    on:change=move |ev| form.update(|f| f.renew = event_target_checked(&ev))
                />
                " "
                {t("overview.auto_renew")}
            </label>
            <div class="actions">
                <button
                    type="submit"
                    class="primary"
                    disabled=read_only
                    aria-describedby=move || (!can_manage()).then_some("readonly-why")
                >
                    {t("common.save")}
                </button>
            </div>
        </form>
        <div role="status" aria-live="polite">
            {move || match save_state.get() {
                SaveState::Idle => ().into_any(),
                SaveState::Saving => view! { <Loading /> }.into_any(),
                SaveState::Saved => view! { <p class="notice ok">{t("config.saved")}</p> }.into_any(),
                SaveState::Conflict => view! { <p class="notice warn">{t("error.conflict")}</p> }.into_any(),
                SaveState::Failed(error) => {
                    view! { <p class="notice error" role="alert">{move || describe(&error)}</p> }.into_any()
                }
            }}
        </div>
        <ConfirmDialog
            open=confirm_open
            title=Signal::derive(|| tr("config.confirm_title"))
            confirm_label=Signal::derive(|| tr("common.save"))
            on_confirm=save
        >
            <p>{t("config.confirm_body")}</p>
        </ConfirmDialog>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ConfigForm {
        ConfigForm {
            display_name: "VM_RI_01".into(),
            scope: ScopeChoice::Subscription,
            target: "/subscriptions/1".into(),
            flexibility: true,
            renew: false,
        }
    }

    #[test]
    fn a_valid_form_has_no_problems() {
        assert!(form().validate().is_empty());
    }

    #[test]
    fn name_and_target_are_required() {
        let f = ConfigForm {
            display_name: "  ".into(),
            target: String::new(),
            ..form()
        };
        assert_eq!(
            f.validate(),
            vec![
                ("name", "config.error.name_required"),
                ("target", "config.error.target_required")
            ]
        );
        let shared = ConfigForm {
            scope: ScopeChoice::Shared,
            target: String::new(),
            ..form()
        };
        assert!(shared.validate().is_empty());
    }

    #[test]
    fn name_length_and_characters() {
        let long = ConfigForm {
            display_name: "x".repeat(65),
            ..form()
        };
        assert_eq!(
            long.validate(),
            vec![("name", "config.error.name_too_long")]
        );
        let odd = ConfigForm {
            display_name: "a/b".into(),
            ..form()
        };
        assert_eq!(odd.validate(), vec![("name", "config.error.name_chars")]);
        let korean = ConfigForm {
            display_name: "예약 1".into(),
            ..form()
        };
        assert!(korean.validate().is_empty());
    }

    #[test]
    fn patch_matches_scope() {
        let p = ConfigForm {
            scope: ScopeChoice::Shared,
            ..form()
        }
        .to_patch();
        assert_eq!(
            p.properties.applied_scope_type,
            Some(AppliedScopeType::Shared)
        );
        assert_eq!(p.properties.applied_scopes, Some(vec![]));
        let p = ConfigForm {
            scope: ScopeChoice::ManagementGroup,
            target: "/providers/Microsoft.Management/managementGroups/mg".into(),
            flexibility: false,
            ..form()
        }
        .to_patch();
        assert_eq!(
            p.properties.applied_scope_type,
            Some(AppliedScopeType::ManagementGroup)
        );
        assert_eq!(
            p.properties.instance_flexibility,
            Some(InstanceFlexibility::Off)
        );
    }
}
