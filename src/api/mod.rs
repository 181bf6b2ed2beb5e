//! The one way pages reach the backend: a typed `Client` over whichever transport the
//! configuration chose. Pages call `use_api()` and never know which backend answers.

mod http;
mod mock;

use std::rc::Rc;

use leptos::prelude::*;
pub use reservation_api::*;
pub use reservation_mock::Injected;

use crate::browser;
use crate::config::{AppConfig, BackendKind};
use crate::storage_keys;
use http::HttpTransport;
use mock::MockTransport;

/// The transport chosen at startup.
pub enum AppTransport {
    /// The embedded mock backend, persisted in localStorage.
    Mock(MockTransport),
    /// A real server over HTTP.
    Http(HttpTransport),
}

impl Transport for AppTransport {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        match self {
            AppTransport::Mock(mock) => mock.send(req).await,
            AppTransport::Http(http) => http.send(req).await,
        }
    }
}

/// The app's API client.
pub type Api = Client<AppTransport>;

/// The client and, in mock mode, the mock backend's controls (reset, failure injection).
/// A `Copy` handle, so views and event handlers can hold it freely.
#[derive(Clone, Copy)]
pub struct ApiContext {
    client: StoredValue<Rc<Api>, LocalStorage>,
    mock: StoredValue<Option<mock::MockHandle>, LocalStorage>,
}

impl ApiContext {
    /// Builds the transport the configuration asks for and provides it to the app.
    pub fn provide(config: &AppConfig) -> ApiContext {
        let (transport, handle) = match config.backend {
            BackendKind::Mock => {
                let transport = MockTransport::new(config.mock_latency_ms);
                let handle = transport.handle();
                (AppTransport::Mock(transport), Some(handle))
            }
            BackendKind::Http => (
                AppTransport::Http(HttpTransport::new(&config.api_base_url, config.timeout_ms)),
                None,
            ),
        };
        let client = Client::new(transport);
        client.set_user(browser::load(storage_keys::USER));
        let ctx = ApiContext {
            client: StoredValue::new_local(Rc::new(client)),
            mock: StoredValue::new_local(handle),
        };
        provide_context(ctx);
        ctx
    }

    /// The client, for one call.
    pub fn client(&self) -> Rc<Api> {
        self.client.get_value()
    }

    /// The mock backend's controls, when the app runs on it.
    pub fn mock(&self) -> Option<mock::MockHandle> {
        self.mock.get_value()
    }
}

/// The API of the running app; call `.client()` where a request is made.
pub fn use_api() -> ApiContext {
    expect_context::<ApiContext>()
}
