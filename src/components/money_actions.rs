//! Refund and Exchange for one reservation: links when they are allowed, otherwise disabled
//! buttons that say why (so they stay in the tab order and screen readers announce the reason).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::ReservationKey;
use crate::context::t;
use crate::routes::{ReservationPage, ReservationRoutes};

/// The two actions; `blocked` is the reason they are not allowed, `None` when they are.
#[component]
pub fn MoneyActions(
    key: ReservationKey,
    #[prop(into)] blocked: Signal<Option<String>>,
    /// The id of the element holding the reason (unique on the page).
    why_id: &'static str,
    /// Refund is the page's primary action.
    #[prop(optional)]
    primary: bool,
) -> impl IntoView {
    let refund = key.page(ReservationPage::Refund);
    let exchange = key.page(ReservationPage::Exchange);
    move || match blocked.get() {
        None => view! {
            <A href=refund.clone() attr:class=if primary { "button primary" } else { "button" }>
                {t("reservations.refund")}
            </A>
            <A href=exchange.clone() attr:class="button">
                {t("reservations.exchange")}
            </A>
        }
        .into_any(),
        Some(why) => view! {
            <button type="button" aria-disabled="true" aria-describedby=why_id>
                {t("reservations.refund")}
            </button>
            <button type="button" aria-disabled="true" aria-describedby=why_id>
                {t("reservations.exchange")}
            </button>
            <span id=why_id>{why}</span>
        }
        .into_any(),
    }
}
