//! The HTTP transport for real deployments (gloo-net over `fetch`).

use std::cell::Cell;
use std::rc::Rc;

use futures::future::{select, Either};
use gloo_net::http::{Method as FetchMethod, RequestBuilder};
use gloo_timers::future::TimeoutFuture;
use reservation_api::{HttpRequest, HttpResponse, Method, TransportError};
use web_sys::AbortController;

/// Sends API requests to `base_url` with a timeout.
pub struct HttpTransport {
    base_url: String,
    timeout_ms: u32,
}

/// Aborts the request when the future that owns it is dropped, e.g. because the user left the
/// page whose resource started it; does nothing once the request has finished.
struct AbortOnDrop {
    controller: Option<AbortController>,
    done: Rc<Cell<bool>>,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.controller {
            if !self.done.get() {
                controller.abort();
            }
        }
    }
}

impl HttpTransport {
    /// A transport for the API at `base_url`.
    pub fn new(base_url: &str, timeout_ms: u32) -> HttpTransport {
        HttpTransport {
            base_url: base_url.trim_end_matches('/').to_string(),
            timeout_ms,
        }
    }

    /// Sends one request; network failures, timeouts and aborts become `TransportError`s.
    pub async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let done = Rc::new(Cell::new(false));
        let controller = AbortController::new().ok();
        let _guard = AbortOnDrop {
            controller: controller.clone(),
            done: done.clone(),
        };
        let url = format!("{}{}", self.base_url, req.path);
        let mut builder = RequestBuilder::new(&url)
            .method(fetch_method(req.method))
            .header("Accept", "application/json")
            .abort_signal(controller.as_ref().map(|c| c.signal()).as_ref());
        for (name, value) in &req.headers {
            builder = builder.header(name, value);
        }
        let request = match req.body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body),
            None => builder.build(),
        }
        .map_err(|e| TransportError::Network(e.to_string()))?;

        let exchange = async {
            let response = request
                .send()
                .await
                .map_err(|e| TransportError::Network(e.to_string()))?;
            let status = response.status();
            let headers = response.headers().entries().collect();
            let body = response
                .text()
                .await
                .map_err(|e| TransportError::Network(e.to_string()))?;
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        };
        let timeout = TimeoutFuture::new(self.timeout_ms);
        let result = match select(Box::pin(exchange), timeout).await {
            Either::Left((result, _)) => result,
            Either::Right(((), _)) => Err(TransportError::Timeout),
        };
        // A timed-out request is aborted by the guard; a finished one is left alone.
        done.set(result.is_ok());
        result
    }
}

fn fetch_method(method: Method) -> FetchMethod {
    match method {
        Method::Get => FetchMethod::GET,
        Method::Post => FetchMethod::POST,
        Method::Put => FetchMethod::PUT,
        Method::Patch => FetchMethod::PATCH,
        Method::Delete => FetchMethod::DELETE,
    }
}
