//! A read-only value with a Copy button: clipboard when the browser allows it, else the text is
//! selected so the user can copy it by hand.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::context::{t, tr, tw};

/// What the last copy attempt did.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    ToClipboard,
    Selected,
}

/// Writes `text` to the clipboard; `false` when the API is missing or refuses.
async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}

/// One labelled value (an ID) with its Copy button.
#[component]
pub fn CopyField(
    /// The field's label, e.g. "Reservation ID".
    label: Signal<String>,
    /// The value to show and copy.
    value: String,
    /// A stable id for the input, so the label points at it.
    id: &'static str,
) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let (copied, set_copied) = signal(Copied::Not);
    let text = StoredValue::new(value.clone());
    let copy = move |_| {
        leptos::task::spawn_local(async move {
            let ok = write_clipboard(&text.get_value()).await;
            if ok {
                set_copied.set(Copied::ToClipboard);
            } else {
                if let Some(el) = input.get_untracked() {
                    let _ = el.focus();
                    el.select();
                }
                set_copied.set(Copied::Selected);
            }
        });
    };
    view! {
        <div class="copy-row">
            <input
                id=id
                node_ref=input
                readonly
                size="40"
                value=value
                aria-label=move || label.get()
                on:focus=move |_| {
                    if let Some(el) = input.get_untracked() {
                        el.select();
                    }
                }
            />
            <button
                type="button"
                aria-label=move || tw("common.copy_named", &[("name", &label.get())])
                on:click=copy
            >
                {t("common.copy")}
            </button>
            <span role="status" aria-live="polite" class="copy-status">
                {move || match copied.get() {
                    Copied::Not => String::new(),
                    Copied::ToClipboard => tr("common.copied"),
                    Copied::Selected => tr("common.copy_manually"),
                }}
            </span>
        </div>
    }
}
