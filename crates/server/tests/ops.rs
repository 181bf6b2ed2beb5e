//! Operations: health and readiness probes, Prometheus metrics, request logs, request ids, and
//! compressed static files.

mod common;

use std::io::Read;
use std::time::{Duration, Instant};

use common::{get, Server};
use reservation_mock::demo::CONTOSO_ID;

/// A GET answered with its raw bytes (no decoding), and its headers.
fn get_bytes(
    base: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let agent = ureq::AgentBuilder::new().build();
    let mut r = agent.get(&format!("{base}{path}"));
    for (k, v) in headers {
        r = r.set(k, v);
    }
    let resp = match r.call() {
        Ok(resp) => resp,
        Err(ureq::Error::Status(_, resp)) => resp,
        Err(e) => panic!("{path}: {e}"),
    };
    let status = resp.status();
    let headers = resp
        .headers_names()
        .into_iter()
        .filter_map(|n| resp.header(&n).map(|v| (n.clone(), v.to_string())))
        .collect();
    let mut body = Vec::new();
    resp.into_reader().read_to_end(&mut body).expect("body");
    (status, headers, body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .expect("gzip");
    out
}

/// Waits (a few seconds at most) until `found` holds for the server's output.
fn wait_for_output(s: &Server, found: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let out = s.output();
        if found(&out) || start.elapsed() > Duration::from_secs(5) {
            return out;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn healthz_is_up_and_readyz_follows_the_database() {
    let s = Server::demo();
    let health = get(&s.base, "/healthz", &[]);
    assert_eq!(health.status, 200, "{}", health.body);
    // Probes get the same security headers as everything else.
    assert!(health
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("x-content-type-options") && v == "nosniff"));
    let ready = get(&s.base, "/readyz", &[]);
    assert_eq!(ready.status, 200, "{}", ready.body);

    // The database goes away: the file is moved off (as an unmounted volume or a deleted
    // file would). The server's open connection would still answer from the old file, so
    // readiness opens the path anew and finds nothing there.
    let moved = s.db.with_extension("moved");
    std::fs::rename(&s.db, &moved).expect("move the database away");
    let down = get(&s.base, "/readyz", &[]);
    assert_eq!(down.status, 503, "{}", down.body);
    assert!(down.body.starts_with("not ready"), "{}", down.body);
    // Replaced by something that is not a database at all: still not ready.
    std::fs::create_dir(&s.db).expect("a directory in its place");
    assert_eq!(get(&s.base, "/readyz", &[]).status, 503);
    // The process itself is fine all along.
    assert_eq!(get(&s.base, "/healthz", &[]).status, 200);

    std::fs::remove_dir(&s.db).expect("remove the directory");
    std::fs::rename(&moved, &s.db).expect("put the database back");
    let back = get(&s.base, "/readyz", &[]);
    assert_eq!(back.status, 200, "{}", back.body);
}

#[test]
fn a_database_of_another_schema_is_not_ready() {
    let s = Server::demo();
    {
        let conn = rusqlite::Connection::open(&s.db).expect("open");
        conn.execute(
            "UPDATE meta SET meta_value = '4' WHERE meta_key = 'schema_version'",
            [],
        )
        .expect("update");
    }
    let r = get(&s.base, "/readyz", &[]);
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("schema version"), "{}", r.body);
}

#[test]
fn metrics_count_requests_by_route_and_status() {
    let s = Server::demo();
    let path = format!("/api/customers/{CONTOSO_ID}/reservations?top=3");
    assert_eq!(get(&s.base, &path, &[]).status, 200);
    assert_eq!(get(&s.base, "/api/nope", &[]).status, 404);
    // A made-up method is counted, under one label for all such.
    match ureq::request("BREW", &format!("{}/api/me", s.base)).call() {
        Err(ureq::Error::Status(405, _)) => {}
        other => panic!("{other:?}"),
    }
    let m = get(&s.base, "/metrics", &[]);
    assert_eq!(m.status, 200);
    assert!(
        m.headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("content-type") && v.starts_with("text/plain")),
        "{:?}",
        m.headers
    );
    let line = |name: &str, route: &str, status: &str| {
        m.body
            .lines()
            .find(|l| {
                l.starts_with(name)
                    && l.contains(&format!("route=\"{route}\""))
                    && l.contains(&format!("status=\"{status}\""))
            })
            .unwrap_or_else(|| panic!("no {name} for {route} {status} in\n{}", m.body))
            .to_string()
    };
    // The route template, not the path with the customer's id.
    let counted = line(
        "http_requests_total{",
        "/api/customers/{id}/reservations",
        "200",
    );
    assert!(counted.contains("method=\"GET\""), "{counted}");
    assert!(counted.ends_with(" 1"), "{counted}");
    assert!(!m.body.contains(CONTOSO_ID));
    assert!(line("http_requests_total{", "/api/{unknown}", "404").ends_with(" 1"));
    assert!(line("http_requests_total{", "/api/me", "405").contains("method=\"OTHER\""));
    assert!(!m.body.contains("BREW"));
    let count = line(
        "http_request_duration_seconds_count{",
        "/api/customers/{id}/reservations",
        "200",
    );
    assert!(count.ends_with(" 1"), "{count}");
    assert!(m.body.contains("http_request_duration_seconds_bucket{"));
    // The store's pool: how many connections are open and idle, and how many it may open.
    assert!(
        m.body.contains("db_pool_connections{state=\"idle\"} ")
            && m.body.contains("db_pool_connections{state=\"in_use\"} ")
            && m.body.contains("db_pool_max_connections "),
        "{}",
        m.body
    );
    assert!(m.body.contains("db_pool_max_connections 4"), "{}", m.body);
}

#[test]
fn json_logs_one_line_per_request() {
    let s = Server::start_new(&["--demo", "--log-format", "json"]);
    let r = get(
        &s.base,
        &format!("/api/customers/{CONTOSO_ID}"),
        &[("x-request-id", "log-test-1"), ("x-demo-user", "reader")],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let out = wait_for_output(&s, |o| o.contains("log-test-1"));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .filter(|l| l.contains("log-test-1"))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 1, "{out}");
    let line = &lines[0];
    assert_eq!(line["route"], "/api/customers/{id}", "{line}");
    assert_eq!(line["method"], "GET", "{line}");
    assert_eq!(line["status"], 200, "{line}");
    assert_eq!(line["user"], "reader", "{line}");
    assert!(
        line["latency_ms"].as_f64().is_some_and(|ms| ms >= 0.0),
        "{line}"
    );
    assert_eq!(line["span"]["request_id"], "log-test-1", "{line}");
    // Every line the server wrote is JSON.
    for l in out.lines().filter(|l| !l.trim().is_empty()) {
        let _: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
    }
}

#[test]
fn text_logs_by_default_with_the_route_and_user() {
    let s = Server::demo();
    assert_eq!(
        get(&s.base, "/api/me", &[("x-request-id", "log-test-2")]).status,
        200
    );
    let out = wait_for_output(&s, |o| o.contains("log-test-2"));
    let line = out
        .lines()
        .find(|l| l.contains("log-test-2"))
        .unwrap_or_else(|| panic!("no line for the request in\n{out}"));
    for part in [
        "route=/api/me",
        "status=200",
        "latency_ms=",
        "user=admin",
        "method=GET",
    ] {
        assert!(line.contains(part), "{part}: {line}");
    }
}

#[test]
fn request_ids_are_echoed_or_made() {
    let s = Server::demo();
    let mine = get(&s.base, "/api/me", &[("x-request-id", "abc-123")]);
    assert_eq!(header(&mine.headers, "x-request-id"), Some("abc-123"));
    let made = get(&s.base, "/healthz", &[]);
    let id = header(&made.headers, "x-request-id").expect("an id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let other = get(&s.base, "/healthz", &[]);
    assert_ne!(header(&other.headers, "x-request-id"), Some(id));
}

#[test]
fn static_files_are_compressed_or_precompressed() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("pkg")).unwrap();
    std::fs::write(dist.join("index.html"), "<html><body>app</body></html>").unwrap();
    let js: String = (0..200)
        .map(|i| format!("export const value{i} = {i};\n"))
        .collect();
    std::fs::write(dist.join("pkg/app.js"), &js).unwrap();
    // A hashed file with a precompressed sibling that says which copy was sent.
    let hashed = "pkg/app-0123456789abcdef.js";
    std::fs::write(dist.join(hashed), &js).unwrap();
    let marker = "// from the .gz\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, marker.as_bytes()).unwrap();
    let gz_bytes = gz.finish().unwrap();
    std::fs::write(dist.join(format!("{hashed}.gz")), &gz_bytes).unwrap();
    let dist_arg = dist.to_string_lossy().to_string();
    let s = Server::start_new(&["--demo", "--dist", &dist_arg]);

    // Compressed on the fly.
    let (status, headers, body) = get_bytes(&s.base, "/pkg/app.js", &[("Accept-Encoding", "gzip")]);
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-encoding"),
        Some("gzip"),
        "{headers:?}"
    );
    assert!(body.len() < js.len(), "{} >= {}", body.len(), js.len());
    assert_eq!(gunzip(&body), js);
    assert!(header(&headers, "content-type").is_some_and(|t| t.starts_with("text/javascript")));
    assert_eq!(
        header(&headers, "cache-control"),
        Some("public, max-age=3600")
    );

    // The precompressed file as it is on disk.
    let (status, headers, body) = get_bytes(
        &s.base,
        &format!("/{hashed}"),
        &[("Accept-Encoding", "gzip")],
    );
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"));
    assert_eq!(body, gz_bytes);
    assert_eq!(header(&headers, "vary"), Some("accept-encoding"));
    assert_eq!(
        header(&headers, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );

    // Without Accept-Encoding: the plain file.
    let (status, headers, body) = get_bytes(&s.base, &format!("/{hashed}"), &[]);
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-encoding"), None);
    assert_eq!(String::from_utf8(body).unwrap(), js);

    // Client routes still get the app, revalidated.
    let (status, headers, body) = get_bytes(&s.base, "/customers/x", &[]);
    assert_eq!(status, 200);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "<html><body>app</body></html>"
    );
    assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
}
