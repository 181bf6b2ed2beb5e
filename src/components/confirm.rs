//! A modal confirmation before anything that moves money or changes a reservation.

use leptos::html;
use leptos::prelude::*;

use crate::context::t;

/// A native `<dialog>` (focus trapping and Escape come from the browser) with Confirm and Cancel.
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
            on:close=move |_: web_sys::Event| open.set(false)
        >
            <h2 id="confirm-title">{move || title.get()}</h2>
            <div>{children()}</div>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| {
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
