//! The embedded mock backend as a transport: the same JSON API, answered inside the browser,
//! with its data in localStorage and an optional delay so loading states are visible.
//! Its code is split out of the main wasm (`mock_backend_answer` is the split point) and downloads
//! beside the main module (index.html preloads it), so the server build's share stays lean.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use reservation_api::{HttpRequest, HttpResponse, TransportError};
use reservation_mock::{Injected, MockBackend, Storage};

use crate::browser;

/// The mock backend's state lives in localStorage, so a demo survives a reload.
struct LocalStorage;

impl Storage for LocalStorage {
    fn get(&self, key: &str) -> Option<String> {
        browser::load(key)
    }

    fn set(&mut self, key: &str, value: &str) {
        browser::save(key, value);
    }

    fn remove(&mut self, key: &str) {
        browser::remove(key);
    }
}

/// The backend, loaded from localStorage (or seeded) on first use.
type Shared = Rc<RefCell<Option<MockBackend>>>;

fn with_backend<R>(shared: &Shared, f: impl FnOnce(&mut MockBackend) -> R) -> R {
    let mut slot = shared.borrow_mut();
    f(slot.get_or_insert_with(|| MockBackend::load(Box::new(LocalStorage), browser::today_utc())))
}

/// Handles one request as a server would. The first call downloads the backend's code.
#[leptos::lazy]
fn mock_backend_answer(shared: Shared, req: HttpRequest) -> Result<HttpResponse, TransportError> {
    with_backend(&shared, |backend| {
        backend.handle(&req, browser::today_utc())
    })
}

/// Shared access to the mock backend, for the transport and the demo settings panel.
#[derive(Clone)]
pub struct MockHandle(Shared);

impl MockHandle {
    /// Restores the seeded demo data.
    pub fn reset(&self) {
        with_backend(&self.0, |b| b.reset(browser::today_utc()));
    }

    /// Whether the demo runs on the large portfolio.
    pub fn is_large(&self) -> bool {
        with_backend(&self.0, |b| b.is_large())
    }

    /// Switches to the large portfolio (5,000 customers, about 100,000 reservations, stored as a
    /// change log over the seeded generator) or back to the default demo data.
    pub fn set_large(&self, large: bool) {
        with_backend(&self.0, |b| b.set_large(large, browser::today_utc()));
    }

    /// (customers, reservations) of the demo data.
    pub fn size(&self) -> (usize, usize) {
        with_backend(&self.0, |b| {
            let state = b.state();
            (state.customers.len(), state.reservation_count())
        })
    }

    /// Makes every following request fail this way, or none when `None`.
    pub fn set_failure(&self, failure: Option<Injected>) {
        with_backend(&self.0, |b| b.options_mut().fail_all = failure);
    }
}

/// Answers requests from the in-browser mock backend after `latency_ms`.
pub struct MockTransport {
    backend: MockHandle,
    latency_ms: u32,
}

impl MockTransport {
    /// The saved demo data (or the seeded one on first use), loaded with the first request.
    pub fn new(latency_ms: u32) -> MockTransport {
        MockTransport {
            backend: MockHandle(Rc::default()),
            latency_ms,
        }
    }

    /// A handle for the settings panel.
    pub fn handle(&self) -> MockHandle {
        self.backend.clone()
    }

    /// Handles one request as a server would, after the configured delay.
    pub async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        if self.latency_ms > 0 {
            TimeoutFuture::new(self.latency_ms).await;
        }
        mock_backend_answer(self.backend.0.clone(), req).await
    }
}
