//! Merge: this reservation and others of the same order, SKU, term, region and unit price
//! (chosen by the user among those the engine allows) into one new reservation.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use reservation_quote::charge;

use super::{blocked, result_link};
use crate::api::{engine, use_api, MergeRequest, MergeResponse, Reservation, ReservationQuery};
use crate::components::confirm::ConfirmDialog;
use crate::components::status::{loaded, FilingProgress};
use crate::context::{locale, t, tr, tw};
use crate::filing::Filer;
use crate::pages::reservation::use_reservation;
use crate::text::{format, labels};

/// The Merge page of one reservation.
#[component]
pub fn MergePage() -> impl IntoView {
    let ctx = use_reservation();
    let api = use_api();
    let navigate = use_navigate();
    let reservation = Memo::new(move |_| ctx.reservation.get().and_then(Result::ok));
    // The order's reservations: the list's search matches the order GUID.
    let order = LocalResource::new(move || {
        let api = api.client();
        let k = ctx.key.get();
        async move {
            let q = ReservationQuery {
                search: Some(k.order.clone()),
                top: 1000,
                ..Default::default()
            };
            api.list_reservations(&k.customer, &q).await
        }
    });
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let tried = RwSignal::new(false);
    let filer = Filer::<MergeResponse>::new();
    let filing = filer.state();
    let confirm_open = RwSignal::new(false);
    let can_manage = move || ctx.may(|p| p.can_manage);
    let why_not = Memo::new(move |_| reservation.get().and_then(|r| blocked(&r, can_manage())));
    let partners = Memo::new(move |_| {
        let source = reservation.get()?;
        let rows = order.get()?.ok()?.value;
        Some(
            engine::merge_partners(&source, &rows)
                .into_iter()
                .cloned()
                .collect::<Vec<Reservation>>(),
        )
    });
    let selected = move || -> Vec<Reservation> {
        let ids = chosen.get();
        partners
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| ids.contains(&r.id))
            .collect()
    };
    let total = move || {
        reservation.get().map_or(0, |r| r.properties.quantity)
            + selected()
                .iter()
                .map(|r| r.properties.quantity)
                .sum::<u32>()
    };
    let none_chosen = move || tried.get() && chosen.with(BTreeSet::is_empty);

    let file = Callback::new(move |()| {
        let Some(source) = reservation.get_untracked() else {
            return;
        };
        let others = selected();
        if others.is_empty() {
            return;
        }
        let api = api.client();
        let key = ctx.key.get_untracked();
        let mut sources = vec![source.clone()];
        sources.extend(others);
        let request = MergeRequest {
            sources: sources
                .iter()
                .map(|r| r.reservation_id().to_string())
                .collect(),
        };
        let etags: Vec<u64> = sources.iter().map(|r| r.etag).collect();
        let customer = key.customer.clone();
        let navigate = navigate.clone();
        filer.file(
            move |idempotency| async move {
                api.merge_reservations(&key.customer, &key.order, &request, &idempotency, &etags)
                    .await
            },
            move |done: &MergeResponse| {
                ctx.reservation.refetch();
                navigate(
                    &result_link(&customer, &done.created, "merge"),
                    NavigateOptions::default(),
                );
            },
        );
    });

    let choices = move || {
        loaded(order, move |_| {
            let list = partners.get().unwrap_or_default();
            if list.is_empty() {
                return view! { <p class="notice" data-testid="merge-none">{t("merge.no_partners")}</p> }.into_any();
            }
            view! {
                <fieldset
                    class="card"
                    aria-invalid=move || none_chosen().to_string()
                    aria-describedby="merge-error"
                >
                    <legend>{t("merge.partners")}</legend>
                    <ul class="plain">
                        {list
                            .into_iter()
                            .map(|r| {
                                let id = r.id.clone();
                                let id_checked = id.clone();
                                let p = r.properties.clone();
                                view! {
                                    <li>
                                        <label>
                                            <input
                                                type="checkbox"
                                                prop:checked=move || chosen.with(|c| c.contains(&id_checked))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    chosen.update(|c| {
                                                        if on {
                                                            c.insert(id.clone());
                                                        } else {
                                                            c.remove(&id);
                                                        }
                                                    });
                                                    filer.changed();
                                                }
                                            />
                                            " "{p.display_name.clone()}" · "
                                            {move || tp_units(p.quantity)}" · "
                                            {t(labels::scope(p.applied_scope_type, p.applied_scope_properties.as_ref().is_some_and(|s| s.resource_group_id.is_some())))}
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <span id="merge-error" class="field-error" aria-live="polite">
                        {move || none_chosen().then(|| tr("merge.error.none"))}
                    </span>
                </fieldset>
            }
                .into_any()
        })
    };

    let preview = move || {
        if chosen.with(BTreeSet::is_empty) {
            return None;
        }
        let r = reservation.get()?;
        let price = r.properties.unit_price;
        let n = total();
        Some(view! {
            <p data-testid="merge-preview">
                {move || tw("merge.preview", &[
                    ("quantity", &format::count(n.into())),
                    ("charge", &format::usd(charge(price, n), locale())),
                ])}
            </p>
        })
    };

    view! {
        <h2>{t("merge.title")}</h2>
        <p>{t("merge.intro")}</p>
        {move || why_not.get().map(|why| view! { <p class="notice warn" data-testid="merge-blocked">{why}</p> })}
        <form
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                tried.set(true);
                if why_not.get_untracked().is_none() && !chosen.with_untracked(BTreeSet::is_empty) && !filer.is_locked() {
                    confirm_open.set(true);
                }
            }
        >
            {choices}
            {preview}
            <div class="actions">
                <button type="submit" class="primary" disabled=move || why_not.get().is_some() || filer.is_locked()>
                    {t("merge.submit")}
                </button>
            </div>
        </form>
        <FilingProgress filing=filing retry=file />
        <ConfirmDialog
            open=confirm_open
            title=Signal::derive(move || {
                let mut names: Vec<String> = reservation.get().map(|r| r.properties.display_name).into_iter().collect();
                names.extend(selected().into_iter().map(|r| r.properties.display_name));
                tw("merge.confirm_title", &[("names", &names.join(", ")), ("quantity", &total().to_string())])
            })
            confirm_label=Signal::derive(|| tr("merge.confirm"))
            on_confirm=file
        >
            <p>{t("merge.confirm_body")}</p>
        </ConfirmDialog>
    }
}

/// "3 units" in the current language.
fn tp_units(n: u32) -> String {
    crate::context::tp(
        "merge.units",
        i64::from(n),
        &[("count", &format::count(n.into()))],
    )
}
