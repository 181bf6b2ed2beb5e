//! The one way pages reach the backend: a typed `Client` over whichever transport the
//! configuration chose. Pages call `use_api()` and never know which backend answers.

mod http;
#[cfg(feature = "demo")]
mod mock;

use std::rc::Rc;

use leptos::prelude::*;
pub use reservation_api::*;
#[cfg(feature = "demo")]
pub use reservation_mock::Injected;

use crate::browser;
use crate::config::AppConfig;
#[cfg(feature = "demo")]
use crate::config::BackendKind;
use crate::storage_keys;
use http::HttpTransport;
#[cfg(feature = "demo")]
use mock::MockTransport;

/// The transport chosen at startup.
pub enum AppTransport {
    /// The embedded mock backend, persisted in localStorage.
    #[cfg(feature = "demo")]
    Mock(MockTransport),
    /// A real server over HTTP.
    Http(HttpTransport),
}

impl Transport for AppTransport {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let answer = match self {
            #[cfg(feature = "demo")]
            AppTransport::Mock(mock) => mock.send(req).await,
            AppTransport::Http(http) => http.send(req).await,
        };
        // The first page has its first data: the other pages' code may download now, not
        // before, so it does not slow that first answer down.
        static FIRST_ANSWER: std::sync::Once = std::sync::Once::new();
        FIRST_ANSWER.call_once(crate::prefetch_pages);
        answer
    }
}

/// The app's API client.
pub type Api = Client<AppTransport>;

/// The client and, in mock mode, the mock backend's controls (reset, failure injection).
/// A `Copy` handle, so views and event handlers can hold it freely.
#[derive(Clone, Copy)]
pub struct ApiContext {
    client: StoredValue<Rc<Api>, LocalStorage>,
    /// Who is signed in, read once for the whole app (switching users reloads the page).
    me: LocalResource<Result<Me, ClientError>>,
    #[cfg(feature = "demo")]
    mock: StoredValue<Option<mock::MockHandle>, LocalStorage>,
}

impl ApiContext {
    /// Builds the transport the configuration asks for and provides it to the app.
    pub fn provide(config: &AppConfig) -> ApiContext {
        let http = || HttpTransport::new(&config.api_base_url, config.timeout_ms);
        #[cfg(feature = "demo")]
        let (transport, handle) = match config.effective_backend() {
            BackendKind::Mock => {
                let transport = MockTransport::new(config.mock_latency_ms);
                let handle = transport.handle();
                (AppTransport::Mock(transport), Some(handle))
            }
            BackendKind::Http => (AppTransport::Http(http()), None),
        };
        // The server build has no embedded backend: `"backend": "mock"` means the server.
        #[cfg(not(feature = "demo"))]
        let transport = {
            if config.backend != config.effective_backend() {
                leptos::logging::warn!("this build has no mock backend: using HTTP");
            }
            AppTransport::Http(http())
        };
        let client = Client::new(transport);
        client.set_user(browser::load(storage_keys::USER));
        let client = StoredValue::new_local(Rc::new(client));
        let me = LocalResource::new(move || {
            let api = client.get_value();
            async move { api.me().await }
        });
        let ctx = ApiContext {
            client,
            me,
            #[cfg(feature = "demo")]
            mock: StoredValue::new_local(handle),
        };
        provide_context(ctx);
        ctx
    }

    /// The client, for one call.
    pub fn client(&self) -> Rc<Api> {
        self.client.get_value()
    }

    /// The signed-in user and their tenant-wide permissions (`GET /me`, once).
    pub fn me(&self) -> LocalResource<Result<Me, ClientError>> {
        self.me
    }

    /// The mock backend's controls, when the app runs on it.
    #[cfg(feature = "demo")]
    pub fn mock(&self) -> Option<mock::MockHandle> {
        self.mock.get_value()
    }
}

/// The API of the running app; call `.client()` where a request is made.
pub fn use_api() -> ApiContext {
    expect_context::<ApiContext>()
}
