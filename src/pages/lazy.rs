//! How a page's code is split out of the main wasm and loaded: the `lazy_pages!` groups declared
//! in `pages/mod.rs`, and the route component that shows `Loading` or a failed download.

/// Pages whose code is split out of the main wasm (`scripts/split-wasm.mjs` splits the build) and
/// downloaded when one of them is first opened, a group at a time: pages a partner uses together
/// share one download, and few groups keep the shared code in few chunks. The first page a partner
/// opens, Customers, stays in the main module so the first render waits for no second download.
///
/// Each route is a plain component that shows `Loading` until its group is there (`lazy_route`).
/// (Leptos's own lazy routes resolve inside the router, and a navigation made while one loads
/// could be overwritten by the late page; here a page left before it loaded is simply dropped.)
macro_rules! lazy_pages {
    ($($group:ident, $preload:ident: $kind:ident { $($route:ident => $page:path),* $(,)? })*) => {
        $(
            // A variant per route of the group, named after it.
            #[allow(clippy::enum_variant_names)]
            #[derive(Clone, Copy)]
            enum $kind { $($route),* }

            // `fallible`: a download that fails (a lost connection) is an error the page shows
            // with "Try again", not a panic.
            #[wasm_split_helpers::wasm_split($group, fallible, preload(#[doc(hidden)] $preload))]
            fn $group(page: $kind) -> Result<leptos::prelude::AnyView, wasm_split_helpers::SplitLoaderError> {
                use leptos::prelude::IntoAny;
                // Built inside `lazy_route`'s view: what the page reads must not rebuild it.
                Ok(leptos::prelude::untrack(|| match page { $($kind::$route => $page().into_any()),* }))
            }

            $(
                #[allow(non_snake_case)]
                pub fn $route() -> impl leptos::prelude::IntoView {
                    $crate::pages::lazy::lazy_route($preload, || $group($kind::$route))
                }
            )*
        )*

        /// Downloads every page group, for when the browser is idle after the first page. Best
        /// effort: a group that fails here downloads again when one of its pages opens.
        pub async fn preload_all() {
            $(let _ = $preload().await;)*
        }
    };
}

/// Where a page's code is.
#[derive(Clone, Copy, PartialEq)]
enum Code {
    Loading,
    Ready,
    Failed,
}

/// `Loading` until `preload` has the page's code, then the page, built at once from the loaded
/// code; a failed download says so, with "Try again". No `Suspense` here: the page's own
/// resources stay with the page's own suspense.
pub(super) fn lazy_route<P, V>(
    preload: fn() -> P,
    page: impl Fn() -> V + Send + Sync + 'static,
) -> impl leptos::prelude::IntoView
where
    P: std::future::Future<Output = Result<(), wasm_split_helpers::SplitLoaderError>> + 'static,
    V: std::future::Future<
            Output = Result<leptos::prelude::AnyView, wasm_split_helpers::SplitLoaderError>,
        > + Send
        + 'static,
{
    use futures::FutureExt;
    use leptos::prelude::*;
    let loaded = matches!(preload().now_or_never(), Some(Ok(())));
    let code = RwSignal::new(if loaded { Code::Ready } else { Code::Loading });
    let load = move || {
        code.set(Code::Loading);
        leptos::task::spawn_local(async move {
            let done = if preload().await.is_ok() {
                Code::Ready
            } else {
                Code::Failed
            };
            code.try_set(done);
        });
    };
    if !loaded {
        load();
    }
    move || match code.get() {
        Code::Ready => {
            let page = page();
            Suspend::new(async move {
                page.await.unwrap_or_else(|_| {
                    code.try_set(Code::Failed);
                    ().into_any()
                })
            })
            .into_any()
        }
        Code::Loading => crate::components::status::Loading().into_any(),
        Code::Failed => view! {
            <div class="notice error" role="alert">
                <p>{crate::context::t("error.page_code")}</p>
                <button type="button" on:click=move |_| load()>
                    {crate::context::t("common.retry")}
                </button>
            </div>
        }
        .into_any(),
    }
}
