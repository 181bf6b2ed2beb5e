//! Overview: the reservation's facts, utilization averages and daily chart, Refund and Exchange.

use chrono::Duration;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::split::{self, SplitMergeActions};
use super::use_reservation;
use crate::api::{use_api, ProvisioningState, UtilizationRange, UtilizationTrend};
use crate::browser;
use crate::components::money_actions::MoneyActions;
use crate::components::status::{ErrorNotice, Loading};
use crate::components::utilization_chart::{DayValue, UtilizationChart};
use crate::context::{locale, t, tp, tr, tw};
use crate::renewal::{preview, RenewalPreview};
use crate::text::format;
use crate::text::labels;

/// The reservation at a glance.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let ctx = use_reservation();
    let api = use_api();
    let (days, set_days) = signal(30_i64);
    let today = browser::today_utc();
    let query = use_query_map();
    // After a split or merge, the new reservation's Overview says so (`?done=split|merge`).
    let done = move || {
        query.with(|q| match q.get("done").as_deref() {
            Some("split") => Some(tr("split.done")),
            Some("merge") => Some(tr("merge.done")),
            _ => None,
        })
    };
    let series = LocalResource::new(move || {
        let api = api.client();
        let k = ctx.key.get();
        let range = UtilizationRange {
            from: today - Duration::days(days.get() - 1),
            to: today,
        };
        async move { api.utilization(&k, &range).await }
    });
    let facts = move || {
        ctx.reservation.get().and_then(Result::ok).map(|r| {
            let p = r.properties.clone();
            let key = ctx.key.get();
            let active = p.provisioning_state == ProvisioningState::Succeeded;
            let resource_group = p
                .applied_scope_properties
                .as_ref()
                .is_some_and(|s| s.resource_group_id.is_some());
            let scope_target = p
                .applied_scope_properties
                .as_ref()
                .and_then(|s| s.display_name.clone())
                .unwrap_or_default();
            let days_left = (p.expiry_date - today).num_days();
            let utilization = p.utilization.clone();
            let may_manage = move || ctx.may(|p| p.can_manage);
            let reservation = r.clone();
            let quantity = p.quantity;
            let renewal = preview(&r).map(|pv| renewal_view(pv, p.renew));
            let may_return = move || {
                ctx.may(|p| p.can_return) == Some(true)
            };
            view! {
                <h2>{t("reservation.overview")}</h2>
                <div class="actions">
                    <MoneyActions
                        key=key.clone()
                        blocked=Signal::derive(move || {
                            if !active {
                                Some(tr("reservations.inactive_why"))
                            } else if !may_return() {
                                Some(tr("overview.no_permission"))
                            } else {
                                None
                            }
                        })
                        why_id="no-refund-why"
                        primary=true
                    />
                </div>
                <div class="actions">
                    <SplitMergeActions
                        key=key.clone()
                        blocked=Signal::derive(move || split::blocked(&reservation, may_manage()))
                        quantity=quantity
                    />
                </div>
                <dl class="facts card">
                    <dt>{t("overview.display_name")}</dt>
                    <dd>{p.display_name.clone()}</dd>
                    <dt>{t("reservations.col.status")}</dt>
                    <dd>
                        <span class=labels::status_class(p.provisioning_state)>
                            {t(labels::status(p.provisioning_state))}
                        </span>
                    </dd>
                    <dt>{t("reservations.col.expiry")}</dt>
                    <dd>
                        {move || format::date(p.expiry_date, locale())}
                        {(active && days_left >= 0)
                            .then(|| {
                                view! {
                                    " ("
                                    {move || tp("reservations.expires_in", days_left, &[("days", &days_left.to_string())])}
                                    ")"
                                }
                            })}
                    </dd>
                    <dt>{t("reservations.col.term")}</dt>
                    <dd>{t(labels::term(&p.term))}</dd>
                    <dt>{t("reservations.col.billing")}</dt>
                    <dd>{t(labels::billing_plan(&p.billing_plan))}</dd>
                    <dt>{t("reservations.col.scope")}</dt>
                    <dd>
                        {t(labels::scope(p.applied_scope_type, resource_group))}
                        {(!scope_target.is_empty()).then(|| format!(" · {scope_target}"))}
                    </dd>
                    <dt>{t("reservations.col.quantity")}</dt>
                    <dd>{format::count(p.quantity.into())}</dd>
                    <dt>{t("reservations.col.sku")}</dt>
                    <dd>{r.sku.name.clone()}</dd>
                    <dt>{t("reservations.col.region")}</dt>
                    <dd>{r.location.clone()}</dd>
                    <dt>{t("overview.auto_renew")}</dt>
                    <dd>{if p.renew { t("common.yes") } else { t("common.no") }}</dd>
                </dl>
                {renewal}
                <h2>{t("overview.utilization")}</h2>
                <div class="cards">
                    {[1_u32, 7, 30]
                        .into_iter()
                        .map(|d| {
                            let value = utilization.as_ref().and_then(|u| u.average(d));
                            view! {
                                <div class="card">
                                    <div>{move || tw("overview.average_days", &[("days", &d.to_string())])}</div>
                                    <div class="stat">{value.map(format::percent).unwrap_or_else(|| "—".into())}</div>
                                </div>
                            }
                        })
                        .collect_view()}
                    <div class="card">
                        <div>{t("overview.trend")}</div>
                        <div class="stat">
                            {utilization
                                .as_ref()
                                .map(|u| match u.trend {
                                    UtilizationTrend::Up => t("overview.trend_up").into_any(),
                                    UtilizationTrend::Down => t("overview.trend_down").into_any(),
                                    UtilizationTrend::Same => t("overview.trend_same").into_any(),
                                })}
                        </div>
                    </div>
                </div>
            }
        })
    };
    view! {
        {move || done().map(|text| view! { <p class="notice ok" role="status" data-testid="split-merge-done">{text}</p> })}
        {facts}
        <div class="actions" role="group" aria-label=t("overview.range")>
            {[30_i64, 90]
                .into_iter()
                .map(|d| {
                    view! {
                        <button
                            type="button"
                            aria-pressed=move || (days.get() == d).to_string()
                            on:click=move |_| set_days.set(d)
                        >
                            {move || tw("overview.last_days", &[("days", &d.to_string())])}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        {move || match series.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || series.refetch() /> }.into_any(),
            Some(Ok(s)) => {
                let points = s
                    .points
                    .into_iter()
                    .map(|p| DayValue {
                        date: p.date,
                        percent: p.utilized_percentage,
                    })
                    .collect::<Vec<_>>();
                let caption = tw("overview.chart_caption", &[("days", &days.get().to_string())]);
                view! { <UtilizationChart days=points caption=caption /> }.into_any()
            }
        }}
    }
}

/// The renewal price preview: today's catalogue price × quantity for the same term, and when.
fn renewal_view(pv: RenewalPreview, renews: bool) -> impl IntoView {
    let date = pv.date;
    let money = move |d| format::usd(d, locale());
    let unit_key = if pv.instalment.is_some() {
        "overview.renewal_unit_monthly"
    } else {
        "overview.renewal_unit_upfront"
    };
    let instalment = pv.instalment;
    view! {
        <section class="card renewal" aria-labelledby="renewal-heading">
            <h2 id="renewal-heading">{t("overview.renewal")}</h2>
            <p>
                {move || {
                    let when = format::date(date, locale());
                    if renews {
                        tw("overview.renews_on", &[("date", &when)])
                    } else {
                        tw("overview.if_renewed", &[("date", &when)])
                    }
                }}
            </p>
            <dl class="facts">
                <dt>{t("overview.renewal_date")}</dt>
                <dd data-testid="renewal-date">{move || format::date(date, locale())}</dd>
                <dt>{t(unit_key)}</dt>
                <dd data-testid="renewal-unit">{move || money(pv.unit_price)}</dd>
                <dt>{t("reservations.col.quantity")}</dt>
                <dd>{format::count(pv.quantity.into())}</dd>
                {instalment
                    .map(|m| {
                        view! {
                            <dt>{t("overview.renewal_instalment")}</dt>
                            <dd data-testid="renewal-instalment">{move || money(m)}</dd>
                        }
                    })}
                <dt>{t("overview.renewal_total")}</dt>
                <dd data-testid="renewal-total"><strong>{move || money(pv.total)}</strong></dd>
            </dl>
        </section>
    }
}
