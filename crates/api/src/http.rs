//! The transport abstraction: plain HTTP-shaped requests and responses, and the trait that sends them.

use std::future::Future;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

/// Header naming the demo user a request acts as (the mock backend's stand-in for sign-in).
pub const HEADER_DEMO_USER: &str = "x-demo-user";
/// Header carrying the version (`etag`) a PATCH expects the resource to have.
pub const HEADER_IF_MATCH: &str = "If-Match";
/// Header carrying a resource's current version on responses.
pub const HEADER_ETAG: &str = "ETag";
/// Header that makes a money-moving POST safe to retry.
pub const HEADER_IDEMPOTENCY_KEY: &str = "Idempotency-Key";
/// Header set on responses that were replayed for a repeated idempotency key.
pub const HEADER_IDEMPOTENT_REPLAY: &str = "Idempotent-Replayed";
/// The content-type header.
pub const HEADER_CONTENT_TYPE: &str = "Content-Type";
/// The JSON content type every body uses.
pub const CONTENT_TYPE_JSON: &str = "application/json";

/// An HTTP method used by the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// Reads a resource.
    Get,
    /// Creates a resource or runs an action.
    Post,
    /// Replaces a resource.
    Put,
    /// Updates part of a resource.
    Patch,
    /// Removes a resource.
    Delete,
}

impl Method {
    /// The method's name as sent on the wire (`GET`, `POST`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Finds a header by name, ignoring ASCII case.
fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// One API request: method, path with query string, headers and an optional JSON body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The path relative to the API base, including the query string (`/customers?top=25`).
    pub path: String,
    /// Request headers as name/value pairs.
    pub headers: Vec<(String, String)>,
    /// The JSON body, if any.
    pub body: Option<String>,
}

impl HttpRequest {
    /// A request without headers or body.
    pub fn new(method: Method, path: impl Into<String>) -> HttpRequest {
        HttpRequest {
            method,
            path: path.into(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> HttpRequest {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// Sets the JSON body (builder style).
    pub fn with_body(mut self, body: impl Into<String>) -> HttpRequest {
        self.body = Some(body.into());
        self
    }

    /// The value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The path without its query string.
    pub fn path_only(&self) -> &str {
        self.path
            .split_once('?')
            .map_or(self.path.as_str(), |(p, _)| p)
    }

    /// The query string without the leading `?` (empty when there is none).
    pub fn query(&self) -> &str {
        self.path.split_once('?').map_or("", |(_, q)| q)
    }
}

/// One API response: status, headers and the (JSON) body text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Response headers as name/value pairs.
    pub headers: Vec<(String, String)>,
    /// The body text (JSON for every API response).
    pub body: String,
}

impl HttpResponse {
    /// The value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why a request produced no HTTP response at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TransportError {
    /// The network failed (offline, DNS, connection reset, CORS ...).
    #[error("network error: {0}")]
    Network(String),
    /// No response arrived in time.
    #[error("the request timed out")]
    Timeout,
    /// The request was cancelled by the caller.
    #[error("the request was aborted")]
    Aborted,
}

/// Sends requests somewhere: over HTTP in the browser, or into the embedded mock backend.
///
/// No `Send` bound: the browser is single-threaded and its futures are not `Send`.
pub trait Transport {
    /// Sends one request and waits for its response.
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>>;
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        (**self).send(req)
    }
}

impl<T: Transport + ?Sized> Transport for Rc<T> {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        (**self).send(req)
    }
}
