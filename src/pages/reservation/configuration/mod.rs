//! Configuration: scope (with its subscription, resource group or management group), instance
//! size flexibility, auto-renew and the display name. Saving is confirmed, shows progress and
//! never overwrites someone else's change (the update carries the version it started from).

mod form;

use leptos::prelude::*;

pub use form::{ConfigForm, SaveState, ScopeChoice};

use super::use_reservation;
use crate::api::{use_api, ClientError};
use crate::components::confirm::ConfirmDialog;
use crate::components::scope_targets::ScopeTargets;
use crate::components::status::{describe, Loading};
use crate::context::{t, tr};

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
    // `loaded` is the reservation as last read: a save sends only what differs from it.
    let loaded = RwSignal::new(initial.clone());
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
    let can_manage = move || ctx.may(|p| p.can_manage) == Some(true);
    let read_only = move || !can_manage() || save_state.get() == SaveState::Saving;
    let show_current = move |current: &crate::api::Reservation| {
        let fresh = ConfigForm::from_reservation(current);
        etag.set(current.etag);
        loaded.set(fresh.clone());
        form.set(fresh);
    };

    // (resource id, label) of what the chosen scope can point at.
    let scope_targets = ScopeTargets::new(move || ctx.key.get().customer);
    let targets = move || scope_targets.options(form.with(|f| f.scope));

    let save = Callback::new(move |()| {
        let api = api.client();
        let key = ctx.key.get_untracked();
        let Some(patch) = form.with_untracked(|f| loaded.with_untracked(|l| f.patch_from(l)))
        else {
            save_state.set(SaveState::Unchanged);
            return;
        };
        let version = etag.get_untracked();
        save_state.set(SaveState::Saving);
        leptos::task::spawn_local(async move {
            match api.update_reservation(&key, &patch, version).await {
                Ok(updated) => {
                    show_current(&updated);
                    save_state.set(SaveState::Saved);
                    ctx.reservation.refetch();
                }
                Err(ClientError::Api {
                    status: 412 | 409, ..
                }) => {
                    // Someone changed it first: show their values instead of overwriting them.
                    let (state, current) =
                        SaveState::after_conflict(api.get_reservation(&key).await);
                    if let Some(current) = current {
                        show_current(&current);
                        ctx.reservation.refetch();
                    }
                    save_state.set(state);
                }
                Err(error) => save_state.set(SaveState::Failed(error)),
            }
        });
    });
    // After a conflict whose reload failed: read the reservation again before another save.
    let reload = move |_| {
        let api = api.client();
        let key = ctx.key.get_untracked();
        save_state.set(SaveState::Saving);
        leptos::task::spawn_local(async move {
            let (state, current) = SaveState::after_conflict(api.get_reservation(&key).await);
            if let Some(current) = current {
                show_current(&current);
                ctx.reservation.refetch();
            }
            save_state.set(state);
        });
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !problems.with(Vec::is_empty) || !can_manage() || !save_state.with(SaveState::can_save) {
            return;
        }
        if form.with(|f| loaded.with(|l| f.patch_from(l))).is_none() {
            save_state.set(SaveState::Unchanged);
        } else {
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
                    {move || tr(form.with(|f| f.scope.target_label()))}
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
            // Only VM reservations have instance size flexibility.
            <Show when=move || form.with(|f| f.flexibility.is_some())>
                <label>
                    <input
                        type="checkbox"
                        prop:checked=move || form.with(|f| f.flexibility == Some(true))
                        disabled=read_only
                        on:change=move |ev| {
                            form.update(|f| f.flexibility = Some(event_target_checked(&ev)))
                        }
                    />
                    " "
                    {t("config.flexibility")}
                </label>
                <br />
            </Show>
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
                SaveState::Unchanged => view! { <p class="notice">{t("config.unchanged")}</p> }.into_any(),
                SaveState::Saving => view! { <Loading /> }.into_any(),
                SaveState::Saved => view! { <p class="notice ok">{t("config.saved")}</p> }.into_any(),
                SaveState::Conflict => view! { <p class="notice warn">{t("error.conflict")}</p> }.into_any(),
                SaveState::ConflictUnresolved(error) => {
                    view! {
                        <div class="notice error" role="alert">
                            <p>{t("config.conflict_unresolved")}</p>
                            <p>{move || describe(&error)}</p>
                            <button type="button" on:click=reload>{t("common.retry")}</button>
                        </div>
                    }
                        .into_any()
                }
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
