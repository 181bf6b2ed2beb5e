//! Demo settings: reset the demo data and make requests fail on purpose, so every loading and
//! error state can be shown in a demo. Only the embedded mock backend has these controls.

use leptos::prelude::*;

use crate::api::{use_api, Injected};
use crate::browser;
use crate::components::confirm::ConfirmDialog;
use crate::components::status::Loading;
use crate::context::{t, tr, tw};
use crate::text::format;

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
    // The data size: the choice, whether it is being generated, and the size once done.
    let current = RwSignal::new(api.mock().is_some_and(|m| m.is_large()));
    let large = RwSignal::new(current.get_untracked());
    let confirm_size = RwSignal::new(false);
    let (generating, set_generating) = signal(false);
    let (done, set_done) = signal(None::<(usize, usize)>);
    let switch_size = Callback::new(move |()| {
        let want = large.get_untracked();
        set_generating.set(true);
        set_done.set(None);
        leptos::task::spawn_local(async move {
            // Lets the loading state paint before the (synchronous) generation.
            gloo_timers::future::TimeoutFuture::new(50).await;
            if let Some(mock) = api.mock() {
                mock.set_large(want);
                current.set(want);
                set_done.set(Some(mock.size()));
            }
            set_generating.set(false);
        });
    });
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
        <section class="card" aria-labelledby="size-heading">
            <h2 id="size-heading">{t("settings.size_heading")}</h2>
            <p>{t("settings.size_body")}</p>
            <fieldset disabled=move || generating.get()>
                <legend class="visually-hidden">{t("settings.size_heading")}</legend>
                <label class="radio">
                    <input
                        type="radio"
                        name="data-size"
                        value="default"
                        prop:checked=move || !large.get()
                        on:change=move |_| large.set(false)
                    />
                    {t("settings.size_default")}
                </label>
                <label class="radio">
                    <input
                        type="radio"
                        name="data-size"
                        value="large"
                        prop:checked=move || large.get()
                        on:change=move |_| large.set(true)
                    />
                    {t("settings.size_large")}
                </label>
            </fieldset>
            <button
                type="button"
                disabled=move || generating.get() || current.get() == large.get()
                on:click=move |_| confirm_size.set(true)
            >
                {t("settings.size_switch")}
            </button>
            <Show when=move || generating.get()>
                <Loading />
                <p class="hint">{t("settings.size_generating")}</p>
            </Show>
            <p role="status" aria-live="polite">
                {move || {
                    done.get()
                        .map(|(c, r)| {
                            tw(
                                "settings.size_done",
                                &[
                                    ("customers", &format::count(c as u64)),
                                    ("reservations", &format::count(r as u64)),
                                ],
                            )
                        })
                }}
            </p>
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
        <ConfirmDialog
            open=confirm_size
            title=Signal::derive(|| tr("settings.size_confirm"))
            confirm_label=Signal::derive(|| tr("settings.size_switch"))
            on_confirm=switch_size
        >
            <p>{t("settings.size_body")}</p>
        </ConfirmDialog>
    }
    .into_any()
}
