//! Filing something that moves money (a return, an exchange, a support request): its state, and
//! one controller that every such form uses.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ClientError;
use crate::browser;

/// Where a filing stands: once `Done`, it cannot be filed again from the same page.
#[derive(Clone, Debug, PartialEq)]
pub enum Filing<T> {
    /// Nothing sent yet (or the last attempt failed and the form changed).
    Idle,
    /// Sent; waiting for the answer.
    InFlight,
    /// Filed; what the server answered.
    Done(Box<T>),
    /// Not filed; why. Retrying reuses the same idempotency key.
    Failed(ClientError),
}

impl<T> Filing<T> {
    /// Whether a new attempt must not start (one is under way, or it already succeeded).
    pub fn is_locked(&self) -> bool {
        matches!(self, Filing::InFlight | Filing::Done(_))
    }
}

/// One filing of a money-moving form: its state and the idempotency key of the request as it
/// stands. `Copy`, so a page's handlers hold it freely. The key is kept across retries (a retry
/// can never file twice) and renewed when the request changes.
pub struct Filer<T: Send + Sync + 'static> {
    state: RwSignal<Filing<T>>,
    key: RwSignal<String>,
}

impl<T: Send + Sync + 'static> Clone for Filer<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Filer<T> {}

impl<T: Clone + Send + Sync + 'static> Filer<T> {
    /// Nothing filed yet, with a fresh key.
    pub fn new() -> Filer<T> {
        Filer {
            state: RwSignal::new(Filing::Idle),
            key: RwSignal::new(browser::new_idempotency_key()),
        }
    }

    /// The state, for views such as `FilingProgress` (tracked when read).
    pub fn state(&self) -> RwSignal<Filing<T>> {
        self.state
    }

    /// Whether a new attempt must not start now (tracked).
    pub fn is_locked(&self) -> bool {
        self.state.with(Filing::is_locked)
    }

    /// The request changed: it gets a new key, and a failed attempt is forgotten (a done one is
    /// kept, so its result stays on screen).
    pub fn changed(&self) {
        self.key.set(browser::new_idempotency_key());
        if !matches!(self.state.get_untracked(), Filing::Done(_)) {
            self.state.set(Filing::Idle);
        }
    }

    /// Files with `send(key)` unless locked, then records the answer; `on_done` runs after a
    /// success (e.g. to refetch what changed).
    pub fn file<Fut>(&self, send: impl FnOnce(String) -> Fut, on_done: impl FnOnce(&T) + 'static)
    where
        Fut: Future<Output = Result<T, ClientError>> + 'static,
    {
        if self.state.with_untracked(Filing::is_locked) {
            return;
        }
        let state = self.state;
        let pending = send(self.key.get_untracked());
        state.set(Filing::InFlight);
        leptos::task::spawn_local(async move {
            match pending.await {
                Ok(done) => {
                    on_done(&done);
                    state.set(Filing::Done(Box::new(done)));
                }
                Err(error) => state.set(Filing::Failed(error)),
            }
        });
    }
}

impl<T: Clone + Send + Sync + 'static> Default for Filer<T> {
    fn default() -> Self {
        Filer::new()
    }
}
