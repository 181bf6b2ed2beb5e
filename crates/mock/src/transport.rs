//! An in-process `Transport` over a `MockBackend`, for native tests and tools (the browser app
//! wraps the backend in its own transport, with latency and localStorage).

use std::cell::{Cell, RefCell};
use std::future::{ready, Future};
use std::rc::Rc;

use chrono::NaiveDate;
use reservation_api::{HttpRequest, HttpResponse, Transport, TransportError};

use crate::backend::MockBackend;

/// Sends requests straight into a shared `MockBackend`, as of a settable day.
#[derive(Clone)]
pub struct InProcessTransport {
    backend: Rc<RefCell<MockBackend>>,
    today: Rc<Cell<NaiveDate>>,
}

impl InProcessTransport {
    /// A transport over `backend`, answering as of `today`.
    pub fn new(backend: MockBackend, today: NaiveDate) -> InProcessTransport {
        InProcessTransport {
            backend: Rc::new(RefCell::new(backend)),
            today: Rc::new(Cell::new(today)),
        }
    }

    /// The backend, shared with the transport (to inspect state or inject failures).
    pub fn backend(&self) -> Rc<RefCell<MockBackend>> {
        self.backend.clone()
    }

    /// Changes the day requests are answered as of.
    pub fn set_today(&self, today: NaiveDate) {
        self.today.set(today);
    }

    /// The day requests are answered as of.
    pub fn today(&self) -> NaiveDate {
        self.today.get()
    }
}

impl Transport for InProcessTransport {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        let result = self.backend.borrow_mut().handle(&req, self.today.get());
        ready(result)
    }
}
