//! The HTTP front: axum routes and tower-http layers. `/api/...` goes to the backend,
//! `/healthz`, `/readyz` and `/metrics` to [`crate::ops`], everything else is the app from
//! `--dist` (with the SPA fallback); security headers on every response.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method as HttpMethod, StatusCode};
use axum::middleware::{from_fn_with_state, map_response};
use axum::response::Response;
use axum::routing::{any, get, MethodRouter};
use axum::Router;
use base64::Engine;
use reservation_api::{codes, HttpRequest, HttpResponse, Method};
use reservation_mock::Failure;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::fs::ServeFileSystemResponseBody;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::backend::{Backend, Identity};
use crate::ops::{self, PoolMeter, PoolUse};
use crate::telemetry::{self, LogResponse, RequestSpan};

/// Largest request body accepted (bigger: 413).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Error code of a body over [`MAX_BODY_BYTES`].
pub const PAYLOAD_TOO_LARGE: &str = "PayloadTooLarge";

/// The release build of the app, served next to the API.
pub struct Dist {
    root: PathBuf,
    csp: String,
    /// The build's files, with `.br`/`.gz` siblings sent instead when the client takes them.
    files: ServeDir,
    /// `index.html`, for client-side routes.
    index: ServeFile,
}

impl Dist {
    /// Reads `index.html` under `dir` to hash its inline scripts for the Content-Security-Policy.
    pub fn open(dir: &Path) -> std::io::Result<Dist> {
        let root = dir.canonicalize()?;
        let index = std::fs::read_to_string(root.join("index.html"))?;
        Ok(Dist {
            csp: content_security_policy(&inline_script_hashes(&index)),
            files: ServeDir::new(&root).precompressed_br().precompressed_gzip(),
            index: ServeFile::new(root.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
            root,
        })
    }
}

/// Everything a request handler needs.
pub struct AppState {
    /// The API backend.
    pub backend: Backend,
    /// The app's build, when serving it.
    pub dist: Option<Dist>,
    /// How the backend learns who a request is (the request log names that user).
    pub identity: Identity,
    /// The store's connection use, for `/metrics`.
    pub pool_meter: PoolMeter,
}

impl AppState {
    /// The state for a backend; `identity` is the one the backend was built with.
    pub fn new(backend: Backend, dist: Option<Dist>, identity: Identity) -> AppState {
        let store = backend.store().clone();
        AppState {
            backend,
            dist,
            identity,
            pool_meter: Arc::new(move || {
                let pool = store.pool_use();
                PoolUse {
                    max: u64::from(pool.max),
                    in_use: u64::from(pool.open.saturating_sub(pool.idle)),
                    idle: u64::from(pool.idle),
                }
            }),
        }
    }
}

/// A GET route whose other methods answer 405 in the API's error shape.
fn get_only<H, T>(handler: H) -> MethodRouter<Arc<AppState>>
where
    H: axum::handler::Handler<T, Arc<AppState>>,
    T: 'static,
{
    get(handler)
        .fallback(|| async { error(405, codes::METHOD_NOT_ALLOWED, "Only GET and HEAD here.") })
}

/// The router. Layers listed last wrap the others: the request id is set first, so the trace
/// span and the log line carry it.
pub fn router(app: Arc<AppState>) -> Router {
    let _ = ops::prometheus();
    let csp = app
        .dist
        .as_ref()
        .map_or_else(|| content_security_policy(&[]), |d| d.csp.clone());
    let csp = HeaderValue::from_str(&csp)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    Router::new()
        .route("/healthz", get_only(ops::healthz))
        .route("/readyz", get_only(ops::readyz))
        .route("/metrics", get_only(ops::metrics))
        .route("/config.json", get_only(config))
        // The backend routes and answers (404/405 included): one entry for the API.
        .route("/api", any(api))
        .route("/api/", any(api))
        .route("/api/{*rest}", any(api))
        .fallback(static_file)
        .with_state(app.clone())
        // A declared Content-Length over the limit is refused before the body is read; a
        // longer streamed body fails while `api` reads it.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(map_response(payload_too_large_as_json))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(from_fn_with_state(app, telemetry::tag))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(RequestSpan)
                .on_request(())
                .on_response(LogResponse)
                // 5xx are logged once, by `LogResponse`, at error level.
                .on_failure(()),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

fn too_large() -> Response {
    to_response(
        Failure::new(
            413,
            PAYLOAD_TOO_LARGE,
            format!("The body may have at most {MAX_BODY_BYTES} bytes."),
        )
        .into_response(),
    )
}

/// `RequestBodyLimitLayer` answers a declared oversize body in plain text: give it the API's
/// error shape.
async fn payload_too_large_as_json(res: Response) -> Response {
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE && !json {
        too_large()
    } else {
        res
    }
}

/// Whether reading a body failed on the body limit (not, say, a dropped connection).
fn is_length_limit(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cur = err.source();
    }
    false
}

async fn api(State(app): State<Arc<AppState>>, req: Request) -> Response {
    let method = match *req.method() {
        HttpMethod::GET => Method::Get,
        HttpMethod::POST => Method::Post,
        HttpMethod::PUT => Method::Put,
        HttpMethod::PATCH => Method::Patch,
        HttpMethod::DELETE => Method::Delete,
        _ => {
            return error(
                405,
                codes::METHOD_NOT_ALLOWED,
                "Use GET, POST, PATCH or DELETE.",
            )
        }
    };
    let uri = req.uri();
    let rest = uri.path().strip_prefix("/api").unwrap_or("");
    let path = match uri.query() {
        Some(q) => format!("{rest}?{q}"),
        None => rest.to_string(),
    };
    // Only UTF-8 header values can matter to the API.
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
        .collect();
    // The limit itself is `RequestBodyLimitLayer`'s.
    let bytes = match to_bytes(req.into_body(), usize::MAX).await {
        Ok(b) => b,
        Err(e) if is_length_limit(&e) => return too_large(),
        Err(_) => return error(400, codes::INVALID_JSON, "The body could not be read."),
    };
    let body = if bytes.is_empty() {
        None
    } else {
        match String::from_utf8(bytes.to_vec()) {
            Ok(s) => Some(s),
            Err(_) => return error(400, codes::INVALID_JSON, "The body is not UTF-8 text."),
        }
    };
    let req = HttpRequest {
        method,
        path,
        headers,
        body,
    };
    // A panicking handler fails its own request, not the process.
    let answer = tokio::spawn(async move { app.backend.handle(&req).await }).await;
    match answer {
        Ok(r) => to_response(r),
        Err(_) => error(
            500,
            codes::INTERNAL_SERVER_ERROR,
            "The request failed unexpectedly.",
        ),
    }
}

fn to_response(r: HttpResponse) -> Response {
    let mut b = Response::builder()
        .status(StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    for (k, v) in &r.headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(Body::from(r.body)).unwrap_or_else(|_| {
        let mut resp = Response::new(Body::from("{}"));
        *resp.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        resp
    })
}

fn error(status: u16, code: &str, message: &str) -> Response {
    to_response(Failure::new(status, code, message).into_response())
}

/// The app's `config.json`: this server's API, over HTTP.
async fn config() -> Response {
    let body = serde_json::json!({
        "backend": "http",
        "apiBaseUrl": "/api",
        "timeoutMs": 15000
    })
    .to_string();
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from(body))
        .unwrap_or_default()
}

/// The build's files through `ServeDir` (content type, ranges, conditional requests,
/// precompressed siblings), after the checks `ServeDir` does not make: plain names only, and
/// nothing outside the build even through a symlink.
async fn static_file(State(app): State<Arc<AppState>>, req: Request) -> Response {
    if !matches!(*req.method(), HttpMethod::GET | HttpMethod::HEAD) {
        return error(405, codes::METHOD_NOT_ALLOWED, "Only GET and HEAD here.");
    }
    let Some(dist) = &app.dist else {
        return error(
            404,
            codes::ROUTE_NOT_FOUND,
            "This server serves the API only (no --dist).",
        );
    };
    let Some(rel) = safe_relative(req.uri().path()) else {
        return error(
            400,
            codes::INVALID_INPUT,
            "The path is not a plain path under the site.",
        );
    };
    let candidate = dist.root.join(&rel);
    let file = match candidate.canonicalize() {
        // A symlink out of the build does not count as under it.
        Ok(p) if p.starts_with(&dist.root) && p.is_file() => Some(p),
        Ok(p) if p.starts_with(&dist.root) && p.is_dir() => {
            Some(p.join("index.html")).filter(|p| p.is_file())
        }
        _ => None,
    };
    let (served, cache) = match file {
        Some(f) => (
            dist.files.clone().oneshot(req).await,
            cache_control(&f, false),
        ),
        // Client-side routes (no file extension) get the app; missing assets get a 404.
        None if !rel
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains('.')) =>
        {
            (
                dist.index.clone().oneshot(req).await,
                cache_control(&dist.root.join("index.html"), true),
            )
        }
        None => return error(404, codes::ROUTE_NOT_FOUND, "No such file."),
    };
    finish_file(served, cache)
}

fn finish_file(
    served: Result<Response<ServeFileSystemResponseBody>, Infallible>,
    cache: &'static str,
) -> Response {
    let res = match served {
        Ok(r) => r,
        Err(never) => match never {},
    };
    // Gone since the check above, or unreadable.
    if res.status() == StatusCode::NOT_FOUND {
        return error(404, codes::ROUTE_NOT_FOUND, "No such file.");
    }
    let mut res = res.map(Body::new);
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // Which copy is sent (`.br`, `.gz`, compressed now or not) depends on Accept-Encoding;
    // shared caches must know. (`CompressionLayer` does not add it a second time.)
    h.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}

/// The decoded request path as a relative path of plain names; `None` for `..`, absolute parts,
/// backslashes, NUL or undecodable bytes.
pub fn safe_relative(raw: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut out = PathBuf::new();
    for part in Path::new(decoded.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// `'sha256-…'` of every inline `<script>` (one without `src`) in an HTML page.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        let body = &after[body_start..body_start + close];
        if !tag.contains(" src=") && !body.is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &after[body_start + close..];
    }
    hashes
}

/// How long browsers may keep a build file: for good when its name carries its content's hash;
/// never without asking when it is the app (`index.html`, a deep link) or data read at start
/// (`locales/*.json`: a stale catalogue would lack a new release's texts); an hour otherwise.
fn cache_control(file: &Path, spa: bool) -> &'static str {
    if spa || file.ends_with("index.html") || file.extension().is_some_and(|e| e == "json") {
        "no-cache"
    } else if is_content_hashed(file) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    }
}

/// Whether a build file's name carries a hash of its content (Trunk's `name-<hash>.js`,
/// `name-<hash>_bg.wasm`, `main-<hash>.css`, and the split step's `chunk-<hash>.wasm`), so that
/// its content never changes under that name and browsers may keep it for good.
fn is_content_hashed(file: &Path) -> bool {
    let Some(stem) = file.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty() && hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The policy: own origin only, the wasm allowed to compile, inline scripts only by hash.
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let mut script = String::from("'self' 'wasm-unsafe-eval'");
    for h in script_hashes {
        script.push(' ');
        script.push_str(h);
    }
    format!(
        "default-src 'self'; script-src {script}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_content_hashed_build_files_are_immutable() {
        use super::is_content_hashed;
        use std::path::Path;
        for hashed in [
            "reservations-dashboard-54391c8284d1e9f8_bg.wasm",
            "reservations-dashboard-54391c8284d1e9f8.js",
            "main-ada8771abc65e8c6.css",
            "split_browse_pages_5472540621750598642-7b00df4602b9fddb.wasm",
            "chunk_8-7fe930cf2dbd3947.wasm",
            "__wasm_split-d985a9d8fb041224.js",
        ] {
            assert!(is_content_hashed(Path::new(hashed)), "{hashed}");
        }
        for plain in [
            "index.html",
            "config.json",
            "robots.txt",
            "my-file.js",
            "-abcdef012.js",
        ] {
            assert!(!is_content_hashed(Path::new(plain)), "{plain}");
        }
    }

    #[test]
    fn the_app_and_its_texts_are_revalidated_hashed_files_kept() {
        let immutable = "public, max-age=31536000, immutable";
        for (file, spa, expected) in [
            ("dist/index.html", false, "no-cache"),
            ("dist/index.html", true, "no-cache"),
            ("dist/locales/ko.json", false, "no-cache"),
            ("dist/locales/en.json", false, "no-cache"),
            ("dist/main-ada8771abc65e8c6.css", false, immutable),
            ("dist/chunk_8-7fe930cf2dbd3947.wasm", false, immutable),
            ("dist/robots.txt", false, "public, max-age=3600"),
        ] {
            assert_eq!(cache_control(Path::new(file), spa), expected, "{file}");
        }
    }

    use super::*;

    #[test]
    fn traversal_is_refused() {
        assert!(safe_relative("/..%2f..%2fetc/passwd").is_none());
        assert!(safe_relative("/a/../../b").is_none());
        assert!(safe_relative("/a%5c..%5cb").is_none());
        assert_eq!(
            safe_relative("/pkg/app.js"),
            Some(PathBuf::from("pkg/app.js"))
        );
    }

    #[test]
    fn hashes_only_inline_scripts() {
        let html = r#"<script src="/a.js"></script><script type="module">go()</script>"#;
        let h = inline_script_hashes(html);
        assert_eq!(h.len(), 1);
        assert!(h[0].starts_with("'sha256-"));
        assert!(content_security_policy(&h).contains("'wasm-unsafe-eval'"));
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_told_from_other_read_errors() {
        let body = Body::new(http_body_util::Limited::new(Body::from(vec![0u8; 10]), 5));
        let e = to_bytes(body, usize::MAX)
            .await
            .expect_err("over the limit");
        assert!(is_length_limit(&e));
        let io = std::io::Error::other("connection reset");
        assert!(!is_length_limit(&io));
    }
}
