//! Who is signed in, and (in a demo) switching to another demo user. A backend that is not a demo
//! (`GET /me` says `demo: false`: `reservation-server` behind sign-in) gets no switch.

use leptos::prelude::*;

use crate::api::use_api;
use crate::browser;
use crate::context::t;
use crate::storage_keys;

/// The signed-in user's name, with a picker of the demo users when the backend is a demo.
#[component]
pub fn UserSwitch() -> impl IntoView {
    let api = use_api();
    let me = api.me();
    let users = LocalResource::new(move || {
        let me = me.get();
        let api = api.client();
        async move {
            let me = me.ok_or(None)?.map_err(Some)?;
            let all = if me.demo {
                api.list_demo_users().await.map_err(Some)?
            } else {
                Vec::new()
            };
            Ok::<_, Option<crate::api::ClientError>>((me, all))
        }
    });
    move || {
        users.get().map(|result| match result {
            Ok((me, _)) if !me.demo => view! {
                <span class="signed-in">
                    <span>{t("app.signed_in_as")}</span>
                    " "
                    <strong>{me.user.name.clone()}</strong>
                </span>
            }
            .into_any(),
            Ok((me, all)) => view! {
                <label>
                    <span>{t("app.signed_in_as")}</span>
                    <select on:change=move |ev| {
                        browser::save(storage_keys::USER, &event_target_value(&ev));
                        // Every page re-reads what the new user may see.
                        browser::reload();
                    }>
                        {all
                            .into_iter()
                            .map(|u| {
                                let selected = u.id == me.user.id;
                                view! {
                                    <option value=u.id.clone() selected=selected>
                                        {u.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            }
            .into_any(),
            // `me` is still loading.
            Err(None) => ().into_any(),
            Err(Some(_)) => view! { <span>{t("app.signed_out")}</span> }.into_any(),
        })
    }
}
