//! Split and Merge: Azure's own operations on a reservation of one order. Split makes two
//! reservations whose quantities sum to the original; Merge makes one of several alike. Both
//! are confirmed, filed once (idempotency key and the reservation's etag) and then show the new
//! reservation.

pub mod draft;
pub mod merge;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use reservation_quote::{charge, part_charges};

use self::draft::{Message, Part, SplitDraft};
use super::use_reservation;
use crate::api::{
    use_api, ProvisioningState, Reservation, ReservationKey, SplitRequest, SplitResponse,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::status::FilingProgress;
use crate::context::{locale, t, tr, tw};
use crate::filing::Filer;
use crate::routes::{self, ReservationPage, ReservationRoutes};
use crate::text::format;

/// Why the signed-in user cannot split or merge this reservation now, if they cannot.
pub fn blocked(reservation: &Reservation, can_manage: Option<bool>) -> Option<String> {
    if reservation.properties.provisioning_state != ProvisioningState::Succeeded {
        Some(tr("split.not_active"))
    } else if can_manage == Some(false) {
        Some(tr("split.no_permission"))
    } else {
        None
    }
}

/// A message in the current language.
pub fn say(m: &Message) -> String {
    let args: Vec<(&str, &str)> = m.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    tw(m.key, &args)
}

/// Where a split or merge leads: the new reservation's Overview, saying what happened
/// (`done` = `split` or `merge`), as `use_navigate` wants it.
pub fn result_link(customer: &str, created: &Reservation, done: &str) -> String {
    let key = ReservationKey::of(customer, created);
    routes::for_navigate(&format!(
        "{}?done={done}",
        key.page(ReservationPage::Overview)
    ))
}

/// The Split page of one reservation.
#[component]
pub fn SplitPage() -> impl IntoView {
    let ctx = use_reservation();
    let api = use_api();
    let navigate = use_navigate();
    let reservation = Memo::new(move |_| ctx.reservation.get().and_then(Result::ok));
    let quantity =
        Memo::new(move |_| reservation.with(|r| r.as_ref().map_or(0, |r| r.properties.quantity)));
    let draft = RwSignal::new(SplitDraft::for_quantity(
        reservation
            .get_untracked()
            .map_or(0, |r| r.properties.quantity),
    ));
    let tried = RwSignal::new(false);
    let filer = Filer::<SplitResponse>::new();
    let filing = filer.state();
    let confirm_open = RwSignal::new(false);
    let can_manage = move || ctx.may(|p| p.can_manage);
    let why_not = Memo::new(move |_| reservation.get().and_then(|r| blocked(&r, can_manage())));
    let checked = Memo::new(move |_| draft.with(|d| d.check(quantity.get())));
    let problems = move || checked.get().err().unwrap_or_default();
    let parts = move || checked.get().ok();

    let file = Callback::new(move |()| {
        let (Some(parts), Some(r)) = (parts(), reservation.get_untracked()) else {
            return;
        };
        let api = api.client();
        let key = ctx.key.get_untracked();
        let request = SplitRequest {
            reservation_id: key.reservation.clone(),
            quantities: parts.to_vec(),
        };
        let etag = r.etag;
        let customer = key.customer.clone();
        let navigate = navigate.clone();
        filer.file(
            move |idempotency| async move {
                api.split_reservation(
                    &key.customer,
                    &key.order,
                    &request,
                    &idempotency,
                    Some(etag),
                )
                .await
            },
            move |done: &SplitResponse| {
                ctx.reservation.refetch();
                if let Some(first) = done.created.first() {
                    navigate(
                        &result_link(&customer, first, "split"),
                        NavigateOptions::default(),
                    );
                }
            },
        );
    });

    let field = move |part: Part, id: &'static str, label: &'static str| {
        let error_id = format!("{id}-error");
        let message = move || {
            (tried.get()
                || draft
                    .with(|d| d.text(part) != SplitDraft::for_quantity(quantity.get()).text(part)))
            .then(|| problems().at(part).map(say))
            .flatten()
        };
        view! {
            <label class="field">
                {t(label)}
                <input
                    id=id
                    type="number"
                    min="1"
                    step="1"
                    inputmode="numeric"
                    required=true
                    prop:value=move || draft.with(|d| d.text(part).to_string())
                    on:input=move |ev| {
                        draft.update(|d| *d = d.with(part, event_target_value(&ev)));
                        filer.changed();
                    }
                    aria-invalid=move || message().is_some().to_string()
                    aria-describedby=error_id.clone()
                />
                <span id=error_id class="field-error" aria-live="polite">{message}</span>
            </label>
        }
    };

    let preview = move || {
        let r = reservation.get()?;
        let [a, b] = parts()?;
        let price = r.properties.unit_price;
        let charges = part_charges(price, &[a, b]);
        let money = move |d| format::usd(d, locale());
        Some(view! {
            <table class="quote" data-testid="split-preview">
                <caption>{t("split.preview")}</caption>
                <thead>
                    <tr>
                        <td></td>
                        <th scope="col" class="num">{t("reservations.col.quantity")}</th>
                        <th scope="col" class="num">{t("split.charge")}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">{t("split.first")}</th>
                        <td class="num">{format::count(a.into())}</td>
                        <td class="num">{money(charges[0])}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t("split.second")}</th>
                        <td class="num">{format::count(b.into())}</td>
                        <td class="num">{money(charges[1])}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t("split.total")}</th>
                        <td class="num">{format::count(r.properties.quantity.into())}</td>
                        <td class="num">{money(charge(price, r.properties.quantity))}</td>
                    </tr>
                </tbody>
            </table>
        })
    };

    view! {
        <h2>{t("split.title")}</h2>
        <p>{t("split.intro")}</p>
        {move || why_not.get().map(|why| view! { <p class="notice warn" data-testid="split-blocked">{why}</p> })}
        {move || problems().whole.map(|m| view! { <p class="notice warn" role="alert" data-testid="split-refused">{say(&m)}</p> })}
        <form
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                tried.set(true);
                if why_not.get_untracked().is_none() && parts().is_some() && !filer.is_locked() {
                    confirm_open.set(true);
                }
            }
        >
            <div class="toolbar">
                {field(Part::First, "split-first", "split.first_quantity")}
                {field(Part::Second, "split-second", "split.second_quantity")}
            </div>
            {preview}
            <div class="actions">
                <button
                    type="submit"
                    class="primary"
                    disabled=move || why_not.get().is_some() || problems().whole.is_some() || filer.is_locked()
                >
                    {t("split.submit")}
                </button>
            </div>
        </form>
        <FilingProgress filing=filing retry=file />
        <ConfirmDialog
            open=confirm_open
            title=Signal::derive(move || {
                let name = reservation.get().map(|r| r.properties.display_name).unwrap_or_default();
                let [a, b] = parts().unwrap_or_default();
                tw("split.confirm_title", &[("name", &name), ("first", &a.to_string()), ("second", &b.to_string())])
            })
            confirm_label=Signal::derive(|| tr("split.confirm"))
            on_confirm=file
        >
            <p>{t("split.confirm_body")}</p>
        </ConfirmDialog>
    }
}

/// Split and Merge on a reservation's Overview: links when allowed, else disabled buttons that
/// say why (so they stay in the tab order and screen readers announce the reason).
#[component]
pub fn SplitMergeActions(
    key: ReservationKey,
    /// Why neither is allowed (not active, no manage rights), `None` when they are.
    #[prop(into)]
    blocked: Signal<Option<String>>,
    /// The reservation's quantity (a single unit cannot be split).
    quantity: u32,
) -> impl IntoView {
    let split = key.page(ReservationPage::Split);
    let merge = key.page(ReservationPage::Merge);
    let too_small = (quantity < 2).then(|| {
        say(&Message {
            key: "split.error.too_small",
            args: vec![("quantity", quantity.to_string())],
        })
    });
    move || {
        match blocked.get() {
        None => view! {
            {match too_small.clone() {
                None => view! { <A href=split.clone() attr:class="button">{t("split.action")}</A> }.into_any(),
                Some(why) => view! {
                    <button type="button" aria-disabled="true" aria-describedby="no-split-why">
                        {t("split.action")}
                    </button>
                    <span id="no-split-why">{why}</span>
                }
                .into_any(),
            }}
            <A href=merge.clone() attr:class="button">{t("merge.action")}</A>
        }
        .into_any(),
        Some(why) => view! {
            <button type="button" aria-disabled="true" aria-describedby="no-split-merge-why">
                {t("split.action")}
            </button>
            <button type="button" aria-disabled="true" aria-describedby="no-split-merge-why">
                {t("merge.action")}
            </button>
            <span id="no-split-merge-why">{why}</span>
        }
        .into_any(),
    }
    }
}
