//! One mechanism for every list whose search, sort, filters and page live in the URL: the
//! state read from the query string, navigation to a new state, and the wired header and pager.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::table::{Pager, SortHeader};
use crate::context::t;
use crate::list_state::{Column, ListState};
use crate::routes;

/// A list's state in the URL and the way to change it. `Copy`, so views hold it freely.
#[derive(Clone, Copy)]
pub struct UrlList {
    /// The state the URL describes now.
    pub state: Memo<ListState>,
    go: Callback<(ListState, bool)>,
}

/// The list at the page `path` gives (a link from `routes`), with its extra filter keys.
pub fn use_url_list(
    path: impl Fn() -> String + Send + Sync + 'static,
    filter_keys: &'static [&'static str],
) -> UrlList {
    let query = use_query_map();
    let state =
        Memo::new(move |_| query.with(|q| ListState::from_query(|k| q.get(k), filter_keys)));
    let navigate = use_navigate();
    let go = Callback::new(move |(next, replace): (ListState, bool)| {
        navigate(
            &format!("{}{}", routes::for_navigate(&path()), next.to_query()),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    });
    UrlList { state, go }
}

impl UrlList {
    /// Shows `next`: a new history entry, or in place of the current one (typing in search).
    pub fn go(&self, next: ListState, replace: bool) {
        self.go.run((next, replace));
    }

    /// Applies `change` to the current state and shows the result as a new history entry.
    pub fn update(&self, change: impl FnOnce(&ListState) -> ListState) {
        self.go(change(&self.state.get_untracked()), false);
    }

    /// The list's search box, labelled by `label`; typing replaces the history entry rather than
    /// adding one per key.
    pub fn search_box(
        self,
        label: &'static str,
        placeholder: Option<&'static str>,
    ) -> impl IntoView {
        let state = self.state;
        view! {
            <label class="field">
                {t(label)}
                <input
                    type="search"
                    placeholder=placeholder.map(t)
                    prop:value=move || state.with(|s| s.search.clone())
                    on:input=move |ev| {
                        self.go(state.get_untracked().with_search(&event_target_value(&ev)), true)
                    }
                />
            </label>
        }
    }

    /// The header cell of a sortable column.
    pub fn header<S: 'static>(self, column: &Column<S>) -> impl IntoView {
        let key = column.key;
        view! {
            <SortHeader
                label=column.label
                numeric=column.numeric
                sorted=Signal::derive(move || self.state.with(|s| (s.sort == key).then_some(s.desc)))
                on_sort=move || self.update(|s| s.toggled_sort(key))
            />
        }
    }

    /// What stands under the list: "no results" when it is empty, and the pager, `id` being
    /// what the table's `aria-describedby` names.
    pub fn footer(self, id: &'static str, total: u64) -> impl IntoView {
        view! {
            <Show when=move || total == 0>
                <p class="notice">{t("common.no_results")}</p>
            </Show>
            <Pager
                id=id
                total=total
                page=Signal::derive(move || self.state.with(|s| s.page))
                on_page=move |p| self.update(|s| s.with_page(p))
            />
        }
    }
}
