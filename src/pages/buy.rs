//! Buy reservations: product family → SKU and region → options with a live price → review and
//! buy. Every choice lives in the URL (reload, deep links and back/forward keep them); the
//! price is computed in the browser and confirmed by `calculatePrice`; buying is confirmed and
//! idempotent. From the Portfolio, the flow first asks which customer.

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use rust_decimal::Decimal;

use crate::api::{
    use_api, BillingPlan, ClientError, CustomerQuery, Family, PriceQuery, PurchasePrice,
    PurchaseResponse, ReservationKey, Term,
};
use crate::buy::{error_field, price_difference, BuyDraft, Field, Problem, Step};
use crate::components::breadcrumb::{customer_crumbs, Breadcrumbs, Crumb};
use crate::components::confirm::ConfirmDialog;
use crate::components::scope_targets::ScopeTargets;
use crate::components::status::{describe, ErrorNotice, FilingProgress, Loading};
use crate::context::{locale, t, tr, tw};
use crate::filing::{Filer, Filing};
use crate::routes::{self, use_customer_id, ReservationPage, ReservationRoutes};
use crate::scope::ScopeChoice;
use crate::text::{format, labels};

/// The Portfolio's way in: choose the customer, then buy for them.
#[component]
pub fn BuyStartPage() -> impl IntoView {
    let api = use_api();
    let customers = LocalResource::new(move || {
        let api = api.client();
        let q = CustomerQuery {
            top: 1000,
            ..CustomerQuery::default()
        };
        async move { api.list_customers(&q).await.map(|p| p.value) }
    });
    let chosen = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let navigate = use_navigate();
    let next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let id = chosen.get_untracked();
        if !id.is_empty() {
            navigate(&routes::for_navigate(&routes::buy(&id)), Default::default());
        }
    };
    view! {
        <Breadcrumbs crumbs=vec![
            Crumb::link(Signal::derive(t("portfolio.title")), Signal::derive(routes::portfolio)),
            Crumb::here(Signal::derive(t("buy.title"))),
        ] />
        <h1>{t("buy.title")}</h1>
        <form on:submit=next novalidate>
            {move || match customers.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=e on_retry=move || customers.refetch() /> }.into_any(),
                Some(Ok(list)) => view! {
                    <label class="field">
                        {t("buy.customer")}
                        <select
                            id="buy-customer"
                            aria-invalid=move || (tried.get() && chosen.with(String::is_empty)).to_string()
                            aria-describedby="buy-customer-error"
                            on:change=move |ev| chosen.set(event_target_value(&ev))
                        >
                            <option value="">{t("config.choose")}</option>
                            {list.into_iter().map(|c| view! { <option value=c.id>{c.company_name}</option> }).collect_view()}
                        </select>
                    </label>
                    <Show when=move || tried.get() && chosen.with(String::is_empty)>
                        <p class="field-error" id="buy-customer-error">{t("buy.error.customer")}</p>
                    </Show>
                }.into_any(),
            }}
            <div class="actions">
                <button type="submit" class="primary">{t("buy.next")}</button>
            </div>
        </form>
    }
}

/// The buying flow for the customer in the route.
#[component]
pub fn BuyPage() -> impl IntoView {
    let api = use_api();
    let customer = use_customer_id();
    let query = use_query_map();
    let draft = Memo::new(move |_| query.with(|q| BuyDraft::from_query(|k| q.get(k))));
    let step = Memo::new(move |_| draft.with(|d| d.step));
    let navigate = use_navigate();
    // Steps add history entries; typing and choosing replace the current one.
    let go = Callback::new(move |(next, replace): (BuyDraft, bool)| {
        navigate(
            &format!(
                "{}{}",
                routes::for_navigate(&routes::buy(&customer.get_untracked())),
                next.to_query()
            ),
            NavigateOptions {
                replace,
                scroll: !replace,
                ..Default::default()
            },
        );
    });
    let filer = Filer::<PurchaseResponse>::new();
    let filing = filer.state();
    let edit = move |f: &mut dyn FnMut(&mut BuyDraft)| {
        let mut d = draft.get_untracked();
        f(&mut d);
        filer.changed();
        go.run((d, true));
    };

    let catalogue = LocalResource::new(move || {
        let api = api.client();
        async move { api.price_catalogue_all(&PriceQuery::default()).await }
    });
    let prices = move || catalogue.get().and_then(Result::ok).unwrap_or_default();
    let me = api.me();
    let can_buy = move || {
        me.get()
            .and_then(Result::ok)
            .map(|m| m.permissions.can_exchange)
    };
    let targets = ScopeTargets::new(move || customer.get());

    // The price: in the browser from the catalogue, confirmed by the backend.
    let request = Memo::new(move |_| {
        draft.with(|d| {
            (d.step >= Step::Options && d.quantity().is_some())
                .then(|| d.to_request())
                .flatten()
        })
    });
    let confirmed = LocalResource::new(move || {
        let api = api.client();
        let customer = customer.get();
        let request = request.get();
        async move {
            match request {
                Some(r) => {
                    let answer = api.calculate_price(&customer, &r).await;
                    Some((r, answer))
                }
                None => None,
            }
        }
    });
    let browser_price = Memo::new(move |_| {
        catalogue.with(|c| match c {
            Some(Ok(c)) => draft.with(|d| d.price(c)),
            _ => None,
        })
    });
    // The backend's answer, when it is about the request as it stands now (an answer to an
    // earlier request, a refusal included, may arrive late and is not shown).
    let server_answer = move || -> Option<Result<PurchasePrice, ClientError>> {
        let current = request.get()?;
        let (asked, answer) = confirmed.get().flatten()?;
        (asked == current).then(|| answer.map(|r| r.price))
    };
    let shown_price = Memo::new(move |_| match server_answer() {
        Some(Ok(server)) => Some(server),
        _ => browser_price.get(),
    });
    let disagreement = Memo::new(move |_| match (browser_price.get(), server_answer()) {
        (Some(b), Some(Ok(s))) => price_difference(&b, &s),
        _ => None,
    });
    Effect::new(move |_| {
        if let Some(diff) = disagreement.get() {
            leptos::logging::warn!(
                "buy: the backend's price differs from the browser's by {diff} USD; showing the backend's"
            );
        }
    });

    // Problems: the form's own checks, else what the backend said about a field.
    let problems = Memo::new(move |_| {
        let c = prices();
        draft.with(|d| d.problems(d.step, &c))
    });
    let server_problem = move |field: Field| -> Option<String> {
        let from_price = match server_answer() {
            Some(Err(e)) if error_field(&e) == Some(field) => Some(e),
            _ => None,
        };
        let from_filing = match filing.get() {
            Filing::Failed(e) if error_field(&e) == Some(field) => Some(e),
            _ => None,
        };
        from_filing.or(from_price).map(|e| describe(&e))
    };
    // "Choose …" shows once the user tried to go on (or reached the review by a link); a wrong
    // value shows at once.
    let tried = RwSignal::new(false);
    let message = move |field: Field| -> Option<String> {
        problems
            .with(|p| {
                p.iter()
                    .find(|(f, p)| {
                        *f == field
                            && (tried.get()
                                || step.get() == Step::Review
                                || *p != Problem::Required)
                    })
                    .map(|(_, p)| tr(p.message()))
            })
            .or_else(|| server_problem(field))
    };
    let invalid = move |field: Field| message(field).is_some().to_string();
    let error_of = move |field: Field| {
        move || {
            message(field).map(|m| {
                view! { <p class="field-error" id=format!("{}-error", field.id())>{m}</p> }
            })
        }
    };

    let go_step = move |target: Step| {
        tried.set(false);
        let mut d = draft.get_untracked();
        d.step = target;
        go.run((d, false));
    };
    let next = move |_| {
        let c = prices();
        let d = draft.get_untracked();
        if d.problems(d.step, &c).is_empty() {
            go_step(d.step.next());
        } else if let Some((field, _)) = d.problems(d.step, &c).first() {
            // Show the messages and put the focus on the first field at fault.
            tried.set(true);
            if let Some(el) = document().get_element_by_id(field.id()) {
                let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&el).focus();
            }
        }
    };

    let confirm_open = RwSignal::new(false);
    let file = Callback::new(move |()| {
        let Some(request) = draft.with_untracked(BuyDraft::to_request) else {
            return;
        };
        let api = api.client();
        let customer = customer.get_untracked();
        filer.file(
            move |key| async move { api.purchase(&customer, &request, &key).await },
            |_| {},
        );
    });
    let done_notice = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = done_notice.get() {
            let _ = el.focus();
        }
    });
    let money = move |v: Option<Decimal>| {
        v.map(|d| format::usd(d, locale()))
            .unwrap_or_else(|| "—".into())
    };
    let can_review = move || draft.with(|d| d.can_enter(Step::Review, &prices()));
    let allowed = move || {
        can_buy() == Some(true)
            && problems.with(Vec::is_empty)
            && can_review()
            && !matches!(server_answer(), Some(Err(_)))
            && !filer.is_locked()
    };

    // ---- the steps -----------------------------------------------------------------------
    // The steps read the draft untracked and re-render only their lists, so a field keeps the
    // focus while the user types or chooses.
    let family_step = move || {
        view! {
            <label class="field">
                {t("buy.family")}
                <select
                    id=Field::Family.id()
                    aria-invalid=move || invalid(Field::Family)
                    aria-describedby="buy-family-error"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        edit(&mut |d| d.choose_family((!v.is_empty()).then(|| Family::parse(&v))))
                    }
                >
                    {move || {
                        let current = draft.with(|d| d.family.clone());
                        let current = current.as_ref().map(Family::as_str);
                        let families = BuyDraft::families(&prices());
                        view! {
                            <option value="" selected=current.is_none()>{t("config.choose")}</option>
                            {labels::family_options(locale(), &families).into_iter().map(|(value, label)| {
                                let selected = current == Some(value.as_str());
                                view! { <option value=value selected=selected>{label}</option> }
                            }).collect_view()}
                        }
                    }}
                </select>
            </label>
            {error_of(Field::Family)}
        }
    };

    let product_rows = move || {
        let products = draft.with(|d| d.products(&prices()));
        let (sku, region) = draft.with(|d| (d.sku.clone(), d.region.clone()));
        if products.is_empty() {
            return view! {
                <tr><td colspan="4">{t("common.no_results")}</td></tr>
            }
            .into_any();
        }
        products
            .into_iter()
            .map(|p| {
                let checked = p.sku == sku && p.region == region;
                let label = format!("{} · {}", p.sku, p.region);
                let (s, r) = (p.sku.clone(), p.region.clone());
                view! {
                    <tr>
                        <td>
                            <input
                                type="radio"
                                name="buy-product"
                                aria-label=label
                                prop:checked=checked
                                on:change=move |_| {
                                    let c = prices();
                                    edit(&mut |d| d.choose_product(&s, &r, &c))
                                }
                            />
                        </td>
                        <td>{p.sku.clone()}</td>
                        <td>{p.region.clone()}</td>
                        <td class="num">{move || format::usd(p.from_price, locale())}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };

    let product_step = move || {
        view! {
            <label class="field">
                {t("buy.search")}
                <input
                    type="search"
                    prop:value=move || draft.with(|d| d.search.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); edit(&mut |d| d.search = v.clone()) }
                />
            </label>
            <fieldset id=Field::Product.id() aria-describedby="buy-product-error" tabindex="-1">
                <legend>{t("buy.product")}</legend>
                <table>
                    <thead>
                        <tr>
                            <th scope="col"><span class="visually-hidden">{t("buy.choose")}</span></th>
                            <th scope="col">{t("reservations.col.sku")}</th>
                            <th scope="col">{t("reservations.col.region")}</th>
                            <th scope="col" class="num">{t("buy.from_price")}</th>
                        </tr>
                    </thead>
                    <tbody>{product_rows}</tbody>
                </table>
            </fieldset>
            {error_of(Field::Product)}
        }
    };

    let term_options = move || {
        let (terms, current) = draft.with(|d| (d.terms(&prices()), d.term.clone()));
        choice_options(
            terms,
            current,
            |x| x.as_str().to_string(),
            |x| tr(labels::term(x)),
        )
    };
    let plan_options = move || {
        let (plans, current) = draft.with(|d| (d.plans(&prices()), d.plan.clone()));
        choice_options(
            plans,
            current,
            |x| x.as_str().to_string(),
            |x| tr(labels::billing_plan(x)),
        )
    };
    let scope_target = move || {
        let scope = draft.with(|d| d.scope);
        match targets.options(scope) {
            None => view! { <Loading /> }.into_any(),
            Some(options) => {
                let current = draft.with_untracked(|d| d.scope_id.clone());
                view! {
                    <select
                        id="buy-scope-target"
                        aria-invalid=move || invalid(Field::Scope)
                        aria-describedby="buy-scope-error"
                        on:change=move |ev| { let v = event_target_value(&ev); edit(&mut |d| d.scope_id = v.clone()) }
                    >
                        <option value="" selected=current.is_empty()>{t("config.choose")}</option>
                        {options.into_iter().map(|(id, label)| {
                            let selected = id == current;
                            view! { <option value=id selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                }
                .into_any()
            }
        }
    };

    let options_step = move || {
        view! {
            <div class="toolbar">
                <label class="field">
                    {t("reservations.col.term")}
                    <select
                        id=Field::Term.id()
                        aria-invalid=move || invalid(Field::Term)
                        aria-describedby="buy-term-error"
                        on:change=move |ev| { let v = event_target_value(&ev); edit(&mut |d| d.term = (!v.is_empty()).then(|| Term::parse(&v))) }
                    >
                        {term_options}
                    </select>
                </label>
                <label class="field">
                    {t("reservations.col.billing")}
                    <select
                        id=Field::Plan.id()
                        aria-invalid=move || invalid(Field::Plan)
                        aria-describedby="buy-plan-error"
                        on:change=move |ev| { let v = event_target_value(&ev); edit(&mut |d| d.plan = (!v.is_empty()).then(|| BillingPlan::parse(&v))) }
                    >
                        {plan_options}
                    </select>
                </label>
                <label class="field">
                    {t("reservations.col.quantity")}
                    <input
                        id=Field::Quantity.id()
                        type="number"
                        inputmode="numeric"
                        min="1"
                        max="10000"
                        step="1"
                        aria-invalid=move || invalid(Field::Quantity)
                        aria-describedby="buy-quantity-error"
                        prop:value=move || draft.with(|d| d.quantity.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(&mut |d| d.quantity = v.clone()) }
                    />
                </label>
            </div>
            {error_of(Field::Term)}
            {error_of(Field::Plan)}
            {error_of(Field::Quantity)}
            <div class="toolbar">
                <label class="field">
                    {t("reservations.col.scope")}
                    <select
                        id=Field::Scope.id()
                        aria-invalid=move || invalid(Field::Scope)
                        aria-describedby="buy-scope-error"
                        on:change=move |ev| { let v = event_target_value(&ev); edit(&mut |d| { d.scope = ScopeChoice::parse(&v); d.scope_id.clear(); }) }
                    >
                        {ScopeChoice::ALL.into_iter().map(|choice| view! {
                            <option value=choice.value() selected=move || draft.with(|d| d.scope == choice)>{t(choice.label())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || draft.with(|d| d.scope != ScopeChoice::Shared)>
                    <label class="field">
                        {move || tr(draft.with(|d| d.scope.target_label()))}
                        {scope_target}
                    </label>
                </Show>
            </div>
            {error_of(Field::Scope)}
            <label class="field">
                {t("buy.name")}
                <input
                    id=Field::Name.id()
                    type="text"
                    maxlength="80"
                    placeholder=move || tr("buy.name_hint")
                    aria-invalid=move || invalid(Field::Name)
                    aria-describedby="buy-name-error"
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); edit(&mut |d| d.name = v.clone()) }
                />
            </label>
            {error_of(Field::Name)}
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(|d| d.renew)
                    on:change=move |ev| { let v = event_target_checked(&ev); edit(&mut |d| d.renew = v) }
                />
                " " {t("buy.renew")}
            </label>
        }
    };

    let price_table = move || {
        view! {
            <section class="card" aria-labelledby="buy-price-heading" aria-live="polite">
                <h2 id="buy-price-heading">{t("buy.price")}</h2>
                <table class="quote">
                    <tbody>
                        <tr><th scope="row">{t("buy.unit_price")}</th><td class="num" data-testid="buy-unit-price">{move || money(shown_price.with(|p| p.as_ref().map(|p| p.unit_price)))}</td></tr>
                        <tr><th scope="row">{t("buy.term_total")}</th><td class="num" data-testid="buy-total"><strong>{move || money(shown_price.with(|p| p.as_ref().map(|p| p.total)))}</strong></td></tr>
                        <tr><th scope="row">{t("buy.monthly")}</th><td class="num" data-testid="buy-monthly">{move || money(shown_price.with(|p| p.as_ref().and_then(|p| p.monthly_instalment)))}</td></tr>
                        <tr><th scope="row">{t("buy.due_today")}</th><td class="num" data-testid="buy-due-today">{move || money(shown_price.with(|p| p.as_ref().map(|p| p.due_today)))}</td></tr>
                    </tbody>
                </table>
                <Show when=move || disagreement.get().is_some()>
                    <p class="notice warn" data-testid="buy-price-differs">{t("buy.price_differs")}</p>
                </Show>
                <Show when=move || request.get().is_some() && server_answer().is_none()>
                    <p class="loading">{t("buy.confirming_price")}</p>
                </Show>
            </section>
        }
    };

    let review_step = move || {
        let d = draft.get();
        let scope_text = {
            let label = tr(d.scope.label());
            if d.scope_id.is_empty() {
                label
            } else {
                format!("{label}: {}", d.scope_id)
            }
        };
        let name = if d.name.trim().is_empty() {
            tr("buy.name_generated")
        } else {
            d.name.trim().to_string()
        };
        view! {
            <dl class="facts" data-testid="buy-review">
                <dt>{t("buy.family")}</dt><dd>{d.family.as_ref().map(|f| labels::family_text(locale(), f)).unwrap_or_default()}</dd>
                <dt>{t("reservations.col.sku")}</dt><dd>{d.sku.clone()}</dd>
                <dt>{t("reservations.col.region")}</dt><dd>{d.region.clone()}</dd>
                <dt>{t("reservations.col.term")}</dt><dd>{d.term.as_ref().map(|x| tr(labels::term(x))).unwrap_or_default()}</dd>
                <dt>{t("reservations.col.billing")}</dt><dd>{d.plan.as_ref().map(|x| tr(labels::billing_plan(x))).unwrap_or_default()}</dd>
                <dt>{t("reservations.col.quantity")}</dt><dd>{d.quantity.clone()}</dd>
                <dt>{t("reservations.col.scope")}</dt><dd>{scope_text}</dd>
                <dt>{t("buy.name")}</dt><dd>{name}</dd>
                <dt>{t("buy.renew")}</dt><dd>{if d.renew { tr("common.yes") } else { tr("common.no") }}</dd>
            </dl>
            // The combination or a value may have been refused (a deep link, or the backend).
            {move || {
                let errors: Vec<String> = [Field::Family, Field::Product, Field::Term, Field::Plan, Field::Quantity, Field::Scope, Field::Name]
                    .into_iter()
                    .filter_map(message)
                    .collect();
                (!errors.is_empty()).then(|| view! {
                    <div class="notice error" role="alert" data-testid="buy-refused">
                        <p><strong>{t("buy.refused")}</strong></p>
                        <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
        }
    };

    view! {
        <Breadcrumbs crumbs={
            let [customers, company] = customer_crumbs(customer.into());
            vec![customers, company, Crumb::here(Signal::derive(t("buy.title")))]
        } />
        <h1>{t("buy.title")}</h1>
        <nav aria-label=move || tr("buy.steps")>
            <ol class="steps">
                {Step::ALL.into_iter().map(|s| view! {
                    <li aria-current=move || (step.get() == s).then_some("step")>
                        {format!("{}. ", s.index() + 1)}{t(s.label())}
                    </li>
                }).collect_view()}
            </ol>
        </nav>
        {move || match filing.get() {
            Filing::Done(done) => {
                let created = done.reservations.first().cloned();
                let link = created.as_ref().map(|r| ReservationKey::of(&customer.get_untracked(), r).page(ReservationPage::Overview));
                let name = created.map(|r| r.properties.display_name).unwrap_or_default();
                view! {
                    <div class="notice ok" role="status" tabindex="-1" node_ref=done_notice data-testid="buy-done">
                        <p>{tw("buy.done", &[("name", &name), ("amount", &format::usd(done.price.total, locale()))])}</p>
                        <p>
                            {link.map(|href| view! { <A href=href>{t("buy.open_reservation")}</A> })}
                            " · "
                            <A href=routes::reservations(&customer.get_untracked())>{t("reservations.title")}</A>
                        </p>
                    </div>
                }.into_any()
            }
            _ => ().into_any(),
        }}
        <h2>{move || t(step.get().label())()}</h2>
        {move || match catalogue.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(e)) => view! { <ErrorNotice error=e on_retry=move || catalogue.refetch() /> }.into_any(),
            Some(Ok(_)) => match step.get() {
                Step::Family => family_step().into_any(),
                Step::Product => product_step().into_any(),
                Step::Options => view! { {options_step()} {price_table()} }.into_any(),
                Step::Review => view! { {review_step()} {price_table()} }.into_any(),
            },
        }}
        <Show when=move || step.get() == Step::Review && can_buy() == Some(false)>
            <p class="notice warn" id="buy-no-permission">{t("buy.no_permission")}</p>
        </Show>
        <div class="actions">
            <Show when=move || step.get() != Step::Family>
                <button type="button" on:click=move |_| go_step(step.get_untracked().previous())>{t("buy.back")}</button>
            </Show>
            <Show when=move || step.get() != Step::Review>
                <button type="button" class="primary" on:click=next>{t("buy.next")}</button>
            </Show>
            <Show when=move || step.get() == Step::Review>
                <button
                    type="button"
                    class="primary"
                    disabled=move || !allowed()
                    aria-describedby=move || (can_buy() == Some(false)).then_some("buy-no-permission")
                    on:click=move |_| confirm_open.set(true)
                >
                    {t("buy.submit")}
                </button>
            </Show>
        </div>
        <FilingProgress filing=filing retry=file />
        <ConfirmDialog
            open=confirm_open
            title=Signal::derive(move || tw("buy.confirm_title", &[("amount", &money(shown_price.with(|p| p.as_ref().map(|p| p.total))))]))
            confirm_label=Signal::derive(|| tr("buy.confirm"))
            on_confirm=file
        >
            <p>{move || tw("buy.confirm_body", &[("due", &money(shown_price.with(|p| p.as_ref().map(|p| p.due_today))))])}</p>
        </ConfirmDialog>
    }
}

/// The options of a select: "Choose…", then `items`, `current` selected.
fn choice_options<T: PartialEq>(
    items: Vec<T>,
    current: Option<T>,
    value: impl Fn(&T) -> String,
    label: impl Fn(&T) -> String,
) -> impl IntoView {
    let options = items
        .iter()
        .map(|x| {
            let selected = current.as_ref() == Some(x);
            view! { <option value=value(x) selected=selected>{label(x)}</option> }
        })
        .collect_view();
    view! {
        <option value="" selected=current.is_none()>{t("config.choose")}</option>
        {options}
    }
}
