//! The server's store: the backend's records in SQLite or PostgreSQL, through sqlx.
//!
//! Every request runs in one transaction ([`SqlStore::write`] or [`SqlStore::read`]). A write takes
//! the customer's row lock (`SELECT … FOR UPDATE` in PostgreSQL; SQLite's `BEGIN IMMEDIATE` takes
//! the database's write lock) and the one `store_revision` row, so writes from any number of
//! processes on one database are ordered, and writes only the rows that changed, a reservation's
//! or an order's under its ETag (`UPDATE … WHERE etag = $n`). Idempotency records are written in
//! the same transaction as the effect they record. See `README.md` for why sqlx.
#![warn(missing_docs)]
#![cfg(not(target_arch = "wasm32"))]

mod codec;
mod load;
mod prices;
mod write;

use std::str::FromStr;
use std::time::Duration;

use reservation_api::User;
use reservation_mock::{CustomerRec, IdempotencyRec, PriceList, State};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Connection, Executor, Row, Transaction};

pub use codec::{StoreError, StoreResult};
pub use prices::{PriceItem, PRICE_LIST_REVISION};

/// The newest schema this binary knows (the `schema_version` row of `meta`).
pub const SCHEMA_VERSION: i64 = 9;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Which database a store is on: what differs between them is how a write takes its locks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite (one file; the database's write lock orders writers).
    Sqlite,
    /// PostgreSQL (row locks).
    Postgres,
}

/// The store: a connection pool to one database.
#[derive(Clone, Debug)]
pub struct SqlStore {
    pool: AnyPool,
    dialect: Dialect,
    url: String,
}

/// A reading of the connection pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUse {
    /// Connections the pool may open.
    pub max: u32,
    /// Connections open.
    pub open: u32,
    /// Open connections nobody is using.
    pub idle: u32,
}

/// How many connections a process keeps open at most.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 8;

impl SqlStore {
    /// Connects to `url` (`sqlite://…` or `postgres://…`), migrates the database, and refuses one
    /// written by a newer build.
    pub async fn open(url: &str) -> StoreResult<SqlStore> {
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Dialect::Postgres
        } else {
            return Err(StoreError::Config(
                "the database URL must start with sqlite:// or postgres://".into(),
            ));
        };
        let options = AnyConnectOptions::from_str(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if dialect == Dialect::Sqlite {
                // One file: more connections only wait on its one write lock.
                4
            } else {
                DEFAULT_MAX_CONNECTIONS
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if dialect == Dialect::Sqlite {
                        // WAL: readers never wait for the writer; FULL: a commit is on disk
                        // before the answer; the timeout: a writer waits for another's lock.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let store = SqlStore {
            pool,
            dialect,
            url: url.to_string(),
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Which database this is.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// How the connection pool is used now, for the metrics.
    pub fn pool_use(&self) -> PoolUse {
        PoolUse {
            max: self.pool.options().get_max_connections(),
            open: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
        }
    }

    async fn migrate(&self) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        if let Some(found) = codec::schema_version(&mut conn, self.dialect).await? {
            if found > SCHEMA_VERSION {
                return Err(StoreError::TooNew {
                    found,
                    known: SCHEMA_VERSION,
                });
            }
        }
        codec::adopt_refinery_history(&mut conn, self.dialect, &MIGRATOR).await?;
        drop(conn);
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// Whether the database answers and has this build's schema (`/readyz`).
    pub async fn ready(&self) -> StoreResult<()> {
        let found = match self.dialect {
            // A pooled connection keeps answering from a file that was deleted or replaced: a
            // new one, which must not create the file, finds out.
            Dialect::Sqlite => {
                let url = self.url.replace("mode=rwc", "mode=ro");
                let mut conn = sqlx::AnyConnection::connect(&url).await?;
                let found = codec::schema_version(&mut conn, self.dialect).await;
                let _ = conn.close().await;
                found?
            }
            Dialect::Postgres => {
                let mut conn = self.pool.acquire().await?;
                codec::schema_version(&mut conn, self.dialect).await?
            }
        };
        match found {
            Some(SCHEMA_VERSION) => Ok(()),
            found => Err(StoreError::Corrupt(format!(
                "schema version {found:?}, this build needs {SCHEMA_VERSION}"
            ))),
        }
    }

    /// A transaction for a request that changes records of `customer` (or, with `None`, only
    /// records of no customer: alert rules and dismissals). Holds the customer's row lock and the
    /// revision row until it ends, so no other process writes in between.
    pub async fn write(&self, customer: Option<&str>) -> StoreResult<Tx> {
        let mut tx = match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Dialect::Postgres => self.pool.begin().await?,
        };
        if self.dialect == Dialect::Postgres {
            if let Some(id) = customer {
                sqlx::query("SELECT id FROM customers WHERE id = $1 FOR UPDATE")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            }
            sqlx::query("SELECT revision FROM store_revision WHERE id = 1 FOR UPDATE")
                .fetch_one(&mut *tx)
                .await?;
        }
        Ok(Tx { tx, writes: true })
    }

    /// A transaction for a request that only reads.
    pub async fn read(&self) -> StoreResult<Tx> {
        Ok(Tx {
            tx: self.pool.begin().await?,
            writes: false,
        })
    }

    /// Whether no state has been stored yet (no seed recorded).
    pub async fn is_empty(&self) -> StoreResult<bool> {
        let mut tx = self.read().await?;
        let seeded = tx.meta("seed").await?;
        tx.rollback().await?;
        Ok(seeded.is_none())
    }

    /// Stores a whole state into an empty database, in one transaction; `false` when another
    /// process stored one first (its state is kept).
    pub async fn seed(&self, state: &State) -> StoreResult<bool> {
        let mut tx = self.write(None).await?;
        if tx.meta("seed").await?.is_some() {
            tx.rollback().await?;
            return Ok(false);
        }
        let revision = tx.next_revision().await?;
        tx.save_meta(state).await?;
        for (pos, c) in state.customers.iter().enumerate() {
            write::insert_customer(&mut tx.tx, pos, c, revision).await?;
        }
        write::save_alerts(&mut tx.tx, state).await?;
        tx.commit().await?;
        Ok(true)
    }

    // ---- users (few; read per request, not cached) ------------------------------------

    /// Every user, by id.
    pub async fn users(&self) -> StoreResult<Vec<User>> {
        let mut conn = self.pool.acquire().await?;
        load::users(&mut conn, None).await
    }

    /// Adds a user, or replaces the one with the same id.
    pub async fn upsert_user(&self, user: &User) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        write::upsert_user(&mut tx, user).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a user; whether there was one.
    pub async fn remove_user(&self, id: &str) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Replaces the price list with `items` (in this order) in one transaction, under a new
    /// revision, so running servers read it on their next request; the revision.
    pub async fn replace_price_list(&self, items: &[PriceItem]) -> StoreResult<i64> {
        let mut tx = self.write(None).await?;
        let revision = tx.next_revision().await?;
        prices::replace(&mut tx.tx, items, revision).await?;
        tx.commit().await?;
        Ok(revision)
    }

    /// Deletes idempotency records created before `before` (seconds since 1970, UTC); how many.
    pub async fn purge_idempotency(&self, before: i64) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM idempotency_records WHERE created_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

/// One request's transaction. Dropped without [`Tx::commit`], it rolls back.
pub struct Tx {
    tx: Transaction<'static, Any>,
    writes: bool,
}

/// The counters and the alert records, which any write may change (read again with the revision).
pub struct Shared {
    /// `State::next_support`.
    pub next_support: u64,
    /// `State::next_id`.
    pub next_id: u64,
    /// The alert rules.
    pub alert_rules: Vec<reservation_api::AlertRule>,
    /// The alert dismissals.
    pub alert_dismissals: Vec<reservation_api::AlertDismissal>,
}

impl Tx {
    /// The revision of the newest committed write.
    pub async fn revision(&mut self) -> StoreResult<i64> {
        let row = sqlx::query("SELECT revision FROM store_revision WHERE id = 1")
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// A new revision for this write (the revision row stays locked until the transaction ends).
    pub async fn next_revision(&mut self) -> StoreResult<i64> {
        debug_assert!(self.writes, "a read transaction takes no revision");
        sqlx::query("UPDATE store_revision SET revision = revision + 1 WHERE id = 1")
            .execute(&mut *self.tx)
            .await?;
        self.revision().await
    }

    /// A `meta` value.
    pub async fn meta(&mut self, key: &str) -> StoreResult<Option<String>> {
        let row = sqlx::query("SELECT meta_value FROM meta WHERE meta_key = $1")
            .bind(key)
            .fetch_optional(&mut *self.tx)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// The whole state; `None` when nothing is stored yet. Idempotency records are not part of it
    /// (see [`Tx::idempotency`]).
    pub async fn load_state(&mut self) -> StoreResult<Option<State>> {
        let Some(seed) = self.meta("seed").await? else {
            return Ok(None);
        };
        let seed: u64 = codec::number(&seed, "seed")?;
        let generated_on = self
            .meta("generated_on")
            .await?
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| StoreError::Corrupt("meta 'generated_on'".into()))?;
        let customers = load::customers(&mut self.tx, None).await?;
        let mut state = State::new(seed, generated_on, customers);
        state.backfill_credits();
        self.apply_shared(&mut state).await?;
        Ok(Some(state))
    }

    /// The counters and alert records, into `state`.
    pub async fn apply_shared(&mut self, state: &mut State) -> StoreResult<()> {
        let shared = self.shared().await?;
        state.next_id = shared.next_id;
        state.next_support = shared.next_support;
        state.alert_rules = shared.alert_rules;
        state.alert_dismissals = shared.alert_dismissals;
        Ok(())
    }

    /// Brings `held` up to the stored price list: read again only when it was imported at
    /// another revision than the one held (`None`: read it). No list imported yet: an empty one.
    pub async fn refresh_price_list(&mut self, held: &mut Option<PriceList>) -> StoreResult<()> {
        let revision = prices::revision(&mut self.tx).await?;
        if held.as_ref().map(|l| l.revision) != Some(revision) {
            *held = Some(prices::load(&mut self.tx, revision).await?);
        }
        Ok(())
    }

    /// The counters and alert records.
    pub async fn shared(&mut self) -> StoreResult<Shared> {
        let num = |v: Option<String>, k: &str| -> StoreResult<u64> {
            codec::number(
                &v.ok_or_else(|| StoreError::Corrupt(format!("meta '{k}' missing")))?,
                k,
            )
        };
        Ok(Shared {
            next_id: num(self.meta("next_id").await?, "next_id")?,
            next_support: num(self.meta("next_support").await?, "next_support")?,
            alert_rules: load::alert_rules(&mut self.tx).await?,
            alert_dismissals: load::alert_dismissals(&mut self.tx).await?,
        })
    }

    /// The customers changed by writes after revision `since`, each with its position, in
    /// position order.
    pub async fn changed_customers<'h>(
        &mut self,
        since: i64,
        held: impl Fn(&str) -> Option<&'h CustomerRec>,
    ) -> StoreResult<Vec<(usize, CustomerRec)>> {
        let rows = sqlx::query("SELECT id, position FROM customers WHERE revision > $1")
            .bind(since)
            .fetch_all(&mut *self.tx)
            .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: String = r.try_get(0)?;
            let pos: i64 = r.try_get(1)?;
            // A customer this process holds: only its orders changed since are read.
            let mut found = match held(&id) {
                Some(h) => load::customer_since(&mut self.tx, &id, since, h).await?,
                None => None,
            };
            if found.is_none() {
                found = load::customers(&mut self.tx, Some(&id)).await?.pop();
            }
            if let Some(c) = found {
                out.push((codec::index(pos), c));
            }
        }
        out.sort_by_key(|(pos, _)| *pos);
        Ok(out)
    }

    /// The stored answer for this idempotency key of this user and scope, when it was recorded
    /// at `not_before` (seconds since 1970, UTC) or later; an older one is deleted, so the key
    /// can be used again.
    pub async fn idempotency(
        &mut self,
        user: &str,
        scope: &str,
        key: &str,
        not_before: i64,
    ) -> StoreResult<Option<IdempotencyRec>> {
        sqlx::query(
            "DELETE FROM idempotency_records WHERE user_id = $1 AND scope = $2 \
             AND idempotency_key = $3 AND created_at < $4",
        )
        .bind(user)
        .bind(scope)
        .bind(key)
        .bind(not_before)
        .execute(&mut *self.tx)
        .await?;
        let row = sqlx::query(
            "SELECT body_hash, status, body FROM idempotency_records \
             WHERE user_id = $1 AND scope = $2 AND idempotency_key = $3",
        )
        .bind(user)
        .bind(scope)
        .bind(key)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(|r| -> StoreResult<IdempotencyRec> {
            Ok(IdempotencyRec {
                scope: scope.to_string(),
                key: key.to_string(),
                body_hash: codec::to_u64(r.try_get(0)?),
                status: u16::try_from(r.try_get::<i64, _>(1)?)
                    .map_err(|_| StoreError::Corrupt("idempotency status".into()))?,
                body: r.try_get(2)?,
            })
        })
        .transpose()
    }

    /// Records an answer under its idempotency key, made at `now` (seconds since 1970, UTC).
    pub async fn insert_idempotency(
        &mut self,
        user: &str,
        rec: &IdempotencyRec,
        now: i64,
    ) -> StoreResult<()> {
        write::insert_idempotency(&mut self.tx, user, rec, now).await
    }

    /// Writes the counters.
    pub async fn save_meta(&mut self, state: &State) -> StoreResult<()> {
        write::save_meta(&mut self.tx, state).await
    }

    /// Writes what changed in a customer between `before` (`None`: a new customer) and `after`,
    /// stamped with `revision`. A reservation or order changed by another writer since `before`
    /// was read fails with [`StoreError::Conflict`].
    pub async fn save_customer(
        &mut self,
        position: usize,
        before: Option<&CustomerRec>,
        after: &CustomerRec,
        revision: i64,
    ) -> StoreResult<()> {
        match before {
            None => write::insert_customer(&mut self.tx, position, after, revision).await,
            Some(b) => write::update_customer(&mut self.tx, b, after, revision).await,
        }
    }

    /// One customer as stored now, with its position in the customer list; `None` when there
    /// is no such customer.
    pub async fn customer(&mut self, id: &str) -> StoreResult<Option<(usize, CustomerRec)>> {
        let Some(row) = sqlx::query("SELECT position FROM customers WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await?
        else {
            return Ok(None);
        };
        let position: i64 = row.try_get(0)?;
        let found = load::customers(&mut self.tx, Some(id)).await?.pop();
        Ok(found.map(|c| (usize::try_from(position).unwrap_or(0), c)))
    }

    /// Records a customer's sync from Azure: when (UTC), and its error (`None`: it synced).
    pub async fn record_sync(
        &mut self,
        customer: &str,
        at: chrono::NaiveDateTime,
        error: Option<&str>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO customer_syncs (customer_id, synced_at, last_error) VALUES ($1, $2, $3) \
             ON CONFLICT (customer_id) DO UPDATE SET synced_at = $2, last_error = $3",
        )
        .bind(customer)
        .bind(at.format("%Y-%m-%dT%H:%M:%S").to_string())
        .bind(error)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// The position a new customer takes: after the last one.
    pub async fn next_customer_position(&mut self) -> StoreResult<usize> {
        let row = sqlx::query("SELECT COALESCE(MAX(position) + 1, 0) FROM customers")
            .fetch_one(&mut *self.tx)
            .await?;
        let next: i64 = row.try_get(0)?;
        Ok(usize::try_from(next).unwrap_or(0))
    }

    /// Rewrites the alert rules and dismissals (they are few).
    pub async fn save_alerts(&mut self, state: &State) -> StoreResult<()> {
        write::save_alerts(&mut self.tx, state).await
    }

    /// The user with this id or e-mail (case-insensitive: proxies differ in how they spell it).
    pub async fn find_user(&mut self, name: &str) -> StoreResult<Option<User>> {
        Ok(load::users(&mut self.tx, Some(name))
            .await?
            .into_iter()
            .next())
    }

    /// Makes the transaction's writes durable.
    pub async fn commit(self) -> StoreResult<()> {
        self.tx.commit().await?;
        Ok(())
    }

    /// Ends the transaction without writing.
    pub async fn rollback(self) -> StoreResult<()> {
        self.tx.rollback().await?;
        Ok(())
    }

    /// The connection, for what this crate's tests check.
    #[doc(hidden)]
    pub fn connection(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}
