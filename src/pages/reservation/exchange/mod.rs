//! Exchange: return the unused remainder of one or more reservations of the customer and buy
//! new ones with it. The quote follows every change; filing is confirmed and idempotent.

mod draft;

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use self::draft::{ExchangeDraft, PurchaseDraft, ReturnDraft};
use super::use_reservation;
use crate::api::{
    use_api, BillingPlan, ExchangeResponse, Family, PriceEntry, PriceQuery, ProvisioningState,
    ReservationQuery, Term,
};
use crate::browser;
use crate::components::confirm::ConfirmDialog;
use crate::components::status::{ErrorNotice, FilingProgress, Loading};
use crate::context::{locale, t, tr, tw};
use crate::filing::{Filer, Filing};
use crate::routes::{ReservationPage, ReservationRoutes};
use crate::storage_keys;
use crate::text::explain::explain;
use crate::text::format;
use crate::text::labels;

/// Distinct values of one column of the catalogue, in first-seen order.
fn distinct<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The exchange page, starting from the reservation in the route.
#[component]
pub fn ExchangePage() -> impl IntoView {
    let ctx = use_reservation();
    let api = use_api();
    let today = browser::today_utc();
    let draft = RwSignal::new(
        ctx.reservation
            .get_untracked()
            .and_then(Result::ok)
            .map(|r| {
                let q = use_query_map();
                ExchangeDraft::prefilled(
                    r,
                    q.with_untracked(|q| q.get("sku")),
                    q.with_untracked(|q| q.get("quantity")),
                )
            })
            .unwrap_or_default(),
    );
    let catalogue = LocalResource::new(move || {
        let api = api.client();
        async move { api.price_catalogue_all(&PriceQuery::default()).await }
    });
    let others = LocalResource::new(move || {
        let api = api.client();
        let customer = ctx.key.get().customer;
        let q = ReservationQuery {
            status: Some(ProvisioningState::Succeeded),
            top: 1000,
            ..ReservationQuery::default()
        };
        async move { api.list_reservations(&customer, &q).await.map(|p| p.value) }
    });
    let prices =
        move || -> Vec<PriceEntry> { catalogue.get().and_then(Result::ok).unwrap_or_default() };
    let quote = Memo::new(move |_| draft.with(|d| d.quote(&prices(), today)));
    let filer = Filer::<ExchangeResponse>::new();
    let filing = filer.state();
    let confirm_open = RwSignal::new(false);
    let change = move |f: &mut dyn FnMut(&mut ExchangeDraft)| {
        draft.update(|d| f(d));
        filer.changed();
    };
    let may_exchange = move || ctx.may(|p| p.can_exchange) == Some(true);
    let allowed = move || {
        may_exchange()
            && quote.with(|q| q.errors.is_empty())
            && draft.with(|d| d.to_request().is_some())
            && !filer.is_locked()
    };
    let file = Callback::new(move |()| {
        let Some(request) = draft.with_untracked(ExchangeDraft::to_request) else {
            return;
        };
        let api = api.client();
        let customer = ctx.key.get_untracked().customer;
        filer.file(
            move |key| async move { api.exchange(&customer, &request, &key).await },
            move |_| {
                ctx.reservation.refetch();
                others.refetch();
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
    let money = move |v: Option<rust_decimal::Decimal>| {
        v.map(|d| format::usd(d, locale()))
            .unwrap_or_else(|| "—".into())
    };

    let return_rows = move || {
        draft.with(|d| d.returns.clone()).into_iter().enumerate().map(|(i, line)| {
            let name = line.reservation.properties.display_name.clone();
            let max = line.reservation.properties.quantity;
            let refund = quote.with(|q| q.returns.get(i).map(|r| r.refund));
            let remaining = quote.with(|q| q.returns.get(i).map(|r| r.remaining_commitment));
            let label = name.clone();
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td>
                        <input
                            type="number"
                            min="1"
                            max=max.to_string()
                            step="1"
                            aria-label=move || tw("exchange.return_quantity", &[("name", &label)])
                            prop:value=line.quantity.clone()
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                change(&mut |d| {
                                    if let Some(r) = d.returns.get_mut(i) {
                                        r.quantity = value.clone();
                                    }
                                })
                            }
                        />
                        " / " {max}
                    </td>
                    <td class="num">{move || money(remaining)}</td>
                    <td class="num">{move || money(refund)}</td>
                    <td>
                        {(i > 0).then(|| view! {
                            <button type="button" on:click=move |_| change(&mut |d| { d.returns.remove(i); })>
                                {t("exchange.remove_line")}
                            </button>
                        })}
                    </td>
                </tr>
            }
        }).collect_view()
    };

    let purchase_rows = move || {
        let prices = prices();
        draft.with(|d| d.purchases.clone()).into_iter().enumerate().map(|(i, line)| {
            let families = distinct(prices.iter().map(|p| p.reserved_resource_type.clone()));
            let skus = distinct(prices.iter().filter(|p| Some(&p.reserved_resource_type) == line.family.as_ref()).map(|p| p.sku_name.clone()));
            let regions = distinct(prices.iter().filter(|p| Some(&p.reserved_resource_type) == line.family.as_ref() && p.sku_name == line.sku).map(|p| p.location.clone()));
            let offers: Vec<&PriceEntry> = prices.iter().filter(|p| Some(&p.reserved_resource_type) == line.family.as_ref() && p.sku_name == line.sku && p.location == line.location).collect();
            let terms = distinct(offers.iter().map(|p| p.term.clone()));
            let plans = distinct(offers.iter().map(|p| p.billing_plan.clone()));
            let unit = line.unit_price(&prices);
            let total = quote.with(|q| q.purchase_totals.get(i).copied());
            let n = (i + 1).to_string();
            let set = move |f: fn(&mut PurchaseDraft, String), value: String| {
                change(&mut |d| {
                    if let Some(p) = d.purchases.get_mut(i) {
                        f(p, value.clone());
                    }
                })
            };
            let select = move |label_key: &'static str, options: Vec<(String, String)>, current: String, f: fn(&mut PurchaseDraft, String)| {
                let n = n.clone();
                view! {
                    <label class="field">
                        {move || tw(label_key, &[("line", &n)])}
                        <select on:change=move |ev| set(f, event_target_value(&ev))>
                            <option value="" selected=current.is_empty()>{t("config.choose")}</option>
                            {options.into_iter().map(|(value, text)| {
                                let selected = value == current;
                                view! { <option value=value selected=selected>{text}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                }
            };
            let family_name = |f: &Family| f.as_str().to_string();
            let term_value = |t: &Term| t.as_str().to_string();
            let plan_value = |p: &BillingPlan| p.as_str().to_string();
            view! {
                <fieldset class="card">
                    <legend>{move || tw("exchange.purchase_line", &[("line", &(i + 1).to_string())])}</legend>
                    <div class="toolbar">
                        {select("exchange.family", labels::family_options(locale(), &families), line.family.as_ref().map(family_name).unwrap_or_default(), |p, v| { p.family = (!v.is_empty()).then(|| Family::parse(&v)); p.sku.clear(); p.location.clear(); p.term = None; p.plan = None; })}
                        {select("exchange.sku", skus.into_iter().map(|s| (s.clone(), s)).collect(), line.sku.clone(), |p, v| { p.sku = v; p.location.clear(); p.term = None; p.plan = None; })}
                        {select("exchange.region", regions.into_iter().map(|s| (s.clone(), s)).collect(), line.location.clone(), |p, v| { p.location = v; p.term = None; p.plan = None; })}
                        {select("exchange.term", terms.iter().map(|x| (term_value(x), tr(labels::term(x)))).collect(), line.term.as_ref().map(term_value).unwrap_or_default(), |p, v| { p.term = (!v.is_empty()).then(|| Term::parse(&v)); })}
                        {select("exchange.plan", plans.iter().map(|x| (plan_value(x), tr(labels::billing_plan(x)))).collect(), line.plan.as_ref().map(plan_value).unwrap_or_default(), |p, v| { p.plan = (!v.is_empty()).then(|| BillingPlan::parse(&v)); })}
                        <label class="field">
                            {move || tw("exchange.quantity", &[("line", &(i + 1).to_string())])}
                            <input
                                type="number"
                                min="1"
                                step="1"
                                prop:value=line.quantity.clone()
                                on:change=move |ev| set(|p, v| p.quantity = v, event_target_value(&ev))
                            />
                        </label>
                    </div>
                    <p>
                        {t("exchange.unit_price")} ": " {move || money(unit)} " · "
                        {t("exchange.line_total")} ": " <span data-testid=format!("purchase-total-{i}")>{move || money(total)}</span>
                    </p>
                    {(i > 0).then(|| view! {
                        <button type="button" on:click=move |_| change(&mut |d| { d.purchases.remove(i); })>
                            {t("exchange.remove_line")}
                        </button>
                    })}
                </fieldset>
            }
        }).collect_view()
    };

    let add_return = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let Some(found) = others
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|r| r.reservation_id() == id))
        else {
            return;
        };
        change(&mut |d| {
            if !d
                .returns
                .iter()
                .any(|r| r.reservation.reservation_id() == id)
            {
                d.returns.push(ReturnDraft {
                    quantity: found.properties.quantity.to_string(),
                    reservation: found.clone(),
                });
            }
        });
    };

    view! {
        <h2>{t("reservations.exchange")}</h2>
        <Show when=move || ctx.permissions.get().is_some() && !may_exchange()>
            <p class="notice warn">{t("overview.no_permission")}</p>
        </Show>
        {move || match filing.get() {
            Filing::Done(done) => {
                let names: Vec<String> = done.created.iter().map(|r| r.properties.display_name.clone()).collect();
                view! {
                    <div class="notice ok" role="status" tabindex="-1" node_ref=done_notice>
                        <p>{tw("exchange.done", &[("id", &done.exchange_id), ("created", &names.join(", "))])}</p>
                    </div>
                }.into_any()
            }
            _ => ().into_any(),
        }}
        <h3>{t("exchange.returns")}</h3>
        <table>
            <thead>
                <tr>
                    <th scope="col">{t("reservations.col.name")}</th>
                    <th scope="col">{t("reservations.col.quantity")}</th>
                    <th scope="col" class="num">{t("refund.remaining")}</th>
                    <th scope="col" class="num">{t("refund.refund")}</th>
                    <th scope="col"><span class="visually-hidden">{t("reservations.actions")}</span></th>
                </tr>
            </thead>
            <tbody>{return_rows}</tbody>
        </table>
        <label class="field">
            {t("exchange.add_return")}
            <select on:change=add_return>
                <option value="">{t("config.choose")}</option>
                {move || others.get().and_then(Result::ok).unwrap_or_default().into_iter()
                    .filter(|r| draft.with(|d| !d.returns.iter().any(|x| x.reservation.reservation_id() == r.reservation_id())))
                    .map(|r| view! { <option value=r.reservation_id().to_string()>{r.properties.display_name.clone()}</option> })
                    .collect_view()}
            </select>
        </label>
        <h3>{t("exchange.purchases")}</h3>
        {move || if catalogue.get().is_none() { view! { <Loading /> }.into_any() } else { purchase_rows().into_any() }}
        {move || catalogue.get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e on_retry=move || catalogue.refetch() /> })}
        <button type="button" on:click=move |_| change(&mut |d| d.purchases.push(PurchaseDraft { quantity: "1".into(), ..PurchaseDraft::default() }))>
            {t("exchange.add_purchase")}
        </button>
        <h3>{t("exchange.quote")}</h3>
        <table class="quote">
            <tbody>
                <tr><th scope="row">{t("exchange.remaining_total")}</th><td class="num" data-testid="remaining-total">{move || money(quote.with(|q| q.remaining_total))}</td></tr>
                <tr><th scope="row">{t("exchange.refunds_total")}</th><td class="num" data-testid="refunds-total">{move || money(quote.with(|q| q.refunds_total))}</td></tr>
                <tr><th scope="row">{t("exchange.purchases_total")}</th><td class="num" data-testid="purchases-total">{move || money(quote.with(|q| q.purchases_total))}</td></tr>
                <tr><th scope="row">{t("exchange.net_payable")}</th><td class="num" data-testid="net-payable"><strong>{move || money(quote.with(|q| q.net_payable))}</strong></td></tr>
            </tbody>
        </table>
        {move || {
            let errors = quote.with(|q| q.errors.clone());
            (!errors.is_empty()).then(|| view! {
                <div class="notice error" role="alert" data-testid="exchange-refused">
                    <p><strong>{t("exchange.refused")}</strong></p>
                    <ul>{errors.into_iter().map(|e| view! { <li>{move || explain(&e, locale())}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        <div class="actions">
            <button type="button" class="primary" disabled=move || !allowed() on:click=move |_| confirm_open.set(true)>
                {t("exchange.submit")}
            </button>
        </div>
        <FilingProgress filing=filing retry=file />
        <Show when=move || draft.with(|d| d.to_request().is_some())>
            <p>
                {t("exchange.via_support")}" "
                <A
                    href=move || format!("{}?attach=exchange", ctx.key.get().page(ReservationPage::Support))
                    on:click=move |_| {
                        // The support wizard attaches the exchange as it is now.
                        let request = draft.with_untracked(ExchangeDraft::to_request);
                        if let Some(json) = request.and_then(|r| serde_json::to_string(&r).ok()) {
                            let key = storage_keys::support_exchange(&ctx.key.get_untracked().reservation);
                            browser::save(&key, &json);
                        }
                    }
                >
                    {t("reservation.support")}
                </A>
            </p>
        </Show>
        <ConfirmDialog
            open=confirm_open
            title=Signal::derive(move || tw("exchange.confirm_title", &[("amount", &money(quote.with(|q| q.net_payable)))]))
            confirm_label=Signal::derive(|| tr("exchange.confirm"))
            on_confirm=file
        >
            <p>{t("exchange.confirm_body")}</p>
        </ConfirmDialog>
    }
}
