//! Properties: the reservation's identifiers (each with Copy) and its purchase facts.

use leptos::prelude::*;

use super::use_reservation;
use crate::components::copy_field::CopyField;
use crate::context::{locale, t, tr};
use crate::text::format;
use crate::text::labels;

/// Reservation ID, reservation order ID, resource ID and purchase details.
#[component]
pub fn PropertiesPage() -> impl IntoView {
    let ctx = use_reservation();
    move || {
        ctx.reservation.get().and_then(Result::ok).map(|r| {
            let p = r.properties.clone();
            view! {
                <h2>{t("reservation.properties")}</h2>
                <dl class="facts">
                    <dt>
                        <label for="prop-reservation-id">{t("props.reservation_id")}</label>
                    </dt>
                    <dd>
                        <CopyField
                            id="prop-reservation-id"
                            label=Signal::derive(|| tr("props.reservation_id"))
                            value=r.reservation_id().to_string()
                        />
                    </dd>
                    <dt>
                        <label for="prop-order-id">{t("props.order_id")}</label>
                    </dt>
                    <dd>
                        <CopyField
                            id="prop-order-id"
                            label=Signal::derive(|| tr("props.order_id"))
                            value=r.order_id().to_string()
                        />
                    </dd>
                    <dt>
                        <label for="prop-resource-id">{t("props.resource_id")}</label>
                    </dt>
                    <dd>
                        <CopyField
                            id="prop-resource-id"
                            label=Signal::derive(|| tr("props.resource_id"))
                            value=r.id.clone()
                        />
                    </dd>
                    <dt>{t("props.purchase_date")}</dt>
                    <dd data-testid="purchase-date" data-date=p.purchase_date.to_string()>
                        {move || format::date(p.purchase_date, locale())}
                    </dd>
                    <dt>{t("reservations.col.term")}</dt>
                    <dd>{t(labels::term(&p.term))}</dd>
                    <dt>{t("reservations.col.billing")}</dt>
                    <dd>{t(labels::billing_plan(&p.billing_plan))}</dd>
                    <dt>{t("props.unit_price")}</dt>
                    <dd data-testid="unit-price">{move || format::usd(p.unit_price, locale())}</dd>
                    <dt>{t("props.current_price")}</dt>
                    <dd data-testid="current-price">
                        {move || format::usd(p.current_unit_price.unwrap_or(p.unit_price), locale())}
                    </dd>
                    <dt>{t("props.billing_subscription")}</dt>
                    <dd>
                        <code>{p.billing_scope_id.clone()}</code>
                    </dd>
                </dl>
            }
        })
    }
}
