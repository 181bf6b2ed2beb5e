//! Writing records: a new customer whole, or only what a request changed in one.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use reservation_api::SupportRequest;
use reservation_api::User;
use reservation_mock::{
    CreditRec, CustomerRec, IdempotencyRec, OrderRec, RefundRec, ResRec, Scope, State, StoredStatus,
};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

use crate::codec::{
    datetime_text, enum_text, json_text, position, to_i64, StoreError, StoreResult,
};

/// The `ended_by` column of a stored status (split and merge only).
fn ended_by(status: StoredStatus) -> Option<&'static str> {
    match status {
        StoredStatus::Split => Some("Split"),
        StoredStatus::Merged => Some("Merged"),
        StoredStatus::Succeeded | StoredStatus::Cancelled => None,
    }
}

fn scope_cols(s: Scope) -> (&'static str, Option<i64>) {
    match s {
        Scope::Shared => ("Shared", None),
        Scope::Sub(v) => ("Sub", Some(position(v))),
        Scope::Rg(v) => ("Rg", Some(position(v))),
        Scope::Mg(v) => ("Mg", Some(position(v))),
    }
}

fn flag(b: bool) -> i64 {
    i64::from(b)
}

async fn set_meta(conn: &mut AnyConnection, key: &str, value: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM meta WHERE meta_key = $1")
        .bind(key)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO meta (meta_key, meta_value) VALUES ($1, $2)")
        .bind(key)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Writes the seed, the day and the counters.
pub async fn save_meta(conn: &mut AnyConnection, state: &State) -> StoreResult<()> {
    set_meta(conn, "seed", &state.seed.to_string()).await?;
    set_meta(conn, "generated_on", &state.generated_on.to_string()).await?;
    set_meta(conn, "next_id", &state.next_id.to_string()).await?;
    set_meta(conn, "next_support", &state.next_support.to_string()).await?;
    Ok(())
}

/// Records an answer under its idempotency key.
pub async fn insert_idempotency(
    conn: &mut AnyConnection,
    user: &str,
    rec: &IdempotencyRec,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO idempotency_records (user_id, scope, idempotency_key, body_hash, status, \
         body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(user)
    .bind(rec.scope.as_str())
    .bind(rec.key.as_str())
    .bind(to_i64(rec.body_hash))
    .bind(i64::from(rec.status))
    .bind(rec.body.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Rewrites the alert rules and dismissals.
pub async fn save_alerts(conn: &mut AnyConnection, state: &State) -> StoreResult<()> {
    sqlx::query("DELETE FROM alert_rules")
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM alert_dismissals")
        .execute(&mut *conn)
        .await?;
    for (pos, rule) in state.alert_rules.iter().enumerate() {
        let r = &rule.rule;
        sqlx::query(
            "INSERT INTO alert_rules (id, position, kind, threshold_percent, window_days, \
             within_days, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(rule.id.as_str())
        .bind(position(pos))
        .bind(enum_text(&r.kind)?)
        .bind(r.threshold_percent.map(|p| p.to_string()))
        .bind(r.window_days.map(i64::from))
        .bind(r.within_days.map(i64::from))
        .bind(rule.created_by.as_str())
        .bind(datetime_text(&rule.created_date_time))
        .execute(&mut *conn)
        .await?;
    }
    for (pos, d) in state.alert_dismissals.iter().enumerate() {
        sqlx::query(
            "INSERT INTO alert_dismissals (alert_id, position, snoozed_until, dismissed_by, \
             dismissed_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(d.alert_id.as_str())
        .bind(position(pos))
        .bind(d.snoozed_until.map(|s| s.to_string()))
        .bind(d.by.as_str())
        .bind(datetime_text(&d.at))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Adds a user, or replaces the one with the same id.
pub async fn upsert_user(conn: &mut AnyConnection, user: &User) -> StoreResult<()> {
    let role = user.role.as_ref().map(enum_text).transpose()?;
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(user.id.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO users (id, name, email, role, description) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user.id.as_str())
    .bind(user.name.as_str())
    .bind(user.email.as_str())
    .bind(role)
    .bind(user.description.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Inserts every row of a new customer.
pub async fn insert_customer(
    conn: &mut AnyConnection,
    pos: usize,
    c: &CustomerRec,
    revision: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO customers (id, position, company_name, primary_domain, country, locale, \
         revision) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(c.id.as_str())
    .bind(position(pos))
    .bind(c.name.as_str())
    .bind(c.domain.as_str())
    .bind(c.country.as_str())
    .bind(c.locale.as_str())
    .bind(revision)
    .execute(&mut *conn)
    .await?;
    insert_directory(conn, c).await?;
    for (oi, o) in c.orders.iter().enumerate() {
        insert_order(conn, &c.id, oi, o, revision).await?;
    }
    insert_refunds(conn, &c.id, 0, &c.refunds).await?;
    insert_credits(conn, &c.id, 0, &c.credits).await?;
    insert_support(conn, &c.id, 0, &c.support).await?;
    Ok(())
}

/// Writes what changed between `before` and `after` of one customer, and stamps it with
/// `revision`.
pub async fn update_customer(
    conn: &mut AnyConnection,
    before: &CustomerRec,
    after: &CustomerRec,
    revision: i64,
) -> StoreResult<()> {
    let cid = after.id.as_str();
    sqlx::query(
        "UPDATE customers SET company_name = $1, primary_domain = $2, country = $3, \
         locale = $4, revision = $5 WHERE id = $6",
    )
    .bind(after.name.as_str())
    .bind(after.domain.as_str())
    .bind(after.country.as_str())
    .bind(after.locale.as_str())
    .bind(revision)
    .bind(cid)
    .execute(&mut *conn)
    .await?;
    if before.subs != after.subs || before.rgs != after.rgs || before.mgs != after.mgs {
        for table in ["resource_groups", "management_groups", "subscriptions"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE customer_id = $1"))
                .bind(cid)
                .execute(&mut *conn)
                .await?;
        }
        insert_directory(conn, after).await?;
    }

    // Orders are shared until changed (`Arc`): one at the same place and the same pointer is
    // unchanged, so a write looks only at the orders it replaced, added or moved, not at every
    // order of the customer.
    let same_at = |i: usize| {
        matches!((before.orders.get(i), after.orders.get(i)),
            (Some(b), Some(a)) if Arc::ptr_eq(b, a))
    };
    let mut old: Option<HashMap<&str, &OrderRec>> = None;
    for (oi, o) in after.orders.iter().enumerate() {
        if same_at(oi) {
            continue;
        }
        let prev = match before.orders.get(oi) {
            Some(b) if b.id == o.id => Some(&**b),
            _ => old
                .get_or_insert_with(|| {
                    before
                        .orders
                        .iter()
                        .map(|b| (b.id.as_str(), &**b))
                        .collect()
                })
                .get(o.id.as_str())
                .copied(),
        };
        match prev {
            None => insert_order(conn, cid, oi, o, revision).await?,
            Some(b) if b != &**o => update_order(conn, cid, oi, b, o, revision).await?,
            Some(_) => {}
        }
    }
    // An order can only be gone if some place changed; then a set of what is kept (a scan of
    // the orders per order made a write of a customer with 10,000 orders 10^8 comparisons).
    if (0..before.orders.len()).any(|i| !same_at(i)) {
        let kept: HashSet<&str> = after.orders.iter().map(|o| o.id.as_str()).collect();
        for b in &before.orders {
            if !kept.contains(b.id.as_str()) {
                delete_order(conn, cid, &b.id).await?;
            }
        }
    }

    rewrite_list(
        conn,
        cid,
        "refund_history",
        &before.refunds,
        &after.refunds,
        insert_refunds,
    )
    .await?;
    rewrite_list(
        conn,
        cid,
        "billing_credits",
        &before.credits,
        &after.credits,
        insert_credits,
    )
    .await?;
    rewrite_list(
        conn,
        cid,
        "support_requests",
        &before.support,
        &after.support,
        insert_support,
    )
    .await?;
    Ok(())
}

/// A list whose entries are appended: the new tail is inserted; any other change rewrites it.
async fn rewrite_list<'a, T: PartialEq>(
    conn: &'a mut AnyConnection,
    cid: &'a str,
    table: &str,
    before: &'a [T],
    after: &'a [T],
    insert: impl AsyncFnOnce(&'a mut AnyConnection, &'a str, usize, &'a [T]) -> StoreResult<()>,
) -> StoreResult<()> {
    if before == after {
        return Ok(());
    }
    if after.len() >= before.len() && after[..before.len()] == *before {
        return insert(conn, cid, before.len(), &after[before.len()..]).await;
    }
    sqlx::query(&format!("DELETE FROM {table} WHERE customer_id = $1"))
        .bind(cid)
        .execute(&mut *conn)
        .await?;
    insert(conn, cid, 0, after).await
}

async fn insert_directory(conn: &mut AnyConnection, c: &CustomerRec) -> StoreResult<()> {
    let cid = c.id.as_str();
    for (i, s) in c.subs.iter().enumerate() {
        sqlx::query(
            "INSERT INTO subscriptions (customer_id, position, id, name) VALUES ($1, $2, $3, $4)",
        )
        .bind(cid)
        .bind(position(i))
        .bind(s.id.as_str())
        .bind(s.name.as_str())
        .execute(&mut *conn)
        .await?;
    }
    for (i, g) in c.rgs.iter().enumerate() {
        sqlx::query(
            "INSERT INTO resource_groups (customer_id, position, subscription_position, name, \
             location) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(cid)
        .bind(position(i))
        .bind(position(g.sub))
        .bind(g.name.as_str())
        .bind(g.loc.as_str())
        .execute(&mut *conn)
        .await?;
    }
    for (i, g) in c.mgs.iter().enumerate() {
        sqlx::query(
            "INSERT INTO management_groups (customer_id, position, name, display_name) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(cid)
        .bind(position(i))
        .bind(g.name.as_str())
        .bind(g.display.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn insert_order(
    conn: &mut AnyConnection,
    cid: &str,
    oi: usize,
    o: &OrderRec,
    revision: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO reservation_orders (customer_id, id, position, purchase_date, term, \
         billing_plan, quantity, etag, bought_by, revision, expiry_date) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(cid)
    .bind(o.id.as_str())
    .bind(position(oi))
    .bind(o.purchase.to_string())
    .bind(enum_text(&o.term)?)
    .bind(enum_text(&o.plan)?)
    .bind(i64::from(o.qty))
    .bind(to_i64(o.etag))
    .bind(o.by.clone())
    .bind(revision)
    .bind(o.expiry.map(|d| d.to_string()))
    .execute(&mut *conn)
    .await?;
    for (ri, r) in o.res.iter().enumerate() {
        insert_reservation(conn, cid, &o.id, ri, r).await?;
    }
    insert_audit(conn, cid, o, 0).await
}

/// Writes the changes of one order: its own row under its ETag, then its reservations (each
/// changed one under its ETag) and its new audit events.
async fn update_order(
    conn: &mut AnyConnection,
    cid: &str,
    oi: usize,
    b: &OrderRec,
    o: &OrderRec,
    revision: i64,
) -> StoreResult<()> {
    let own_row_changed = (b.purchase, &b.term, &b.plan, b.qty, b.etag, &b.by, b.expiry)
        != (o.purchase, &o.term, &o.plan, o.qty, o.etag, &o.by, o.expiry);
    // The order is stamped with this write's revision whatever in it changed (see migration 8).
    if own_row_changed {
        let done = sqlx::query(
            "UPDATE reservation_orders SET position = $1, purchase_date = $2, term = $3, \
             billing_plan = $4, quantity = $5, etag = $6, bought_by = $7, revision = $8, \
             expiry_date = $12 WHERE customer_id = $9 AND id = $10 AND etag = $11",
        )
        .bind(position(oi))
        .bind(o.purchase.to_string())
        .bind(enum_text(&o.term)?)
        .bind(enum_text(&o.plan)?)
        .bind(i64::from(o.qty))
        .bind(to_i64(o.etag))
        .bind(o.by.clone())
        .bind(revision)
        .bind(cid)
        .bind(o.id.as_str())
        .bind(to_i64(b.etag))
        .bind(o.expiry.map(|d| d.to_string()))
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict(format!("Reservation order {}", o.id)));
        }
    } else {
        sqlx::query(
            "UPDATE reservation_orders SET revision = $1 WHERE customer_id = $2 AND id = $3",
        )
        .bind(revision)
        .bind(cid)
        .bind(o.id.as_str())
        .execute(&mut *conn)
        .await?;
    }
    let old: HashMap<&str, &ResRec> = b.res.iter().map(|r| (r.id.as_str(), r)).collect();
    for (ri, r) in o.res.iter().enumerate() {
        match old.get(r.id.as_str()) {
            None => insert_reservation(conn, cid, &o.id, ri, r).await?,
            Some(prev) if *prev != r => update_reservation(conn, cid, &o.id, ri, prev, r).await?,
            Some(_) => {}
        }
    }
    let kept: HashSet<&str> = o.res.iter().map(|r| r.id.as_str()).collect();
    for prev in &b.res {
        if !kept.contains(prev.id.as_str()) {
            delete_roles(conn, cid, &o.id, &prev.id).await?;
            delete_measured(conn, cid, &o.id, &prev.id).await?;
            sqlx::query(
                "DELETE FROM reservations WHERE customer_id = $1 AND order_id = $2 AND id = $3",
            )
            .bind(cid)
            .bind(o.id.as_str())
            .bind(prev.id.as_str())
            .execute(&mut *conn)
            .await?;
        }
    }
    if o.audit.len() >= b.audit.len() && o.audit[..b.audit.len()] == b.audit[..] {
        insert_audit(conn, cid, o, b.audit.len()).await?;
    } else {
        sqlx::query("DELETE FROM audit_events WHERE customer_id = $1 AND order_id = $2")
            .bind(cid)
            .bind(o.id.as_str())
            .execute(&mut *conn)
            .await?;
        insert_audit(conn, cid, o, 0).await?;
    }
    Ok(())
}

async fn delete_order(conn: &mut AnyConnection, cid: &str, oid: &str) -> StoreResult<()> {
    for table in [
        "role_assignments",
        "audit_events",
        "utilization_days",
        "reservations",
    ] {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE customer_id = $1 AND order_id = $2"
        ))
        .bind(cid)
        .bind(oid)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM reservation_orders WHERE customer_id = $1 AND id = $2")
        .bind(cid)
        .bind(oid)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Binds a reservation's columns as `$1` … `$22`, in the order of the `reservations` table.
fn bind_reservation<'q>(
    q: Query<'q, Any, AnyArguments<'q>>,
    cid: &'q str,
    oid: &'q str,
    ri: usize,
    r: &'q ResRec,
) -> StoreResult<Query<'q, Any, AnyArguments<'q>>> {
    let (scope_kind, scope_index) = scope_cols(r.scope);
    Ok(q.bind(cid)
        .bind(oid)
        .bind(r.id.as_str())
        .bind(position(ri))
        .bind(r.name.as_str())
        .bind(enum_text(&r.family)?)
        .bind(r.sku.as_str())
        .bind(r.loc.as_str())
        .bind(i64::from(r.qty))
        .bind(r.price.to_string())
        .bind(flag(r.status == StoredStatus::Cancelled))
        .bind(scope_kind)
        .bind(scope_index)
        .bind(r.flex.as_ref().map(enum_text).transpose()?)
        .bind(flag(r.renew))
        .bind(position(r.bill))
        .bind(to_i64(r.etag))
        .bind(r.util.map(i64::from))
        .bind(flag(r.fx))
        .bind(r.ended.map(|d| d.to_string()))
        .bind(r.updated.as_ref().map(datetime_text))
        .bind(ended_by(r.status)))
}

async fn insert_reservation(
    conn: &mut AnyConnection,
    cid: &str,
    oid: &str,
    ri: usize,
    r: &ResRec,
) -> StoreResult<()> {
    let q = sqlx::query(
        "INSERT INTO reservations (customer_id, order_id, id, position, name, family, sku, \
         location, quantity, unit_price, cancelled, scope_kind, scope_index, flexibility, \
         auto_renew, billing_subscription, etag, demo_utilization, final_exchange_used, \
         ended_on, updated_at, ended_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
         $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)",
    );
    bind_reservation(q, cid, oid, ri, r)?
        .execute(&mut *conn)
        .await?;
    insert_roles(conn, cid, oid, r).await?;
    insert_measured(conn, cid, oid, r).await
}

/// Writes a changed reservation under its ETag: another writer's change in between fails it.
async fn update_reservation(
    conn: &mut AnyConnection,
    cid: &str,
    oid: &str,
    ri: usize,
    prev: &ResRec,
    r: &ResRec,
) -> StoreResult<()> {
    let q = sqlx::query(
        "UPDATE reservations SET position = $4, name = $5, family = $6, sku = $7, \
         location = $8, quantity = $9, unit_price = $10, cancelled = $11, scope_kind = $12, \
         scope_index = $13, flexibility = $14, auto_renew = $15, billing_subscription = $16, \
         etag = $17, demo_utilization = $18, final_exchange_used = $19, ended_on = $20, \
         updated_at = $21, ended_by = $22 \
         WHERE customer_id = $1 AND order_id = $2 AND id = $3 AND etag = $23",
    );
    let done = bind_reservation(q, cid, oid, ri, r)?
        .bind(to_i64(prev.etag))
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict(format!("Reservation {}", r.id)));
    }
    if prev.roles != r.roles {
        delete_roles(conn, cid, oid, &r.id).await?;
        insert_roles(conn, cid, oid, r).await?;
    }
    if prev.measured != r.measured {
        delete_measured(conn, cid, oid, &r.id).await?;
        insert_measured(conn, cid, oid, r).await?;
    }
    Ok(())
}

async fn delete_measured(
    conn: &mut AnyConnection,
    cid: &str,
    oid: &str,
    rid: &str,
) -> StoreResult<()> {
    sqlx::query(
        "DELETE FROM utilization_days WHERE customer_id = $1 AND order_id = $2 \
         AND reservation_id = $3",
    )
    .bind(cid)
    .bind(oid)
    .bind(rid)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn insert_measured(
    conn: &mut AnyConnection,
    cid: &str,
    oid: &str,
    r: &ResRec,
) -> StoreResult<()> {
    for m in &r.measured {
        sqlx::query(
            "INSERT INTO utilization_days (customer_id, order_id, reservation_id, usage_date, \
             percentage) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(cid)
        .bind(oid)
        .bind(r.id.as_str())
        .bind(m.day.to_string())
        .bind(m.percentage.to_string())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn delete_roles(
    conn: &mut AnyConnection,
    cid: &str,
    oid: &str,
    rid: &str,
) -> StoreResult<()> {
    sqlx::query(
        "DELETE FROM role_assignments WHERE customer_id = $1 AND order_id = $2 \
         AND reservation_id = $3",
    )
    .bind(cid)
    .bind(oid)
    .bind(rid)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn insert_roles(
    conn: &mut AnyConnection,
    cid: &str,
    oid: &str,
    r: &ResRec,
) -> StoreResult<()> {
    for (ai, a) in r.roles.iter().enumerate() {
        sqlx::query(
            "INSERT INTO role_assignments (customer_id, order_id, reservation_id, position, id, \
             principal_id, principal_name, principal_type, role, created_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(cid)
        .bind(oid)
        .bind(r.id.as_str())
        .bind(position(ai))
        .bind(a.id.as_str())
        .bind(a.pid.as_str())
        .bind(a.pname.as_str())
        .bind(enum_text(&a.ptype)?)
        .bind(enum_text(&a.role)?)
        .bind(a.on.to_string())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Inserts an order's audit events from `from` on.
async fn insert_audit(
    conn: &mut AnyConnection,
    cid: &str,
    o: &OrderRec,
    from: usize,
) -> StoreResult<()> {
    for (ei, e) in o.audit.iter().enumerate().skip(from) {
        sqlx::query(
            "INSERT INTO audit_events (customer_id, order_id, position, id, occurred_at, \
             actor_id, actor_name, action, reservation_id, summary, changes, amount) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(cid)
        .bind(o.id.as_str())
        .bind(position(ei))
        .bind(e.id.as_str())
        .bind(datetime_text(&e.timestamp))
        .bind(e.actor_id.as_str())
        .bind(e.actor_name.as_str())
        .bind(enum_text(&e.action)?)
        .bind(e.reservation_id.clone())
        .bind(e.summary.as_str())
        .bind(json_text(&e.changes)?)
        .bind(e.amount.map(|a| a.to_string()))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn insert_refunds(
    conn: &mut AnyConnection,
    cid: &str,
    from: usize,
    list: &[RefundRec],
) -> StoreResult<()> {
    for (i, f) in list.iter().enumerate() {
        sqlx::query(
            "INSERT INTO refund_history (customer_id, position, id, refund_date, amount, \
             order_id, reservation_id, reservation_name, quantity) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(cid)
        .bind(position(from + i))
        .bind(f.id.as_str())
        .bind(f.date.to_string())
        .bind(f.amount.to_string())
        .bind(f.order.clone())
        .bind(f.res.clone())
        .bind(f.name.clone())
        .bind(f.qty.map(i64::from))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn insert_credits(
    conn: &mut AnyConnection,
    cid: &str,
    from: usize,
    list: &[CreditRec],
) -> StoreResult<()> {
    for (i, k) in list.iter().enumerate() {
        sqlx::query(
            "INSERT INTO billing_credits (customer_id, position, order_id, reservation_id, \
             credit_date, kind, quantity, refund) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(cid)
        .bind(position(from + i))
        .bind(k.order.as_str())
        .bind(k.res.as_str())
        .bind(k.date.to_string())
        .bind(enum_text(&k.kind)?)
        .bind(i64::from(k.qty))
        .bind(k.refund.to_string())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn insert_support(
    conn: &mut AnyConnection,
    cid: &str,
    from: usize,
    list: &[SupportRequest],
) -> StoreResult<()> {
    for (i, s) in list.iter().enumerate() {
        sqlx::query(
            "INSERT INTO support_requests (customer_id, position, number, status, created_at, \
             created_by, request) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(cid)
        .bind(position(from + i))
        .bind(s.number.as_str())
        .bind(enum_text(&s.status)?)
        .bind(datetime_text(&s.created_date_time))
        .bind(s.created_by.as_str())
        .bind(json_text(&s.request)?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
