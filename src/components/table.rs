//! Table pieces shared by every list: sortable column headers and the pager.

use leptos::prelude::*;

use crate::api::Reservation;
use crate::context::{t, tp, tr, tw};
use crate::list_state::page_count;
use crate::text::format;
use crate::text::labels;

/// A column header that sorts by its column; `aria-sort` tells screen readers the state.
#[component]
pub fn SortHeader(
    /// Translation key of the column's label.
    label: &'static str,
    /// Right-align numbers.
    #[prop(optional)]
    numeric: bool,
    /// `None` when the list is not sorted by this column, else `Some(descending)`.
    sorted: Signal<Option<bool>>,
    /// Called when the user asks to sort by this column.
    on_sort: impl Fn() + 'static,
) -> impl IntoView {
    let aria_sort = move || match sorted.get() {
        None => "none",
        Some(false) => "ascending",
        Some(true) => "descending",
    };
    let arrow = move || match sorted.get() {
        None => "",
        Some(false) => " ▲",
        Some(true) => " ▼",
    };
    view! {
        <th scope="col" class:num=numeric aria-sort=aria_sort>
            <button type="button" class="sort" on:click=move |_| on_sort()>
                {t(label)}
                <span aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// Previous / Next with "Page N of M" and the number of rows.
#[component]
pub fn Pager(
    /// The element id, so the table can point at the count with `aria-describedby`.
    id: &'static str,
    /// All rows across pages.
    total: u64,
    /// The zero-based current page.
    page: Signal<u32>,
    /// Called with the page to show.
    on_page: impl Fn(u32) + Clone + 'static,
) -> impl IntoView {
    let pages = page_count(total);
    let go_prev = on_page.clone();
    let go_next = on_page;
    view! {
        <nav class="pager" aria-label=move || tr("common.pages")>
            <button
                type="button"
                disabled=move || page.get() == 0
                on:click=move |_| go_prev(page.get_untracked().saturating_sub(1))
            >
                {t("common.previous")}
            </button>
            <span id=id>
                {move || {
                    tw(
                        "common.page_of",
                        &[
                            ("page", &format::count(u64::from(page.get()) + 1)),
                            ("pages", &format::count(pages.into())),
                        ],
                    )
                }}
                " · "
                {move || {
                    let n = i64::try_from(total).unwrap_or(i64::MAX);
                    tp("common.total_items", n, &[("count", &format::count(total))])
                }}
            </span>
            <button
                type="button"
                on:click=move |_| go_next(page.get_untracked() + 1)
                disabled=move || { page.get() + 1 >= pages }
            >
                {t("common.next")}
            </button>
        </nav>
    }
}

/// The cells every reservation list shows alike: SKU (wrapping after its underscores), region,
/// quantity, term, billing plan and scope.
pub fn reservation_cells(r: &Reservation) -> impl IntoView {
    let p = &r.properties;
    let resource_group = p
        .applied_scope_properties
        .as_ref()
        .is_some_and(|s| s.resource_group_id.is_some());
    let sku = r
        .sku
        .name
        .split_inclusive('_')
        .map(|part| view! { {part.to_string()}<wbr /> })
        .collect_view();
    view! {
        <td class="wrap">{sku}</td>
        <td>{r.location.clone()}</td>
        <td class="num">{format::count(p.quantity.into())}</td>
        <td>{t(labels::term(&p.term))}</td>
        <td>{t(labels::billing_plan(&p.billing_plan))}</td>
        <td>{t(labels::scope(p.applied_scope_type, resource_group))}</td>
    }
}
