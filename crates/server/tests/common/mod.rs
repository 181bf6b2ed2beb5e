//! Test helpers: a real `reservation-server` process on a temporary database and a free port,
//! and a native `Transport` for the typed client over real HTTP.
#![allow(dead_code)]

use std::cell::RefCell;
use std::future::{ready, Future};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use reservation_api::{HttpRequest, HttpResponse, Method, Transport, TransportError};

pub mod pg;

/// The binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_reservation-server")
}

/// A running server process, killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The database file (SQLite), when not started on a URL.
    pub db: PathBuf,
    /// The `--database-url` it was started on, if any (instead of `--db`).
    pub url: Option<String>,
    /// The arguments it was started with (after `--db` or `--database-url`, and `--listen`).
    pub args: Vec<String>,
    /// Everything it wrote after the `listening on` line (stdout and stderr, the logs),
    /// read as it comes so that a chatty server never blocks on a full pipe.
    output: Arc<Mutex<String>>,
    _dir: Option<tempfile::TempDir>,
}

/// Copies `from` into `to` line by line until it closes.
fn drain(from: impl Read + Send + 'static, to: &Arc<Mutex<String>>) -> JoinHandle<()> {
    let to = to.clone();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(from);
        let mut line = String::new();
        while matches!(lines.read_line(&mut line), Ok(n) if n > 0) {
            if let Ok(mut out) = to.lock() {
                out.push_str(&line);
            }
            line.clear();
        }
    })
}

impl Server {
    /// Starts a server with `--demo` on a new temporary database.
    pub fn demo() -> Server {
        Server::start_new(&["--demo", "--today", "2026-11-28"])
    }

    /// Starts a server on a new temporary database with these extra arguments.
    pub fn start_new(args: &[&str]) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("data").join("test.db");
        let mut s = Server::start(&db, args).expect("server starts");
        s._dir = Some(dir);
        s
    }

    /// Starts a server on `db` with these extra arguments; the error output when it exits.
    pub fn start(db: &Path, args: &[&str]) -> Result<Server, String> {
        let mut s = Server::spawn(&["--db".as_ref(), db.as_os_str()], args)?;
        s.db = db.to_path_buf();
        Ok(s)
    }

    /// Starts a server on `--database-url url` with these extra arguments; the error output
    /// when it exits.
    pub fn start_url(url: &str, args: &[&str]) -> Result<Server, String> {
        let mut s = Server::spawn(&["--database-url".as_ref(), url.as_ref()], args)?;
        s.url = Some(url.to_string());
        Ok(s)
    }

    /// Starts a server on this database with these extra arguments (panics when it exits).
    pub fn on(db: &Db, args: &[&str]) -> Server {
        match db {
            Db::Sqlite(path, _) => Server::start(path, args),
            Db::Postgres(url) => Server::start_url(url, args),
        }
        .unwrap_or_else(|e| panic!("server starts on {db:?}: {e}"))
    }

    fn spawn(database: &[&std::ffi::OsStr], args: &[&str]) -> Result<Server, String> {
        let mut child = Command::new(binary())
            .args(database)
            .env_remove("DATABASE_URL")
            .env_remove("RESERVATION_DB")
            .arg("--listen")
            .arg("127.0.0.1:0")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let output = Arc::new(Mutex::new(String::new()));
        let stderr = drain(child.stderr.take().ok_or("no stderr")?, &output);
        let mut stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        let mut line = String::new();
        stdout.read_line(&mut line).map_err(|e| e.to_string())?;
        let Some(base) = line.trim().strip_prefix("reservation-server listening on ") else {
            let _ = child.wait();
            let _ = stderr.join();
            let err = output.lock().map(|o| o.clone()).unwrap_or_default();
            return Err(err);
        };
        drain(stdout, &output);
        Ok(Server {
            base: base.to_string(),
            child,
            db: PathBuf::new(),
            url: None,
            args: args.iter().map(|s| s.to_string()).collect(),
            output,
            _dir: None,
        })
    }

    /// Kills the process (SIGKILL: no chance to clean up) and waits for it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Kills it and starts it again on the same database, with these arguments.
    pub fn restart_with(&mut self, args: &[&str]) {
        self.kill();
        let fresh = match &self.url {
            Some(url) => Server::start_url(url, args),
            None => Server::start(&self.db, args),
        }
        .expect("server restarts");
        let dir = self._dir.take();
        *self = fresh;
        self._dir = dir;
    }

    /// What the server has written so far after its first line (its logs).
    pub fn output(&self) -> String {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A transport to this server's API.
    pub fn transport(&self) -> HttpTransport {
        HttpTransport::new(&format!("{}/api", self.base))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A database for servers to start on: a SQLite file in a temporary folder, or a fresh database
/// of this test binary's PostgreSQL cluster ([`pg::PgCluster::shared`]).
pub enum Db {
    /// The file, and the folder that holds it (removed when dropped).
    Sqlite(PathBuf, tempfile::TempDir),
    /// The URL.
    Postgres(String),
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Db::Sqlite(path, _) => write!(f, "SQLite {}", path.display()),
            Db::Postgres(url) => write!(f, "PostgreSQL {url}"),
        }
    }
}

impl Db {
    /// A new SQLite file (created by the first server).
    pub fn sqlite() -> Db {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("test.db");
        Db::Sqlite(path, dir)
    }

    /// A new database of the shared PostgreSQL cluster.
    pub fn postgres() -> Db {
        Db::Postgres(pg::PgCluster::shared().create_database())
    }

    /// Runs SQL statements on it from outside the server (to change the data behind its back).
    pub fn execute(&self, sql: &str) -> u64 {
        let url = match self {
            Db::Sqlite(path, _) => format!("sqlite://{}", path.display()),
            Db::Postgres(url) => url.clone(),
        };
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(async {
                use sqlx::Connection;
                sqlx::any::install_default_drivers();
                let mut conn = sqlx::AnyConnection::connect(&url)
                    .await
                    .unwrap_or_else(|e| panic!("connect to {self:?}: {e}"));
                let done = sqlx::raw_sql(sql)
                    .execute(&mut conn)
                    .await
                    .unwrap_or_else(|e| panic!("{sql} on {self:?}: {e}"));
                let _ = conn.close().await;
                done.rows_affected()
            })
    }
}

/// The typed client's transport over real HTTP (blocking inside the future: fine for tests).
#[derive(Clone)]
pub struct HttpTransport {
    base: Rc<RefCell<String>>,
    agent: ureq::Agent,
}

impl HttpTransport {
    /// A transport to the API at `base` (`http://host:port/api`).
    pub fn new(base: &str) -> HttpTransport {
        HttpTransport {
            base: Rc::new(RefCell::new(base.to_string())),
            agent: ureq::AgentBuilder::new()
                .timeout(Duration::from_secs(30))
                .build(),
        }
    }

    /// Points this transport (and its clones) at another base URL.
    pub fn set_base(&self, base: &str) {
        *self.base.borrow_mut() = base.to_string();
    }

    /// Sends one request and waits.
    pub fn send_blocking(&self, req: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let url = format!("{}{}", self.base.borrow(), req.path);
        send_raw(
            &self.agent,
            req.method.as_str(),
            &url,
            &req.headers,
            req.body.as_deref(),
        )
    }
}

/// One HTTP request with ureq; 4xx/5xx are responses, not errors.
pub fn send_raw(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> Result<HttpResponse, TransportError> {
    let mut r = agent.request(method, url);
    for (k, v) in headers {
        r = r.set(k, v);
    }
    let result = match body {
        Some(b) => r.set("Content-Type", "application/json").send_string(b),
        None => r.call(),
    };
    let resp = match result {
        Ok(resp) => resp,
        Err(ureq::Error::Status(_, resp)) => resp,
        Err(e) => return Err(TransportError::Network(e.to_string())),
    };
    let status = resp.status();
    let headers = resp
        .headers_names()
        .into_iter()
        .filter_map(|n| resp.header(&n).map(|v| (n.clone(), v.to_string())))
        .collect();
    let body = resp
        .into_string()
        .map_err(|e| TransportError::Network(e.to_string()))?;
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

impl Transport for HttpTransport {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        ready(self.send_blocking(&req))
    }
}

/// A plain request to the server (any path, not only the API).
pub fn get(base: &str, path: &str, headers: &[(&str, &str)]) -> HttpResponse {
    let agent = ureq::AgentBuilder::new().build();
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    send_raw(&agent, "GET", &format!("{base}{path}"), &headers, None).expect("response")
}

/// A request with a method and optional body.
pub fn request(
    base: &str,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> HttpResponse {
    let agent = ureq::AgentBuilder::new().build();
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    send_raw(
        &agent,
        method.as_str(),
        &format!("{base}{path}"),
        &headers,
        body,
    )
    .expect("response")
}

/// A support request of a demo customer; `i` tells requests apart.
pub fn support_request(i: usize) -> reservation_api::NewSupportRequest {
    use reservation_api::{ContactMethod, IssueType, NewSupportRequest, Severity};
    NewSupportRequest {
        issue_type: IssueType::Billing,
        problem_type: "Refund".into(),
        category: "Reservation refund".into(),
        summary: format!("test {i}"),
        details: "Written by a server test.".into(),
        subscription_id: format!(
            "/subscriptions/{}",
            reservation_mock::demo::CONTOSO_SUBSCRIPTIONS[0]
        ),
        severity: Severity::Moderate,
        contact_method: ContactMethod::Email,
        contact_name: "Tester".into(),
        contact_email: "tester@contosokorea.onmicrosoft.com".into(),
        contact_phone: None,
        preferred_language: "en-US".into(),
        reservation_id: None,
        reservation_order_id: None,
        quote: None,
    }
}

/// A purchase of `quantity` Standard_D2s_v5 VMs in Korea Central for one year, shared scope.
pub fn vm_purchase(
    quantity: u32,
    plan: reservation_api::BillingPlan,
    name: &str,
) -> reservation_api::PurchaseRequest {
    use reservation_api::{AppliedScopeType, Family, PurchaseRequest, Term};
    PurchaseRequest {
        reserved_resource_type: Family::VirtualMachines,
        sku_name: "Standard_D2s_v5".into(),
        location: "koreacentral".into(),
        term: Term::P1Y,
        billing_plan: plan,
        quantity,
        display_name: Some(name.into()),
        applied_scope_type: AppliedScopeType::Shared,
        applied_scopes: Vec::new(),
        billing_scope_id: None,
        instance_flexibility: None,
        renew: false,
    }
}

/// `n` returns of one unit of Contoso's reservation `ids` (order, reservation) at once, the i-th
/// through `apis[i % apis.len()]` with the idempotency key `key(i)`.
pub fn burst(
    apis: &[String],
    n: usize,
    ids: (&'static str, &'static str),
    key: impl Fn(usize) -> String,
) -> Vec<Result<reservation_api::ReturnResponse, reservation_api::ClientError>> {
    use std::sync::{Arc, Barrier};
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let barrier = barrier.clone();
            let api = apis[i % apis.len()].clone();
            let k = key(i);
            std::thread::spawn(move || {
                let client = reservation_api::Client::new(HttpTransport::new(&api));
                let req = reservation_api::ReturnRequest {
                    reservation_id: ids.1.into(),
                    quantity: 1,
                    return_reason: None,
                };
                barrier.wait();
                pollster::block_on(client.return_reservation(
                    reservation_mock::demo::CONTOSO_ID,
                    ids.0,
                    &req,
                    &k,
                ))
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect()
}
