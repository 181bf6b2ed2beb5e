//! The page frame: skip link, top bar, side navigation and the main area.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::alert_list::{nav_label, use_alerts};
use crate::components::user_switch::UserSwitch;
use crate::context::{t, tw, use_ui};
use crate::routes;
use crate::text::format;
use crate::text::i18n::Locale;

/// Wraps every page in the top bar and the side navigation.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let main = NodeRef::<leptos::html::Main>::new();
    keep_focus_on_navigation(main);
    view! {
        <a class="skip-link" href="#main">{t("app.skip")}</a>
        <TopBar />
        <div class="frame">
            <SideNav />
            <main id="main" tabindex="-1" node_ref=main>
                {children()}
            </main>
        </div>
    }
}

/// After a navigation to another page, a focus lost with the page that went away (the link just
/// followed) moves to the main region, so the keyboard and screen readers go on from the new page
/// rather than from the top of the document. A focus still in place (the side navigation, a
/// search box changing the query) stays where it is.
fn keep_focus_on_navigation(main: NodeRef<leptos::html::Main>) {
    let pathname = leptos_router::hooks::use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        if previous.is_some_and(|p| p != path) {
            // After the router has swapped the pages.
            request_animation_frame(move || {
                let lost = document()
                    .active_element()
                    .is_none_or(|e| e.tag_name() == "BODY" || !e.is_connected());
                if let Some(main) = main.get_untracked().filter(|_| lost) {
                    let _ = main.focus();
                }
            });
        }
        path
    });
}

#[component]
fn TopBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            <span class="product">
                <span class="product-name">{t("app.name")}</span>
                <span class="product-sub">{t("app.partner")}</span>
            </span>
            <div class="top-bar-tools">
                <LanguageSwitch />
                <UserSwitch />
            </div>
        </header>
    }
}

/// Two buttons, one per language; the active one is pressed. A language whose texts could not
/// be downloaded says so beside them.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let ui = use_ui();
    view! {
        <div class="language-switch" role="group" aria-label=t("app.language")>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <button
                            type="button"
                            lang=locale.tag()
                            aria-pressed=move || (ui.locale.get() == locale).to_string()
                            on:click=move |_| ui.set_locale(locale)
                        >
                            {locale.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <span role="status" class="language-failed">
            {move || {
                ui.switch_failed
                    .get()
                    .map(|failed| tw("app.language_failed", &[("language", failed.native_name())]))
            }}
        </span>
    }
}

#[component]
fn SideNav() -> impl IntoView {
    let alerts = use_alerts();
    let count = move || alerts.count.get().flatten();
    view! {
        <nav class="side-nav" aria-label=t("nav.main")>
            <ul>
                <li>
                    <A href=routes::home() exact=true>{t("nav.home")}</A>
                </li>
                <li>
                    <A href=routes::customers()>{t("nav.customers")}</A>
                </li>
                <li>
                    <A href=routes::portfolio()>{t("nav.portfolio")}</A>
                </li>
                <li>
                    // The badge is read as part of the name: "Alerts, 3".
                    <A href=routes::alerts() attr:aria-label=move || nav_label(count())>
                        {t("nav.alerts")}
                        {move || {
                            count()
                                .filter(|n| *n > 0)
                                .map(|n| {
                                    view! {
                                        " "
                                        <span class="count-badge" aria-hidden="true">{format::count(n)}</span>
                                    }
                                })
                        }}
                    </A>
                </li>
                // Demo settings exist only with the embedded backend.
                {cfg!(feature = "demo")
                    .then(|| {
                        view! {
                            <li>
                                <A href=routes::settings()>{t("nav.settings")}</A>
                            </li>
                        }
                    })}
            </ul>
        </nav>
    }
}
