//! Demo settings: reset the demo data and make requests fail on purpose, so every loading and
//! error state can be shown in a demo. Only the embedded mock backend has these controls.

use leptos::prelude::*;

use crate::api::{use_api, Injected};
use crate::browser;
use crate::components::confirm::ConfirmDialog;
use crate::context::{t, tr};

const FAILURES: [(&str, Option<Injected>, &str); 5] = [
    ("none", None, "settings.fail.none"),
    (
        "network",
        Some(Injected::NetworkError),
        "settings.fail.network",
    ),
    (
        "server",
        Some(Injected::ServerError),
        "settings.fail.server",
    ),
    (
        "conflict",
        Some(Injected::Conflict),
        "settings.fail.conflict",
    ),
    (
        "malformed",
        Some(Injected::Malformed),
        "settings.fail.malformed",
    ),
];

/// The demo controls.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let api = use_api();
    let confirm_reset = RwSignal::new(false);
    let failure = RwSignal::new("none".to_string());
    if api.mock().is_none() {
        return view! {
            <h1>{t("settings.title")}</h1>
            <p>{t("settings.http_mode")}</p>
        }
        .into_any();
    }
    let reset = Callback::new(move |()| {
        if let Some(mock) = api.mock() {
            mock.reset();
        }
        browser::reload();
    });
    view! {
        <h1>{t("settings.title")}</h1>
        <section class="card" aria-labelledby="reset-heading">
            <h2 id="reset-heading">{t("settings.reset_heading")}</h2>
            <p>{t("settings.reset_body")}</p>
            <button type="button" class="danger" on:click=move |_| confirm_reset.set(true)>
                {t("settings.reset")}
            </button>
        </section>
        <section class="card" aria-labelledby="fail-heading">
            <h2 id="fail-heading">{t("settings.fail_heading")}</h2>
            <label class="field">
                {t("settings.fail_label")}
                <select on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if let Some((_, injected, _)) = FAILURES.iter().find(|(v, _, _)| *v == value) {
                        if let Some(mock) = api.mock() {
                            mock.set_failure(*injected);
                        }
                        failure.set(value);
                    }
                }>
                    {FAILURES
                        .iter()
                        .map(|(value, _, label)| {
                            view! {
                                <option value=*value selected=move || failure.get() == *value>
                                    {t(label)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </section>
        <ConfirmDialog
            open=confirm_reset
            title=Signal::derive(|| tr("settings.reset_confirm"))
            confirm_label=Signal::derive(|| tr("settings.reset"))
            on_confirm=reset
        >
            <p>{t("settings.reset_body")}</p>
        </ConfirmDialog>
    }
    .into_any()
}
