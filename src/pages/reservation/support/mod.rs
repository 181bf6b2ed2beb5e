//! New support request: a three-step wizard (Basics, Problem, Contact information) prefilled for
//! a refund or exchange, with the reservation's IDs and its current refund quote attached.

mod draft;

use leptos::prelude::*;

use self::draft::{stored_exchange, Attachment, SupportDraft, CATEGORY, PROBLEM_TYPE, STEPS};
use super::use_reservation;
use leptos_router::hooks::use_query_map;

use crate::api::{use_api, CalculateRefundRequest, ContactMethod, Severity, SupportRequest};
use crate::browser;
use crate::components::status::{describe, Loading};
use crate::context::{locale, t, tr};
use crate::filing::{Filer, Filing};
use crate::storage_keys;
use crate::text::format;

/// The wizard for the reservation in the route.
#[component]
pub fn SupportPage() -> impl IntoView {
    let ctx = use_reservation();
    let api = use_api();
    let key = ctx.key.get_untracked();
    let storage_key = storage_keys::support_draft(&key.reservation);
    let draft = RwSignal::new(
        browser::load(&storage_key)
            .and_then(|json| serde_json::from_str::<SupportDraft>(&json).ok())
            .unwrap_or_else(|| SupportDraft {
                summary: tr("support.default_summary"),
                ..SupportDraft::default()
            }),
    );
    // Every change is saved, so a reload keeps the half-filled wizard.
    Effect::new(move |_| {
        draft.with(|d| {
            if let Ok(json) = serde_json::to_string(d) {
                browser::save(&storage_key, &json);
            }
        })
    });
    let shown_problems = RwSignal::new(false);
    let filer = Filer::<SupportRequest>::new();
    let filing = filer.state();
    // An edited request is a new request (a new idempotency key); moving between steps is not.
    let content = Memo::new(move |_| {
        draft.with(|d| SupportDraft {
            step: 0,
            ..d.clone()
        })
    });
    Effect::watch(
        move || content.track(),
        move |_, _, _| filer.changed(),
        false,
    );
    let subscriptions = LocalResource::new(move || {
        let api = api.client();
        let customer = ctx.key.get().customer;
        async move { api.list_subscriptions(&customer).await.map(|p| p.value) }
    });
    // Opened from Exchange (`?attach=exchange`): the exchange being prepared is attached, quoted
    // by the backend; otherwise the refund of the whole reservation.
    let query = use_query_map();
    let exchange = move || {
        let from_exchange = query.with(|q| q.get("attach").as_deref() == Some("exchange"));
        from_exchange
            .then(|| {
                stored_exchange(browser::load(&storage_keys::support_exchange(
                    &ctx.key.get_untracked().reservation,
                )))
            })
            .flatten()
    };
    let quote = LocalResource::new(move || {
        let api = api.client();
        let k = ctx.key.get();
        let exchange = exchange();
        let quantity = ctx
            .reservation
            .get_untracked()
            .and_then(Result::ok)
            .map_or(1, |r| r.properties.quantity);
        async move {
            if let Some(request) = exchange {
                let quote = api.calculate_exchange(&k.customer, &request).await?;
                return Ok(Attachment::Exchange(request, quote));
            }
            let request = CalculateRefundRequest {
                reservation_id: k.reservation.clone(),
                quantity,
            };
            api.calculate_refund(&k.customer, &k.order, &request)
                .await
                .map(Attachment::Refund)
        }
    });
    let step = move || draft.with(|d| d.step);
    let problem = move |field: &'static str| {
        move || {
            shown_problems
                .get()
                .then(|| draft.with(|d| d.problems(d.step)).into_iter().find(|(f, _)| *f == field))
                .flatten()
                .map(|(_, k)| view! { <span class="field-error" id=format!("{field}-error")>{t(k)}</span> })
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            (shown_problems.get()
                && draft.with(|d| d.problems(d.step).iter().any(|(f, _)| *f == field)))
            .to_string()
        }
    };
    let next = move |_| {
        if draft.with(|d| d.problems(d.step).is_empty()) {
            shown_problems.set(false);
            draft.update(|d| d.step = (d.step + 1).min(STEPS.len() - 1));
        } else {
            shown_problems.set(true);
        }
    };
    let previous = move |_| {
        shown_problems.set(false);
        draft.update(|d| d.step = d.step.saturating_sub(1));
    };
    let create = move |_| {
        let problems: Vec<usize> = (0..STEPS.len())
            .filter(|s| draft.with(|d| !d.problems(*s).is_empty()))
            .collect();
        if let Some(first) = problems.first() {
            draft.update(|d| d.step = *first);
            shown_problems.set(true);
            return;
        }
        let api = api.client();
        let k = ctx.key.get_untracked();
        let mut request = draft.with_untracked(|d| d.to_request(&k.reservation, &k.order));
        request.quote = quote
            .get_untracked()
            .and_then(Result::ok)
            .map(|a| a.to_attached());
        let storage_key = storage_keys::support_draft(&k.reservation);
        filer.file(
            move |key| async move {
                api.create_support_request(&k.customer, &request, &key)
                    .await
            },
            move |_| browser::remove(&storage_key),
        );
    };
    let text_input = move |label: &'static str,
                           field: &'static str,
                           kind: &'static str,
                           get: fn(&SupportDraft) -> String,
                           set: fn(&mut SupportDraft, String)| {
        view! {
            <label class="field">
                {t(label)}
                <input
                    type=kind
                    prop:value=move || draft.with(get)
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                    aria-invalid=invalid(field)
                    aria-describedby=format!("{field}-error")
                />
            </label>
            {problem(field)}
        }
    };

    view! {
        <h2>{t("reservation.support")}</h2>
        {move || match filing.get() {
            Filing::Done(created) => view! {
                <div class="notice ok" role="status">
                    <p>{t("support.created")}</p>
                    <dl class="facts">
                        <dt>{t("support.number")}</dt>
                        <dd data-testid="support-number">{created.number.clone()}</dd>
                        <dt>{t("reservations.col.status")}</dt>
                        <dd>{format!("{:?}", created.status)}</dd>
                    </dl>
                </div>
            }.into_any(),
            _ => view! {
                <ol class="steps">
                    {STEPS.iter().enumerate().map(|(i, label)| view! {
                        <li aria-current=move || (step() == i).then_some("step")>{format!("{} ", i + 1)}{t(label)}</li>
                    }).collect_view()}
                </ol>
                <form novalidate on:submit=move |ev| ev.prevent_default()>
                    <Show when=move || step() == 0>
                        <h3>{t("support.step.basics")}</h3>
                        <label class="field">
                            {t("support.issue_type")}
                            <select>
                                <option value="Billing" selected>{t("support.billing")}</option>
                            </select>
                        </label>
                        {text_input("support.summary", "summary", "text", |d| d.summary.clone(), |d, v| d.summary = v)}
                        <label class="field">
                            {t("config.subscription")}
                            <select
                                aria-invalid=invalid("subscription")
                                aria-describedby="subscription-error"
                                on:change=move |ev| draft.update(|d| d.subscription_id = event_target_value(&ev))
                            >
                                <option value="">{t("config.choose")}</option>
                                {move || subscriptions.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| {
                                    let id = s.id.clone();
                                    view! { <option value=s.id.clone() selected=move || draft.with(|d| d.subscription_id == id)>{s.display_name.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        {problem("subscription")}
                    </Show>
                    <Show when=move || step() == 1>
                        <h3>{t("support.step.problem")}</h3>
                        <label class="field">
                            {t("support.problem_type")}
                            <select><option selected>{PROBLEM_TYPE}</option></select>
                        </label>
                        <label class="field">
                            {t("support.category")}
                            <select><option selected>{CATEGORY}</option></select>
                        </label>
                        <label class="field">
                            {t("support.details")}
                            <textarea
                                rows="5"
                                prop:value=move || draft.with(|d| d.details.clone())
                                on:input=move |ev| draft.update(|d| d.details = event_target_value(&ev))
                                aria-invalid=invalid("details")
                                aria-describedby="details-error"
                            ></textarea>
                        </label>
                        {problem("details")}
                        <section class="card" aria-labelledby="attached-heading">
                            <h4 id="attached-heading">{t("support.attached")}</h4>
                            <dl class="facts">
                                <dt>{t("props.reservation_id")}</dt>
                                <dd data-testid="attached-reservation-id">{move || ctx.key.get().reservation}</dd>
                                <dt>{t("props.order_id")}</dt>
                                <dd data-testid="attached-order-id">{move || ctx.key.get().order}</dd>
                            </dl>
                            {move || match quote.get() {
                                None => view! { <Loading /> }.into_any(),
                                Some(Ok(attachment)) => attached_view(attachment).into_any(),
                                Some(Err(e)) => view! { <p>{describe(&e)}</p> }.into_any(),
                            }}
                        </section>
                    </Show>
                    <Show when=move || step() == 2>
                        <h3>{t("support.step.contact")}</h3>
                        <fieldset>
                            <legend>{t("support.contact_method")}</legend>
                            <label><input type="radio" name="contact" prop:checked=move || draft.with(|d| d.contact_method == ContactMethod::Email) on:change=move |_| draft.update(|d| d.contact_method = ContactMethod::Email) />" "{t("support.by_email")}</label>
                            " "
                            <label><input type="radio" name="contact" prop:checked=move || draft.with(|d| d.contact_method == ContactMethod::Phone) on:change=move |_| draft.update(|d| d.contact_method = ContactMethod::Phone) />" "{t("support.by_phone")}</label>
                        </fieldset>
                        <label class="field">
                            {t("support.severity")}
                            <select on:change=move |ev| {
                                let v = event_target_value(&ev);
                                draft.update(|d| d.severity = match v.as_str() { "moderate" => Severity::Moderate, "critical" => Severity::Critical, _ => Severity::Minimal });
                            }>
                                <option value="minimal" selected=move || draft.with(|d| d.severity == Severity::Minimal)>{t("support.sev.minimal")}</option>
                                <option value="moderate" selected=move || draft.with(|d| d.severity == Severity::Moderate)>{t("support.sev.moderate")}</option>
                                <option value="critical" selected=move || draft.with(|d| d.severity == Severity::Critical)>{t("support.sev.critical")}</option>
                            </select>
                        </label>
                        {text_input("support.name", "name", "text", |d| d.name.clone(), |d, v| d.name = v)}
                        {text_input("support.email", "email", "email", |d| d.email.clone(), |d, v| d.email = v)}
                        {text_input("support.phone", "phone", "tel", |d| d.phone.clone(), |d, v| d.phone = v)}
                        <label class="field">
                            {t("support.language")}
                            <select on:change=move |ev| draft.update(|d| d.language = event_target_value(&ev))>
                                <option value="ko" selected=move || draft.with(|d| d.language == "ko")>"한국어"</option>
                                <option value="en" selected=move || draft.with(|d| d.language == "en")>"English"</option>
                            </select>
                        </label>
                    </Show>
                    <div class="actions">
                        <button type="button" disabled=move || step() == 0 on:click=previous>{t("common.previous")}</button>
                        <Show when=move || { step() + 1 < STEPS.len() }>
                            <button type="button" class="primary" on:click=next>{t("common.next")}</button>
                        </Show>
                        <Show when=move || { step() + 1 == STEPS.len() }>
                            <button type="button" class="primary" disabled=move || filer.is_locked() on:click=create>{t("support.create")}</button>
                        </Show>
                    </div>
                </form>
                {move || match filing.get() {
                    Filing::InFlight => view! { <Loading /> }.into_any(),
                    Filing::Failed(e) => view! { <p class="notice error" role="alert">{move || describe(&e)}</p> }.into_any(),
                    _ => ().into_any(),
                }}
            }.into_any(),
        }}
    }
}

/// The attached quote as the wizard shows it: the refund, or the exchange's lines and totals.
fn attached_view(attachment: Attachment) -> impl IntoView {
    let money = |v: Option<rust_decimal::Decimal>| {
        move || {
            v.map(|d| format::usd(d, locale()))
                .unwrap_or_else(|| "—".into())
        }
    };
    match attachment {
        Attachment::Refund(q) => view! {
            <dl class="facts">
                <dt>{t("support.quote")}</dt>
                <dd data-testid="attached-refund">{money(q.quote.refund)}</dd>
            </dl>
        }
        .into_any(),
        Attachment::Exchange(request, q) => {
            let returns = request
                .reservations_to_exchange
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let refund = q.quote.returns.get(i).map(|r| r.refund);
                    view! {
                        <tr>
                            <th scope="row">{t("support.exchange_return")}</th>
                            <td><code>{item.reservation_id}</code></td>
                            <td class="num">{item.quantity}</td>
                            <td class="num">{money(refund)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let purchases = q
                .purchases
                .into_iter()
                .enumerate()
                .map(|(i, p)| {
                    let total = q.quote.purchase_totals.get(i).copied();
                    let what = format!(
                        "{} · {} · {}",
                        p.item.sku_name,
                        p.item.location,
                        p.item.term.as_str()
                    );
                    view! {
                        <tr>
                            <th scope="row">{t("support.exchange_purchase")}</th>
                            <td>{what}</td>
                            <td class="num">{p.item.quantity}</td>
                            <td class="num">{money(total)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table data-testid="attached-exchange">
                    <caption>{t("support.exchange_quote")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("support.exchange_line")}</th>
                            <th scope="col">{t("support.exchange_item")}</th>
                            <th scope="col" class="num">{t("reservations.col.quantity")}</th>
                            <th scope="col" class="num">{t("support.exchange_amount")}</th>
                        </tr>
                    </thead>
                    <tbody>{returns}{purchases}</tbody>
                </table>
                <dl class="facts">
                    <dt>{t("exchange.refunds_total")}</dt>
                    <dd data-testid="attached-refunds-total">{money(q.quote.refunds_total)}</dd>
                    <dt>{t("exchange.purchases_total")}</dt>
                    <dd data-testid="attached-purchases-total">{money(q.quote.purchases_total)}</dd>
                    <dt>{t("exchange.net_payable")}</dt>
                    <dd data-testid="attached-net-payable">{money(q.quote.net_payable)}</dd>
                </dl>
            }
            .into_any()
        }
    }
}
