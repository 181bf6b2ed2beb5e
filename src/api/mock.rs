//! The embedded mock backend as a transport: the same JSON API, answered inside the browser,
//! with its data in localStorage and an optional delay so loading states are visible.

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
        let backend = self.0.borrow();
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
}

impl MockTransport {
    /// Loads the saved demo data, or seeds it on first use.
    pub fn new(latency_ms: u32) -> MockTransport {
        let backend = MockBackend::load(Box::new(LocalStorage), browser::today_utc());
        MockTransport {
            backend: MockHandle(Rc::new(RefCell::new(backend))),
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
        self.backend
            .0
            .borrow_mut()
            .handle(&req, browser::today_utc())
    }
}
