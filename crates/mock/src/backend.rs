//! `MockBackend`: owns the state, answers `HttpRequest`s through the router, persists every change.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use reservation_api::{
    codes, HttpRequest, HttpResponse, Method, Route, TransportError, HEADER_DEMO_USER,
};
use reservation_quote::Policy;

use crate::auth;
use crate::cache::ViewCache;
use crate::delta::{Change, ChangeLog, LARGE_CUSTOMERS, LARGE_KEY};
use crate::failure::{Injected, MockOptions};
use crate::generator::{generate_with, GeneratorConfig, DEFAULT_SEED};
use crate::handlers::Ctx;
use crate::respond::{Failure, Handled};
use crate::router;
use crate::state::{State, REVISION_KEY, STORAGE_KEY};
use crate::storage::{NullStorage, Storage};

/// The embedded mock backend.
pub struct MockBackend {
    state: State,
    storage: Box<dyn Storage>,
    options: MockOptions,
    policy: Policy,
    seed: u64,
    config: GeneratorConfig,
    views: ViewCache,
    /// The revision of the stored state this backend holds (see [`REVISION_KEY`]).
    revision: Option<u64>,
    /// The large portfolio's change log, when the backend runs on it (see `delta`).
    log: Option<ChangeLog>,
    /// A stored large portfolio not yet replayed ([`MockBackend::open`]): the first request
    /// that needs the full router replays it.
    pending: Option<ChangeLog>,
}

/// The revision stored in `storage`, if any.
fn stored_revision(storage: &dyn Storage) -> Option<u64> {
    storage.get(REVISION_KEY).and_then(|r| r.parse().ok())
}

impl MockBackend {
    /// Loads the state saved in `storage`, or seeds the default demo data for `today` (also when
    /// the saved data is corrupt or of an older schema) and saves it. When storage holds the
    /// large portfolio's log, that portfolio is regenerated and its changes replayed.
    pub fn load(storage: Box<dyn Storage>, today: NaiveDate) -> MockBackend {
        let (mut backend, seeded) = MockBackend::opened(storage, today);
        backend.replay_pending();
        if seeded {
            backend.persist();
        }
        backend
    }

    /// Like [`MockBackend::load`], for a first page that must not wait: a stored large
    /// portfolio is replayed by the first request that needs the full router (not by
    /// [`MockBackend::handle_light`]), and fresh seed data is written with its first change, not
    /// now (until then a reload seeds the same data again). Without this, the browser's first
    /// page would carry every handler.
    pub fn open(storage: Box<dyn Storage>, today: NaiveDate) -> MockBackend {
        MockBackend::opened(storage, today).0
    }

    /// The backend over what `storage` holds, a large portfolio left to replay, and whether
    /// nothing usable was stored (the default data was seeded instead).
    fn opened(storage: Box<dyn Storage>, today: NaiveDate) -> (MockBackend, bool) {
        let pending = storage
            .get(LARGE_KEY)
            .and_then(|text| ChangeLog::from_json(&text));
        let stored = match pending {
            Some(_) => None,
            None => storage
                .get(STORAGE_KEY)
                .and_then(|text| State::from_json(&text)),
        };
        let seeded = pending.is_none() && stored.is_none();
        let state = match &pending {
            Some(log) => State::new(log.seed, log.generated_on, Vec::new()),
            None => stored
                .unwrap_or_else(|| generate_with(DEFAULT_SEED, today, &GeneratorConfig::default())),
        };
        let mut backend = MockBackend::from_state(storage, state);
        backend.pending = pending;
        (backend, seeded)
    }

    /// Replays the stored large portfolio [`MockBackend::open`] left for later, if any.
    pub fn replay_pending(&mut self) {
        if let Some(log) = self.pending.take() {
            let storage = std::mem::replace(&mut self.storage, Box::new(NullStorage));
            let config = self.config.clone();
            *self = MockBackend::replay(storage, log, config);
        }
    }

    /// The large portfolio of `log`: generated again, then every logged change answered again
    /// at its moment (written to no storage meanwhile), which rebuilds the log itself.
    fn replay(storage: Box<dyn Storage>, log: ChangeLog, config: GeneratorConfig) -> MockBackend {
        let mut backend = MockBackend {
            state: generate_with(
                log.seed,
                log.generated_on,
                &GeneratorConfig {
                    customers: log.customers,
                    ..config.clone()
                },
            ),
            storage: Box::new(NullStorage),
            revision: None,
            options: MockOptions::default(),
            policy: Policy::default(),
            seed: log.seed,
            config,
            views: ViewCache::default(),
            log: Some(ChangeLog::new(log.seed, log.customers, log.generated_on)),
            pending: None,
        };
        for change in &log.changes {
            // A change that fails now (it cannot, the state being the same) is dropped.
            let _ = backend.handle_at(&change.request, change.at);
        }
        backend.revision = stored_revision(storage.as_ref());
        backend.storage = storage;
        backend
    }

    /// Whether the backend runs on the large portfolio.
    pub fn is_large(&self) -> bool {
        self.log.is_some() || self.pending.is_some()
    }

    /// Switches to the large portfolio (5,000 customers, about 100,000 reservations, generated
    /// for `today`, stored as a change log) or back to the default demo data, and saves.
    pub fn set_large(&mut self, large: bool, today: NaiveDate) {
        self.pending = None;
        if large {
            self.storage.remove(STORAGE_KEY);
            self.log = Some(ChangeLog::new(self.seed, LARGE_CUSTOMERS, today));
        } else {
            self.storage.remove(LARGE_KEY);
            self.log = None;
        }
        self.reset(today);
    }

    /// A backend over a given state (not read from storage; written on the first change).
    pub fn from_state(storage: Box<dyn Storage>, state: State) -> MockBackend {
        let seed = state.seed;
        MockBackend {
            state,
            revision: stored_revision(storage.as_ref()),
            storage,
            options: MockOptions::default(),
            policy: Policy::default(),
            seed,
            config: GeneratorConfig::default(),
            views: ViewCache::default(),
            log: None,
            pending: None,
        }
    }

    /// Restores the seed data for `today` ("Reset demo data") and saves it.
    pub fn reset(&mut self, today: NaiveDate) {
        self.replay_pending();
        self.state = match &mut self.log {
            Some(log) => {
                *log = ChangeLog::new(self.seed, log.customers, today);
                let config = GeneratorConfig {
                    customers: log.customers,
                    ..self.config.clone()
                };
                generate_with(self.seed, today, &config)
            }
            None => generate_with(self.seed, today, &self.config),
        };
        self.views.clear();
        self.persist();
    }

    /// Writes the state to storage (the large portfolio: its change log), with the next
    /// revision.
    pub fn persist(&mut self) {
        let json = match &self.log {
            Some(log) => serde_json::to_string(log),
            None => self.state.to_json(),
        };
        if let Ok(json) = json {
            let key = if self.log.is_some() {
                LARGE_KEY
            } else {
                STORAGE_KEY
            };
            let next = stored_revision(self.storage.as_ref())
                .max(self.revision)
                .map_or(1, |r| r.wrapping_add(1));
            self.storage.set(key, &json);
            self.storage.set(REVISION_KEY, &next.to_string());
            self.revision = Some(next);
        }
    }

    /// Takes up the stored state when another backend over the same storage (another browser
    /// tab of the demo) saved a change since this one last read or wrote it, so two tabs see
    /// each other's changes instead of overwriting them.
    fn sync(&mut self) {
        if !self.stored_elsewhere() {
            return;
        }
        let stored = stored_revision(self.storage.as_ref());
        if let Some(log) = self
            .storage
            .get(LARGE_KEY)
            .and_then(|text| ChangeLog::from_json(&text))
        {
            let other = MockBackend::replay(Box::new(NullStorage), log, self.config.clone());
            self.state = other.state;
            self.log = other.log;
            self.views.clear();
        } else if let Some(state) = self
            .storage
            .get(STORAGE_KEY)
            .and_then(|text| State::from_json(&text))
        {
            self.state = state;
            self.log = None;
            self.views.clear();
        }
        self.revision = stored;
    }

    /// The state (read only).
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The failure-injection options.
    pub fn options(&self) -> &MockOptions {
        &self.options
    }

    /// The failure-injection options, to change them.
    pub fn options_mut(&mut self) -> &mut MockOptions {
        &mut self.options
    }

    /// The refund and exchange policy the backend enforces.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Replaces the policy (e.g. a fee rate for a demo).
    pub fn set_policy(&mut self, policy: Policy) {
        self.policy = policy;
    }

    /// Answers one request as of `today` (timestamps at midnight UTC).
    pub fn handle(
        &mut self,
        req: &HttpRequest,
        today: NaiveDate,
    ) -> Result<HttpResponse, TransportError> {
        self.handle_at(req, NaiveDateTime::new(today, NaiveTime::MIN))
    }

    /// Answers one request at the moment `now` (UTC): injected failure, routing, the handler,
    /// and persisting when the state changed.
    pub fn handle_at(
        &mut self,
        req: &HttpRequest,
        now: NaiveDateTime,
    ) -> Result<HttpResponse, TransportError> {
        self.replay_pending();
        self.sync();
        if let Some(failure) = self.options.take_failure(req.path_only()) {
            return injected(failure);
        }
        let answer = self.answer(req, now, |ctx, method, route| {
            Some(router::dispatch(ctx, method, route))
        });
        // The full router answers every route; were it ever not to, a 500 rather than a panic.
        answer.unwrap_or_else(|| {
            Ok(Failure::new(
                500,
                codes::INTERNAL_SERVER_ERROR,
                "The mock backend did not answer this request.",
            )
            .into_response())
        })
    }

    /// Answers `req` as [`MockBackend::handle`] does if it is one of the few requests the first
    /// page makes (`router::dispatch_light`) and the state is at hand; `None` otherwise, for
    /// `handle`. A browser build keeps the full router in code loaded later.
    pub fn handle_light(
        &mut self,
        req: &HttpRequest,
        today: NaiveDate,
    ) -> Option<Result<HttpResponse, TransportError>> {
        if self.pending.is_some() || self.stored_elsewhere() || self.options.injects() {
            return None;
        }
        self.answer(
            req,
            NaiveDateTime::new(today, NaiveTime::MIN),
            router::dispatch_light,
        )
    }

    /// Whether another backend over the same storage saved a change this one has not read.
    fn stored_elsewhere(&self) -> bool {
        let stored = stored_revision(self.storage.as_ref());
        stored.is_some() && stored != self.revision
    }

    /// Routing, the handler (`None` when `dispatch` does not take the route),
    /// and persisting when the state changed.
    fn answer(
        &mut self,
        req: &HttpRequest,
        now: NaiveDateTime,
        dispatch: impl FnOnce(&mut Ctx, Method, &Route) -> Option<Handled>,
    ) -> Option<Result<HttpResponse, TransportError>> {
        let Some(route) = Route::parse(req.path_only()) else {
            return Some(Ok(Failure::new(
                404,
                codes::ROUTE_NOT_FOUND,
                format!("No endpoint at '{}'.", req.path_only()),
            )
            .into_response()));
        };
        let user_id = req
            .header(HEADER_DEMO_USER)
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .unwrap_or(auth::DEFAULT_USER);
        let Some(user) = auth::find_user(user_id) else {
            return Some(Ok(Failure::new(
                401,
                codes::UNKNOWN_USER,
                format!("There is no demo user '{user_id}'."),
            )
            .target(HEADER_DEMO_USER)
            .into_response()));
        };
        let mut ctx = Ctx::new(
            &mut self.state,
            &mut self.views,
            &self.policy,
            req,
            user,
            now,
            true,
        );
        let result = dispatch(&mut ctx, req.method, &route)?;
        Some(match result {
            Ok(reply) => {
                let mutated = reply.mutated;
                let response = reply.into_response();
                if mutated {
                    self.views.clear();
                    if let Some(log) = &mut self.log {
                        log.changes.push(Change {
                            at: now,
                            request: req.clone(),
                        });
                    }
                    self.persist();
                }
                Ok(response)
            }
            Err(failure) => Ok(failure.into_response()),
        })
    }
}

/// The response (or transport error) of an injected failure.
fn injected(failure: Injected) -> Result<HttpResponse, TransportError> {
    match failure {
        Injected::NetworkError => Err(TransportError::Network("injected network failure".into())),
        Injected::ServerError => Ok(Failure::new(
            500,
            codes::INTERNAL_SERVER_ERROR,
            "Injected server error: the mock backend failed on purpose.",
        )
        .into_response()),
        Injected::Conflict => Ok(Failure::new(
            409,
            codes::CONFLICT,
            "Injected conflict: another change is in progress; try again.",
        )
        .into_response()),
        Injected::Malformed => Ok(HttpResponse {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: "<html>this is not JSON".into(),
        }),
    }
}
