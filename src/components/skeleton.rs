//! The list skeleton: the same grey rows index.html paints before the wasm arrives, so a list
//! that is still loading looks the same before and after the app takes over the page.

use leptos::prelude::*;

/// Rows of the skeleton, as in index.html's `#boot`.
const ROWS: usize = 8;

/// Placeholder rows for a list that is loading; hidden from assistive technology (the `Loading`
/// status beside it says what is happening).
#[component]
pub fn ListSkeleton() -> impl IntoView {
    let row = || {
        view! {
            <tr>
                <td><span class="skeleton"></span></td>
                <td><span class="skeleton"></span></td>
                <td><span class="skeleton"></span></td>
                <td><span class="skeleton"></span></td>
            </tr>
        }
    };
    view! {
        <table class="skeleton-table" aria-hidden="true">
            <tbody>
                <tr><th></th><th></th><th></th><th></th></tr>
                {(0..ROWS).map(|_| row()).collect_view()}
            </tbody>
        </table>
    }
}
