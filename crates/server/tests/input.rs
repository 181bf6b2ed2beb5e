//! Bad input gets a clear 4xx with the error shape: never a 500, never a panic.

mod common;

use common::{request, Server};
use reservation_api::{reservation_resource_id, ApiErrorBody, Method, Route};
use reservation_mock::demo::{CONTOSO_ID, VM_UPFRONT};

/// Asserts a 4xx with the API's error body; returns its code.
fn client_error(status: u16, body: &str) -> String {
    assert!((400..500).contains(&status), "{status}: {body}");
    let err: ApiErrorBody =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("error shape: {e}: {body}"));
    assert!(!err.error.message.is_empty());
    err.error.code
}

/// POSTs headers declaring a 1 MiB JSON body to `path` without sending it; the status and
/// body of the answer.
fn declared_too_big(base: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(host).expect("connect");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        1024 * 1024 + 64
    );
    stream.write_all(head.as_bytes()).expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn refund_path() -> String {
    format!(
        "/api{}",
        Route::CalculateRefund {
            customer: CONTOSO_ID.into(),
            order: VM_UPFRONT.0.into(),
        }
        .path()
    )
}

fn reservation_path() -> String {
    format!(
        "/api{}",
        Route::Reservation {
            customer: CONTOSO_ID.into(),
            order: VM_UPFRONT.0.into(),
            reservation: VM_UPFRONT.1.into(),
        }
        .path()
    )
}

#[test]
fn bodies_too_big_invalid_json_and_wrong_types() {
    let s = Server::demo();
    // A body over the limit is refused from its declared length, before it is read. (Sending
    // the whole megabyte races the server's answer: it may close while the client still
    // writes, a broken pipe.)
    let (status, body) = declared_too_big(&s.base, &refund_path());
    assert_eq!(status, 413);
    assert_eq!(client_error(status, &body), "PayloadTooLarge");

    for body in [
        "{",
        "not json",
        "[]",
        "null",
        "{\"reservationId\": 5, \"quantity\": \"one\"}",
        "{\"reservationId\": \"x\", \"quantity\": -1}",
        "{\"reservationId\": \"x\", \"quantity\": 1e99}",
        "{\"quantity\": 1}",
    ] {
        let r = request(&s.base, Method::Post, &refund_path(), &[], Some(body));
        client_error(r.status, &r.body);
    }
    // Not UTF-8 at all.
    let agent = ureq::AgentBuilder::new().build();
    let resp = agent
        .post(&format!("{}{}", s.base, refund_path()))
        .send_bytes(&[0xff, 0xfe, 0x00, 0x80]);
    let resp = match resp {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{e}"),
    };
    let status = resp.status();
    client_error(status, &resp.into_string().unwrap());
    // The server is still fine.
    let r = request(&s.base, Method::Get, "/api/me", &[], None);
    assert_eq!(r.status, 200);
}

#[test]
fn sql_metacharacters_and_long_strings_are_plain_text() {
    let mut s = Server::demo();
    let nasty = "'; DROP TABLE customers; -- \" OR 1=1 /* %_ \\";
    let q: String = form_encode(nasty);
    let r = request(
        &s.base,
        Method::Get,
        &format!("/api/customers?search={q}"),
        &[],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("\"totalCount\":0"), "{}", r.body);
    // 10,000 characters (ASCII: a URI over 64 KiB is refused by the HTTP layer with 414).
    let long = "a'".repeat(5_000);
    let r = request(
        &s.base,
        Method::Get,
        &format!("/api/customers?search={}", form_encode(&long)),
        &[],
        None,
    );
    assert!(
        r.status == 200 || (400..500).contains(&r.status),
        "{}",
        r.status
    );
    if r.status != 200 {
        client_error(r.status, &r.body);
    }

    // A name with SQL in it is stored as text and survives a restart.
    let get = request(&s.base, Method::Get, &reservation_path(), &[], None);
    let etag = get
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("etag"))
        .map(|(_, v)| v.clone())
        .expect("etag");
    let name = "vm'); DROP TABLE reservations;--";
    let body = serde_json::json!({"properties": {"displayName": name}}).to_string();
    let r = request(
        &s.base,
        Method::Patch,
        &reservation_path(),
        &[("If-Match", &etag)],
        Some(&body),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // 10,000 characters: refused with a clear message.
    let body = serde_json::json!({"properties": {"displayName": "n".repeat(10_000)}}).to_string();
    let r = request(
        &s.base,
        Method::Patch,
        &reservation_path(),
        &[("If-Match", "*")],
        Some(&body),
    );
    client_error(r.status, &r.body);

    s.restart_with(&["--demo", "--today", "2026-11-28"]);
    let r = request(&s.base, Method::Get, &reservation_path(), &[], None);
    assert_eq!(r.status, 200);
    assert!(r.body.contains("DROP TABLE reservations"), "{}", r.body);
    let r = request(&s.base, Method::Get, "/api/customers", &[], None);
    assert_eq!(r.status, 200);
}

#[test]
fn unknown_ids_routes_and_traversal() {
    let s = Server::demo();
    let unknown = "00000000-0000-0000-0000-000000000000";
    for path in [
        format!("/api/customers/{unknown}"),
        format!("/api/customers/{CONTOSO_ID}/reservationOrders/{unknown}"),
        format!(
            "/api/customers/{CONTOSO_ID}/reservationOrders/{}/reservations/{unknown}",
            VM_UPFRONT.0
        ),
        format!("/api/customers/{CONTOSO_ID}/supportRequests/9999"),
        format!("/api/customers/{}%27%3B--/reservations", "x"),
        "/api/nothing/here".to_string(),
        "/api/..%2f..%2fetc/passwd".to_string(),
        "/..%2f..%2fetc/passwd".to_string(),
    ] {
        let r = request(&s.base, Method::Get, &path, &[], None);
        assert!(!client_error(r.status, &r.body).is_empty(), "{path}");
    }
    // A reservation id in a body that is no reservation id.
    let body = serde_json::json!({
        "reservationId": reservation_resource_id(unknown, unknown),
        "quantity": 1
    })
    .to_string();
    let r = request(&s.base, Method::Post, &refund_path(), &[], Some(&body));
    client_error(r.status, &r.body);
}

/// Percent-encodes a query value.
fn form_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
