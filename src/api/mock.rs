//! The embedded mock backend as a transport: the same JSON API, answered inside the browser,
//! with its data in localStorage and an optional delay so loading states are visible.

use std::cell::{Cell, RefCell};
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

/// Shared access to the mock backend, for the transport and the demo settings panel.
#[derive(Clone)]
pub struct MockHandle(Rc<RefCell<MockBackend>>);

impl MockHandle {
    /// Restores the seeded demo data.
    pub fn reset(&self) {
        self.0.borrow_mut().reset(browser::today_utc());
    }

    /// Whether the demo runs on the large portfolio.
    pub fn is_large(&self) -> bool {
        self.0.borrow().is_large()
    }

    /// Switches to the large portfolio (5,000 customers, about 100,000 reservations, stored as a
    /// change log over the seeded generator) or back to the default demo data.
    pub fn set_large(&self, large: bool) {
        self.0.borrow_mut().set_large(large, browser::today_utc());
    }

    /// (customers, reservations) of the demo data.
    pub fn size(&self) -> (usize, usize) {
        let mut backend = self.0.borrow_mut();
        backend.replay_pending();
        let state = backend.state();
        (state.customers.len(), state.reservation_count())
    }

    /// Makes every following request fail this way, or none when `None`.
    pub fn set_failure(&self, failure: Option<Injected>) {
        self.0.borrow_mut().options_mut().fail_all = failure;
    }
}

/// Answers requests from the in-browser mock backend after `latency_ms`.
pub struct MockTransport {
    backend: MockHandle,
    latency_ms: u32,
    /// Whether the full router's code is here (see `send`).
    router_loaded: Cell<bool>,
}

impl MockTransport {
    /// Loads the saved demo data, or seeds it on first use (saved with its first change).
    pub fn new(latency_ms: u32) -> MockTransport {
        let backend = MockBackend::open(Box::new(LocalStorage), browser::today_utc());
        MockTransport {
            backend: MockHandle(Rc::new(RefCell::new(backend))),
            latency_ms,
            router_loaded: Cell::new(false),
        }
    }

    /// A handle for the settings panel.
    pub fn handle(&self) -> MockHandle {
        self.backend.clone()
    }

    /// Handles one request as a server would, after the configured delay. The first page's
    /// requests are answered by the code in the main module; the others by the full router, in
    /// a chunk downloaded when first needed (as the pages are, `scripts/split-wasm.mjs`), once
    /// the browser is idle: a request made with the first page (the alerts badge) then does not
    /// hold up the first page's rows with a download and its instantiation.
    pub async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        if self.latency_ms > 0 {
            TimeoutFuture::new(self.latency_ms).await;
        }
        let today = browser::today_utc();
        let light = self.backend.0.borrow_mut().handle_light(&req, today);
        if let Some(answer) = light {
            return answer;
        }
        if !self.router_loaded.get() {
            browser::idle().await;
        }
        match full_router(self.backend.clone(), req, today).await {
            Ok(answer) => {
                self.router_loaded.set(true);
                answer
            }
            Err(_) => Err(TransportError::Network(
                "the demo backend's code could not be downloaded".into(),
            )),
        }
    }
}

/// Every handler of the mock backend, split from the main module (`fallible`: a failed
/// download is a network error the page shows with its retry).
#[wasm_split_helpers::wasm_split(mock_router, fallible)]
fn full_router(
    backend: MockHandle,
    req: HttpRequest,
    today: chrono::NaiveDate,
) -> Result<Result<HttpResponse, TransportError>, wasm_split_helpers::SplitLoaderError> {
    Ok(backend.0.borrow_mut().handle(&req, today))
}
