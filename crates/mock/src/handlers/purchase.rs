//! `calculatePrice` and `purchase`: buy a new reservation from the catalogue. The checks of a
//! purchase line and the creation of its order are shared with the exchange.

use std::sync::Arc;

use chrono::Timelike;
use reservation_api::{
    AuditAction, AuditEvent, CalculatePriceResponse, ExchangePurchaseItem, Family,
    InstanceFlexibility, PricedPurchase, PurchaseRequest, PurchaseResponse, CURRENCY_USD,
};
use reservation_quote::{
    check_purchase_quantity, purchase_price, PurchasePrice, PurchasePriceError,
};
use rust_decimal::Decimal;

use crate::auth;
use crate::catalogue;
use crate::generator::default_name;
use crate::handlers::reservations::resolve_scope;
use crate::handlers::{text_field, Ctx};
use crate::ids::hash_str;
use crate::prices::PriceList;
use crate::respond::{parse_body, Failure, Handled, Reply};
use crate::state::{CustomerRec, OrderRec, ResRec, Scope, StoredStatus};
use crate::view;

/// A checked purchase line: what to create if the purchase goes ahead.
pub struct Planned {
    /// The line with its catalogue price.
    pub priced: PricedPurchase,
    /// The resolved scope.
    pub scope: Scope,
    /// The billing subscription (index into the customer's subscriptions).
    pub bill: usize,
    /// The name asked for, if any.
    pub name: Option<String>,
}

/// Checks one purchase line against the price list (`None`: the synthetic catalogue) and the
/// customer's directory. Field errors name the field, after `prefix` (`""` for a purchase,
/// `reservationsToPurchase[j]` in an exchange).
pub fn plan(
    prices: Option<&PriceList>,
    c: &CustomerRec,
    item: &ExchangePurchaseItem,
    prefix: &str,
) -> Result<Planned, Failure> {
    let field = |f: &str| {
        if prefix.is_empty() {
            f.to_string()
        } else {
            format!("{prefix}.{f}")
        }
    };
    let (family, sku, location, term, plan) = (
        &item.reserved_resource_type,
        &item.sku_name,
        &item.location,
        &item.term,
        &item.billing_plan,
    );
    if let Some(list) = prices {
        if list.price(family, sku, location, term, plan).is_none() {
            return Err(list.refusal(family, sku, location, term, plan, &field));
        }
    } else if let Some(missing) = catalogue::missing_field(family, sku, location, term, plan) {
        return Err(Failure::invalid(format!(
            "{} {sku} in {location} for {} {} is not in the price catalogue.",
            family.as_str(),
            term.as_str(),
            plan.as_str()
        ))
        .target(field(missing)));
    }
    let unit_price = crate::prices::price(prices, family, sku, location, term, plan)
        .ok_or_else(|| Failure::invalid("Not in the price catalogue.").target(field("term")))?;
    let scope = resolve_scope(
        c,
        item.applied_scope_type,
        &item.applied_scopes,
        &field("appliedScopes"),
    )?;
    let bill = match &item.billing_scope_id {
        None => 0,
        Some(b) => {
            let guid = b.trim_start_matches("/subscriptions/");
            c.subs
                .iter()
                .position(|s| s.id.eq_ignore_ascii_case(guid))
                .ok_or_else(|| {
                    Failure::invalid(format!("'{b}' is not a subscription of this customer."))
                        .target(field("billingScopeId"))
                })?
        }
    };
    if item.instance_flexibility.is_some() && *family != Family::VirtualMachines {
        return Err(Failure::invalid(
            "Instance flexibility applies to virtual machine reservations only.",
        )
        .target(field("instanceFlexibility")));
    }
    let name = match &item.display_name {
        Some(n) => Some(text_field(n, &field("displayName"), 64)?),
        None => None,
    };
    Ok(Planned {
        priced: PricedPurchase {
            item: item.clone(),
            unit_price,
        },
        scope,
        bill,
        name,
    })
}

/// Creates the order of a planned line, bought today by the current user, with one reservation
/// and, when given, an audit event (action, summary, amount) beside the derived purchase event.
/// `n` tells apart the generated names of lines bought in the same minute. Returns (order, reservation).
pub fn create_order(
    ctx: &mut Ctx,
    customer: &str,
    p: Planned,
    n: u32,
    audit: Option<(AuditAction, String, Option<Decimal>)>,
) -> Result<(String, String), Failure> {
    let order_id = ctx.state.new_guid();
    let res_id = ctx.state.new_guid();
    let (today, now) = (ctx.today, ctx.now);
    let events = match audit {
        None => Vec::new(),
        Some((action, summary, amount)) => vec![AuditEvent {
            id: ctx.state.new_guid(),
            timestamp: now,
            actor_id: ctx.user.id.clone(),
            actor_name: ctx.user.name.clone(),
            action,
            reservation_order_id: order_id.clone(),
            reservation_id: Some(res_id.clone()),
            summary,
            changes: Vec::new(),
            amount,
        }],
    };
    let item = &p.priced.item;
    let minutes = now.hour() * 60 + now.minute() + n;
    let res = ResRec {
        id: res_id.clone(),
        name: p
            .name
            .unwrap_or_else(|| default_name(&item.reserved_resource_type, today, minutes)),
        family: item.reserved_resource_type.clone(),
        sku: item.sku_name.clone(),
        loc: item.location.clone(),
        qty: item.quantity,
        price: p.priced.unit_price,
        status: StoredStatus::Succeeded,
        scope: p.scope,
        flex: (item.reserved_resource_type == Family::VirtualMachines)
            .then(|| item.instance_flexibility.unwrap_or(InstanceFlexibility::On)),
        renew: item.renew,
        bill: p.bill,
        etag: 1,
        // The demo invents a level its daily values vary around; outside it a new reservation
        // has no utilization until some is measured.
        util: ctx.demo.then(|| 60 + (hash_str(&res_id) % 36) as u8),
        fx: false,
        ended: None,
        updated: Some(now),
        roles: Vec::new(),
        measured: Vec::new(),
    };
    let order = OrderRec {
        id: order_id.clone(),
        purchase: today,
        term: item.term.clone(),
        plan: item.billing_plan.clone(),
        qty: item.quantity,
        expiry: None,
        etag: 1,
        by: Some(ctx.user.id.clone()),
        res: vec![res],
        audit: events,
    };
    ctx.state
        .customer_mut(customer)
        .ok_or_else(|| Failure::not_found("Customer", customer))?
        .orders
        .push(Arc::new(order));
    Ok((order_id, res_id))
}

/// Checks a purchase: the line as in an exchange, the quantity 1–10,000, and its price.
fn check(
    ctx: &Ctx,
    customer: &str,
    req: &PurchaseRequest,
) -> Result<(Planned, PurchasePrice), Failure> {
    let c = ctx.customer(customer)?;
    if let Err(PurchasePriceError::QuantityOutOfRange { quantity, min, max }) =
        check_purchase_quantity(req.quantity)
    {
        return Err(Failure::invalid(format!(
            "The quantity must be from {min} to {max}; it is {quantity}."
        ))
        .target("quantity"));
    }
    let planned = plan(ctx.state.price_list.as_ref(), c, req, "")?;
    let price = purchase_price(
        &req.term,
        &req.billing_plan,
        planned.priced.unit_price,
        req.quantity,
    )
    .map_err(|e| Failure::invalid(format!("The purchase has no price: {e:?}.")).target("term"))?;
    Ok((planned, price))
}

/// `POST /customers/{id}/calculatePrice`: the price of a purchase (any user).
pub fn calculate(ctx: &Ctx, customer: &str) -> Handled {
    let req: PurchaseRequest = parse_body(ctx.req.body.as_deref())?;
    let (_, price) = check(ctx, customer, &req)?;
    Reply::ok(&CalculatePriceResponse {
        as_of: ctx.today,
        currency_code: CURRENCY_USD.into(),
        item: req,
        price,
    })
}

/// `POST /customers/{id}/purchase`: 201 with the new order and its reservation. Needs the
/// tenant-wide right to exchange (Owner, Reservations Administrator).
pub fn execute(ctx: &mut Ctx, customer: &str) -> Handled {
    ctx.customer(customer)?;
    ctx.require(
        auth::can_purchase(&ctx.user),
        "buy reservations for this customer",
    )?;
    let req: PurchaseRequest = parse_body(ctx.req.body.as_deref())?;
    let (planned, price) = check(ctx, customer, &req)?;
    let (order_id, res_id) = create_order(ctx, customer, planned, 0, None)?;
    let c = ctx.customer(customer)?;
    let ord = c
        .order(&order_id)
        .ok_or_else(|| Failure::not_found("Reservation order", &order_id))?;
    let reservations = ord
        .reservation(&res_id)
        .map(|rec| view::reservation(ctx.state.price_list.as_ref(), c, ord, rec, ctx.today))
        .into_iter()
        .collect();
    Reply::created(&PurchaseResponse {
        as_of: ctx.today,
        price,
        order: view::order(ord, ctx.today),
        reservations,
    })
}
