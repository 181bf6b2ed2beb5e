//! Logs and request metrics: a `tracing` subscriber (text or JSON on stderr), and one log line
//! plus the Prometheus counters per request, written from tower-http's `TraceLayer`.

use std::io::IsTerminal;
use std::mem::discriminant;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;
use reservation_api::{Route, HEADER_DEMO_USER};
use reservation_mock::DEFAULT_USER;
use tower_http::trace::{MakeSpan, OnResponse};
use tracing::Span;
use tracing_subscriber::EnvFilter;

use crate::backend::Identity;
use crate::http::AppState;
use crate::ops::{REQUESTS_TOTAL, REQUEST_SECONDS};

/// How log lines are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One human-readable line per event.
    #[default]
    Text,
    /// One JSON object per line (for a log collector).
    Json,
}

/// Installs the process's subscriber, writing to stderr (stdout carries the `listening on`
/// line and the `users` command's output). `RUST_LOG` filters; the default is `info`.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second init (tests in one process) keeps the first subscriber.
    let _ = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        LogFormat::Json => builder
            .json()
            // The request's own fields at the top level, its span (the request id) beside them.
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}

/// What the request log and metrics say about a request, learnt before the handler runs and
/// carried to the response (where `TraceLayer` reads it) as a response extension.
#[derive(Clone, Debug)]
pub struct RequestInfo {
    /// The HTTP method.
    pub method: Method,
    /// The route template (`/api/customers/{id}/reservations`, `/healthz`, `/{*file}`).
    pub route: String,
    /// Who the request says it is (see [`user_label`]).
    pub user: String,
}

/// Middleware: attaches [`RequestInfo`] to the response.
pub async fn tag(State(app): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let info = RequestInfo {
        method: req.method().clone(),
        route: route_label(&req),
        user: user_label(&app.identity, req.headers()),
    };
    let mut res = next.run(req).await;
    res.extensions_mut().insert(info);
    res
}

/// The route template of a request: the API's path with its ids replaced, axum's matched route
/// otherwise, `/{*file}` for the app's files. Never a raw path, so metrics labels stay few.
fn route_label(req: &Request) -> String {
    let path = req.uri().path();
    if let Some(rest) = path
        .strip_prefix("/api")
        .filter(|r| r.is_empty() || r.starts_with('/'))
    {
        return api_route_label(rest);
    }
    match req.extensions().get::<MatchedPath>() {
        Some(m) => m.as_str().to_string(),
        None => "/{*file}".to_string(),
    }
}

/// `/api` plus the API path (relative to `/api`) with each id segment as `{id}`; an unknown
/// path is `/api/{unknown}`. A segment is an id when another value there is the same route.
pub fn api_route_label(rest: &str) -> String {
    let Some(route) = Route::parse(rest) else {
        return "/api/{unknown}".to_string();
    };
    let kind = discriminant(&route);
    let path = rest.split_once('?').map_or(rest, |(p, _)| p);
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let mut label = String::from("/api");
    for i in 0..segments.len() {
        let mut probe = segments.clone();
        probe[i] = "{id}";
        let is_id = Route::parse(&format!("/{}", probe.join("/")))
            .is_some_and(|r| discriminant(&r) == kind);
        label.push('/');
        label.push_str(if is_id { "{id}" } else { segments[i] });
    }
    label
}

/// The longest user value logged (the header is the client's, in demo mode).
const MAX_USER_CHARS: usize = 128;

/// Who a request says it is: the value of the identity header the backend reads (the proxy's,
/// or `x-demo-user` in demo mode), the demo's default user, or `-`. Only that one header,
/// which names a user and carries no secret.
pub fn user_label(identity: &Identity, headers: &HeaderMap) -> String {
    let header = if identity.demo {
        Some(HEADER_DEMO_USER)
    } else {
        identity.proxy_header.as_deref()
    };
    let value = header
        .and_then(|h| headers.get(h))
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty());
    match value {
        Some(v) => v.chars().take(MAX_USER_CHARS).collect(),
        None if identity.demo => DEFAULT_USER.to_string(),
        None => "-".to_string(),
    }
}

/// `TraceLayer`'s span: every event while the request runs carries its id.
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, req: &axum::http::Request<B>) -> Span {
        let id = req
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        tracing::info_span!("request", request_id = %id)
    }
}

/// `TraceLayer`'s response hook: the request's log line and its metrics.
#[derive(Clone, Copy, Debug, Default)]
pub struct LogResponse;

impl<B> OnResponse<B> for LogResponse {
    fn on_response(self, res: &axum::http::Response<B>, latency: Duration, _span: &Span) {
        let status = res.status().as_u16();
        let (method, route, user) = match res.extensions().get::<RequestInfo>() {
            Some(i) => (i.method.as_str(), i.route.as_str(), i.user.as_str()),
            None => ("-", "-", "-"),
        };
        // Any token is a method to HTTP: only the ones the server answers become labels, so
        // a client cannot grow the metrics without bound.
        let method_label = match method {
            "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
            _ => "OTHER",
        };
        let labels = [
            ("method", method_label.to_string()),
            ("route", route.to_string()),
            ("status", status.to_string()),
        ];
        metrics::counter!(REQUESTS_TOTAL, &labels).increment(1);
        metrics::histogram!(REQUEST_SECONDS, &labels).record(latency.as_secs_f64());
        let latency_ms = latency.as_secs_f64() * 1000.0;
        if status >= 500 {
            tracing::error!(%method, %route, status, latency_ms, %user, "request");
        } else {
            tracing::info!(%method, %route, status, latency_ms, %user, "request");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn api_routes_are_templates() {
        for (path, label) in [
            ("/me", "/api/me"),
            ("/customers?top=5", "/api/customers"),
            (
                "/customers/c-1/reservations",
                "/api/customers/{id}/reservations",
            ),
            (
                "/customers/c-1/reservationOrders/o-2/reservations/r-3/roleAssignments/a-4",
                "/api/customers/{id}/reservationOrders/{id}/reservations/{id}/roleAssignments/{id}",
            ),
            ("/reservations/summary", "/api/reservations/summary"),
            ("/alerts/x/snooze", "/api/alerts/{id}/snooze"),
            ("/nope/123", "/api/{unknown}"),
            ("", "/api/{unknown}"),
        ] {
            assert_eq!(api_route_label(path), label, "{path}");
        }
    }

    #[test]
    fn the_user_is_the_identity_header_only() {
        let mut h = HeaderMap::new();
        h.insert("x-demo-user", HeaderValue::from_static("reader"));
        h.insert(
            "x-forwarded-email",
            HeaderValue::from_static("ana@example.com"),
        );
        h.insert("authorization", HeaderValue::from_static("Bearer secret"));
        let demo = Identity {
            demo: true,
            proxy_header: None,
        };
        assert_eq!(user_label(&demo, &h), "reader");
        assert_eq!(user_label(&demo, &HeaderMap::new()), DEFAULT_USER);
        let proxied = Identity {
            demo: false,
            proxy_header: Some("X-Forwarded-Email".into()),
        };
        assert_eq!(user_label(&proxied, &h), "ana@example.com");
        assert_eq!(user_label(&Identity::default(), &h), "-");
    }
}
