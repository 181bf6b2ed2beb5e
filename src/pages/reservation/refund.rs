//! Refund: return some or all units of a reservation for its prorated remaining commitment.
//! The quote is computed in the browser by the same engine the backend enforces; filing is
//! confirmed and idempotent, so a double click or a retry never refunds twice.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rust_decimal::Decimal;

use super::use_reservation;
use crate::api::{engine, use_api, ClientError, RefundQuote, ReturnRequest, ReturnResponse};
use crate::browser;
use crate::components::confirm::ConfirmDialog;
use crate::components::status::{ErrorNotice, FilingProgress, Loading};
use crate::context::{locale, t, tr, tw};
use crate::filing::{Filer, Filing};
use crate::routes::{ReservationPage, ReservationRoutes};
use crate::text::explain::explain;
use crate::text::format;
use leptos_router::components::A;

/// The refund page of one reservation.
#[component]
pub fn RefundPage() -> impl IntoView {
    let ctx = use_reservation();
    let api = use_api();
    let today = browser::today_utc();
    let usage = LocalResource::new(move || {
        let api = api.client();
        let customer = ctx.key.get().customer;
        async move { api.refund_limit_usage(&customer).await }
    });
    // A link may prefill the quantity (`?quantity=N`, from a sizing recommendation).
    let prefill = use_query_map()
        .with_untracked(|q| q.get("quantity"))
        .filter(|q| !q.is_empty() && q.chars().all(|c| c.is_ascii_digit()));
    let quantity_text = RwSignal::new(prefill.unwrap_or_else(|| "1".to_string()));
    let reason = RwSignal::new(String::new());
    let filer = Filer::<ReturnResponse>::new();
    let filing = filer.state();
    let confirm_open = RwSignal::new(false);
    let quantity = Memo::new(move |_| quantity_text.with(|q| q.trim().parse::<Decimal>().ok()));

    let quote = Memo::new(move |_| -> Option<Result<RefundQuote, ClientError>> {
        let reservation = ctx.reservation.get()?.ok()?;
        let usage = match usage.get()? {
            Ok(u) => u,
            Err(e) => return Some(Err(e)),
        };
        // An unreadable quantity is quoted as 0 so the engine explains the valid range.
        let q = quantity.get().unwrap_or(Decimal::ZERO);
        Some(Ok(engine::refund_quote(&reservation, q, &usage, today)))
    });
    let may_return = move || ctx.may(|p| p.can_return) == Some(true);
    let allowed = move || {
        may_return() && matches!(quote.get(), Some(Ok(q)) if q.is_allowed()) && !filer.is_locked()
    };
    let refund_amount = move || {
        quote
            .get()
            .and_then(Result::ok)
            .and_then(|q| q.refund)
            .map(|r| format::usd(r, locale()))
            .unwrap_or_default()
    };

    let file = Callback::new(move |()| {
        let Some(q) = quantity.get_untracked().and_then(|q| u32::try_from(q).ok()) else {
            return;
        };
        let api = api.client();
        let key = ctx.key.get_untracked();
        let request = ReturnRequest {
            reservation_id: key.reservation.clone(),
            quantity: q,
            return_reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
        };
        filer.file(
            move |idempotency| async move {
                api.return_reservation(&key.customer, &key.order, &request, &idempotency)
                    .await
            },
            move |_| {
                ctx.reservation.refetch();
                usage.refetch();
            },
        );
    });

    // Once filed, the focus moves to the result: the button that opened the dialog is disabled.
    let done_notice = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = done_notice.get() {
            let _ = el.focus();
        }
    });

    let amounts = move || {
        quote.get().map(|result| match result {
            Err(error) => view! { <ErrorNotice error=error on_retry=move || usage.refetch() /> }.into_any(),
            Ok(q) => {
                let money = move |v: Option<Decimal>| v.map(|d| format::usd(d, locale())).unwrap_or_else(|| "—".into());
                let after_used = q.limit_added.map(|added| q.limit_used + added);
                let after_headroom = q.limit_added.map(|added| q.limit_headroom - added);
                let errors = q.errors.clone();
                view! {
                    <table class="quote">
                        <caption class="visually-hidden">{t("refund.quote")}</caption>
                        <tbody>
                            <tr><th scope="row">{t("refund.remaining")}</th><td class="num" data-testid="remaining">{money(q.remaining_commitment)}</td></tr>
                            <tr><th scope="row">{t("refund.unpaid")}</th><td class="num" data-testid="unpaid">{money(q.unpaid)}</td></tr>
                            <tr><th scope="row">{t("refund.fee")}</th><td class="num" data-testid="fee">{money(q.fee)}</td></tr>
                            <tr><th scope="row">{t("refund.refund")}</th><td class="num" data-testid="refund"><strong>{money(q.refund)}</strong></td></tr>
                        </tbody>
                    </table>
                    <h3>{t("refund.limit")}</h3>
                    <table class="quote">
                        <thead>
                            <tr>
                                <td></td>
                                <th scope="col" class="num">{t("refund.before")}</th>
                                <th scope="col" class="num">{t("refund.after")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <tr>
                                <th scope="row">{t("customer.limit_used")}</th>
                                <td class="num" data-testid="used-before">{money(Some(q.limit_used))}</td>
                                <td class="num" data-testid="used-after">{money(after_used)}</td>
                            </tr>
                            <tr>
                                <th scope="row">{t("customer.limit_headroom")}</th>
                                <td class="num">{money(Some(q.limit_headroom))}</td>
                                <td class="num">{money(after_headroom)}</td>
                            </tr>
                            <tr>
                                <th scope="row">{t("customer.limit_total")}</th>
                                <td class="num" colspan="2">{money(Some(q.limit_used + q.limit_headroom))}</td>
                            </tr>
                        </tbody>
                    </table>
                    {(!errors.is_empty()).then(|| view! {
                        <div class="notice error" role="alert" data-testid="refund-refused">
                            <p><strong>{t("refund.refused")}</strong></p>
                            <ul>
                                {errors.into_iter().map(|e| view! { <li>{move || explain(&e, locale())}</li> }).collect_view()}
                            </ul>
                        </div>
                    })}
                }
                    .into_any()
            }
        })
    };

    view! {
        <h2>{t("reservations.refund")}</h2>
        {move || match filing.get() {
            Filing::Done(done) => {
                let amount = done.quote.refund.map(|r| format::usd(r, locale())).unwrap_or_default();
                view! {
                    <div class="notice ok" role="status" tabindex="-1" node_ref=done_notice>
                        <p>{tw("refund.done", &[("amount", &amount), ("id", &done.refund_id)])}</p>
                    </div>
                }
                    .into_any()
            }
            _ => ().into_any(),
        }}
        <Show when=move || ctx.permissions.get().is_some() && !may_return()>
            <p class="notice warn">{t("overview.no_permission")}</p>
        </Show>
        <form on:submit=move |ev| {
            ev.prevent_default();
            if allowed() {
                confirm_open.set(true);
            }
        }>
            <div class="toolbar">
                <label class="field">
                    {t("refund.quantity")}
                    <input
                        type="number"
                        min="1"
                        step="1"
                        inputmode="numeric"
                        prop:value=move || quantity_text.get()
                        on:input=move |ev| {
                            quantity_text.set(event_target_value(&ev));
                            filer.changed();
                        }
                        aria-describedby="quantity-help"
                    />
                    <span id="quantity-help">
                        {move || {
                            ctx.reservation
                                .get()
                                .and_then(Result::ok)
                                .map(|r| tw("refund.quantity_help", &[("max", &r.properties.quantity.to_string())]))
                                .unwrap_or_default()
                        }}
                    </span>
                </label>
                <label class="field">
                    {t("refund.reason")}
                    <input
                        type="text"
                        maxlength="200"
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    />
                </label>
            </div>
            {move || if usage.get().is_none() { view! { <Loading /> }.into_any() } else { amounts().into_any() }}
            <div class="actions">
                <button type="submit" class="primary" disabled=move || !allowed()>
                    {t("refund.submit")}
                </button>
            </div>
        </form>
        <FilingProgress filing=filing retry=file />
        <p>
            {t("refund.via_support")}" "
            <A href=move || ctx.key.get().page(ReservationPage::Support)>{t("reservation.support")}</A>
        </p>
        <ConfirmDialog
            open=confirm_open
            title=Signal::derive(move || tw("refund.confirm_title", &[("amount", &refund_amount())]))
            confirm_label=Signal::derive(|| tr("refund.confirm"))
            on_confirm=file
        >
            <p>{t("refund.confirm_body")}</p>
        </ConfirmDialog>
    }
}
