//! `split` and `merge` of reservations within one order (Azure's own operations): the result
//! keeps the order, gets new reservation ids, turns auto-renew off and is audited. The rules are
//! the quote engine's (`check_split`, `check_merge`); the charges of the parts sum to the old one.

use reservation_api::{
    codes, AuditAction, AuditEvent, FieldChange, MergeRequest, MergeResponse, ProvisioningState,
    SplitRequest, SplitResponse, HEADER_IF_MATCH,
};
use reservation_quote::{
    charge, check_merge, check_split, part_charges, MergeError, MergeField, MergeSource,
    SplitError, SPLIT_PARTS,
};
use rust_decimal::Decimal;

use crate::handlers::reservations::check_if_match;
use crate::handlers::{resolve_reservation, Ctx};
use crate::respond::{parse_body, Failure, Handled, Reply};
use crate::state::{OrderRec, ResRec, StoredStatus};
use crate::view;

/// The longest display name (as in PATCH).
const MAX_NAME: usize = 64;

/// `base-n`, shortened so that it stays within [`MAX_NAME`] characters.
fn part_name(base: &str, n: usize) -> String {
    let suffix = format!("-{n}");
    let keep = MAX_NAME.saturating_sub(suffix.chars().count());
    let mut name: String = base.chars().take(keep).collect();
    name.push_str(&suffix);
    name
}

/// The name of a merge: the common base when every source is named `base-n` (as a split names
/// its parts), else the first source's name.
fn merged_name(names: &[&str]) -> String {
    let base = |n: &str| -> Option<String> {
        let (b, digits) = n.rsplit_once('-')?;
        (!b.is_empty() && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| b.to_string())
    };
    let bases: Vec<Option<String>> = names.iter().map(|n| base(n)).collect();
    match bases.first() {
        Some(Some(b)) if bases.iter().all(|x| x.as_deref() == Some(b)) => b.clone(),
        _ => names.first().map(|n| n.to_string()).unwrap_or_default(),
    }
}

/// The 409 for a reservation that is not active.
fn not_active(o: &OrderRec, r: &ResRec, ctx: &Ctx, target: &str) -> Failure {
    Failure::conflict(
        codes::RESERVATION_NOT_ACTIVE,
        format!(
            "Reservation '{}' is {} and cannot be split or merged.",
            r.name,
            view::state(o, r, ctx.today).as_str()
        ),
    )
    .target(target.to_string())
}

/// `a + b` of amounts with two decimals.
fn sum_text(amounts: &[Decimal]) -> String {
    let parts: Vec<String> = amounts
        .iter()
        .map(|a| view::money(*a).to_string())
        .collect();
    parts.join(" + ")
}

/// Ends a source reservation of a split or merge.
fn end_source(r: &mut ResRec, status: StoredStatus, ctx_now: chrono::NaiveDateTime) {
    r.status = status;
    r.ended = Some(ctx_now.date());
    r.renew = false;
    r.etag += 1;
    r.updated = Some(ctx_now);
}

/// A new reservation made from `from` by a split or merge: new id, the given quantity and name,
/// auto-renew off, version 1.
fn derived(
    from: &ResRec,
    id: String,
    name: String,
    qty: u32,
    now: chrono::NaiveDateTime,
) -> ResRec {
    ResRec {
        id,
        name,
        qty,
        status: StoredStatus::Succeeded,
        renew: false,
        etag: 1,
        ended: None,
        updated: Some(now),
        // Azure measures the new reservation afresh: the source's days stay the source's.
        measured: Vec::new(),
        ..from.clone()
    }
}

/// `POST .../reservationOrders/{o}/split`: one active reservation into two of the same order.
pub fn split(ctx: &mut Ctx, customer: &str, order: &str) -> Handled {
    let req: SplitRequest = parse_body(ctx.req.body.as_deref())?;
    let (o, r) = {
        let c = ctx.customer(customer)?;
        resolve_reservation(c, Some(order), &req.reservation_id, "reservationId")?
    };
    let source = {
        let (_, ord, rec) = ctx.reservation(customer, &o, &r)?;
        ctx.require(ctx.permissions(rec).can_manage, "split this reservation")?;
        if let Some(header) = ctx.req.header(HEADER_IF_MATCH) {
            check_if_match(header, rec.etag)?;
        }
        if !view::is_active(ord, rec, ctx.today) {
            return Err(not_active(ord, rec, ctx, "reservationId"));
        }
        check_split(rec.qty, &req.quantities).map_err(|e| split_refused(&e, rec))?;
        rec.clone()
    };
    let ids: Vec<String> = (0..SPLIT_PARTS).map(|_| ctx.state.new_guid()).collect();
    let event_id = ctx.state.new_guid();
    let now = ctx.now;
    let (user_id, user_name) = (ctx.user.id.clone(), ctx.user.name.clone());
    let parts: Vec<ResRec> = ids
        .iter()
        .zip(&req.quantities)
        .enumerate()
        .map(|(i, (id, &q))| derived(&source, id.clone(), part_name(&source.name, i + 1), q, now))
        .collect();
    let mut changes = vec![
        FieldChange {
            field: "quantity".into(),
            old_value: Some(source.qty.to_string()),
            new_value: Some(
                req.quantities
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(" + "),
            ),
        },
        FieldChange {
            field: "reservationId".into(),
            old_value: Some(source.id.clone()),
            new_value: Some(ids.join(", ")),
        },
        FieldChange {
            field: "displayName".into(),
            old_value: Some(source.name.clone()),
            new_value: Some(
                parts
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        },
        FieldChange {
            field: "charge".into(),
            old_value: Some(sum_text(&[charge(source.price, source.qty)])),
            new_value: Some(sum_text(&part_charges(source.price, &req.quantities))),
        },
        FieldChange {
            field: "provisioningState".into(),
            old_value: Some(ProvisioningState::Succeeded.as_str().into()),
            new_value: Some(ProvisioningState::Split.as_str().into()),
        },
    ];
    if source.renew {
        changes.push(renew_off());
    }
    let summary = format!(
        "Split {} unit(s) of {} into {}",
        source.qty,
        source.name,
        req.quantities
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" + ")
    );
    let ord = order_mut(ctx, customer, &o)?;
    let at = ord
        .res
        .iter()
        .position(|x| x.id == r)
        .ok_or_else(|| Failure::not_found("Reservation", &r))?;
    end_source(&mut ord.res[at], StoredStatus::Split, now);
    for (k, p) in parts.into_iter().enumerate() {
        ord.res.insert(at + 1 + k, p);
    }
    ord.audit.push(AuditEvent {
        id: event_id,
        timestamp: now,
        actor_id: user_id,
        actor_name: user_name,
        action: AuditAction::Split,
        reservation_order_id: o.clone(),
        reservation_id: Some(r.clone()),
        summary,
        changes,
        amount: None,
    });
    let (c, ord, rec) = ctx.reservation(customer, &o, &r)?;
    let created = ids
        .iter()
        .filter_map(|id| ord.reservation(id))
        .map(|p| view::reservation(ctx.state.price_list.as_ref(), c, ord, p, ctx.today))
        .collect();
    Reply::changed(&SplitResponse {
        as_of: ctx.today,
        source: view::reservation(ctx.state.price_list.as_ref(), c, ord, rec, ctx.today),
        created,
    })
}

/// The change that records auto-renew turned off.
fn renew_off() -> FieldChange {
    FieldChange {
        field: "renew".into(),
        old_value: Some("true".into()),
        new_value: Some("false".into()),
    }
}

/// The order, mutably, or 404.
fn order_mut<'a>(
    ctx: &'a mut Ctx,
    customer: &str,
    order: &str,
) -> Result<&'a mut OrderRec, Failure> {
    ctx.state
        .customer_mut(customer)
        .ok_or_else(|| Failure::not_found("Customer", customer))?
        .order_mut(order)
        .ok_or_else(|| Failure::not_found("Reservation order", order))
}

/// The 422 of a refused split.
fn split_refused(e: &SplitError, r: &ResRec) -> Failure {
    match e {
        SplitError::QuantityTooSmall { quantity } => Failure::new(
            422,
            codes::SPLIT_QUANTITY_TOO_SMALL,
            format!(
                "Reservation '{}' has {quantity} unit(s); only a reservation of 2 or more units can be split.",
                r.name
            ),
        )
        .target("reservationId"),
        SplitError::WrongPartCount { count } => Failure::new(
            422,
            codes::INVALID_SPLIT_QUANTITIES,
            format!("A split makes {SPLIT_PARTS} reservations: give {SPLIT_PARTS} quantities, not {count}."),
        )
        .target("quantities"),
        SplitError::PartTooSmall { index } => Failure::new(
            422,
            codes::INVALID_SPLIT_QUANTITIES,
            "Each new reservation must have at least 1 unit.",
        )
        .target(format!("quantities[{index}]")),
        SplitError::SumMismatch { sum, quantity } => Failure::new(
            422,
            codes::INVALID_SPLIT_QUANTITIES,
            format!("The quantities add up to {sum}, but the reservation has {quantity} unit(s); they must add up to {quantity}."),
        )
        .target("quantities"),
    }
}

/// The property a merge compares, as named in messages.
fn field_name(f: MergeField) -> &'static str {
    match f {
        MergeField::Order => "reservation order",
        MergeField::Sku => "SKU",
        MergeField::Term => "term",
        MergeField::Location => "region",
        MergeField::UnitPrice => "unit price",
    }
}

/// Reads `If-Match` of a merge: one etag per source, in order (`"3", "5"`).
fn check_merge_if_match(header: &str, etags: &[u64]) -> Result<(), Failure> {
    let values: Vec<&str> = header.split(',').map(str::trim).collect();
    if values.len() != etags.len() {
        return Err(Failure::invalid(format!(
            "If-Match has {} etag(s); send one per source reservation ({}), in the order of sources.",
            values.len(),
            etags.len()
        ))
        .target(HEADER_IF_MATCH));
    }
    for (v, &etag) in values.iter().zip(etags) {
        check_if_match(v, etag)?;
    }
    Ok(())
}

/// `POST .../reservationOrders/{o}/merge`: two or more active reservations of the order, of
/// the same SKU, term, region and unit price, into one.
pub fn merge(ctx: &mut Ctx, customer: &str, order: &str) -> Handled {
    let req: MergeRequest = parse_body(ctx.req.body.as_deref())?;
    let mut keys: Vec<(String, String)> = Vec::new();
    {
        let c = ctx.customer(customer)?;
        ctx.order(customer, order)?;
        for (i, s) in req.sources.iter().enumerate() {
            keys.push(resolve_reservation(c, None, s, &format!("sources[{i}]"))?);
        }
    }
    let mut recs: Vec<ResRec> = Vec::new();
    {
        let mut etags = Vec::new();
        for (o, r) in &keys {
            let (_, _, rec) = ctx.reservation(customer, o, r)?;
            ctx.require(ctx.permissions(rec).can_manage, "merge this reservation")?;
            etags.push(rec.etag);
            recs.push(rec.clone());
        }
        if let Some(header) = ctx.req.header(HEADER_IF_MATCH) {
            check_merge_if_match(header, &etags)?;
        }
        if let Some(i) = keys.iter().position(|(o, _)| o != order) {
            return Err(Failure::new(
                422,
                codes::MERGE_MISMATCH,
                format!(
                    "Reservation '{}' belongs to another reservation order; only reservations of the same order can be merged.",
                    recs[i].name
                ),
            )
            .target(format!("sources[{i}]")));
        }
        let (_, ord) = ctx.order(customer, order)?;
        let sources: Vec<MergeSource> = recs
            .iter()
            .map(|r| MergeSource {
                reservation_id: &r.id,
                order_id: &ord.id,
                sku: &r.sku,
                term: &ord.term,
                location: &r.loc,
                unit_price: r.price,
                quantity: r.qty,
                active: view::is_active(ord, r, ctx.today),
            })
            .collect();
        if let Err(e) = check_merge(&sources) {
            let at = |id: &str| keys.iter().position(|(_, r)| r == id).unwrap_or(0);
            return Err(match e {
                MergeError::TooFewSources { count } => Failure::new(
                    422,
                    codes::MERGE_TOO_FEW_RESERVATIONS,
                    format!("A merge takes at least 2 reservations; {count} given."),
                )
                .target("sources"),
                MergeError::DuplicateSource { reservation_id } => Failure::invalid(format!(
                    "Reservation '{reservation_id}' is named more than once."
                ))
                .target(format!(
                    "sources[{}]",
                    keys.iter()
                        .rposition(|(_, r)| *r == reservation_id)
                        .unwrap_or(0)
                )),
                MergeError::NotActive { reservation_id } => {
                    let i = at(&reservation_id);
                    not_active(ord, &recs[i], ctx, &format!("sources[{i}]"))
                }
                MergeError::Mismatch {
                    reservation_id,
                    field,
                } => {
                    let i = at(&reservation_id);
                    Failure::new(
                        422,
                        codes::MERGE_MISMATCH,
                        format!(
                            "Reservation '{}' has another {} than '{}'; only reservations of the same order, SKU, term, region and unit price can be merged.",
                            recs[i].name,
                            field_name(field),
                            recs[0].name
                        ),
                    )
                    .target(format!("sources[{i}]"))
                }
            });
        }
    }
    let new_id = ctx.state.new_guid();
    let event_id = ctx.state.new_guid();
    let now = ctx.now;
    let (user_id, user_name) = (ctx.user.id.clone(), ctx.user.name.clone());
    let quantities: Vec<u32> = recs.iter().map(|r| r.qty).collect();
    let total: u32 = quantities.iter().sum();
    let names: Vec<&str> = recs.iter().map(|r| r.name.as_str()).collect();
    let mut merged = derived(&recs[0], new_id.clone(), merged_name(&names), total, now);
    for r in &recs[1..] {
        for role in &r.roles {
            if !merged
                .roles
                .iter()
                .any(|x| x.pid == role.pid && x.role == role.role)
            {
                merged.roles.push(role.clone());
            }
        }
        merged.fx |= r.fx;
    }
    let qty_text: Vec<String> = quantities.iter().map(u32::to_string).collect();
    let mut changes = vec![
        FieldChange {
            field: "quantity".into(),
            old_value: Some(qty_text.join(" + ")),
            new_value: Some(total.to_string()),
        },
        FieldChange {
            field: "reservationId".into(),
            old_value: Some(
                recs.iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            new_value: Some(new_id.clone()),
        },
        FieldChange {
            field: "displayName".into(),
            old_value: Some(names.join(", ")),
            new_value: Some(merged.name.clone()),
        },
        FieldChange {
            field: "charge".into(),
            old_value: Some(sum_text(&part_charges(recs[0].price, &quantities))),
            new_value: Some(sum_text(&[charge(recs[0].price, total)])),
        },
        FieldChange {
            field: "provisioningState".into(),
            old_value: Some(ProvisioningState::Succeeded.as_str().into()),
            new_value: Some(ProvisioningState::Merged.as_str().into()),
        },
    ];
    if recs.iter().any(|r| r.renew) {
        changes.push(renew_off());
    }
    let summary = format!(
        "Merged {} into {} ({} unit(s))",
        names.join(", "),
        merged.name,
        total
    );
    let ord = order_mut(ctx, customer, order)?;
    let mut first_at = ord.res.len();
    for (_, r) in &keys {
        if let Some(at) = ord.res.iter().position(|x| x.id == *r) {
            end_source(&mut ord.res[at], StoredStatus::Merged, now);
            first_at = first_at.min(at);
        }
    }
    ord.res.insert((first_at + 1).min(ord.res.len()), merged);
    ord.audit.push(AuditEvent {
        id: event_id,
        timestamp: now,
        actor_id: user_id,
        actor_name: user_name,
        action: AuditAction::Merge,
        reservation_order_id: order.to_string(),
        reservation_id: Some(new_id.clone()),
        summary,
        changes,
        amount: None,
    });
    let (c, ord) = ctx.order(customer, order)?;
    let view_of = |id: &str| {
        ord.reservation(id)
            .map(|r| view::reservation(ctx.state.price_list.as_ref(), c, ord, r, ctx.today))
            .ok_or_else(|| Failure::not_found("Reservation", id))
    };
    let sources = keys
        .iter()
        .map(|(_, r)| view_of(r))
        .collect::<Result<Vec<_>, _>>()?;
    Reply::changed(&MergeResponse {
        as_of: ctx.today,
        sources,
        created: view_of(&new_id)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_named_after_the_source_and_merged_back() {
        assert_eq!(part_name("vm-a", 1), "vm-a-1");
        let long = "x".repeat(64);
        assert_eq!(part_name(&long, 2).chars().count(), 64);
        assert_eq!(merged_name(&["vm-a-1", "vm-a-2"]), "vm-a");
        assert_eq!(merged_name(&["vm-a-1", "vm-b-2"]), "vm-a-1");
        assert_eq!(merged_name(&["vm-split-a", "vm-split-b"]), "vm-split-a");
    }
}
