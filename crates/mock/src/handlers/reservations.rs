//! Reservations and orders: list, get, update (with If-Match), utilization, permissions.

use std::cmp::Ordering;

use reservation_api::reservation_resource_id;
use reservation_api::{
    codes, etag_header_value, AppliedScopeType, AuditAction, AuditEvent, Family, FieldChange, Page,
    Reservation, ReservationPatch, ReservationQuery, ReservationSort, UtilizationRange,
    UtilizationSeries, HEADER_ETAG, HEADER_IF_MATCH,
};

use crate::handlers::{text_field, Ctx};
use crate::respond::{bad_query, directed, page, paging, parse_body, Failure, Handled, Reply};
use crate::state::{CustomerRec, Scope};
use crate::utilization;
use crate::view;

/// Compares two reservation views by a column.
pub(crate) fn compare(a: &Reservation, b: &Reservation, sort: ReservationSort) -> Ordering {
    let (pa, pb) = (&a.properties, &b.properties);
    match sort {
        ReservationSort::DisplayName => pa
            .display_name
            .to_lowercase()
            .cmp(&pb.display_name.to_lowercase()),
        ReservationSort::ReservedResourceType => pa
            .reserved_resource_type
            .as_str()
            .cmp(pb.reserved_resource_type.as_str()),
        ReservationSort::SkuName => a.sku.name.cmp(&b.sku.name),
        ReservationSort::Location => a.location.cmp(&b.location),
        ReservationSort::Quantity => pa.quantity.cmp(&pb.quantity),
        ReservationSort::Term => pa.term.months().cmp(&pb.term.months()),
        ReservationSort::PurchaseDate => pa.purchase_date.cmp(&pb.purchase_date),
        ReservationSort::ExpiryDate => pa.expiry_date.cmp(&pb.expiry_date),
        ReservationSort::Utilization => {
            let u = |r: &Reservation| r.properties.utilization.as_ref().and_then(|u| u.average(7));
            u(a).cmp(&u(b))
        }
        ReservationSort::ProvisioningState => pa
            .provisioning_state
            .as_str()
            .cmp(pb.provisioning_state.as_str()),
    }
}

/// `GET /customers/{id}/reservations`: the reservations the user can read, filtered, sorted, paged.
pub fn list(ctx: &Ctx, customer: &str) -> Handled {
    let q = bad_query(ReservationQuery::from_params(&ctx.params))?;
    let (skip, top) = paging(q.skip, q.top)?;
    let c = ctx.customer(customer)?;
    let needle = q.search.as_deref().unwrap_or("").trim().to_lowercase();
    let mut rows: Vec<Reservation> = c
        .reservations()
        .filter(|(_, r)| ctx.permissions(r).can_read)
        .filter(|(o, r)| q.status.is_none_or(|s| view::state(o, r, ctx.today) == s))
        .filter(|(_, r)| q.family.as_ref().is_none_or(|f| &r.family == f))
        .filter(|(o, r)| {
            q.expiring_within_days
                .is_none_or(|d| view::expires_within(o, r, ctx.today, i64::from(d)))
        })
        .filter(|(o, r)| {
            needle.is_empty()
                || r.name.to_lowercase().contains(&needle)
                || r.sku.to_lowercase().contains(&needle)
                || r.loc.contains(&needle)
                || r.id.contains(&needle)
                || o.id.contains(&needle)
                || r.family.as_str().to_lowercase().contains(&needle)
        })
        .map(|(o, r)| view::reservation(ctx.state.price_list.as_ref(), c, o, r, ctx.today))
        .collect();
    rows.sort_by(|a, b| directed(compare(a, b, q.sort), q.order).then_with(|| a.id.cmp(&b.id)));
    Reply::ok(&page(rows, skip, top, ctx.req.path_only(), &ctx.params))
}

/// `GET /customers/{id}/reservationOrders`.
pub fn list_orders(ctx: &Ctx, customer: &str) -> Handled {
    let c = ctx.customer(customer)?;
    let orders = c
        .orders
        .iter()
        .filter(|o| o.res.iter().any(|r| ctx.permissions(r).can_read))
        .map(|o| view::order(o, ctx.today))
        .collect();
    Reply::ok(&Page::all(orders))
}

/// `GET /customers/{id}/reservationOrders/{orderId}`.
pub fn get_order(ctx: &Ctx, customer: &str, order: &str) -> Handled {
    let (_, o) = ctx.order(customer, order)?;
    ctx.require(
        o.res.iter().any(|r| ctx.permissions(r).can_read),
        "read this reservation order",
    )?;
    Reply::ok(&view::order(o, ctx.today))
}

/// `GET .../reservations/{id}` (with an `ETag` header).
pub fn get(ctx: &Ctx, customer: &str, order: &str, id: &str) -> Handled {
    let (c, o, r) = ctx.reservation(customer, order, id)?;
    ctx.require(ctx.permissions(r).can_read, "read this reservation")?;
    let reply = Reply::ok(&view::reservation(
        ctx.state.price_list.as_ref(),
        c,
        o,
        r,
        ctx.today,
    ))?;
    Ok(reply.with_header(HEADER_ETAG, etag_header_value(r.etag)))
}

/// `GET .../reservations/{id}/permissions`.
pub fn permissions(ctx: &Ctx, customer: &str, order: &str, id: &str) -> Handled {
    let (_, _, r) = ctx.reservation(customer, order, id)?;
    Reply::ok(&ctx.permissions(r))
}

/// `GET .../reservations/{id}/utilization?from=&to=`.
pub fn utilization(ctx: &Ctx, customer: &str, order: &str, id: &str) -> Handled {
    let (_, o, r) = ctx.reservation(customer, order, id)?;
    ctx.require(ctx.permissions(r).can_read, "read this reservation")?;
    let range = bad_query(UtilizationRange::from_params(&ctx.params))?;
    let points = utilization::points(r, view::span(o, r, ctx.today), range.from, range.to);
    Reply::ok(&UtilizationSeries {
        reservation_id: reservation_resource_id(&o.id, &r.id),
        from: range.from,
        to: range.to,
        average: utilization::average(&points),
        points,
    })
}

/// Reads an `If-Match` value: `"7"`, `W/"7"`, `7` or `*` (any version; `None` is returned).
fn parse_if_match(value: &str) -> Result<Option<u64>, ()> {
    let v = value.trim().trim_start_matches("W/").trim_matches('"');
    if v == "*" {
        return Ok(None);
    }
    v.parse().map(Some).map_err(|_| ())
}

/// Checks an `If-Match` value against a reservation's etag: 400 when it is not an etag, 412
/// (with the current `ETag` header) when stale; `*` matches any version.
pub(crate) fn check_if_match(header: &str, etag: u64) -> Result<(), Failure> {
    let expected = parse_if_match(header).map_err(|_| {
        Failure::invalid(format!("If-Match '{header}' is not an etag.")).target(HEADER_IF_MATCH)
    })?;
    match expected {
        Some(e) if e != etag => Err(Failure::new(
            412,
            codes::PRECONDITION_FAILED,
            format!("The reservation changed since it was read: If-Match is {e}, the current etag is {etag}. Reload and try again."),
        )
        .target(HEADER_IF_MATCH)
        .with_header(HEADER_ETAG, etag_header_value(etag))),
        _ => Ok(()),
    }
}

/// Resolves a scope change against the customer's directory.
pub fn resolve_scope(
    c: &CustomerRec,
    scope_type: AppliedScopeType,
    scopes: &[String],
    target: &str,
) -> Result<Scope, Failure> {
    let bad = |m: String| Failure::invalid(m).target(target.to_string());
    match scope_type {
        AppliedScopeType::Shared => {
            if scopes.is_empty() {
                Ok(Scope::Shared)
            } else {
                Err(bad("A Shared scope takes no appliedScopes.".into()))
            }
        }
        AppliedScopeType::Single | AppliedScopeType::ManagementGroup => {
            let [id] = scopes else {
                return Err(bad(format!(
                    "A {scope_type:?} scope takes exactly one entry in appliedScopes."
                )));
            };
            let lower = id.to_ascii_lowercase();
            if scope_type == AppliedScopeType::ManagementGroup {
                return c
                    .mgs
                    .iter()
                    .position(|mg| view::mg_path(mg).to_ascii_lowercase() == lower)
                    .map(Scope::Mg)
                    .ok_or_else(|| {
                        bad(format!(
                            "'{id}' is not a management group of this customer."
                        ))
                    });
            }
            if let Some(i) = c
                .subs
                .iter()
                .position(|s| format!("/subscriptions/{}", s.id) == lower)
            {
                return Ok(Scope::Sub(i));
            }
            c.rgs
                .iter()
                .position(|rg| view::rg_path(c, rg).to_ascii_lowercase() == lower)
                .map(Scope::Rg)
                .ok_or_else(|| {
                    bad(format!(
                        "'{id}' is not a subscription or resource group of this customer."
                    ))
                })
        }
    }
}

/// Describes a scope for the audit trail.
fn scope_text(c: &CustomerRec, scope: Scope) -> String {
    let (t, ids, _) = view::scope_view(c, scope);
    match ids.first() {
        Some(id) => format!("{t:?} {id}"),
        None => format!("{t:?}"),
    }
}

/// `PATCH .../reservations/{id}`: requires `If-Match` (428 without, 412 when stale).
pub fn update(ctx: &mut Ctx, customer: &str, order: &str, id: &str) -> Handled {
    let patch: ReservationPatch;
    let mut changes: Vec<FieldChange> = Vec::new();
    let (new_name, new_scope, new_flex, new_renew);
    {
        let (c, o, r) = ctx.reservation(customer, order, id)?;
        ctx.require(ctx.permissions(r).can_manage, "change this reservation")?;
        let header = ctx.req.header(HEADER_IF_MATCH).ok_or_else(|| {
            Failure::new(
                428,
                codes::PRECONDITION_REQUIRED,
                "Send the reservation's etag in If-Match to update it.",
            )
            .target(HEADER_IF_MATCH)
        })?;
        check_if_match(header, r.etag)?;
        if !view::is_active(o, r, ctx.today) {
            return Err(Failure::conflict(
                codes::RESERVATION_NOT_ACTIVE,
                format!(
                    "The reservation is {} and cannot be changed.",
                    view::state(o, r, ctx.today).as_str()
                ),
            ));
        }
        patch = parse_body(ctx.req.body.as_deref())?;
        let p = &patch.properties;
        new_name = match &p.display_name {
            Some(n) => Some(text_field(n, "displayName", 64)?),
            None => None,
        };
        new_scope = match (&p.applied_scope_type, &p.applied_scopes) {
            (None, None) => None,
            (t, scopes) => {
                let current = view::scope_view(c, r.scope).0;
                let t = t.unwrap_or(current);
                let empty = Vec::new();
                Some(resolve_scope(
                    c,
                    t,
                    scopes.as_ref().unwrap_or(&empty),
                    "properties.appliedScopes",
                )?)
            }
        };
        if p.instance_flexibility.is_some() && r.family != Family::VirtualMachines {
            return Err(Failure::invalid(
                "Instance flexibility applies to virtual machine reservations only.",
            )
            .target("properties.instanceFlexibility"));
        }
        new_flex = p.instance_flexibility;
        new_renew = p.renew;
        if let Some(n) = &new_name {
            if *n != r.name {
                changes.push(FieldChange {
                    field: "displayName".into(),
                    old_value: Some(r.name.clone()),
                    new_value: Some(n.clone()),
                });
            }
        }
        if let Some(s) = new_scope {
            if s != r.scope {
                changes.push(FieldChange {
                    field: "appliedScopes".into(),
                    old_value: Some(scope_text(c, r.scope)),
                    new_value: Some(scope_text(c, s)),
                });
            }
        }
        if let Some(f) = new_flex {
            if Some(f) != r.flex {
                changes.push(FieldChange {
                    field: "instanceFlexibility".into(),
                    old_value: r.flex.map(|x| format!("{x:?}")),
                    new_value: Some(format!("{f:?}")),
                });
            }
        }
        if let Some(rn) = new_renew {
            if rn != r.renew {
                changes.push(FieldChange {
                    field: "renew".into(),
                    old_value: Some(r.renew.to_string()),
                    new_value: Some(rn.to_string()),
                });
            }
        }
    }
    if changes.is_empty() {
        return get(ctx, customer, order, id);
    }
    let event_id = ctx.state.new_guid();
    let (now, user_id, user_name) = (ctx.now, ctx.user.id.clone(), ctx.user.name.clone());
    let c = ctx
        .state
        .customer_mut(customer)
        .ok_or_else(|| Failure::not_found("Customer", customer))?;
    let o = c
        .order_mut(order)
        .ok_or_else(|| Failure::not_found("Reservation order", order))?;
    let r = o
        .reservation_mut(id)
        .ok_or_else(|| Failure::not_found("Reservation", id))?;
    if let Some(n) = new_name {
        r.name = n;
    }
    if let Some(s) = new_scope {
        r.scope = s;
    }
    if let Some(f) = new_flex {
        r.flex = Some(f);
    }
    if let Some(rn) = new_renew {
        r.renew = rn;
    }
    r.etag += 1;
    r.updated = Some(now);
    let fields: Vec<&str> = changes.iter().map(|ch| ch.field.as_str()).collect();
    let summary = format!("Changed {}", fields.join(", "));
    let etag = r.etag;
    o.audit.push(AuditEvent {
        id: event_id,
        timestamp: now,
        actor_id: user_id,
        actor_name: user_name,
        action: AuditAction::Update,
        reservation_order_id: order.to_string(),
        reservation_id: Some(id.to_string()),
        summary,
        changes,
        amount: None,
    });
    let (c, o, r) = ctx.reservation(customer, order, id)?;
    let mut reply = Reply::changed(&view::reservation(
        ctx.state.price_list.as_ref(),
        c,
        o,
        r,
        ctx.today,
    ))?;
    reply = reply.with_header(HEADER_ETAG, etag_header_value(etag));
    Ok(reply)
}
