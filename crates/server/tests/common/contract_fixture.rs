//! The fixture of the mock's contract suite (`crates/mock/tests/contract/suite.rs`) over a real
//! `reservation-server --demo` process, on the database `crate::database()` makes: one fresh
//! process and database per test.

use std::cell::RefCell;

use chrono::NaiveDate;
use reservation_api::{Client, HttpRequest, HttpResponse};

use crate::common::{Db, HttpTransport, Server};
use crate::suite::today;

/// The transport the suite's clients use.
pub type T = HttpTransport;

/// A fresh server with the demo seed, and a client acting as the default user.
pub struct Env {
    pub client: Client<T>,
    transport: HttpTransport,
    server: RefCell<Server>,
    _db: Db,
}

pub fn env() -> Env {
    let day = today().to_string();
    let db = crate::database();
    let server = Server::on(&db, &["--demo", "--today", &day]);
    let transport = server.transport();
    Env {
        client: Client::new(transport.clone()),
        transport,
        server: RefCell::new(server),
        _db: db,
    }
}

pub fn as_user(e: &Env, user: &str) -> Client<T> {
    Client::with_user(e.transport.clone(), user)
}

pub fn raw(e: &Env, req: HttpRequest) -> HttpResponse {
    e.transport.send_blocking(&req).unwrap()
}

/// The server's clock is fixed at start: restart it on the same database as of `day` (which
/// also shows every change so far survived a restart).
pub fn set_today(e: &Env, day: NaiveDate) {
    let day = day.to_string();
    let mut server = e.server.borrow_mut();
    server.restart_with(&["--demo", "--today", &day]);
    e.transport.set_base(&format!("{}/api", server.base));
}
