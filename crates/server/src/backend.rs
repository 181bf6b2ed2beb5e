//! The server's backend: the mock's router and handlers, each request in one transaction of the
//! SQL store.
//!
//! A process keeps the records it last read, with the store's revision they are as of. Every
//! request reads the revision inside its transaction first and reads again what other processes
//! changed since (the customers stamped with a newer revision), so what it answers from is what
//! the database holds at that moment. A write holds the customer's row lock and the revision row
//! until it commits, writes only the rows it changed (reservations and orders under their ETags),
//! and records its idempotency key in the same transaction.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Utc};
use reservation_api::{codes, HttpRequest, HttpResponse, Method, Route, User, HEADER_DEMO_USER};
use reservation_mock::{
    dispatch, find_user, idempotency, Ctx, CustomerRec, Failure, IdSource, Reply, State, ViewCache,
    DEFAULT_SEED, DEFAULT_USER,
};
use reservation_quote::Policy;
use reservation_sql_store::{SqlStore, StoreError, Tx};
use tokio::sync::Mutex;

/// Error code of a request without an identity (401).
pub const UNAUTHENTICATED: &str = "Unauthenticated";

/// How long an idempotency record is kept by default.
pub const DEFAULT_IDEMPOTENCY_RETENTION_HOURS: u64 = 24;

/// How a request is told who it acts as.
#[derive(Clone, Debug, Default)]
pub struct Identity {
    /// Demo mode: `x-demo-user` names a demo user (default: the admin).
    pub demo: bool,
    /// The header an authenticating proxy sets (e-mail or user id), when trusted.
    pub proxy_header: Option<String>,
}

/// The records this process last read, and the store revision they are as of.
struct Records {
    state: State,
    /// `None`: nothing read yet, or a failed write left `state` ahead of the database.
    revision: Option<i64>,
    views: ViewCache,
}

/// The backend: store, policy and identity.
pub struct Backend {
    store: SqlStore,
    records: Mutex<Records>,
    policy: Policy,
    identity: Identity,
    /// A fixed day for every request (tests and demos); the real clock when `None`.
    today: Option<NaiveDate>,
    /// How long an idempotency record is kept, in seconds.
    retention_secs: i64,
}

/// A new random id.
fn random_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Backend {
    /// A backend over an opened store.
    pub fn new(
        store: SqlStore,
        policy: Policy,
        identity: Identity,
        today: Option<NaiveDate>,
        retention_hours: u64,
    ) -> Backend {
        let mut state = State::new(DEFAULT_SEED, NaiveDate::MIN, Vec::new());
        state.id_source = IdSource::Generated(random_id);
        Backend {
            store,
            records: Mutex::new(Records {
                state,
                revision: None,
                views: ViewCache::default(),
            }),
            policy,
            identity,
            today,
            retention_secs: i64::try_from(retention_hours.saturating_mul(3600)).unwrap_or(i64::MAX),
        }
    }

    /// The store.
    pub fn store(&self) -> &SqlStore {
        &self.store
    }

    /// Whether requests may choose a demo user.
    pub fn is_demo(&self) -> bool {
        self.identity.demo
    }

    /// Whether the database answers with this build's schema (`/readyz`).
    pub async fn ready(&self) -> Result<(), String> {
        self.store.ready().await.map_err(|e| e.to_string())
    }

    /// Reads the records now rather than on the first request (which would wait for it), and
    /// fails when the database cannot be read.
    pub async fn warm_up(&self) -> Result<(), StoreError> {
        let mut tx = self.store.read().await?;
        let mut records = self.records.lock().await;
        refresh(&mut records, &mut tx, !self.identity.demo).await?;
        tx.rollback().await
    }

    /// Deletes the idempotency records older than the retention; how many.
    pub async fn purge_expired_idempotency(&self) -> Result<u64, StoreError> {
        self.store
            .purge_idempotency(Utc::now().timestamp() - self.retention_secs)
            .await
    }

    fn now(&self) -> NaiveDateTime {
        match self.today {
            Some(d) => NaiveDateTime::new(d, NaiveTime::MIN),
            None => Utc::now().naive_utc(),
        }
    }

    /// Answers one API request (path relative to `/api`).
    pub async fn handle(&self, req: &HttpRequest) -> HttpResponse {
        let Some(route) = Route::parse(req.path_only()) else {
            return Failure::new(
                404,
                codes::ROUTE_NOT_FOUND,
                format!("No endpoint at '{}'.", req.path_only()),
            )
            .into_response();
        };
        match self.answer(req, &route).await {
            Ok(r) => r,
            Err(e) => internal(&e),
        }
    }

    async fn answer(&self, req: &HttpRequest, route: &Route) -> Result<HttpResponse, StoreError> {
        let writes = req.method != Method::Get && !is_quote(route);
        let customer = route_customer(route);
        let mut tx = if writes {
            self.store.write(customer).await?
        } else {
            self.store.read().await?
        };
        let user = match self.who(req, &mut tx).await? {
            Ok(u) => u,
            Err(f) => return Ok(f.into_response()),
        };
        let mut records = self.records.lock().await;
        let records = &mut *records;
        if let Err(e) = refresh(records, &mut tx, !self.identity.demo).await {
            records.revision = None;
            return Err(e);
        }
        let now = self.now();
        // Until a write commits, what is held in memory may be ahead of the database (also when
        // a handler panics): it is read again unless the write ends well.
        let seen = if writes {
            records.revision.take()
        } else {
            records.revision
        };

        // The stored answer of this key, for the handler to replay; records live in the store.
        records.state.idempotency.clear();
        let key = idempotency::key(req).filter(|k| k.len() <= 200);
        let scope = idempotency::scope(&user.id, req);
        let wall = Utc::now().timestamp();
        if let (true, Some(k)) = (writes, key) {
            if let Some(rec) = tx
                .idempotency(&user.id, &scope, k, wall - self.retention_secs)
                .await?
            {
                records.state.idempotency.push(rec);
            }
        }
        let replayable = records.state.idempotency.len();

        // What the request may change, as it was before.
        let before: Before = match (writes, customer, is_alert_route(route)) {
            (false, _, _) | (true, _, true) => Before::Nothing,
            (true, Some(id), false) => {
                Before::Customer(records.state.customer(id).cloned().map(Box::new))
            }
            (true, None, false) => Before::All(records.state.customers.clone()),
        };

        let user_id = user.id.clone();
        let mut ctx = Ctx::new(
            &mut records.state,
            &mut records.views,
            &self.policy,
            req,
            user,
            now,
            self.identity.demo,
        );
        let result = match (route, req.method) {
            // Outside demo mode nobody can switch to another user.
            (Route::DemoUsers, Method::Get) if !self.identity.demo => {
                Reply::ok(&Vec::<User>::new())
            }
            _ => dispatch(&mut ctx, req.method, route),
        };
        let new_record = records.state.idempotency.get(replayable).cloned();
        records.state.idempotency.clear();
        let mutated = matches!(&result, Ok(r) if r.mutated) || new_record.is_some();

        if writes && mutated {
            records.views.clear();
            let saved = save(
                &mut tx,
                &records.state,
                route,
                before,
                new_record.as_ref().map(|r| (user_id.as_str(), r, wall)),
            )
            .await;
            let committed = match saved {
                Ok(rev) => tx.commit().await.map(|()| rev),
                Err(e) => Err(e),
            };
            match committed {
                Ok(rev) => records.revision = Some(rev),
                Err(e) => {
                    // Nothing was committed: what is held in memory is read again next time.
                    records.revision = None;
                    return Err(e);
                }
            }
        } else {
            records.revision = seen;
            tx.rollback().await?;
        }
        Ok(match result {
            Ok(reply) => reply.into_response(),
            Err(failure) => failure.into_response(),
        })
    }

    /// The user a request acts as, or 401/403.
    async fn who(
        &self,
        req: &HttpRequest,
        tx: &mut Tx,
    ) -> Result<Result<User, Failure>, StoreError> {
        if self.identity.demo {
            let id = req
                .header(HEADER_DEMO_USER)
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .unwrap_or(DEFAULT_USER);
            if let Some(u) = find_user(id) {
                return Ok(Ok(u));
            }
            return Ok(match tx.find_user(id).await? {
                Some(u) => Ok(u),
                None => Err(Failure::new(
                    401,
                    codes::UNKNOWN_USER,
                    format!("There is no demo user '{id}'."),
                )
                .target(HEADER_DEMO_USER)),
            });
        }
        let Some(name) = self
            .identity
            .proxy_header
            .as_deref()
            .and_then(|h| req.header(h))
            .map(str::trim)
            .filter(|v| !v.is_empty())
        else {
            return Ok(Err(Failure::new(
                401,
                UNAUTHENTICATED,
                "Sign in first: this request carries no identity.",
            )));
        };
        Ok(match tx.find_user(name).await? {
            Some(u) => Ok(u),
            None => Err(Failure::new(
                403,
                codes::AUTHORIZATION_FAILED,
                format!("'{name}' is signed in but is not a user of this dashboard."),
            )),
        })
    }
}

/// What a write may have changed, as it was before the handler ran.
enum Before {
    /// Only records of no customer (alert rules and dismissals), or nothing.
    Nothing,
    /// One customer (`None`: it did not exist).
    Customer(Option<Box<CustomerRec>>),
    /// Any customer.
    All(Vec<CustomerRec>),
}

/// Writes what a request changed; the new revision.
async fn save(
    tx: &mut Tx,
    state: &State,
    route: &Route,
    before: Before,
    record: Option<(&str, &reservation_mock::IdempotencyRec, i64)>,
) -> Result<i64, StoreError> {
    let revision = tx.next_revision().await?;
    tx.save_meta(state).await?;
    if is_alert_route(route) {
        tx.save_alerts(state).await?;
    }
    match before {
        Before::Nothing => {}
        Before::Customer(prev) => {
            if let Some(id) = route_customer(route) {
                if let Some(pos) = state.customers.iter().position(|c| c.id == id) {
                    let after = &state.customers[pos];
                    if !prev.as_deref().is_some_and(|p| after.unchanged_since(p)) {
                        tx.save_customer(pos, prev.as_deref(), after, revision)
                            .await?;
                    }
                }
            }
        }
        Before::All(prev) => {
            for (pos, after) in state.customers.iter().enumerate() {
                // At its place unless customers were added before it.
                let old = prev
                    .get(pos)
                    .filter(|c| c.id == after.id)
                    .or_else(|| prev.iter().find(|c| c.id == after.id));
                if !old.is_some_and(|p| after.unchanged_since(p)) {
                    tx.save_customer(pos, old, after, revision).await?;
                }
            }
        }
    }
    if let Some((user, rec, at)) = record {
        tx.insert_idempotency(user, rec, at).await?;
    }
    Ok(revision)
}

/// Brings `records` up to the store's revision: the customers other processes changed since, the
/// counters and the alert records; everything when nothing was read yet. With `prices` (not a
/// demo) also the imported price list, when it was imported since it was read; in a demo the
/// synthetic catalogue prices everything.
async fn refresh(records: &mut Records, tx: &mut Tx, prices: bool) -> Result<(), StoreError> {
    let revision = tx.revision().await?;
    if records.revision == Some(revision) {
        return Ok(());
    }
    let id_source = records.state.id_source;
    let mut price_list = records.state.price_list.take();
    let partial = match records.revision {
        Some(seen) => {
            // What this process holds is as of `seen`: of those customers only the orders
            // changed since are read.
            let held = &records.state;
            let changed = tx.changed_customers(seen, |id| held.customer(id)).await?;
            let state = &mut records.state;
            let mut fits = true;
            for (pos, c) in changed {
                match state.customers.get(pos) {
                    Some(old) if old.id == c.id => state.customers[pos] = c,
                    None if pos == state.customers.len() => state.customers.push(c),
                    _ => {
                        fits = false;
                        break;
                    }
                }
            }
            if fits {
                state.reindex();
                tx.apply_shared(state).await?;
            }
            fits
        }
        None => false,
    };
    if !partial {
        let mut state = tx
            .load_state()
            .await?
            .unwrap_or_else(|| State::new(DEFAULT_SEED, NaiveDate::MIN, Vec::new()));
        state.id_source = id_source;
        records.state = state;
    }
    if prices {
        tx.refresh_price_list(&mut price_list).await?;
        records.state.price_list = price_list;
    }
    records.revision = Some(revision);
    records.views.clear();
    Ok(())
}

/// The customer whose rows a request may change.
fn route_customer(route: &Route) -> Option<&str> {
    match route {
        Route::Customer { customer }
        | Route::Subscriptions { customer }
        | Route::ResourceGroups { customer }
        | Route::ManagementGroups { customer }
        | Route::RefundLimitUsage { customer }
        | Route::Billing { customer }
        | Route::Reservations { customer }
        | Route::ReservationOrders { customer }
        | Route::ReservationOrder { customer, .. }
        | Route::Reservation { customer, .. }
        | Route::RoleAssignments { customer, .. }
        | Route::RoleAssignment { customer, .. }
        | Route::Permissions { customer, .. }
        | Route::Utilization { customer, .. }
        | Route::CalculateRefund { customer, .. }
        | Route::Return { customer, .. }
        | Route::AuditEvents { customer, .. }
        | Route::Split { customer, .. }
        | Route::Merge { customer, .. }
        | Route::CalculateExchange { customer }
        | Route::Exchange { customer }
        | Route::CalculatePrice { customer }
        | Route::Purchase { customer }
        | Route::SupportRequests { customer }
        | Route::SupportRequest { customer, .. } => Some(customer),
        Route::Me
        | Route::DemoUsers
        | Route::PriceCatalogue
        | Route::Customers
        | Route::Portfolio
        | Route::AlertRules
        | Route::AlertRule { .. }
        | Route::Alerts
        | Route::AcknowledgeAlert { .. }
        | Route::SnoozeAlert { .. }
        | Route::PortfolioSummary => None,
    }
}

/// Whether a route is a POST that only computes (a quote or a price): it reads, like a GET, and
/// takes no lock.
fn is_quote(route: &Route) -> bool {
    matches!(
        route,
        Route::CalculateRefund { .. }
            | Route::CalculateExchange { .. }
            | Route::CalculatePrice { .. }
    )
}

/// Whether a route changes the alert rules or dismissals (and nothing else).
fn is_alert_route(route: &Route) -> bool {
    matches!(
        route,
        Route::AlertRules
            | Route::AlertRule { .. }
            | Route::AcknowledgeAlert { .. }
            | Route::SnoozeAlert { .. }
    )
}

fn internal(e: &StoreError) -> HttpResponse {
    if e.is_busy() {
        tracing::warn!("{e}");
    } else {
        tracing::error!("{e}");
    }
    match e {
        StoreError::Conflict(_) => Failure::conflict(
            codes::CONFLICT,
            "Another request changed this at the same moment; nothing was changed. Try again.",
        ),
        // Every connection stayed taken for the pool's whole wait: too much at once, not a
        // failure of this request.
        e if e.is_busy() => Failure::new(
            503,
            codes::SERVER_BUSY,
            "The server is busy with other requests; nothing was changed. Try again in a moment.",
        )
        .with_header("Retry-After", "1"),
        _ => Failure::new(
            500,
            codes::INTERNAL_SERVER_ERROR,
            "The change could not be saved; nothing was changed. Try again.",
        ),
    }
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_that_stays_taken_is_a_busy_server_not_a_failure() {
        let busy = internal(&StoreError::Sql(sqlx::Error::PoolTimedOut));
        assert_eq!(busy.status, 503);
        assert_eq!(busy.header("retry-after"), Some("1"));
        assert!(busy.body.contains(codes::SERVER_BUSY), "{}", busy.body);
        let failed = internal(&StoreError::Corrupt("a row".into()));
        assert_eq!(failed.status, 500);
        assert!(failed.body.contains(codes::INTERNAL_SERVER_ERROR));
        assert_eq!(internal(&StoreError::Conflict("it".into())).status, 409);
    }
}
