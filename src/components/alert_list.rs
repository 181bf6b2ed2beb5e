//! The alerts the partner's rules raise: the shared count (the side navigation's badge) and the
//! list with Acknowledge and Snooze, used on Home and on the Alerts page. Any change bumps one
//! version, so the badge and every list read the alerts again.

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::alerts::{link, reason, subject};
use crate::api::{use_api, Alert, ClientError, SNOOZE_DAYS};
use crate::components::status::{loaded, ErrorNotice};
use crate::context::{locale, t, tp, tr, tw};
use crate::text::format;

/// The alerts' shared state: a version bumped by every change, the open count and whether the
/// user may change rules and alerts.
#[derive(Clone, Copy)]
pub struct AlertsState {
    version: RwSignal<u64>,
    /// How many alerts are open (`None` while loading or after an error).
    pub count: LocalResource<Option<u64>>,
    /// Whether the user may create rules and acknowledge or snooze alerts (`None` until known).
    pub can_manage: Signal<Option<bool>>,
}

impl AlertsState {
    /// Creates the state and provides it to the app.
    pub fn provide() {
        let api = use_api();
        let version = RwSignal::new(0_u64);
        let count = LocalResource::new(move || {
            version.track();
            let api = api.client();
            async move { api.count_alerts().await.ok() }
        });
        let me = api.me();
        let can_manage = Signal::derive(move || {
            me.get()
                .map(|me| me.is_ok_and(|me| me.permissions.can_manage))
        });
        provide_context(AlertsState {
            version,
            count,
            can_manage,
        });
    }

    /// Says that rules or alerts changed: the badge and the lists read them again.
    pub fn changed(&self) {
        self.version.update(|v| *v += 1);
    }

    /// The version, tracked (a resource that reads alerts depends on it).
    pub fn track(&self) {
        self.version.track();
    }

    /// Whether the user may change rules and alerts (false until known).
    pub fn may_manage(&self) -> bool {
        self.can_manage.get().unwrap_or(false)
    }
}

/// The app's alerts state.
pub fn use_alerts() -> AlertsState {
    expect_context::<AlertsState>()
}

/// What the last action on an alert did, to announce it.
#[derive(Clone, Debug, PartialEq)]
enum Done {
    Acknowledged(String),
    Snoozed(String, chrono::NaiveDate),
}

/// The open alerts (the first `top`), each with its reason, a link, and — for users who may —
/// Acknowledge and Snooze 7 / 30 days.
#[component]
pub fn OpenAlerts(
    /// How many alerts to show at most.
    top: u32,
    /// The id of the heading that names the list.
    labelled_by: &'static str,
) -> impl IntoView {
    let api = use_api();
    let alerts = use_alerts();
    let list = LocalResource::new(move || {
        alerts.track();
        let api = api.client();
        async move { api.list_alerts(0, top).await }
    });
    let done = RwSignal::new(None::<Done>);
    let failed = RwSignal::new(None::<ClientError>);
    let busy = RwSignal::new(None::<String>);
    let status = NodeRef::<html::P>::new();
    let act = move |alert: Alert, days: Option<u32>| {
        let api = api.client();
        busy.set(Some(alert.id.clone()));
        failed.set(None);
        leptos::task::spawn_local(async move {
            let result = match days {
                None => api.acknowledge_alert(&alert.id).await,
                Some(d) => api.snooze_alert(&alert.id, d).await,
            };
            busy.set(None);
            match result {
                Ok(d) => {
                    let name = subject(&alert);
                    done.set(Some(match d.snoozed_until {
                        Some(until) => Done::Snoozed(name, until),
                        None => Done::Acknowledged(name),
                    }));
                    alerts.changed();
                    // The alert's buttons are gone: the focus goes to what happened.
                    if let Some(el) = status.get_untracked() {
                        let _ = el.focus();
                    }
                }
                Err(e) => failed.set(Some(e)),
            }
        });
    };
    view! {
        <p class="alert-done" role="status" tabindex="-1" node_ref=status>
            {move || {
                done.get()
                    .map(|d| match d {
                        Done::Acknowledged(name) => tw("alerts.acknowledged", &[("subject", &name)]),
                        Done::Snoozed(name, until) => {
                            tw(
                                "alerts.snoozed",
                                &[("subject", &name), ("date", &format::date(until, locale()))],
                            )
                        }
                    })
            }}
        </p>
        {move || failed.get().map(|error| view! { <ErrorNotice error=error /> })}
        {loaded(list, move |page| {
            let total = page.total_count;
            if total == 0 {
                return view! { <p>{t("alerts.none")}</p> }.into_any();
            }
            let shown = page.value.len() as u64;
            view! {
                <p>
                    {move || tp("alerts.total", total as i64, &[("count", &format::count(total))])}
                    {(shown < total)
                        .then_some(move || {
                            format!(
                                " {}",
                                tw(
                                    "alerts.showing",
                                    &[("shown", &format::count(shown)), ("count", &format::count(total))],
                                ),
                            )
                        })}
                </p>
                <Show when=move || alerts.can_manage.get() == Some(false)>
                    <p class="hint">{t("alerts.read_only")}</p>
                </Show>
                <ul class="alert-list" aria-labelledby=labelled_by>
                    {page
                        .value
                        .into_iter()
                        .map(|alert| alert_item(alert, alerts, busy, act))
                        .collect_view()}
                </ul>
            }
                .into_any()
        })}
    }
}

/// One alert: what and why, its link, and its actions.
fn alert_item(
    alert: Alert,
    alerts: AlertsState,
    busy: RwSignal<Option<String>>,
    act: impl Fn(Alert, Option<u32>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let name = subject(&alert);
    let href = link(&alert);
    let company = alert
        .reservation_id
        .is_some()
        .then(|| alert.company_name.clone());
    let id = alert.id.clone();
    let is_busy = move || busy.with(|b| b.as_deref() == Some(id.as_str()));
    let why = {
        let alert = alert.clone();
        move || reason(&alert, locale())
    };
    let buttons = {
        let name = name.clone();
        let alert = alert.clone();
        move || {
            alerts.may_manage().then(|| {
                let ack = {
                    let alert = alert.clone();
                    move |_| act(alert.clone(), None)
                };
                let ack_label = {
                    let name = name.clone();
                    move || tw("alerts.acknowledge_label", &[("subject", &name)])
                };
                let is_busy = is_busy.clone();
                view! {
                    <div class="actions">
                        <button type="button" aria-label=ack_label disabled=is_busy.clone() on:click=ack>
                            {t("alerts.acknowledge")}
                        </button>
                        {SNOOZE_DAYS
                            .into_iter()
                            .map(|days| {
                                let alert = alert.clone();
                                let name = name.clone();
                                let label = move || {
                                    tw(
                                        "alerts.snooze_label",
                                        &[("days", &days.to_string()), ("subject", &name)],
                                    )
                                };
                                view! {
                                    <button
                                        type="button"
                                        aria-label=label
                                        disabled=is_busy.clone()
                                        on:click=move |_| act(alert.clone(), Some(days))
                                    >
                                        {move || tw("alerts.snooze", &[("days", &days.to_string())])}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
                }
            })
        }
    };
    view! {
        <li class="alert-item">
            <div class="alert-what">
                <A href=href>{name.clone()}</A>
                {company.map(|c| view! { <span class="muted">{format!(" · {c}")}</span> })}
            </div>
            <p class="alert-why">{why}</p>
            {buttons}
        </li>
    }
}

/// The accessible name of the Alerts link: "Alerts" or "Alerts, 3".
pub fn nav_label(count: Option<u64>) -> String {
    match count {
        Some(n) if n > 0 => tw("nav.alerts_count", &[("count", &format::count(n))]),
        _ => tr("nav.alerts"),
    }
}
