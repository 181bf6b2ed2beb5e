//! The SQLite store: schema migrations, loading the whole state, and writing what a request
//! changed in one transaction.

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use reservation_api::{
    AlertDismissal, AlertRule, AuditEvent, DemoUser, NewAlertRule, Role, SupportRequest,
};
use reservation_mock::{
    CreditRec, CustomerRec, IdempotencyRec, MgRec, OrderRec, RefundRec, ResRec, RgRec, RoleRec,
    Scope, State, StoredStatus, SubRec,
};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The newest schema this binary knows (the `schema_version` row of `meta`).
pub const DB_SCHEMA_VERSION: i64 = 5;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// A store failure.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite said no.
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// The database was written by a newer build.
    #[error(
        "the database has schema version {found}, newer than this build knows ({known}); \
         run a newer reservation-server or restore a backup"
    )]
    TooNew {
        /// The version in the file.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// A stored value could not be read back.
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The file or its folder could not be created.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Result of store operations.
pub type DbResult<T> = Result<T, DbError>;

/// A reservation's stored status from its `cancelled` and `ended_by` columns.
fn stored_status(cancelled: bool, ended_by: Option<&str>) -> DbResult<StoredStatus> {
    match (cancelled, ended_by) {
        (true, _) => Ok(StoredStatus::Cancelled),
        (false, None) => Ok(StoredStatus::Succeeded),
        (false, Some("Split")) => Ok(StoredStatus::Split),
        (false, Some("Merged")) => Ok(StoredStatus::Merged),
        (false, Some(other)) => Err(DbError::Corrupt(format!("ended_by '{other}'"))),
    }
}

/// The `ended_by` column of a stored status (split and merge only).
fn ended_by(status: StoredStatus) -> Option<&'static str> {
    match status {
        StoredStatus::Split => Some("Split"),
        StoredStatus::Merged => Some("Merged"),
        StoredStatus::Succeeded | StoredStatus::Cancelled => None,
    }
}

/// An enum's serde name as text (`"Reader"`, `"P1Y"`, ...).
fn enum_text<T: Serialize>(v: &T) -> DbResult<String> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        other => Err(DbError::Corrupt(format!("not a text enum: {other:?}"))),
    }
}

/// An enum from its serde name.
fn enum_from<T: DeserializeOwned>(s: &str) -> DbResult<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|e| DbError::Corrupt(format!("'{s}': {e}")))
}

fn json_text<T: Serialize>(v: &T) -> DbResult<String> {
    serde_json::to_string(v).map_err(|e| DbError::Corrupt(e.to_string()))
}

fn json_from<T: DeserializeOwned>(s: &str) -> DbResult<T> {
    serde_json::from_str(s).map_err(|e| DbError::Corrupt(e.to_string()))
}

fn decimal_from(s: &str) -> DbResult<Decimal> {
    s.parse()
        .map_err(|e| DbError::Corrupt(format!("amount '{s}': {e}")))
}

/// Counters are u64 in memory; BIGINT holds their bits.
fn to_i64(v: u64) -> i64 {
    v as i64
}

fn to_u64(v: i64) -> u64 {
    v as u64
}

fn idx(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

/// The SQLite database.
pub struct Db {
    conn: Connection,
}

impl Db {
    /// Opens (creating it and its folder when missing) and migrates the database; refuses one
    /// written by a newer build.
    pub fn open(path: &Path) -> DbResult<Db> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let mut conn = Connection::open(path)?;
        // WAL: readers never wait for the writer; FULL: a commit is on disk before we answer.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        if let Some(found) = schema_version(&conn)? {
            if found > DB_SCHEMA_VERSION {
                return Err(DbError::TooNew {
                    found,
                    known: DB_SCHEMA_VERSION,
                });
            }
        }
        embedded::migrations::runner()
            .run(&mut conn)
            .map_err(|e| DbError::Migration(e.to_string()))?;
        Ok(Db { conn })
    }

    /// Readiness: this connection answers `SELECT 1`, and a new read-only connection to the
    /// same file finds the schema this build migrates to. (An open connection keeps answering
    /// from a file that was deleted or replaced underneath it; a new one does not.)
    pub fn ping(&self) -> DbResult<()> {
        self.conn
            .query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?;
        let Some(path) = self.conn.path().filter(|p| !p.is_empty()) else {
            return Ok(()); // in memory: nothing else to reach
        };
        let fresh = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        fresh.busy_timeout(std::time::Duration::from_secs(1))?;
        match schema_version(&fresh)? {
            Some(v) if v == DB_SCHEMA_VERSION => Ok(()),
            found => Err(DbError::Migration(format!(
                "the database is at schema version {found:?}, this build migrates to \
                 {DB_SCHEMA_VERSION}"
            ))),
        }
    }

    /// The schema version recorded in the database.
    pub fn version(&self) -> DbResult<Option<i64>> {
        schema_version(&self.conn)
    }

    /// Whether no state has been stored yet.
    pub fn is_empty(&self) -> DbResult<bool> {
        let seeded: Option<String> = self
            .conn
            .query_row(
                "SELECT meta_value FROM meta WHERE meta_key = 'seed'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(seeded.is_none())
    }

    /// Stores a whole state (seeding an empty database), in one transaction.
    pub fn save_all(&mut self, state: &State) -> DbResult<()> {
        let tx = self.conn.transaction()?;
        write_meta(&tx, state)?;
        for (pos, c) in state.customers.iter().enumerate() {
            write_customer(&tx, pos, c)?;
        }
        for rec in &state.idempotency {
            insert_idempotency(&tx, rec)?;
        }
        write_alerts(&tx, state)?;
        tx.commit()?;
        Ok(())
    }

    /// Writes the alert rules and dismissals (rewritten: they are few) and the counters, in one
    /// transaction: what a request to `/alertRules` or `/alerts` changes.
    pub fn save_alerts(&mut self, state: &State) -> DbResult<()> {
        let tx = self.conn.transaction()?;
        write_meta(&tx, state)?;
        write_alerts(&tx, state)?;
        tx.commit()?;
        Ok(())
    }

    /// Writes what one request changed, in one transaction: the rows of `customer` (rewritten),
    /// the counters, and the newest idempotency record when `new_record`.
    pub fn save_change(
        &mut self,
        state: &State,
        customer: Option<&str>,
        new_record: bool,
    ) -> DbResult<()> {
        let tx = self.conn.transaction()?;
        write_meta(&tx, state)?;
        if let Some(id) = customer {
            if let Some(pos) = state.customers.iter().position(|c| c.id == id) {
                delete_customer(&tx, id)?;
                write_customer(&tx, pos, &state.customers[pos])?;
            }
        }
        if new_record {
            if let Some(rec) = state.idempotency.last() {
                insert_idempotency(&tx, rec)?;
                // Keep as many as the state keeps in memory (oldest dropped first).
                let keep =
                    i64::try_from(reservation_mock::MAX_IDEMPOTENCY_RECORDS).unwrap_or(i64::MAX);
                tx.execute(
                    "DELETE FROM idempotency_records \
                     WHERE seq <= (SELECT MAX(seq) FROM idempotency_records) - ?1",
                    params![keep],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Loads the whole state; `None` when nothing is stored yet.
    pub fn load(&self) -> DbResult<Option<State>> {
        let meta = self.meta()?;
        let Some(seed) = meta.get("seed") else {
            return Ok(None);
        };
        let num = |k: &str| -> DbResult<u64> {
            meta.get(k)
                .ok_or_else(|| DbError::Corrupt(format!("meta '{k}' missing")))?
                .parse()
                .map_err(|e| DbError::Corrupt(format!("meta '{k}': {e}")))
        };
        let generated_on: NaiveDate = meta
            .get("generated_on")
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| DbError::Corrupt("meta 'generated_on'".into()))?;
        let seed: u64 = seed
            .parse()
            .map_err(|e| DbError::Corrupt(format!("meta 'seed': {e}")))?;
        let customers = self.load_customers()?;
        let mut state = State::new(seed, generated_on, customers);
        // A database of schema 1 has no credits yet: derive them as the seed does.
        state.backfill_credits();
        state.next_id = num("next_id")?;
        state.next_support = num("next_support")?;
        state.idempotency = self.load_idempotency()?;
        state.alert_rules = self.load_alert_rules()?;
        state.alert_dismissals = self.load_alert_dismissals()?;
        Ok(Some(state))
    }

    fn load_alert_rules(&self) -> DbResult<Vec<AlertRule>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, threshold_percent, window_days, within_days, created_by, created_at \
             FROM alert_rules ORDER BY position",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(1)?;
            let threshold: Option<String> = r.get(2)?;
            out.push(AlertRule {
                id: r.get(0)?,
                rule: NewAlertRule {
                    kind: enum_from(&kind)?,
                    threshold_percent: threshold.as_deref().map(decimal_from).transpose()?,
                    window_days: r.get(3)?,
                    within_days: r.get(4)?,
                },
                created_by: r.get(5)?,
                created_date_time: r.get(6)?,
            });
        }
        Ok(out)
    }

    fn load_alert_dismissals(&self) -> DbResult<Vec<AlertDismissal>> {
        let mut stmt = self.conn.prepare(
            "SELECT alert_id, snoozed_until, dismissed_by, dismissed_at FROM alert_dismissals \
             ORDER BY position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AlertDismissal {
                alert_id: r.get(0)?,
                snoozed_until: r.get(1)?,
                by: r.get(2)?,
                at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn meta(&self) -> DbResult<HashMap<String, String>> {
        let mut stmt = self.conn.prepare("SELECT meta_key, meta_value FROM meta")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn load_idempotency(&self) -> DbResult<Vec<IdempotencyRec>> {
        let mut stmt = self.conn.prepare(
            "SELECT scope, idempotency_key, body_hash, status, body FROM idempotency_records \
             ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(IdempotencyRec {
                scope: r.get(0)?,
                key: r.get(1)?,
                body_hash: to_u64(r.get(2)?),
                status: r.get(3)?,
                body: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn load_customers(&self) -> DbResult<Vec<CustomerRec>> {
        let c = &self.conn;
        let mut customers: Vec<CustomerRec> = Vec::new();
        let mut stmt = c.prepare(
            "SELECT id, company_name, primary_domain, country, locale FROM customers \
             ORDER BY position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CustomerRec {
                id: r.get(0)?,
                name: r.get(1)?,
                domain: r.get(2)?,
                country: r.get(3)?,
                locale: r.get(4)?,
                subs: Vec::new(),
                rgs: Vec::new(),
                mgs: Vec::new(),
                orders: Vec::new(),
                refunds: Vec::new(),
                support: Vec::new(),
                credits: Vec::new(),
            })
        })?;
        for row in rows {
            customers.push(row?);
        }
        let at: HashMap<String, usize> = customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let find = |id: &str| -> DbResult<usize> {
            at.get(id)
                .copied()
                .ok_or_else(|| DbError::Corrupt(format!("row of unknown customer '{id}'")))
        };

        let mut stmt = c.prepare(
            "SELECT customer_id, id, name FROM subscriptions ORDER BY customer_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cid: String = r.get(0)?;
            customers[find(&cid)?].subs.push(SubRec {
                id: r.get(1)?,
                name: r.get(2)?,
            });
        }

        let mut stmt = c.prepare(
            "SELECT customer_id, subscription_position, name, location FROM resource_groups \
             ORDER BY customer_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cid: String = r.get(0)?;
            customers[find(&cid)?].rgs.push(RgRec {
                sub: idx(r.get(1)?),
                name: r.get(2)?,
                loc: r.get(3)?,
            });
        }

        let mut stmt = c.prepare(
            "SELECT customer_id, name, display_name FROM management_groups \
             ORDER BY customer_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cid: String = r.get(0)?;
            customers[find(&cid)?].mgs.push(MgRec {
                name: r.get(1)?,
                display: r.get(2)?,
            });
        }

        // Orders, then their reservations, role assignments and audit events.
        let mut order_at: HashMap<(String, String), (usize, usize)> = HashMap::new();
        let mut stmt = c.prepare(
            "SELECT customer_id, id, purchase_date, term, billing_plan, quantity, etag, bought_by \
             FROM reservation_orders ORDER BY customer_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cid: String = r.get(0)?;
            let ci = find(&cid)?;
            let term: String = r.get(3)?;
            let plan: String = r.get(4)?;
            let order = OrderRec {
                id: r.get(1)?,
                purchase: r.get(2)?,
                term: enum_from(&term)?,
                plan: enum_from(&plan)?,
                qty: r.get(5)?,
                etag: to_u64(r.get(6)?),
                by: r.get(7)?,
                res: Vec::new(),
                audit: Vec::new(),
            };
            order_at.insert((cid, order.id.clone()), (ci, customers[ci].orders.len()));
            customers[ci].orders.push(order);
        }
        // A row whose first two columns are its customer and order: their ids and positions.
        let order_of = |r: &rusqlite::Row| -> DbResult<(String, String, usize, usize)> {
            let cid: String = r.get(0)?;
            let oid: String = r.get(1)?;
            let (ci, oi) = order_at
                .get(&(cid.clone(), oid.clone()))
                .copied()
                .ok_or_else(|| DbError::Corrupt(format!("row of unknown order '{oid}'")))?;
            Ok((cid, oid, ci, oi))
        };

        let mut res_at: HashMap<(String, String, String), usize> = HashMap::new();
        let mut stmt = c.prepare(
            "SELECT customer_id, order_id, id, name, family, sku, location, quantity, unit_price, \
             cancelled, scope_kind, scope_index, flexibility, auto_renew, billing_subscription, \
             etag, utilization, final_exchange_used, ended_on, updated_at, ended_by \
             FROM reservations ORDER BY customer_id, order_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (cid, oid, ci, oi) = order_of(r)?;
            let family: String = r.get(4)?;
            let price: String = r.get(8)?;
            let cancelled: bool = r.get(9)?;
            let scope_kind: String = r.get(10)?;
            let scope_index: Option<i64> = r.get(11)?;
            let flex: Option<String> = r.get(12)?;
            let scope = match (scope_kind.as_str(), scope_index) {
                ("Shared", _) => Scope::Shared,
                ("Sub", Some(i)) => Scope::Sub(idx(i)),
                ("Rg", Some(i)) => Scope::Rg(idx(i)),
                ("Mg", Some(i)) => Scope::Mg(idx(i)),
                (k, _) => return Err(DbError::Corrupt(format!("scope '{k}'"))),
            };
            let rec = ResRec {
                id: r.get(2)?,
                name: r.get(3)?,
                family: enum_from(&family)?,
                sku: r.get(5)?,
                loc: r.get(6)?,
                qty: r.get(7)?,
                price: decimal_from(&price)?,
                status: stored_status(cancelled, r.get::<_, Option<String>>(20)?.as_deref())?,
                scope,
                flex: flex.as_deref().map(enum_from).transpose()?,
                renew: r.get(13)?,
                bill: idx(r.get(14)?),
                etag: to_u64(r.get(15)?),
                util: r.get(16)?,
                fx: r.get(17)?,
                ended: r.get(18)?,
                updated: r.get(19)?,
                roles: Vec::new(),
            };
            let order = &mut customers[ci].orders[oi];
            res_at.insert((cid, oid, rec.id.clone()), order.res.len());
            order.res.push(rec);
        }

        let mut stmt = c.prepare(
            "SELECT customer_id, order_id, reservation_id, id, principal_id, principal_name, \
             principal_type, role, created_on FROM role_assignments \
             ORDER BY customer_id, order_id, reservation_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (cid, oid, ci, oi) = order_of(r)?;
            let rid: String = r.get(2)?;
            let ri = *res_at
                .get(&(cid, oid, rid.clone()))
                .ok_or_else(|| DbError::Corrupt(format!("role of unknown reservation '{rid}'")))?;
            let ptype: String = r.get(6)?;
            let role: String = r.get(7)?;
            customers[ci].orders[oi].res[ri].roles.push(RoleRec {
                id: r.get(3)?,
                pid: r.get(4)?,
                pname: r.get(5)?,
                ptype: enum_from(&ptype)?,
                role: enum_from(&role)?,
                on: r.get(8)?,
            });
        }

        let mut stmt = c.prepare(
            "SELECT customer_id, order_id, id, occurred_at, actor_id, actor_name, action, \
             reservation_id, summary, changes, amount FROM audit_events \
             ORDER BY customer_id, order_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (_, oid, ci, oi) = order_of(r)?;
            let action: String = r.get(6)?;
            let changes: String = r.get(9)?;
            let amount: Option<String> = r.get(10)?;
            customers[ci].orders[oi].audit.push(AuditEvent {
                id: r.get(2)?,
                timestamp: r.get::<_, NaiveDateTime>(3)?,
                actor_id: r.get(4)?,
                actor_name: r.get(5)?,
                action: enum_from(&action)?,
                reservation_order_id: oid,
                reservation_id: r.get(7)?,
                summary: r.get(8)?,
                changes: json_from(&changes)?,
                amount: amount.as_deref().map(decimal_from).transpose()?,
            });
        }

        let mut stmt = c.prepare(
            "SELECT customer_id, id, refund_date, amount, order_id, reservation_id, \
             reservation_name, quantity FROM refund_history ORDER BY customer_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cid: String = r.get(0)?;
            let amount: String = r.get(3)?;
            customers[find(&cid)?].refunds.push(RefundRec {
                id: r.get(1)?,
                date: r.get(2)?,
                amount: decimal_from(&amount)?,
                order: r.get(4)?,
                res: r.get(5)?,
                name: r.get(6)?,
                qty: r.get(7)?,
            });
        }

        let mut stmt = c.prepare(
            "SELECT customer_id, order_id, reservation_id, credit_date, kind, quantity, refund \
             FROM billing_credits ORDER BY customer_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cid: String = r.get(0)?;
            let kind: String = r.get(4)?;
            let refund: String = r.get(6)?;
            customers[find(&cid)?].credits.push(CreditRec {
                order: r.get(1)?,
                res: r.get(2)?,
                date: r.get(3)?,
                kind: enum_from(&kind)?,
                qty: r.get(5)?,
                refund: decimal_from(&refund)?,
            });
        }

        let mut stmt = c.prepare(
            "SELECT customer_id, number, status, created_at, created_by, request \
             FROM support_requests ORDER BY customer_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cid: String = r.get(0)?;
            let status: String = r.get(2)?;
            let request: String = r.get(5)?;
            let ci = find(&cid)?;
            customers[ci].support.push(SupportRequest {
                number: r.get(1)?,
                customer_id: cid,
                status: enum_from(&status)?,
                created_date_time: r.get(3)?,
                created_by: r.get(4)?,
                request: json_from(&request)?,
            });
        }
        Ok(customers)
    }

    // ---- users --------------------------------------------------------------------------

    /// Every user, by id.
    pub fn users(&self) -> DbResult<Vec<DemoUser>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, email, role, description FROM users ORDER BY id")?;
        let rows = stmt.query_map([], user_row)?;
        let users: Vec<(DemoUser, Option<String>)> = rows.collect::<Result<_, _>>()?;
        users.into_iter().map(finish_user).collect()
    }

    /// The user with this id or e-mail (case-insensitive: proxies differ in how they spell it).
    pub fn find_user(&self, name: &str) -> DbResult<Option<DemoUser>> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT id, name, email, role, description FROM users \
                 WHERE LOWER(id) = LOWER(?1) OR LOWER(email) = LOWER(?1) ORDER BY id",
            )?
            .query_row(params![name], user_row)
            .optional()?;
        found.map(finish_user).transpose()
    }

    /// Adds a user, or replaces the one with the same id.
    pub fn upsert_user(&mut self, user: &DemoUser) -> DbResult<()> {
        let role = user.role.as_ref().map(enum_text).transpose()?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM users WHERE id = ?1", params![user.id])?;
        tx.execute(
            "INSERT INTO users (id, name, email, role, description) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![user.id, user.name, user.email, role, user.description],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a user; whether there was one.
    pub fn remove_user(&mut self, id: &str) -> DbResult<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM users WHERE id = ?1", params![id])?
            > 0)
    }
}

fn user_row(r: &rusqlite::Row) -> rusqlite::Result<(DemoUser, Option<String>)> {
    Ok((
        DemoUser {
            id: r.get(0)?,
            name: r.get(1)?,
            email: r.get(2)?,
            role: None,
            description: r.get(4)?,
        },
        r.get(3)?,
    ))
}

fn finish_user((mut user, role): (DemoUser, Option<String>)) -> DbResult<DemoUser> {
    user.role = role.as_deref().map(enum_from::<Role>).transpose()?;
    Ok(user)
}

fn schema_version(conn: &Connection) -> DbResult<Option<i64>> {
    let has_meta: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if has_meta.is_none() {
        return Ok(None);
    }
    let v: Option<String> = conn
        .query_row(
            "SELECT meta_value FROM meta WHERE meta_key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.and_then(|v| v.parse().ok()))
}

fn set_meta(tx: &Transaction, key: &str, value: &str) -> DbResult<()> {
    tx.execute("DELETE FROM meta WHERE meta_key = ?1", params![key])?;
    tx.execute(
        "INSERT INTO meta (meta_key, meta_value) VALUES (?1, ?2)",
        params![key, value],
    )?;
    Ok(())
}

fn write_meta(tx: &Transaction, state: &State) -> DbResult<()> {
    set_meta(tx, "seed", &state.seed.to_string())?;
    set_meta(tx, "generated_on", &state.generated_on.to_string())?;
    set_meta(tx, "next_id", &state.next_id.to_string())?;
    set_meta(tx, "next_support", &state.next_support.to_string())?;
    Ok(())
}

fn insert_idempotency(tx: &Transaction, rec: &IdempotencyRec) -> DbResult<()> {
    tx.execute(
        "INSERT INTO idempotency_records (seq, scope, idempotency_key, body_hash, status, body) \
         VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM idempotency_records), ?1, ?2, ?3, ?4, ?5)",
        params![
            rec.scope,
            rec.key,
            to_i64(rec.body_hash),
            rec.status,
            rec.body
        ],
    )?;
    Ok(())
}

/// Rewrites the alert rules and dismissals.
fn write_alerts(tx: &Transaction, state: &State) -> DbResult<()> {
    tx.execute("DELETE FROM alert_rules", [])?;
    tx.execute("DELETE FROM alert_dismissals", [])?;
    for (pos, rule) in state.alert_rules.iter().enumerate() {
        let r = &rule.rule;
        tx.prepare_cached(
            "INSERT INTO alert_rules (id, position, kind, threshold_percent, window_days, \
             within_days, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            rule.id,
            pos,
            enum_text(&r.kind)?,
            r.threshold_percent.map(|p| p.to_string()),
            r.window_days,
            r.within_days,
            rule.created_by,
            rule.created_date_time
        ])?;
    }
    for (pos, d) in state.alert_dismissals.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO alert_dismissals (alert_id, position, snoozed_until, dismissed_by, \
             dismissed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![d.alert_id, pos, d.snoozed_until, d.by, d.at])?;
    }
    Ok(())
}

/// Deletes every row of a customer (children first).
fn delete_customer(tx: &Transaction, id: &str) -> DbResult<()> {
    for table in [
        "role_assignments",
        "audit_events",
        "reservations",
        "reservation_orders",
        "refund_history",
        "billing_credits",
        "support_requests",
        "management_groups",
        "resource_groups",
        "subscriptions",
        "customers",
    ] {
        let column = if table == "customers" {
            "id"
        } else {
            "customer_id"
        };
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE {column} = ?1"))?
            .execute(params![id])?;
    }
    Ok(())
}

fn scope_cols(s: Scope) -> (&'static str, Option<i64>) {
    let i = |v: usize| i64::try_from(v).ok();
    match s {
        Scope::Shared => ("Shared", None),
        Scope::Sub(v) => ("Sub", i(v)),
        Scope::Rg(v) => ("Rg", i(v)),
        Scope::Mg(v) => ("Mg", i(v)),
    }
}

/// Inserts every row of a customer.
fn write_customer(tx: &Transaction, pos: usize, c: &CustomerRec) -> DbResult<()> {
    let cid = c.id.as_str();
    tx.prepare_cached(
        "INSERT INTO customers (id, position, company_name, primary_domain, country, locale) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![cid, pos, c.name, c.domain, c.country, c.locale])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO subscriptions (customer_id, position, id, name) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, s) in c.subs.iter().enumerate() {
        stmt.execute(params![cid, i, s.id, s.name])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO resource_groups (customer_id, position, subscription_position, name, location) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, g) in c.rgs.iter().enumerate() {
        stmt.execute(params![cid, i, g.sub, g.name, g.loc])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO management_groups (customer_id, position, name, display_name) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, g) in c.mgs.iter().enumerate() {
        stmt.execute(params![cid, i, g.name, g.display])?;
    }
    for (oi, o) in c.orders.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO reservation_orders (customer_id, id, position, purchase_date, term, \
             billing_plan, quantity, etag, bought_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            cid,
            o.id,
            oi,
            o.purchase,
            enum_text(&o.term)?,
            enum_text(&o.plan)?,
            o.qty,
            to_i64(o.etag),
            o.by
        ])?;
        for (ri, r) in o.res.iter().enumerate() {
            let (scope_kind, scope_index) = scope_cols(r.scope);
            tx.prepare_cached(
                "INSERT INTO reservations (customer_id, order_id, id, position, name, family, sku, \
                 location, quantity, unit_price, cancelled, scope_kind, scope_index, flexibility, \
                 auto_renew, billing_subscription, etag, utilization, final_exchange_used, \
                 ended_on, updated_at, ended_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
                 ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
            )?
            .execute(params![
                cid,
                o.id,
                r.id,
                ri,
                r.name,
                enum_text(&r.family)?,
                r.sku,
                r.loc,
                r.qty,
                r.price.to_string(),
                r.status == StoredStatus::Cancelled,
                scope_kind,
                scope_index,
                r.flex.as_ref().map(enum_text).transpose()?,
                r.renew,
                r.bill,
                to_i64(r.etag),
                r.util,
                r.fx,
                r.ended,
                r.updated,
                ended_by(r.status)
            ])?;
            for (ai, a) in r.roles.iter().enumerate() {
                tx.prepare_cached(
                    "INSERT INTO role_assignments (customer_id, order_id, reservation_id, \
                     position, id, principal_id, principal_name, principal_type, role, \
                     created_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?
                .execute(params![
                    cid,
                    o.id,
                    r.id,
                    ai,
                    a.id,
                    a.pid,
                    a.pname,
                    enum_text(&a.ptype)?,
                    enum_text(&a.role)?,
                    a.on
                ])?;
            }
        }
        for (ei, e) in o.audit.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO audit_events (customer_id, order_id, position, id, occurred_at, \
                 actor_id, actor_name, action, reservation_id, summary, changes, amount) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                cid,
                o.id,
                ei,
                e.id,
                e.timestamp,
                e.actor_id,
                e.actor_name,
                enum_text(&e.action)?,
                e.reservation_id,
                e.summary,
                json_text(&e.changes)?,
                e.amount.map(|a| a.to_string())
            ])?;
        }
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO refund_history (customer_id, position, id, refund_date, amount, order_id, \
         reservation_id, reservation_name, quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, f) in c.refunds.iter().enumerate() {
        stmt.execute(params![
            cid,
            i,
            f.id,
            f.date,
            f.amount.to_string(),
            f.order,
            f.res,
            f.name,
            f.qty
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO billing_credits (customer_id, position, order_id, reservation_id, \
         credit_date, kind, quantity, refund) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, k) in c.credits.iter().enumerate() {
        stmt.execute(params![
            cid,
            i,
            k.order,
            k.res,
            k.date,
            enum_text(&k.kind)?,
            k.qty,
            k.refund.to_string()
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO support_requests (customer_id, position, number, status, created_at, \
         created_by, request) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, s) in c.support.iter().enumerate() {
        stmt.execute(params![
            cid,
            i,
            s.number,
            enum_text(&s.status)?,
            s.created_date_time,
            s.created_by,
            json_text(&s.request)?
        ])?;
    }
    Ok(())
}
