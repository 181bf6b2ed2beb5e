//! A modal confirmation before anything that moves money or changes a reservation.

use leptos::html;
use leptos::prelude::*;

use crate::context::t;

/// What can take the focus inside the dialog, in tab order.
const FOCUSABLE: &str =
    "button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), \
    textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// A native `<dialog>` (Escape and the inert page behind come from the browser) with Confirm and
/// Cancel. Tab and Shift+Tab cycle inside it: the browser alone would let the focus leave the page.
#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is open; Cancel and Escape set it to false.
    open: RwSignal<bool>,
    /// The question, e.g. "Refund $1,200.00 to Contoso?".
    title: Signal<String>,
    /// The label of the confirming button.
    confirm_label: Signal<String>,
    /// Called once when the user confirms; the dialog closes first.
    on_confirm: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let want_open = open.get();
        if let Some(el) = dialog.get() {
            if want_open && !el.open() {
                let _ = el.show_modal();
            } else if !want_open && el.open() {
                el.close();
            }
        }
    });
    view! {
        <dialog
            node_ref=dialog
            aria-labelledby="confirm-title"
            on:cancel=move |_: web_sys::Event| open.set(false)
            // `close` arrives as a task after `close()`: if the dialog was opened again in the
            // meantime (a quick Cancel then Enter), that stale event must not close it.
            on:close=move |_: web_sys::Event| {
                if dialog.get_untracked().is_some_and(|el| !el.open()) {
                    open.set(false);
                }
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Tab" {
                    if let Some(el) = dialog.get() {
                        trap_tab(&el, &ev);
                    }
                }
            }
        >
            <h2 id="confirm-title">{move || title.get()}</h2>
            <div>{children()}</div>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| {
                        // Closed now, before `on_confirm` changes the page: the browser gives the
                        // focus back to the trigger first, and the page may move it on afterwards.
                        if let Some(el) = dialog.get_untracked() {
                            el.close();
                        }
                        open.set(false);
                        on_confirm.run(());
                    }
                >
                    {move || confirm_label.get()}
                </button>
                <button type="button" on:click=move |_| open.set(false)>
                    {t("common.cancel")}
                </button>
            </div>
        </dialog>
    }
}

/// Keeps Tab inside `dialog`: from its last focusable element to the first, and Shift+Tab back.
fn trap_tab(dialog: &web_sys::HtmlDialogElement, ev: &web_sys::KeyboardEvent) {
    let Ok(found) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let (Some(first), Some(last)) = (found.item(0), found.item(found.length().saturating_sub(1)))
    else {
        return;
    };
    let active: Option<web_sys::Node> = document().active_element().map(Into::into);
    let (from, to) = if ev.shift_key() {
        (first, last)
    } else {
        (last, first)
    };
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    if !inside || active.as_ref() == Some(&from) {
        ev.prevent_default();
        if let Ok(to) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(to) {
            let _ = to.focus();
        }
    }
}
