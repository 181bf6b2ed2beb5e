//! Alert rules and alerts: `GET/POST /alertRules`, `DELETE /alertRules/{id}`, `GET /alerts`,
//! `POST /alerts/{id}/acknowledge`, `POST /alerts/{id}/snooze`.

use chrono::Duration;
use reservation_api::{
    reservation_resource_id, Alert, AlertDismissal, AlertKind, AlertRule, NewAlertRule, Page,
    SnoozeRequest,
};
use rust_decimal::Decimal;

use crate::alerts::{self, CustomerFacts, ReservationFacts, RuleError};
use crate::auth;
use crate::handlers::Ctx;
use crate::respond::{bad_query, page, paging, parse_body, Failure, Handled, Reply};
use crate::{utilization, view};

impl From<RuleError> for Failure {
    fn from(e: RuleError) -> Failure {
        Failure::invalid(e.message).target(e.field)
    }
}

/// 403 unless the user may manage alerts (a tenant-wide Owner, Contributor or Reservations
/// Administrator): rules and dismissals are shared by the whole partner.
fn require_manager(ctx: &Ctx, action: &str) -> Result<(), Failure> {
    ctx.require(auth::tenant_permissions(&ctx.user).can_manage, action)
}

/// `GET /alertRules`: every rule, oldest first (any user).
pub fn list_rules(ctx: &Ctx) -> Handled {
    Reply::ok(&Page::all(ctx.state.alert_rules.clone()))
}

/// `POST /alertRules`: 201 with the stored rule.
pub fn create_rule(ctx: &mut Ctx) -> Handled {
    require_manager(ctx, "create alert rules")?;
    let rule: NewAlertRule = parse_body(ctx.req.body.as_deref())?;
    alerts::validate(&rule)?;
    let stored = AlertRule {
        id: ctx.state.new_guid(),
        rule: NewAlertRule {
            threshold_percent: rule.threshold_percent.map(|p| p.normalize()),
            ..rule
        },
        created_by: ctx.user.id.clone(),
        created_date_time: ctx.now,
    };
    ctx.state.alert_rules.push(stored.clone());
    Reply::created(&stored)
}

/// `DELETE /alertRules/{id}`: removes the rule and the dismissals of its alerts.
pub fn delete_rule(ctx: &mut Ctx, id: &str) -> Handled {
    require_manager(ctx, "delete alert rules")?;
    let at = ctx
        .state
        .alert_rules
        .iter()
        .position(|r| r.id == id)
        .ok_or_else(|| Failure::not_found("Alert rule", id))?;
    let removed = ctx.state.alert_rules.remove(at);
    ctx.state
        .alert_dismissals
        .retain(|d| alerts::rule_of(&d.alert_id) != id);
    Reply::changed(&removed)
}

/// Every alert the rules raise today over what the user may read (dismissed ones included).
fn raised(ctx: &Ctx) -> Vec<Alert> {
    let rules = &ctx.state.alert_rules;
    if rules.is_empty() {
        return Vec::new();
    }
    let needs_util = rules
        .iter()
        .any(|r| r.rule.kind == AlertKind::LowUtilization);
    let needs_usage = rules
        .iter()
        .any(|r| r.rule.kind == AlertKind::RefundLimitUsage);
    let mut reservations = Vec::new();
    let mut customers = Vec::new();
    for c in &ctx.state.customers {
        let mut any = false;
        for (o, r) in c.reservations() {
            if !ctx.permissions(r).can_read {
                continue;
            }
            any = true;
            let active = view::is_active(o, r, ctx.today);
            let util = if needs_util && active {
                utilization::summary(r, view::span(o, r, ctx.today), ctx.today)
            } else {
                None
            };
            let avg = |days| util.as_ref().and_then(|u| u.average(days));
            reservations.push(ReservationFacts {
                customer_id: c.id.clone(),
                company_name: c.name.clone(),
                guid: r.id.clone(),
                resource_id: reservation_resource_id(&o.id, &r.id),
                display_name: r.name.clone(),
                active,
                renew: r.renew,
                expiry: view::expiry(o),
                util7: avg(7),
                util30: avg(30),
            });
        }
        if any && needs_usage {
            let used = view::limit_used(c, ctx.today, ctx.policy);
            let limit = ctx.policy.refund_limit_usd;
            let usage = if limit > Decimal::ZERO {
                (used * Decimal::ONE_HUNDRED / limit).round_dp(2)
            } else {
                Decimal::ZERO
            };
            customers.push(CustomerFacts {
                customer_id: c.id.clone(),
                company_name: c.name.clone(),
                usage_percent: usage,
            });
        }
    }
    alerts::evaluate(rules, &reservations, &customers, ctx.today)
}

/// `GET /alerts?skip=&top=`: the alerts raised today that are neither acknowledged nor
/// snoozed, over the reservations (and their customers) the user may read.
pub fn list(ctx: &Ctx) -> Handled {
    let skip = bad_query(ctx.params.number("skip"))?.unwrap_or(0);
    let top = bad_query(ctx.params.number("top"))?.unwrap_or(reservation_api::DEFAULT_TOP);
    let (skip, top) = paging(skip, top)?;
    let open: Vec<Alert> = raised(ctx)
        .into_iter()
        .filter(|a| !alerts::dismissed(&a.id, &ctx.state.alert_dismissals, ctx.today))
        .collect();
    Reply::ok(&page(open, skip, top, ctx.req.path_only(), &ctx.params))
}

/// `POST /alerts/{id}/snooze` `{"days": 7|30}`.
pub fn snooze(ctx: &mut Ctx, id: &str) -> Handled {
    let req: SnoozeRequest = parse_body(ctx.req.body.as_deref())?;
    alerts::validate_snooze(req.days)?;
    dismiss(ctx, id, Some(req.days))
}

/// Acknowledges (`days` = None) or snoozes an alert the user can see; replaces an earlier
/// dismissal of it.
pub fn dismiss(ctx: &mut Ctx, id: &str, days: Option<u32>) -> Handled {
    require_manager(
        ctx,
        if days.is_some() {
            "snooze alerts"
        } else {
            "acknowledge alerts"
        },
    )?;
    if !raised(ctx).iter().any(|a| a.id == id) {
        return Err(Failure::not_found("Alert", id));
    }
    let record = AlertDismissal {
        alert_id: id.to_string(),
        snoozed_until: days.map(|d| ctx.today + Duration::days(i64::from(d))),
        by: ctx.user.id.clone(),
        at: ctx.now,
    };
    ctx.state.alert_dismissals.retain(|d| d.alert_id != id);
    ctx.state.alert_dismissals.push(record.clone());
    Reply::changed(&record)
}
