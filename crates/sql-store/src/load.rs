//! Reading records back: a customer with everything that belongs to it, the alert records, users.

use std::collections::HashMap;
use std::sync::Arc;

use reservation_api::SupportRequest;
use reservation_api::{AlertDismissal, AlertRule, AuditEvent, NewAlertRule, Role, User};
use reservation_mock::{
    CreditRec, CustomerRec, MeasuredDay, MgRec, OrderRec, RefundRec, ResRec, RgRec, RoleRec, Scope,
    StoredStatus, SubRec,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::codec::{
    count, date_from, datetime_from, decimal_from, enum_from, index, json_from, to_u64, StoreError,
    StoreResult,
};

/// A reservation's stored status from its `cancelled` and `ended_by` columns.
fn stored_status(cancelled: bool, ended_by: Option<&str>) -> StoreResult<StoredStatus> {
    match (cancelled, ended_by) {
        (true, _) => Ok(StoredStatus::Cancelled),
        (false, None) => Ok(StoredStatus::Succeeded),
        (false, Some("Split")) => Ok(StoredStatus::Split),
        (false, Some("Merged")) => Ok(StoredStatus::Merged),
        (false, Some(other)) => Err(StoreError::Corrupt(format!("ended_by '{other}'"))),
    }
}

/// The rows of `sql` (whose `{where}` is the customer filter), for one customer or all.
async fn rows(
    conn: &mut AnyConnection,
    sql: &str,
    column: &str,
    customer: Option<&str>,
) -> StoreResult<Vec<AnyRow>> {
    order_rows(conn, sql, column, customer, None).await
}

/// [`rows`], and with `changed_since` (one customer only) only the rows of the orders stamped
/// after that revision: `.0` names the column that holds the order id (`id` in
/// `reservation_orders` itself).
async fn order_rows(
    conn: &mut AnyConnection,
    sql: &str,
    column: &str,
    customer: Option<&str>,
    changed_since: Option<(&str, i64)>,
) -> StoreResult<Vec<AnyRow>> {
    let filter = match (customer, changed_since) {
        (Some(_), None) => format!("WHERE {column} = $1"),
        (Some(_), Some((order_column, _))) => format!(
            "WHERE {column} = $1 AND {order_column} IN \
             (SELECT id FROM reservation_orders WHERE customer_id = $1 AND revision > $2)"
        ),
        (None, None) => String::new(),
        (None, Some(_)) => {
            return Err(StoreError::Config(
                "changed orders are read for one customer".into(),
            ))
        }
    };
    let sql = sql.replace("{where}", &filter);
    let mut q = sqlx::query(&sql);
    if let Some(id) = customer {
        q = q.bind(id);
    }
    if let Some((_, since)) = changed_since {
        q = q.bind(since);
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

fn text(r: &AnyRow, i: usize) -> StoreResult<String> {
    Ok(r.try_get(i)?)
}

fn opt_text(r: &AnyRow, i: usize) -> StoreResult<Option<String>> {
    Ok(r.try_get(i)?)
}

fn int(r: &AnyRow, i: usize) -> StoreResult<i64> {
    Ok(r.try_get(i)?)
}

fn opt_int(r: &AnyRow, i: usize) -> StoreResult<Option<i64>> {
    Ok(r.try_get(i)?)
}

fn flag(r: &AnyRow, i: usize) -> StoreResult<bool> {
    Ok(int(r, i)? != 0)
}

/// The customers (one, or all in position order) with everything that belongs to them.
pub async fn customers(
    conn: &mut AnyConnection,
    customer: Option<&str>,
) -> StoreResult<Vec<CustomerRec>> {
    customers_with(conn, customer, None).await
}

/// One customer as it is now, read again after other processes changed it: everything but its
/// orders is read, and of those only the ones stamped after `since`; the others are shared with
/// `held` (what this process read before, as of `since`). `None` when it is gone, or when an
/// order is neither changed nor held (then read the whole customer).
pub async fn customer_since(
    conn: &mut AnyConnection,
    id: &str,
    since: i64,
    held: &CustomerRec,
) -> StoreResult<Option<CustomerRec>> {
    let Some(mut now) = customers_with(conn, Some(id), Some(since)).await?.pop() else {
        return Ok(None);
    };
    let mut changed: HashMap<String, Arc<OrderRec>> = std::mem::take(&mut now.orders)
        .into_iter()
        .map(|o| (o.id.clone(), o))
        .collect();
    let kept: HashMap<&str, &Arc<OrderRec>> =
        held.orders.iter().map(|o| (o.id.as_str(), o)).collect();
    let ids =
        sqlx::query("SELECT id FROM reservation_orders WHERE customer_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    for r in ids {
        let oid = text(&r, 0)?;
        match changed
            .remove(&oid)
            .or_else(|| kept.get(oid.as_str()).map(|o| Arc::clone(o)))
        {
            Some(o) => now.orders.push(o),
            None => return Ok(None),
        }
    }
    Ok(Some(now))
}

async fn customers_with(
    conn: &mut AnyConnection,
    customer: Option<&str>,
    orders_since: Option<i64>,
) -> StoreResult<Vec<CustomerRec>> {
    let mut customers: Vec<CustomerRec> = Vec::new();
    for r in rows(
        conn,
        "SELECT id, company_name, primary_domain, country, locale FROM customers {where} \
         ORDER BY position",
        "id",
        customer,
    )
    .await?
    {
        customers.push(CustomerRec {
            id: text(&r, 0)?,
            name: text(&r, 1)?,
            domain: text(&r, 2)?,
            country: text(&r, 3)?,
            locale: text(&r, 4)?,
            subs: Vec::new(),
            rgs: Vec::new(),
            mgs: Vec::new(),
            orders: Vec::new(),
            refunds: Vec::new(),
            support: Vec::new(),
            credits: Vec::new(),
        });
    }
    let at: HashMap<String, usize> = customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let find = |id: &str| -> StoreResult<usize> {
        at.get(id)
            .copied()
            .ok_or_else(|| StoreError::Corrupt(format!("row of unknown customer '{id}'")))
    };

    for r in rows(
        conn,
        "SELECT customer_id, id, name FROM subscriptions {where} ORDER BY customer_id, position",
        "customer_id",
        customer,
    )
    .await?
    {
        customers[find(&text(&r, 0)?)?].subs.push(SubRec {
            id: text(&r, 1)?,
            name: text(&r, 2)?,
        });
    }
    for r in rows(
        conn,
        "SELECT customer_id, subscription_position, name, location FROM resource_groups {where} \
         ORDER BY customer_id, position",
        "customer_id",
        customer,
    )
    .await?
    {
        customers[find(&text(&r, 0)?)?].rgs.push(RgRec {
            sub: index(int(&r, 1)?),
            name: text(&r, 2)?,
            loc: text(&r, 3)?,
        });
    }
    for r in rows(
        conn,
        "SELECT customer_id, name, display_name FROM management_groups {where} \
         ORDER BY customer_id, position",
        "customer_id",
        customer,
    )
    .await?
    {
        customers[find(&text(&r, 0)?)?].mgs.push(MgRec {
            name: text(&r, 1)?,
            display: text(&r, 2)?,
        });
    }

    // Orders, then their reservations, role assignments and audit events.
    let mut order_at: HashMap<(String, String), (usize, usize)> = HashMap::new();
    for r in order_rows(
        conn,
        "SELECT customer_id, id, purchase_date, term, billing_plan, quantity, etag, bought_by, \
         expiry_date FROM reservation_orders {where} ORDER BY customer_id, position",
        "customer_id",
        customer,
        orders_since.map(|s| ("id", s)),
    )
    .await?
    {
        let cid = text(&r, 0)?;
        let ci = find(&cid)?;
        let order = OrderRec {
            id: text(&r, 1)?,
            purchase: date_from(&text(&r, 2)?)?,
            term: enum_from(&text(&r, 3)?)?,
            plan: enum_from(&text(&r, 4)?)?,
            qty: count(int(&r, 5)?, "order quantity")?,
            etag: to_u64(int(&r, 6)?),
            by: opt_text(&r, 7)?,
            expiry: opt_text(&r, 8)?.as_deref().map(date_from).transpose()?,
            res: Vec::new(),
            audit: Vec::new(),
        };
        order_at.insert((cid, order.id.clone()), (ci, customers[ci].orders.len()));
        customers[ci].orders.push(Arc::new(order));
    }
    let order_of = |cid: String, oid: &str| -> StoreResult<(usize, usize)> {
        order_at
            .get(&(cid, oid.to_string()))
            .copied()
            .ok_or_else(|| StoreError::Corrupt(format!("row of unknown order '{oid}'")))
    };

    let mut res_at: HashMap<(usize, usize, String), usize> = HashMap::new();
    for r in order_rows(
        conn,
        "SELECT customer_id, order_id, id, name, family, sku, location, quantity, unit_price, \
         cancelled, scope_kind, scope_index, flexibility, auto_renew, billing_subscription, \
         etag, demo_utilization, final_exchange_used, ended_on, updated_at, ended_by \
         FROM reservations {where} ORDER BY customer_id, order_id, position",
        "customer_id",
        customer,
        orders_since.map(|s| ("order_id", s)),
    )
    .await?
    {
        let (ci, oi) = order_of(text(&r, 0)?, &text(&r, 1)?)?;
        let scope_index = opt_int(&r, 11)?;
        let scope = match (text(&r, 10)?.as_str(), scope_index) {
            ("Shared", _) => Scope::Shared,
            ("Sub", Some(i)) => Scope::Sub(index(i)),
            ("Rg", Some(i)) => Scope::Rg(index(i)),
            ("Mg", Some(i)) => Scope::Mg(index(i)),
            (k, _) => return Err(StoreError::Corrupt(format!("scope '{k}'"))),
        };
        let ended_by = opt_text(&r, 20)?;
        let rec = ResRec {
            id: text(&r, 2)?,
            name: text(&r, 3)?,
            family: enum_from(&text(&r, 4)?)?,
            sku: text(&r, 5)?,
            loc: text(&r, 6)?,
            qty: count(int(&r, 7)?, "quantity")?,
            price: decimal_from(&text(&r, 8)?)?,
            status: stored_status(flag(&r, 9)?, ended_by.as_deref())?,
            scope,
            flex: opt_text(&r, 12)?.as_deref().map(enum_from).transpose()?,
            renew: flag(&r, 13)?,
            bill: index(int(&r, 14)?),
            etag: to_u64(int(&r, 15)?),
            util: opt_int(&r, 16)?
                .map(|u| u8::try_from(u).map_err(|_| StoreError::Corrupt("utilization".into())))
                .transpose()?,
            fx: flag(&r, 17)?,
            ended: opt_text(&r, 18)?.as_deref().map(date_from).transpose()?,
            updated: opt_text(&r, 19)?
                .as_deref()
                .map(datetime_from)
                .transpose()?,
            roles: Vec::new(),
            measured: Vec::new(),
        };
        // Not shared yet: `make_mut` copies nothing.
        let order = Arc::make_mut(&mut customers[ci].orders[oi]);
        res_at.insert((ci, oi, rec.id.clone()), order.res.len());
        order.res.push(rec);
    }

    for r in order_rows(
        conn,
        "SELECT customer_id, order_id, reservation_id, id, principal_id, principal_name, \
         principal_type, role, created_on FROM role_assignments {where} \
         ORDER BY customer_id, order_id, reservation_id, position",
        "customer_id",
        customer,
        orders_since.map(|s| ("order_id", s)),
    )
    .await?
    {
        let (ci, oi) = order_of(text(&r, 0)?, &text(&r, 1)?)?;
        let rid = text(&r, 2)?;
        let ri = *res_at
            .get(&(ci, oi, rid.clone()))
            .ok_or_else(|| StoreError::Corrupt(format!("role of unknown reservation '{rid}'")))?;
        Arc::make_mut(&mut customers[ci].orders[oi]).res[ri]
            .roles
            .push(RoleRec {
                id: text(&r, 3)?,
                pid: text(&r, 4)?,
                pname: text(&r, 5)?,
                ptype: enum_from(&text(&r, 6)?)?,
                role: enum_from(&text(&r, 7)?)?,
                on: date_from(&text(&r, 8)?)?,
            });
    }

    for r in order_rows(
        conn,
        "SELECT customer_id, order_id, reservation_id, usage_date, percentage \
         FROM utilization_days {where} \
         ORDER BY customer_id, order_id, reservation_id, usage_date",
        "customer_id",
        customer,
        orders_since.map(|s| ("order_id", s)),
    )
    .await?
    {
        let (ci, oi) = order_of(text(&r, 0)?, &text(&r, 1)?)?;
        let rid = text(&r, 2)?;
        let ri = *res_at.get(&(ci, oi, rid.clone())).ok_or_else(|| {
            StoreError::Corrupt(format!("utilization of unknown reservation '{rid}'"))
        })?;
        Arc::make_mut(&mut customers[ci].orders[oi]).res[ri]
            .measured
            .push(MeasuredDay {
                day: date_from(&text(&r, 3)?)?,
                percentage: decimal_from(&text(&r, 4)?)?,
            });
    }

    for r in order_rows(
        conn,
        "SELECT customer_id, order_id, id, occurred_at, actor_id, actor_name, action, \
         reservation_id, summary, changes, amount FROM audit_events {where} \
         ORDER BY customer_id, order_id, position",
        "customer_id",
        customer,
        orders_since.map(|s| ("order_id", s)),
    )
    .await?
    {
        let oid = text(&r, 1)?;
        let (ci, oi) = order_of(text(&r, 0)?, &oid)?;
        Arc::make_mut(&mut customers[ci].orders[oi])
            .audit
            .push(AuditEvent {
                id: text(&r, 2)?,
                timestamp: datetime_from(&text(&r, 3)?)?,
                actor_id: text(&r, 4)?,
                actor_name: text(&r, 5)?,
                action: enum_from(&text(&r, 6)?)?,
                reservation_order_id: oid,
                reservation_id: opt_text(&r, 7)?,
                summary: text(&r, 8)?,
                changes: json_from(&text(&r, 9)?)?,
                amount: opt_text(&r, 10)?.as_deref().map(decimal_from).transpose()?,
            });
    }

    for r in rows(
        conn,
        "SELECT customer_id, id, refund_date, amount, order_id, reservation_id, \
         reservation_name, quantity FROM refund_history {where} ORDER BY customer_id, position",
        "customer_id",
        customer,
    )
    .await?
    {
        customers[find(&text(&r, 0)?)?].refunds.push(RefundRec {
            id: text(&r, 1)?,
            date: date_from(&text(&r, 2)?)?,
            amount: decimal_from(&text(&r, 3)?)?,
            order: opt_text(&r, 4)?,
            res: opt_text(&r, 5)?,
            name: opt_text(&r, 6)?,
            qty: opt_int(&r, 7)?.map(|q| count(q, "quantity")).transpose()?,
        });
    }

    for r in rows(
        conn,
        "SELECT customer_id, order_id, reservation_id, credit_date, kind, quantity, refund \
         FROM billing_credits {where} ORDER BY customer_id, position",
        "customer_id",
        customer,
    )
    .await?
    {
        customers[find(&text(&r, 0)?)?].credits.push(CreditRec {
            order: text(&r, 1)?,
            res: text(&r, 2)?,
            date: date_from(&text(&r, 3)?)?,
            kind: enum_from(&text(&r, 4)?)?,
            qty: count(int(&r, 5)?, "quantity")?,
            refund: decimal_from(&text(&r, 6)?)?,
        });
    }

    for r in rows(
        conn,
        "SELECT customer_id, number, status, created_at, created_by, request \
         FROM support_requests {where} ORDER BY customer_id, position",
        "customer_id",
        customer,
    )
    .await?
    {
        let cid = text(&r, 0)?;
        let ci = find(&cid)?;
        customers[ci].support.push(SupportRequest {
            number: text(&r, 1)?,
            customer_id: cid,
            status: enum_from(&text(&r, 2)?)?,
            created_date_time: datetime_from(&text(&r, 3)?)?,
            created_by: text(&r, 4)?,
            request: json_from(&text(&r, 5)?)?,
        });
    }
    Ok(customers)
}

/// The partner's alert rules, oldest first.
pub async fn alert_rules(conn: &mut AnyConnection) -> StoreResult<Vec<AlertRule>> {
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT id, kind, threshold_percent, window_days, within_days, created_by, created_at \
         FROM alert_rules ORDER BY position",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        out.push(AlertRule {
            id: text(&r, 0)?,
            rule: NewAlertRule {
                kind: enum_from(&text(&r, 1)?)?,
                threshold_percent: opt_text(&r, 2)?.as_deref().map(decimal_from).transpose()?,
                window_days: opt_int(&r, 3)?
                    .map(|d| count(d, "window_days"))
                    .transpose()?,
                within_days: opt_int(&r, 4)?
                    .map(|d| count(d, "within_days"))
                    .transpose()?,
            },
            created_by: text(&r, 5)?,
            created_date_time: datetime_from(&text(&r, 6)?)?,
        });
    }
    Ok(out)
}

/// The acknowledged and snoozed alerts.
pub async fn alert_dismissals(conn: &mut AnyConnection) -> StoreResult<Vec<AlertDismissal>> {
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT alert_id, snoozed_until, dismissed_by, dismissed_at FROM alert_dismissals \
         ORDER BY position",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        out.push(AlertDismissal {
            alert_id: text(&r, 0)?,
            snoozed_until: opt_text(&r, 1)?.as_deref().map(date_from).transpose()?,
            by: text(&r, 2)?,
            at: datetime_from(&text(&r, 3)?)?,
        });
    }
    Ok(out)
}

/// Users by id; with `name`, the one whose id or e-mail it is, case-insensitively.
pub async fn users(conn: &mut AnyConnection, name: Option<&str>) -> StoreResult<Vec<User>> {
    let rows = match name {
        Some(n) => {
            sqlx::query(
                "SELECT id, name, email, role, description FROM users \
                 WHERE LOWER(id) = LOWER($1) OR LOWER(email) = LOWER($1) ORDER BY id",
            )
            .bind(n)
            .fetch_all(&mut *conn)
            .await?
        }
        None => {
            sqlx::query("SELECT id, name, email, role, description FROM users ORDER BY id")
                .fetch_all(&mut *conn)
                .await?
        }
    };
    rows.iter()
        .map(|r| {
            Ok(User {
                id: text(r, 0)?,
                name: text(r, 1)?,
                email: text(r, 2)?,
                role: opt_text(r, 3)?
                    .as_deref()
                    .map(enum_from::<Role>)
                    .transpose()?,
                description: text(r, 4)?,
            })
        })
        .collect()
}
