//! Operations endpoints: `/healthz` (the process is up), `/readyz` (the database answers) and
//! `/metrics` (Prometheus text format).

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::http::AppState;

/// Counter of requests, by method, route and status.
pub const REQUESTS_TOTAL: &str = "http_requests_total";
/// Histogram of request latency in seconds, by method, route and status.
pub const REQUEST_SECONDS: &str = "http_request_duration_seconds";

/// Latency buckets (seconds): sub-millisecond reads up to multi-second write bursts.
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// How the store's connections are used right now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PoolUse {
    /// Connections the store may hold.
    pub max: u64,
    /// Connections busy with a request.
    pub in_use: u64,
    /// Open connections nobody is using.
    pub idle: u64,
}

/// What `/metrics` asks for the store's connection use (the pool's size and idle count).
pub type PoolMeter = Arc<dyn Fn() -> PoolUse + Send + Sync>;

/// The process's Prometheus recorder, installed on first use (the `metrics` facade has one
/// global recorder; a second router in the same process shares it).
pub fn prometheus() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.to_string()), LATENCY_BUCKETS)
                .and_then(|b| b.install_recorder());
            match recorder {
                Ok(handle) => {
                    // Without the exporter's own HTTP listener, someone has to drain the
                    // histograms' buffers now and then, or they grow between scrapes.
                    let upkeep = handle.clone();
                    if let Ok(rt) = tokio::runtime::Handle::try_current() {
                        rt.spawn(async move {
                            let mut tick = tokio::time::interval(Duration::from_secs(5));
                            loop {
                                tick.tick().await;
                                upkeep.run_upkeep();
                            }
                        });
                    }
                    Some(handle)
                }
                Err(e) => {
                    tracing::warn!("metrics disabled: {e}");
                    None
                }
            }
        })
        .as_ref()
}

/// `GET /healthz`: the process is up and answering HTTP.
pub async fn healthz() -> Response {
    plain(StatusCode::OK, "ok\n")
}

/// `GET /readyz`: 200 when the database answers with the schema this build migrates to, 503
/// with the reason otherwise (a load balancer then stops sending traffic here).
pub async fn readyz(State(app): State<Arc<AppState>>) -> Response {
    match app.backend.ready().await {
        Ok(()) => plain(StatusCode::OK, "ready\n"),
        Err(why) => {
            tracing::warn!(reason = %why, "not ready");
            plain(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("not ready: {why}\n"),
            )
        }
    }
}

/// `GET /metrics`: request counts and latencies by route and status, and the store's
/// connection use, in the Prometheus text format.
pub async fn metrics(State(app): State<Arc<AppState>>) -> Response {
    let Some(handle) = prometheus() else {
        return plain(StatusCode::NOT_FOUND, "metrics are disabled\n");
    };
    let pool = (app.pool_meter)();
    // Gauges are set at scrape time: the reading is what the pool is now.
    #[allow(clippy::cast_precision_loss)]
    for (state, n) in [("in_use", pool.in_use), ("idle", pool.idle)] {
        metrics::gauge!("db_pool_connections", "state" => state).set(n as f64);
    }
    #[allow(clippy::cast_precision_loss)]
    {
        metrics::gauge!("db_pool_max_connections").set(pool.max as f64);
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

fn plain(status: StatusCode, body: impl Into<String>) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.into(),
    )
        .into_response()
}
