//! The Portfolio's bulk action: turn auto-renew on or off for the selected rows. A confirmation
//! lists every reservation that changes; then one PATCH per row with the ETag the grid shows,
//! and a result per row (changed, conflict, other error) without losing the others. The plan and
//! the outcomes are plain data in `crate::renewal`.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use crate::api::{use_api, PortfolioRow};
use crate::components::confirm::ConfirmDialog;
use crate::components::status::describe;
use crate::context::{t, tp, tr, tw};
use crate::renewal::{plan, renew_patch, tally, RenewChange, RenewOutcome, RenewPlan};
use crate::text::format;

/// The selection bar with "Turn auto-renew on/off", its confirmation and the results.
#[component]
pub fn BulkRenew(
    /// The rows of the view the grid shows (`None` while they load).
    rows: Signal<Option<Arc<Vec<PortfolioRow>>>>,
    /// The selected rows, by reservation resource id.
    selected: RwSignal<BTreeSet<String>>,
    /// Called after the changes, to read the rows again.
    on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let open = RwSignal::new(false);
    let turn_on = RwSignal::new(true);
    let pending = RwSignal::new(RenewPlan::default());
    let nothing = RwSignal::new(false);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let results = RwSignal::new(Vec::<(RenewChange, RenewOutcome)>::new());
    let results_heading = NodeRef::<html::H2>::new();
    // The selected rows of this view (a selection may hold rows another filter hid).
    let count = move || {
        rows.with(|r| {
            r.as_ref().map_or(0, |rows| {
                selected.with(|s| {
                    rows.iter()
                        .filter(|r| s.contains(&r.reservation.id))
                        .count()
                })
            })
        })
    };
    let start = move |on: bool| {
        let Some(view_rows) = rows.get_untracked() else {
            return;
        };
        let p = selected.with_untracked(|s| plan(&view_rows, s, on));
        nothing.set(p.changes.is_empty());
        if p.changes.is_empty() {
            return;
        }
        turn_on.set(on);
        pending.set(p);
        open.set(true);
    };
    let confirm = Callback::new(move |()| {
        let on = turn_on.get_untracked();
        let changes = pending.get_untracked().changes;
        let api = api.client();
        results.set(Vec::new());
        progress.set(Some((0, changes.len())));
        leptos::task::spawn_local(async move {
            let total = changes.len();
            let mut done = Vec::with_capacity(total);
            for change in changes {
                let result = api
                    .update_reservation(&change.key, &renew_patch(on), change.etag)
                    .await;
                done.push((change, RenewOutcome::of(&result)));
                progress.set(Some((done.len(), total)));
            }
            // What changed leaves the selection; conflicts and failures stay selected, to retry.
            selected.update(|s| {
                for (c, o) in &done {
                    if *o == RenewOutcome::Changed {
                        s.remove(&c.id);
                    }
                }
            });
            progress.set(None);
            results.set(done);
            on_done.run(());
        });
    });
    // Once the results show, the focus goes to them (the dialog's trigger may be disabled).
    Effect::new(move |_| {
        if let Some(el) = results_heading.get() {
            let _ = el.focus();
        }
    });
    let busy = move || progress.get().is_some();
    let title = Signal::derive(move || {
        let n = pending.with(|p| p.changes.len()) as i64;
        let key = if turn_on.get() {
            "portfolio.renew_confirm_on"
        } else {
            "portfolio.renew_confirm_off"
        };
        tp(key, n, &[("count", &format::count(n as u64))])
    });
    let confirm_label = Signal::derive(move || {
        if turn_on.get() {
            tr("portfolio.renew_turn_on")
        } else {
            tr("portfolio.renew_turn_off")
        }
    });
    view! {
        <div class="bulk-bar" role="group" aria-label=t("portfolio.bulk_actions")>
            <span aria-live="polite">
                {move || {
                    let n = count();
                    tp("portfolio.selected", n as i64, &[("count", &format::count(n as u64))])
                }}
            </span>
            <button type="button" disabled=move || count() == 0 || busy() on:click=move |_| start(true)>
                {t("portfolio.renew_turn_on")}
            </button>
            <button type="button" disabled=move || count() == 0 || busy() on:click=move |_| start(false)>
                {t("portfolio.renew_turn_off")}
            </button>
            <button
                type="button"
                disabled=move || selected.with(BTreeSet::is_empty) || busy()
                on:click=move |_| {
                    selected.set(BTreeSet::new());
                    nothing.set(false);
                }
            >
                {t("portfolio.clear_selection")}
            </button>
        </div>
        <Show when=move || nothing.get()>
            <p class="notice" role="alert">{t("portfolio.renew_none")}</p>
        </Show>
        <ConfirmDialog open=open title=title confirm_label=confirm_label on_confirm=confirm>
            <ul class="renew-list">
                {move || {
                    pending
                        .get()
                        .changes
                        .into_iter()
                        .map(|c| view! { <li>{c.name}<span class="muted">{format!(" · {}", c.company)}</span></li> })
                        .collect_view()
                }}
            </ul>
            {move || {
                let n = pending.with(|p| p.unchanged);
                (n > 0).then(|| view! { <p>{tp("portfolio.renew_unchanged", n as i64, &[("count", &format::count(n as u64))])}</p> })
            }}
        </ConfirmDialog>
        <div aria-live="polite">
            {move || {
                progress
                    .get()
                    .map(|(done, total)| {
                        view! {
                            <p class="loading">
                                <span class="spinner" aria-hidden="true"></span>
                                {tw(
                                    "portfolio.renew_progress",
                                    &[("done", &done.to_string()), ("count", &total.to_string())],
                                )}
                            </p>
                        }
                    })
            }}
        </div>
        <Show when=move || results.with(|r| !r.is_empty())>
            <section class="card renew-results" aria-labelledby="renew-results-heading">
                <h2 id="renew-results-heading" tabindex="-1" node_ref=results_heading>
                    {t("portfolio.renew_results")}
                </h2>
                <p>
                    {move || {
                        let (ok, conflicts, failed) = results.with(|r| tally(r));
                        tw(
                            "portfolio.renew_result",
                            &[
                                ("changed", &ok.to_string()),
                                ("conflicts", &conflicts.to_string()),
                                ("failed", &failed.to_string()),
                            ],
                        )
                    }}
                </p>
                <ul>
                    {move || {
                        results
                            .get()
                            .into_iter()
                            .map(|(change, outcome)| {
                                let (outcome_name, class, label, why) = match &outcome {
                                    RenewOutcome::Changed => {
                                        ("changed", "ok", tr("portfolio.renew_changed"), String::new())
                                    }
                                    RenewOutcome::Conflict => {
                                        (
                                            "conflict",
                                            "bad",
                                            tr("portfolio.renew_conflict"),
                                            tr("portfolio.renew_conflict_why"),
                                        )
                                    }
                                    RenewOutcome::Failed(e) => {
                                        ("failed", "bad", tr("portfolio.renew_failed"), describe(e))
                                    }
                                };
                                view! {
                                    <li data-outcome=outcome_name>
                                        <strong>{change.name}</strong>
                                        {format!(" · {} ", change.company)}
                                        <span class=format!("badge {class}")>{label}</span>
                                        {(!why.is_empty()).then(|| format!(" {why}"))}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}
