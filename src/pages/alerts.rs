//! Alerts: the partner's alert rules (create, list, delete) and the open alerts they raise.
//! The form's values and checks live in `crate::alerts`; this file holds the view.

use leptos::html;
use leptos::prelude::*;

use crate::alerts::{describe_rule, kind_label, DraftError, RuleDraft};
use crate::api::{use_api, AlertKind, AlertRule, ClientError, ALERT_WINDOWS};
use crate::components::alert_list::{use_alerts, OpenAlerts};
use crate::components::status::{loaded, ErrorNotice};
use crate::context::{locale, t, tr, tw};
use crate::text::format;

/// How many open alerts the page lists.
const LIST_SIZE: u32 = 200;

/// The Alerts page.
#[component]
pub fn AlertsPage() -> impl IntoView {
    let api = use_api();
    let alerts = use_alerts();
    let rules = LocalResource::new(move || {
        alerts.track();
        let api = api.client();
        async move { api.list_alert_rules().await }
    });
    let delete_failed = RwSignal::new(None::<ClientError>);
    let delete = move |rule: AlertRule| {
        let api = api.client();
        delete_failed.set(None);
        leptos::task::spawn_local(async move {
            match api.delete_alert_rule(&rule.id).await {
                Ok(_) => alerts.changed(),
                Err(e) => delete_failed.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{t("alerts.title")}</h1>
        <p>{t("alerts.intro")}</p>
        <Show when=move || alerts.may_manage()>
            <RuleForm />
        </Show>
        <section class="card" aria-labelledby="rules-heading">
            <h2 id="rules-heading">{t("alerts.rules")}</h2>
            {move || delete_failed.get().map(|error| view! { <ErrorNotice error=error /> })}
            {loaded(rules, move |page| {
                if page.value.is_empty() {
                    return view! { <p>{t("alerts.rules_none")}</p> }.into_any();
                }
                view! {
                    <table class="rules">
                        <thead>
                            <tr>
                                <th scope="col">{t("alerts.col.rule")}</th>
                                <th scope="col">{t("alerts.col.created")}</th>
                                <th scope="col"><span class="visually-hidden">{t("alerts.col.actions")}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {page
                                .value
                                .into_iter()
                                .map(|rule| {
                                    let text = {
                                        let r = rule.rule.clone();
                                        move || describe_rule(&r, locale())
                                    };
                                    let created = rule.created_date_time.date();
                                    let label = text.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{text.clone()}</th>
                                            <td>{move || format::date(created, locale())}</td>
                                            <td>
                                                <Show when=move || alerts.may_manage()>
                                                    {
                                                        let rule = rule.clone();
                                                        let label = label.clone();
                                                        view! {
                                                            <button
                                                                type="button"
                                                                aria-label=move || tw("alerts.delete_label", &[("rule", &label())])
                                                                on:click=move |_| delete(rule.clone())
                                                            >
                                                                {t("alerts.delete")}
                                                            </button>
                                                        }
                                                    }
                                                </Show>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            })}
        </section>
        <section class="card" aria-labelledby="open-alerts-heading">
            <h2 id="open-alerts-heading">{t("alerts.open")}</h2>
            <OpenAlerts top=LIST_SIZE labelled_by="open-alerts-heading" />
        </section>
    }
}

/// Where creating a rule stands.
#[derive(Clone, Debug, PartialEq)]
enum Saving {
    Idle,
    Busy,
    Saved,
    Failed(ClientError),
}

/// The new-rule form: the fields of the chosen kind, checked before sending; what was typed
/// stays after an error.
#[component]
fn RuleForm() -> impl IntoView {
    let api = use_api();
    let alerts = use_alerts();
    let draft = RwSignal::new(RuleDraft::default());
    let invalid = RwSignal::new(None::<DraftError>);
    let saving = RwSignal::new(Saving::Idle);
    let threshold_input = NodeRef::<html::Input>::new();
    let within_input = NodeRef::<html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() == Saving::Busy {
            return;
        }
        let rule = match draft.with_untracked(RuleDraft::to_rule) {
            Ok(rule) => rule,
            Err(e) => {
                invalid.set(Some(e));
                let input = if e.field == "within" {
                    within_input.get_untracked()
                } else {
                    threshold_input.get_untracked()
                };
                if let Some(el) = input {
                    let _ = el.focus();
                }
                return;
            }
        };
        invalid.set(None);
        saving.set(Saving::Busy);
        let api = api.client();
        leptos::task::spawn_local(async move {
            match api.create_alert_rule(&rule).await {
                Ok(_) => {
                    saving.set(Saving::Saved);
                    alerts.changed();
                }
                Err(e) => saving.set(Saving::Failed(e)),
            }
        });
    };
    let kind = move || draft.with(|d| d.kind);
    view! {
        <form class="card rule-form" aria-labelledby="new-rule-heading" on:submit=submit novalidate>
            <h2 id="new-rule-heading">{t("alerts.new_rule")}</h2>
            <div class="form-row">
                <label class="field" for="rule-kind">{t("alerts.field.kind")}</label>
                <select
                    id="rule-kind"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(k) = AlertKind::ALL.into_iter().find(|k| k.as_str() == value) {
                            draft.update(|d| d.kind = k);
                            invalid.set(None);
                        }
                    }
                >
                    {AlertKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str() selected=move || kind() == k>{t(kind_label(k))}</option> })
                        .collect_view()}
                </select>
            </div>
            <Show when=move || draft.with(RuleDraft::has_threshold)>
                <div class="form-row">
                    {draft_input(
                        "threshold",
                        move || {
                            if kind() == AlertKind::RefundLimitUsage {
                                tr("alerts.field.threshold_usage")
                            } else {
                                tr("alerts.field.threshold_low")
                            }
                        },
                        threshold_input,
                        draft,
                        invalid,
                    )}
                </div>
            </Show>
            <Show when=move || kind() == AlertKind::LowUtilization>
                <div class="form-row">
                    <label for="rule-window">{t("alerts.field.window")}</label>
                    <select
                        id="rule-window"
                        on:change=move |ev| {
                            if let Ok(w) = event_target_value(&ev).parse() {
                                draft.update(|d| d.window = w);
                            }
                        }
                    >
                        {ALERT_WINDOWS
                            .into_iter()
                            .map(|w| {
                                view! {
                                    <option value=w.to_string() selected=move || draft.with(|d| d.window == w)>
                                        {move || tw("alerts.window", &[("days", &w.to_string())])}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </Show>
            <Show when=move || kind() == AlertKind::ExpiringWithoutRenewal>
                <div class="form-row">
                    {draft_input("within", t("alerts.field.within"), within_input, draft, invalid)}
                </div>
            </Show>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || saving.get() == Saving::Busy>
                    {t("alerts.create")}
                </button>
            </div>
            <div aria-live="polite">
                {move || match saving.get() {
                    Saving::Saved => view! { <p class="notice ok">{t("alerts.created")}</p> }.into_any(),
                    Saving::Failed(error) => view! { <ErrorNotice error=error /> }.into_any(),
                    Saving::Busy | Saving::Idle => ().into_any(),
                }}
            </div>
        </form>
    }
}

/// A text field of the rule form (`threshold` or `within`): its label, the draft's text, and
/// the message naming it when it does not hold (the input is marked and described by it).
fn draft_input(
    field: &'static str,
    label: impl Fn() -> String + Send + Sync + 'static,
    node_ref: NodeRef<html::Input>,
    draft: RwSignal<RuleDraft>,
    invalid: RwSignal<Option<DraftError>>,
) -> impl IntoView {
    let id = format!("rule-{field}");
    let error_id = format!("rule-{field}-error");
    let error = move || invalid.get().filter(|e| e.field == field);
    let described = {
        let error_id = error_id.clone();
        move || error().map(|_| error_id.clone())
    };
    view! {
        <label for=id.clone()>{label}</label>
        <input
            id=id
            node_ref=node_ref
            type="text"
            inputmode=if field == "within" { "numeric" } else { "decimal" }
            prop:value=move || draft.with(|d| d.text(field).to_string())
            aria-invalid=move || error().is_some().to_string()
            aria-describedby=described
            on:input=move |ev| draft.update(|d| d.set_text(field, event_target_value(&ev)))
        />
        {move || error().map(|e| view! { <p class="field-error" id=error_id.clone()>{tr(e.message)}</p> })}
    }
}
