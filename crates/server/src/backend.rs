//! The server's backend: the mock's router and handlers over the state held in memory behind one
//! mutex, with every change written to SQLite in one transaction before the answer goes out.

use std::sync::{Mutex, PoisonError};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Utc};
use reservation_api::{
    codes, DemoUser, HttpRequest, HttpResponse, Method, Route, HEADER_DEMO_USER,
};
use reservation_mock::{dispatch, find_user, Ctx, Failure, Reply, State, ViewCache, DEFAULT_USER};
use reservation_quote::Policy;

use crate::db::{Db, DbError};

/// Error code of a request without an identity (401).
pub const UNAUTHENTICATED: &str = "Unauthenticated";

/// How a request is told who it acts as.
#[derive(Clone, Debug, Default)]
pub struct Identity {
    /// Demo mode: `x-demo-user` names a demo user (default: the admin).
    pub demo: bool,
    /// The header an authenticating proxy sets (e-mail or user id), when trusted.
    pub proxy_header: Option<String>,
}

struct Inner {
    state: State,
    db: Db,
    views: ViewCache,
}

/// The backend: state, store and policy.
pub struct Backend {
    inner: Mutex<Inner>,
    policy: Policy,
    identity: Identity,
    /// A fixed day for every request (tests and demos); the real clock when `None`.
    today: Option<NaiveDate>,
}

impl Backend {
    /// A backend over an opened store whose state is loaded.
    pub fn new(
        db: Db,
        state: State,
        policy: Policy,
        identity: Identity,
        today: Option<NaiveDate>,
    ) -> Backend {
        Backend {
            inner: Mutex::new(Inner {
                state,
                db,
                views: ViewCache::default(),
            }),
            policy,
            identity,
            today,
        }
    }

    /// Whether requests may choose a demo user.
    pub fn is_demo(&self) -> bool {
        self.identity.demo
    }

    fn now(&self) -> NaiveDateTime {
        match self.today {
            Some(d) => NaiveDateTime::new(d, NaiveTime::MIN),
            None => Utc::now().naive_utc(),
        }
    }

    /// Answers one API request (path relative to `/api`).
    pub fn handle(&self, req: &HttpRequest) -> HttpResponse {
        let Some(route) = Route::parse(req.path_only()) else {
            return Failure::new(
                404,
                codes::ROUTE_NOT_FOUND,
                format!("No endpoint at '{}'.", req.path_only()),
            )
            .into_response();
        };
        // A poisoned lock means a handler panicked; the state it left is reloaded below.
        let mut inner = match self.inner.lock() {
            Ok(g) => g,
            Err(poisoned) => {
                let mut g = poisoned.into_inner();
                if let Err(e) = reload(&mut g) {
                    return internal(&e);
                }
                self.inner.clear_poison();
                g
            }
        };
        let user = match self.who(req, &inner.db) {
            Ok(u) => u,
            Err(f) => return f.into_response(),
        };
        let now = self.now();
        let last_record = last_key(&inner.state);
        let inner = &mut *inner;
        let mut ctx = Ctx::new(
            &mut inner.state,
            &mut inner.views,
            &self.policy,
            req,
            user,
            now,
            self.identity.demo,
        );
        let result = match (&route, req.method) {
            // Outside demo mode nobody can switch to another user.
            (Route::DemoUsers, Method::Get) if !self.identity.demo => {
                Reply::ok(&Vec::<DemoUser>::new())
            }
            _ => dispatch(&mut ctx, req.method, &route),
        };
        let new_record = last_key(&inner.state) != last_record;
        let mutated = matches!(&result, Ok(r) if r.mutated) || new_record;
        if mutated {
            inner.views.clear();
            let saved = if is_alert_route(&route) {
                inner.db.save_alerts(&inner.state)
            } else {
                inner
                    .db
                    .save_change(&inner.state, route_customer(&route), new_record)
            };
            if let Err(e) = saved {
                // Nothing was committed: forget the change in memory too.
                if let Err(e2) = reload(inner) {
                    tracing::error!("reload after failed write failed: {e2}");
                }
                return internal(&e);
            }
        }
        match result {
            Ok(reply) => reply.into_response(),
            Err(failure) => failure.into_response(),
        }
    }

    /// Readiness (`GET /readyz`): the store answers and is migrated.
    pub fn ready(&self) -> Result<(), String> {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.db.ping().map_err(|e| e.to_string())
    }

    /// The user a request acts as, or 401/403.
    fn who(&self, req: &HttpRequest, db: &Db) -> Result<DemoUser, Failure> {
        if self.identity.demo {
            let id = req
                .header(HEADER_DEMO_USER)
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .unwrap_or(DEFAULT_USER);
            if let Some(u) = find_user(id) {
                return Ok(u);
            }
            return match db.find_user(id) {
                Ok(Some(u)) => Ok(u),
                Ok(None) => Err(Failure::new(
                    401,
                    codes::UNKNOWN_USER,
                    format!("There is no demo user '{id}'."),
                )
                .target(HEADER_DEMO_USER)),
                Err(e) => Err(internal_failure(&e)),
            };
        }
        let name = self
            .identity
            .proxy_header
            .as_deref()
            .and_then(|h| req.header(h))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                Failure::new(
                    401,
                    UNAUTHENTICATED,
                    "Sign in first: this request carries no identity.",
                )
            })?;
        match db.find_user(name) {
            Ok(Some(u)) => Ok(u),
            Ok(None) => Err(Failure::new(
                403,
                codes::AUTHORIZATION_FAILED,
                format!("'{name}' is signed in but is not a user of this dashboard."),
            )),
            Err(e) => Err(internal_failure(&e)),
        }
    }
}

/// The (scope, key) of the newest idempotency record: a new one means a request was recorded.
fn last_key(state: &State) -> Option<(String, String)> {
    state
        .idempotency
        .last()
        .map(|r| (r.scope.clone(), r.key.clone()))
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

fn reload(inner: &mut Inner) -> Result<(), DbError> {
    if let Some(state) = inner.db.load()? {
        inner.state = state;
    }
    inner.views.clear();
    Ok(())
}

fn internal_failure(e: &DbError) -> Failure {
    tracing::error!("{e}");
    Failure::new(
        500,
        codes::INTERNAL_SERVER_ERROR,
        "The change could not be saved; nothing was changed. Try again.",
    )
}

fn internal(e: &DbError) -> HttpResponse {
    internal_failure(e).into_response()
}
