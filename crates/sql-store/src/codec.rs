//! Errors, and how values are written as columns: enums by their serde names, money as exact
//! decimal text, dates as ISO text, counters as BIGINT bits.

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Dialect;

/// A store failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database said no, or could not be reached.
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// The database was written by a newer build.
    #[error(
        "the database has schema version {found}, newer than this build knows ({known}); \
         run a newer reservation-server or restore a backup"
    )]
    TooNew {
        /// The version in the database.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// A stored value could not be read back.
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// A conditional update found another version than the one read (`UPDATE … WHERE etag`).
    #[error("{0} was changed by another request; nothing was saved")]
    Conflict(String),
    /// The database URL or options are wrong.
    #[error("{0}")]
    Config(String),
    /// The file or its folder could not be created.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Whether no connection became free within the pool's wait: the database is not failing,
    /// the server is taking more at once than its pool serves.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sql(sqlx::Error::PoolTimedOut))
    }
}

/// Result of store operations.
pub type StoreResult<T> = Result<T, StoreError>;

/// An enum's serde name as text (`"Reader"`, `"P1Y"`, ...).
pub fn enum_text<T: Serialize>(v: &T) -> StoreResult<String> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        other => Err(StoreError::Corrupt(format!("not a text enum: {other:?}"))),
    }
}

/// An enum from its serde name.
pub fn enum_from<T: DeserializeOwned>(s: &str) -> StoreResult<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|e| StoreError::Corrupt(format!("'{s}': {e}")))
}

/// A value as JSON text.
pub fn json_text<T: Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// A value from JSON text.
pub fn json_from<T: DeserializeOwned>(s: &str) -> StoreResult<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// An exact amount from its text.
pub fn decimal_from(s: &str) -> StoreResult<Decimal> {
    s.parse()
        .map_err(|e| StoreError::Corrupt(format!("amount '{s}': {e}")))
}

/// A number kept as text in `meta`.
pub fn number(s: &str, what: &str) -> StoreResult<u64> {
    s.parse()
        .map_err(|e| StoreError::Corrupt(format!("meta '{what}': {e}")))
}

/// A date from ISO text.
pub fn date_from(s: &str) -> StoreResult<NaiveDate> {
    s.parse()
        .map_err(|e| StoreError::Corrupt(format!("date '{s}': {e}")))
}

/// A timestamp as ISO text (`2026-11-28T09:30:00`).
pub fn datetime_text(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

/// A timestamp from ISO text, with `T` or a space between date and time (databases written by
/// earlier builds use the space).
pub fn datetime_from(s: &str) -> StoreResult<NaiveDateTime> {
    s.replacen(' ', "T", 1)
        .parse()
        .map_err(|e| StoreError::Corrupt(format!("timestamp '{s}': {e}")))
}

/// Counters are u64 in memory; BIGINT holds their bits.
pub fn to_i64(v: u64) -> i64 {
    v as i64
}

/// The inverse of [`to_i64`].
pub fn to_u64(v: i64) -> u64 {
    v as u64
}

/// A stored position or index.
pub fn index(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

/// A position or index to store.
pub fn position(v: usize) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// A small stored count (quantities, days).
pub fn count(v: i64, what: &str) -> StoreResult<u32> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{what} {v}")))
}

/// Whether a table exists.
async fn has_table(conn: &mut AnyConnection, dialect: Dialect, name: &str) -> StoreResult<bool> {
    let sql = match dialect {
        Dialect::Sqlite => "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1",
        Dialect::Postgres => {
            "SELECT 1 FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = $1"
        }
    };
    Ok(sqlx::query(sql)
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?
        .is_some())
}

/// The schema version recorded in the database; `None` for a new one.
pub async fn schema_version(
    conn: &mut AnyConnection,
    dialect: Dialect,
) -> StoreResult<Option<i64>> {
    if !has_table(conn, dialect, "meta").await? {
        return Ok(None);
    }
    let row = sqlx::query("SELECT meta_value FROM meta WHERE meta_key = 'schema_version'")
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row
        .map(|r| r.try_get::<String, _>(0))
        .transpose()?
        .and_then(|v| v.parse().ok()))
}

/// A SQLite database migrated by earlier builds (with refinery, same files) gets sqlx's record of
/// the migrations it already has, so they are not run again.
pub async fn adopt_refinery_history(
    conn: &mut AnyConnection,
    dialect: Dialect,
    migrator: &sqlx::migrate::Migrator,
) -> StoreResult<()> {
    if !has_table(conn, dialect, "refinery_schema_history").await?
        || has_table(conn, dialect, "_sqlx_migrations").await?
    {
        return Ok(());
    }
    let applied: Vec<i64> = sqlx::query("SELECT version FROM refinery_schema_history")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?;
    use sqlx::migrate::Migrate;
    conn.ensure_migrations_table().await?;
    for m in migrator.iter().filter(|m| applied.contains(&m.version)) {
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, \
             execution_time) VALUES ($1, $2, TRUE, $3, 0)",
        )
        .bind(m.version)
        .bind(m.description.to_string())
        .bind(m.checksum.to_vec())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
