//! Who may do what, which identity counts, what the static route serves, and the headers.

mod common;

use std::path::Path;
use std::process::Command;

use common::{binary, get, request, HttpTransport, Server};
use reservation_api::*;
use reservation_mock::demo::{CONTOSO_ID, VM_UPFRONT};

fn run<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

fn users(db: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(binary())
        .arg("--db")
        .arg(db)
        .arg("users")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// Everything a change could touch, as the API shows it.
fn snapshot(base: &str, h: &[(&str, &str)]) -> String {
    let mut all = String::new();
    let c = format!("/api/customers/{CONTOSO_ID}");
    for p in [
        format!("{c}/reservations?top=1000"),
        format!("{c}/refundLimitUsage"),
        format!("{c}/supportRequests"),
        format!("{c}/reservationOrders"),
        format!("{c}/reservationOrders/{}/auditEvents", VM_UPFRONT.0),
    ] {
        let r = get(base, &p, h);
        assert_eq!(r.status, 200, "{p}: {}", r.body);
        all.push_str(&r.body);
    }
    all
}

/// A demo database, then the same database served without `--demo`, trusting `header`.
fn proxied(header: &str) -> Server {
    let mut s = Server::demo();
    s.kill();
    let db = s.db.clone();
    assert!(users(&db, &["add", "boss@example.com", "--role", "Owner"]).0);
    assert!(users(&db, &["add", "reader@example.com", "--role", "reader"]).0);
    s.restart_with(&["--trust-proxy-header", header, "--today", "2026-11-28"]);
    s
}

#[test]
fn a_reader_cannot_change_anything() {
    let s = proxied("X-Forwarded-Email");
    let owner = [("X-Forwarded-Email", "boss@example.com")];
    let reader = [("X-Forwarded-Email", "READER@example.com")];
    let before = snapshot(&s.base, &owner);
    let list: Page<Reservation> = serde_json::from_str(
        &get(
            &s.base,
            &format!("/api/customers/{CONTOSO_ID}/reservations?top=1000"),
            &reader,
        )
        .body,
    )
    .unwrap();
    assert!(list.value.len() > 5);
    for r in &list.value {
        let (order, res) = parse_reservation_resource_id(&r.id).unwrap();
        let base = format!("/api/customers/{CONTOSO_ID}/reservationOrders/{order}");
        let res_path = format!("{base}/reservations/{res}");
        let etag = r.etag.to_string();
        let one = format!("{{\"reservationId\":\"{res}\",\"quantity\":1}}");
        let exchange = format!(
            "{{\"reservationsToExchange\":[{{\"reservationId\":\"{res}\",\"quantity\":1}}],\
             \"reservationsToPurchase\":[]}}"
        );
        let attempts: Vec<(Method, String, Option<String>)> = vec![
            (
                Method::Patch,
                res_path.clone(),
                Some(r#"{"properties":{"displayName":"mine"}}"#.into()),
            ),
            (
                Method::Patch,
                res_path.clone(),
                Some(r#"{"properties":{"renew":true,"appliedScopeType":"Shared"}}"#.into()),
            ),
            (Method::Post, format!("{base}/return"), Some(one)),
            (
                Method::Post,
                format!("/api/customers/{CONTOSO_ID}/exchange"),
                Some(exchange),
            ),
            (
                Method::Post,
                format!("{res_path}/roleAssignments"),
                Some(
                    r#"{"principalName":"reader@example.com","principalType":"User","role":"Owner"}"#
                        .into(),
                ),
            ),
        ];
        for (i, (method, path, body)) in attempts.into_iter().enumerate() {
            let key = format!("sneaky-{res}-{i}");
            let h = [
                reader[0],
                ("If-Match", etag.as_str()),
                ("Idempotency-Key", key.as_str()),
            ];
            let resp = request(&s.base, method, &path, &h, body.as_deref());
            assert_eq!(resp.status, 403, "{method} {path}: {}", resp.body);
        }
        let listed = get(&s.base, &format!("{res_path}/roleAssignments"), &owner);
        let listed: serde_json::Value = serde_json::from_str(&listed.body).unwrap();
        let items = listed
            .get("value")
            .unwrap_or(&listed)
            .as_array()
            .cloned()
            .unwrap_or_default();
        for a in items {
            let id = a["id"].as_str().unwrap_or_default();
            let id = id.rsplit('/').next().unwrap_or(id);
            let resp = request(
                &s.base,
                Method::Delete,
                &format!("{res_path}/roleAssignments/{id}"),
                &reader,
                None,
            );
            assert_eq!(resp.status, 403, "{}", resp.body);
        }
        // Methods the API does not have change nothing either.
        let resp = request(&s.base, Method::Put, &res_path, &reader, Some("{}"));
        assert_eq!(resp.status, 405);
    }
    assert_eq!(snapshot(&s.base, &owner), before);
}

#[test]
fn identity_comes_only_from_the_configured_header() {
    // Not demo, no header configured: nobody is signed in, whatever the request says.
    let mut s = proxied("X-Forwarded-Email");
    s.restart_with(&["--today", "2026-11-28"]);
    for h in [
        ("x-demo-user", "admin"),
        ("X-Forwarded-Email", "boss@example.com"),
        ("X-MS-CLIENT-PRINCIPAL-NAME", "boss@example.com"),
    ] {
        let r = get(&s.base, "/api/me", &[h]);
        assert_eq!(r.status, 401, "{h:?}: {}", r.body);
        assert!(r.body.contains("Unauthenticated"));
    }
    s.restart_with(&[
        "--trust-proxy-header",
        "X-MS-CLIENT-PRINCIPAL-NAME",
        "--today",
        "2026-11-28",
    ]);
    // Another header, or the demo switch, does not count.
    for h in [
        ("x-demo-user", "admin"),
        ("X-Forwarded-Email", "boss@example.com"),
    ] {
        assert_eq!(get(&s.base, "/api/me", &[h]).status, 401);
    }
    let r = get(
        &s.base,
        "/api/me",
        &[("X-MS-CLIENT-PRINCIPAL-NAME", "stranger@example.com")],
    );
    assert_eq!(r.status, 403, "{}", r.body);
    let r = get(
        &s.base,
        "/api/me",
        &[
            ("X-MS-CLIENT-PRINCIPAL-NAME", "boss@example.com"),
            ("x-demo-user", "reader"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let me: Me = serde_json::from_str(&r.body).unwrap();
    assert_eq!(me.user.id, "boss@example.com");
    assert_eq!(me.user.role, Some(Role::Owner));
    assert!(!me.demo);
    let demo_users = get(
        &s.base,
        "/api/demoUsers",
        &[("X-MS-CLIENT-PRINCIPAL-NAME", "boss@example.com")],
    );
    assert_eq!(demo_users.body, "[]");

    // Demo mode says so, and honours the switch.
    s.restart_with(&["--demo", "--today", "2026-11-28"]);
    let client = Client::with_user(s.transport(), "reader");
    let me = run(client.me()).unwrap();
    assert!(me.demo);
    assert_eq!(me.user.id, "reader");
}

#[test]
fn users_are_added_listed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    assert!(
        users(
            &db,
            &[
                "add",
                "ana@example.com",
                "--name",
                "Ana",
                "--role",
                "ReservationsAdministrator"
            ]
        )
        .0
    );
    let (ok, out) = users(&db, &["list"]);
    assert!(ok && out.contains("ana@example.com") && out.contains("ReservationsAdministrator"));
    let (ok, out) = users(&db, &["add", "x@example.com", "--role", "Emperor"]);
    assert!(!ok && out.contains("Emperor"), "{out}");
    assert!(users(&db, &["remove", "ana@example.com"]).0);
    assert!(!users(&db, &["list"]).1.contains("ana@"));
    assert!(!users(&db, &["remove", "ana@example.com"]).0);
}

#[test]
fn static_files_only_from_dist_with_headers() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("pkg")).unwrap();
    let script = "import init from '/pkg/app.js'; init();";
    std::fs::write(
        dist.join("index.html"),
        format!("<html><head><script type=\"module\">{script}</script></head></html>"),
    )
    .unwrap();
    std::fs::write(dist.join("pkg/app.js"), "export default 1;").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), dist.join("link.txt")).unwrap();
    let dist_arg = dist.to_string_lossy().to_string();
    let s = Server::start_new(&["--demo", "--dist", &dist_arg]);

    let index = get(&s.base, "/", &[]);
    assert_eq!(index.status, 200);
    assert!(index.body.contains(script));
    let spa = get(&s.base, "/customers/abc/reservations", &[]);
    assert_eq!((spa.status, spa.body.as_str()), (200, index.body.as_str()));
    let js = get(&s.base, "/pkg/app.js", &[]);
    assert_eq!(js.status, 200);
    assert!(header(&js, "content-type").starts_with("text/javascript"));
    let config = get(&s.base, "/config.json", &[]);
    let c: serde_json::Value = serde_json::from_str(&config.body).unwrap();
    assert_eq!(c["backend"], "http");
    assert_eq!(c["apiBaseUrl"], "/api");

    for path in [
        "/..%2f..%2fetc/passwd",
        "/..%2fsecret.txt",
        "/pkg/..%2f..%2fsecret.txt",
        "/link.txt",
        "/missing.js",
        "/%2e%2e/secret.txt",
    ] {
        let r = get(&s.base, path, &[]);
        assert!((400..500).contains(&r.status), "{path}: {}", r.status);
        assert!(
            !r.body.contains("secret") && !r.body.contains("root:"),
            "{path}"
        );
        let _: ApiErrorBody = serde_json::from_str(&r.body).expect("error shape");
    }

    // Every response: nosniff and a CSP that allows the wasm and only the hashed inline script.
    let hash = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()))
    };
    for r in [
        index,
        js,
        get(&s.base, "/api/me", &[]),
        get(&s.base, "/api/nope", &[]),
        get(&s.base, "/missing.js", &[]),
    ] {
        assert_eq!(header(&r, "x-content-type-options"), "nosniff");
        let csp = header(&r, "content-security-policy");
        let script_src = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .expect("script-src");
        assert!(script_src.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(script_src.contains(&format!("'sha256-{hash}'")), "{csp}");
        assert!(!script_src.contains("unsafe-inline"), "{csp}");
    }
    let _ = HttpTransport::new(&s.base);
}

#[test]
fn a_database_from_a_newer_build_is_refused() {
    let mut s = Server::demo();
    s.kill();
    {
        let conn = rusqlite::Connection::open(&s.db).unwrap();
        conn.execute(
            "UPDATE meta SET meta_value = '99' WHERE meta_key = 'schema_version'",
            [],
        )
        .unwrap();
    }
    let err = Server::start(&s.db, &["--demo"]).err().expect("refused");
    assert!(err.contains("schema version 99"), "{err}");
    assert!(err.contains("newer"), "{err}");
}

fn header(r: &HttpResponse, name: &str) -> String {
    r.headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}
