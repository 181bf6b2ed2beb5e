//! Loading and error states, shown the same way on every page.

use leptos::prelude::*;

use crate::api::{ClientError, TransportError};
use crate::context::{t, tr};
use crate::filing::Filing;

/// A polite live region saying that something is loading.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {t("common.loading")}
        </p>
    }
}

/// What a request's resource shows: loading, the error with "Try again", or `ok` of its value.
pub fn loaded<T: Clone + Send + Sync + 'static>(
    resource: LocalResource<Result<T, ClientError>>,
    ok: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || match resource.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorNotice error=error on_retry=move || resource.refetch() /> }.into_any()
        }
        Some(Ok(value)) => ok(value),
    }
}

/// A sentence for the user saying what went wrong, in the current language.
pub fn describe(error: &ClientError) -> String {
    match error {
        ClientError::Transport(TransportError::Network(_)) => tr("error.network"),
        ClientError::Transport(TransportError::Timeout) => tr("error.timeout"),
        ClientError::Transport(TransportError::Aborted) => tr("error.aborted"),
        ClientError::Malformed(_) => tr("error.malformed"),
        ClientError::Api {
            status, message, ..
        } => match status {
            403 => format!("{} {message}", tr("error.forbidden")),
            404 => tr("error.not_found"),
            409 | 412 => tr("error.conflict"),
            500..=599 => tr("error.server"),
            _ => message.clone(),
        },
    }
}

/// An alert explaining a failed request, with a retry button when retrying makes sense.
#[component]
pub fn ErrorNotice(
    /// What failed.
    error: ClientError,
    /// Called by "Try again"; omitted when retrying cannot help.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let message = Signal::derive(move || describe(&error));
    view! {
        <div class="notice error" role="alert">
            <p>{move || message.get()}</p>
            {on_retry
                .map(|retry| {
                    view! {
                        <button type="button" on:click=move |_| retry.run(())>
                            {t("common.retry")}
                        </button>
                    }
                })}
        </div>
    }
}

/// Progress and failure of a money-moving filing; "Try again" reuses the idempotency key, so it
/// can never file twice.
#[component]
pub fn FilingProgress<T: Clone + Send + Sync + 'static>(
    /// The filing's state.
    filing: RwSignal<Filing<T>>,
    /// Files again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div aria-live="polite">
            {move || match filing.get() {
                Filing::InFlight => view! { <Loading /> }.into_any(),
                Filing::Failed(error) => {
                    view! {
                        <div class="notice error" role="alert">
                            <p>{move || describe(&error)}</p>
                            <p>{t("refund.retry_safe")}</p>
                            <button type="button" on:click=move |_| retry.run(())>
                                {t("common.retry")}
                            </button>
                        </div>
                    }
                        .into_any()
                }
                _ => ().into_any(),
            }}
        </div>
    }
}
