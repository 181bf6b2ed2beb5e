//! Presentation: stored records → API models (and → quote engine inputs), relative to today.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use reservation_api::{order_resource_id, reservation_resource_id};
use reservation_api::{
    AppliedScopeProperties, AppliedScopeType, AuditAction, AuditEvent, Customer, ManagementGroup,
    ProvisioningState, RefundHistoryEntry, Reservation, ReservationOrder,
    ReservationOrderProperties, ReservationProperties, ReservationRef, ResourceGroup,
    RoleAssignment, Sku, Subscription, CURRENCY_USD, RESERVATION_ORDER_TYPE, RESERVATION_TYPE,
};
use reservation_quote::{expiry_date, HistoryEntry, Policy};
use rust_decimal::Decimal;

use crate::prices::PriceList;
use crate::state::{
    CustomerRec, MgRec, OrderRec, RefundRec, ResRec, RgRec, RoleRec, Scope, StoredStatus, SubRec,
};
use crate::utilization::{self, ActiveSpan};

/// An amount with exactly two decimals (`50000` → `50000.00`).
pub fn money(mut d: Decimal) -> Decimal {
    d.rescale(2);
    d
}

/// The expiry date of an order: Azure's, for an order read from Azure; else purchase date + term
/// (the purchase date if the term is unknown).
pub fn expiry(o: &OrderRec) -> NaiveDate {
    o.expiry
        .or_else(|| expiry_date(o.purchase, &o.term))
        .unwrap_or(o.purchase)
}

/// The state a reservation is in today.
pub fn state(o: &OrderRec, r: &ResRec, today: NaiveDate) -> ProvisioningState {
    if r.status == StoredStatus::Cancelled {
        ProvisioningState::Cancelled
    } else if r.status == StoredStatus::Split {
        ProvisioningState::Split
    } else if r.status == StoredStatus::Merged {
        ProvisioningState::Merged
    } else if today >= expiry(o) {
        ProvisioningState::Expired
    } else {
        ProvisioningState::Succeeded
    }
}

/// Whether a reservation is active today.
pub fn is_active(o: &OrderRec, r: &ResRec, today: NaiveDate) -> bool {
    state(o, r, today) == ProvisioningState::Succeeded
}

/// Whether a reservation is active and expires within `days` days of today.
pub fn expires_within(o: &OrderRec, r: &ResRec, today: NaiveDate, days: i64) -> bool {
    is_active(o, r, today) && (expiry(o) - today).num_days() <= days
}

/// The days a reservation had utilization data (purchase until expiry, cancellation or today).
pub fn span(o: &OrderRec, r: &ResRec, today: NaiveDate) -> ActiveSpan {
    let mut end = expiry(o).min(today);
    if let Some(ended) = r.ended {
        end = end.min(ended);
    }
    ActiveSpan {
        start: o.purchase,
        end,
    }
}

/// The `/subscriptions/{guid}` id of a subscription index (empty when out of range).
pub fn subscription_path(c: &CustomerRec, i: usize) -> String {
    c.subs
        .get(i)
        .map(|s| format!("/subscriptions/{}", s.id))
        .unwrap_or_default()
}

/// The resource id of a resource group.
pub fn rg_path(c: &CustomerRec, rg: &RgRec) -> String {
    format!(
        "{}/resourceGroups/{}",
        subscription_path(c, rg.sub),
        rg.name
    )
}

/// The resource id of a management group.
pub fn mg_path(mg: &MgRec) -> String {
    format!(
        "/providers/Microsoft.Management/managementGroups/{}",
        mg.name
    )
}

/// The API form of a stored scope.
pub fn scope_view(
    c: &CustomerRec,
    scope: Scope,
) -> (
    AppliedScopeType,
    Vec<String>,
    Option<AppliedScopeProperties>,
) {
    match scope {
        Scope::Shared => (AppliedScopeType::Shared, Vec::new(), None),
        Scope::Sub(i) => {
            let id = subscription_path(c, i);
            let props = AppliedScopeProperties {
                subscription_id: Some(id.clone()),
                display_name: c.subs.get(i).map(|s| s.name.clone()),
                ..Default::default()
            };
            (AppliedScopeType::Single, vec![id], Some(props))
        }
        Scope::Rg(i) => match c.rgs.get(i) {
            Some(rg) => {
                let id = rg_path(c, rg);
                let props = AppliedScopeProperties {
                    subscription_id: Some(subscription_path(c, rg.sub)),
                    resource_group_id: Some(id.clone()),
                    display_name: Some(rg.name.clone()),
                    ..Default::default()
                };
                (AppliedScopeType::Single, vec![id], Some(props))
            }
            None => (AppliedScopeType::Shared, Vec::new(), None),
        },
        Scope::Mg(i) => match c.mgs.get(i) {
            Some(mg) => {
                let id = mg_path(mg);
                let props = AppliedScopeProperties {
                    management_group_id: Some(id.clone()),
                    tenant_id: Some(c.id.clone()),
                    display_name: Some(mg.display.clone()),
                    ..Default::default()
                };
                (AppliedScopeType::ManagementGroup, vec![id], Some(props))
            }
            None => (AppliedScopeType::Shared, Vec::new(), None),
        },
    }
}

/// Today's price of a reservation's SKU: from the imported price list when there is one, else
/// from the synthetic catalogue.
pub fn current_price(prices: Option<&PriceList>, o: &OrderRec, r: &ResRec) -> Option<Decimal> {
    crate::prices::price(prices, &r.family, &r.sku, &r.loc, &o.term, &o.plan)
}

/// The API form of a reservation.
pub fn reservation(
    prices: Option<&PriceList>,
    c: &CustomerRec,
    o: &OrderRec,
    r: &ResRec,
    today: NaiveDate,
) -> Reservation {
    let st = state(o, r, today);
    let (applied_scope_type, applied_scopes, applied_scope_properties) = scope_view(c, r.scope);
    let utilization = if st == ProvisioningState::Succeeded {
        utilization::summary(r, span(o, r, today), today)
    } else {
        None
    };
    Reservation {
        id: reservation_resource_id(&o.id, &r.id),
        name: format!("{}/{}", o.id, r.id),
        resource_type: RESERVATION_TYPE.into(),
        etag: r.etag,
        location: r.loc.clone(),
        sku: Sku {
            name: r.sku.clone(),
        },
        properties: ReservationProperties {
            display_name: r.name.clone(),
            reserved_resource_type: r.family.clone(),
            applied_scope_type,
            applied_scopes,
            applied_scope_properties,
            instance_flexibility: r.flex,
            renew: r.renew,
            billing_plan: o.plan.clone(),
            term: o.term.clone(),
            quantity: r.qty,
            provisioning_state: st,
            purchase_date: o.purchase,
            expiry_date: expiry(o),
            billing_scope_id: subscription_path(c, r.bill),
            unit_price: r.price,
            current_unit_price: current_price(prices, o, r),
            currency_code: CURRENCY_USD.into(),
            final_exchange_used: r.fx,
            utilization,
            last_updated_date_time: r.updated,
        },
    }
}

/// The API form of an order.
pub fn order(o: &OrderRec, today: NaiveDate) -> ReservationOrder {
    let states: Vec<ProvisioningState> = o.res.iter().map(|r| state(o, r, today)).collect();
    let provisioning_state = if states.contains(&ProvisioningState::Succeeded) {
        ProvisioningState::Succeeded
    } else if states.contains(&ProvisioningState::Expired) {
        ProvisioningState::Expired
    } else {
        ProvisioningState::Cancelled
    };
    let display_name = o.res.first().map(|r| r.name.clone()).unwrap_or_default();
    ReservationOrder {
        id: order_resource_id(&o.id),
        name: o.id.clone(),
        resource_type: RESERVATION_ORDER_TYPE.into(),
        etag: o.etag,
        properties: ReservationOrderProperties {
            display_name,
            purchase_date: o.purchase,
            expiry_date: expiry(o),
            term: o.term.clone(),
            billing_plan: o.plan.clone(),
            original_quantity: o.qty,
            provisioning_state,
            reservations: o
                .res
                .iter()
                .map(|r| ReservationRef {
                    id: reservation_resource_id(&o.id, &r.id),
                })
                .collect(),
        },
    }
}

/// The customer's refund history as the quote engine takes it.
pub fn history(c: &CustomerRec) -> Vec<HistoryEntry> {
    c.refunds
        .iter()
        .map(|h| HistoryEntry {
            date: h.date,
            amount: h.amount,
        })
        .collect()
}

/// round(used) of the customer's refund history today.
pub fn limit_used(c: &CustomerRec, today: NaiveDate, policy: &Policy) -> Decimal {
    reservation_quote::limit_used(&history(c), today, policy)
}

/// The API form of a customer (counts relative to today).
pub fn customer(c: &CustomerRec, today: NaiveDate, policy: &Policy) -> Customer {
    let mut total = 0u32;
    let mut active = 0u32;
    let mut expiring = 0u32;
    for (o, r) in c.reservations() {
        total += 1;
        if is_active(o, r, today) {
            active += 1;
            if (expiry(o) - today).num_days() <= 30 {
                expiring += 1;
            }
        }
    }
    Customer {
        id: c.id.clone(),
        company_name: c.name.clone(),
        primary_domain: c.domain.clone(),
        country: c.country.clone(),
        locale: c.locale.clone(),
        reservation_count: total,
        active_reservation_count: active,
        expiring_within_30_days: expiring,
        refund_limit_used: money(limit_used(c, today, policy)),
    }
}

/// The API form of a subscription.
pub fn subscription(s: &SubRec) -> Subscription {
    Subscription {
        id: format!("/subscriptions/{}", s.id),
        subscription_id: s.id.clone(),
        display_name: s.name.clone(),
        state: "Enabled".into(),
        billing_allowed: true,
    }
}

/// The API form of a resource group.
pub fn resource_group(c: &CustomerRec, rg: &RgRec) -> ResourceGroup {
    ResourceGroup {
        id: rg_path(c, rg),
        name: rg.name.clone(),
        location: rg.loc.clone(),
        subscription_id: c.subs.get(rg.sub).map(|s| s.id.clone()).unwrap_or_default(),
    }
}

/// The API form of a management group.
pub fn management_group(mg: &MgRec) -> ManagementGroup {
    ManagementGroup {
        id: mg_path(mg),
        name: mg.name.clone(),
        display_name: mg.display.clone(),
    }
}

/// The API form of a refund history entry.
pub fn refund_entry(h: &RefundRec, today: NaiveDate, policy: &Policy) -> RefundHistoryEntry {
    let stops = h.date + Duration::days(policy.limit_window_days);
    RefundHistoryEntry {
        id: h.id.clone(),
        date: h.date,
        amount: h.amount,
        stops_counting_on: stops,
        counting: h.date <= today && today < stops,
        reservation_order_id: h.order.clone(),
        reservation_id: h.res.clone(),
        display_name: h.name.clone(),
        quantity: h.qty,
    }
}

/// The API form of a role assignment.
pub fn role_assignment(o: &OrderRec, r: &ResRec, a: &RoleRec) -> RoleAssignment {
    let scope = reservation_resource_id(&o.id, &r.id);
    RoleAssignment {
        id: format!(
            "{scope}/providers/Microsoft.Authorization/roleAssignments/{}",
            a.id
        ),
        name: a.id.clone(),
        principal_id: a.pid.clone(),
        principal_name: a.pname.clone(),
        principal_type: a.ptype,
        role: a.role,
        scope,
        created_on: a.on,
    }
}

/// The quote engine's view of a reservation today.
pub fn engine_reservation(
    prices: Option<&PriceList>,
    o: &OrderRec,
    r: &ResRec,
    today: NaiveDate,
) -> reservation_quote::Reservation {
    reservation_quote::Reservation {
        id: Some(r.id.clone()),
        family: r.family.clone(),
        term: o.term.clone(),
        billing_plan: o.plan.clone(),
        purchase_date: o.purchase,
        quantity: Decimal::from(r.qty),
        unit_price: r.price,
        current_unit_price: current_price(prices, o, r),
        status: Some(state(o, r, today).as_str().to_string()),
        final_exchange_used: r.fx,
    }
}

/// The purchase event of an order (derived, not stored).
pub fn purchase_event(o: &OrderRec) -> AuditEvent {
    let total: Decimal = o
        .res
        .iter()
        .map(|r| {
            let months = o.term.months().unwrap_or(1);
            let lifetime = match o.plan {
                reservation_api::BillingPlan::Monthly => r.price * Decimal::from(months),
                _ => r.price,
            };
            lifetime * Decimal::from(r.qty)
        })
        .sum();
    let (actor_id, actor_name) = match &o.by {
        Some(id) => (
            id.clone(),
            crate::auth::find_user(id).map_or_else(|| id.clone(), |u| u.name),
        ),
        None => ("partner-center".to_string(), "Partner Center".to_string()),
    };
    AuditEvent {
        id: format!("purchase-{}", o.id),
        timestamp: NaiveDateTime::new(o.purchase, NaiveTime::MIN),
        actor_id,
        actor_name,
        action: AuditAction::Purchase,
        reservation_order_id: o.id.clone(),
        reservation_id: None,
        summary: format!(
            "Purchased {} unit(s), {} {}",
            o.qty,
            o.term.as_str(),
            o.plan.as_str()
        ),
        changes: Vec::new(),
        amount: Some(total.round_dp(2)),
    }
}
