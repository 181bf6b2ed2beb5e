//! Support requests: create, list, get.

use chrono::Datelike;
use reservation_api::{
    AuditAction, AuditEvent, ContactMethod, NewSupportRequest, SupportRequest, SupportRequestStatus,
};

use crate::handlers::{resolve_reservation, text_field, Ctx};
use crate::respond::{bad_query, page, paging, parse_body, Failure, Handled, Reply};

/// The request number for a day and sequence: yyMMdd + `0010` + six digits.
pub fn request_number(day: chrono::NaiveDate, seq: u64) -> String {
    format!(
        "{:02}{:02}{:02}0010{:06}",
        day.year().rem_euclid(100),
        day.month(),
        day.day(),
        seq % 1_000_000
    )
}

/// `POST /customers/{id}/supportRequests`: 201 with the stored request and its number.
pub fn create(ctx: &mut Ctx, customer: &str) -> Handled {
    let mut req: NewSupportRequest = parse_body(ctx.req.body.as_deref())?;
    let order_ref;
    {
        let c = ctx.customer(customer)?;
        req.summary = text_field(&req.summary, "summary", 140)?;
        req.details = text_field(&req.details, "details", 5000)?;
        req.problem_type = text_field(&req.problem_type, "problemType", 100)?;
        req.category = text_field(&req.category, "category", 100)?;
        req.contact_name = text_field(&req.contact_name, "contactName", 100)?;
        req.contact_email = text_field(&req.contact_email, "contactEmail", 254)?;
        req.preferred_language = text_field(&req.preferred_language, "preferredLanguage", 20)?;
        if !req.contact_email.contains('@')
            || req.contact_email.starts_with('@')
            || req.contact_email.ends_with('@')
        {
            return Err(
                Failure::invalid("'contactEmail' is not an e-mail address.").target("contactEmail")
            );
        }
        if req.contact_method == ContactMethod::Phone
            && req
                .contact_phone
                .as_deref()
                .is_none_or(|p| p.trim().is_empty())
        {
            return Err(Failure::invalid(
                "'contactPhone' is required when the contact method is Phone.",
            )
            .target("contactPhone"));
        }
        let sub = req
            .subscription_id
            .trim_start_matches("/subscriptions/")
            .to_ascii_lowercase();
        if !c.subs.iter().any(|s| s.id == sub) {
            return Err(Failure::invalid(format!(
                "'{}' is not a subscription of this customer.",
                req.subscription_id
            ))
            .target("subscriptionId"));
        }
        req.subscription_id = format!("/subscriptions/{sub}");
        order_ref = match &req.reservation_id {
            Some(r) => {
                let (o, r) =
                    resolve_reservation(c, req.reservation_order_id.as_deref(), r, "reservationId")
                        .map_err(|f| {
                            if f.status == 404 {
                                Failure::invalid(f.body.error.message).target("reservationId")
                            } else {
                                f
                            }
                        })?;
                req.reservation_order_id = Some(o.clone());
                req.reservation_id = Some(r.clone());
                Some((o, Some(r)))
            }
            None => match &req.reservation_order_id {
                Some(o) => {
                    if c.order(o).is_none() {
                        return Err(Failure::invalid(format!(
                            "Reservation order '{o}' was not found."
                        ))
                        .target("reservationOrderId"));
                    }
                    Some((o.clone(), None))
                }
                None => None,
            },
        };
    }
    let seq = ctx.state.next_support;
    ctx.state.next_support += 1;
    let number = request_number(ctx.today, seq);
    let event_id = ctx.state.new_guid();
    let stored = SupportRequest {
        number: number.clone(),
        customer_id: customer.to_string(),
        status: SupportRequestStatus::Open,
        created_date_time: ctx.now,
        created_by: ctx.user.id.clone(),
        request: req,
    };
    let event = order_ref.as_ref().map(|(o, r)| AuditEvent {
        id: event_id,
        timestamp: ctx.now,
        actor_id: ctx.user.id.clone(),
        actor_name: ctx.user.name.clone(),
        action: AuditAction::SupportRequestCreated,
        reservation_order_id: o.clone(),
        reservation_id: r.clone(),
        summary: format!("Opened support request {number}"),
        changes: Vec::new(),
        amount: None,
    });
    let c = ctx
        .state
        .customer_mut(customer)
        .ok_or_else(|| Failure::not_found("Customer", customer))?;
    c.support.push(stored.clone());
    if let (Some(event), Some((o, _))) = (event, &order_ref) {
        if let Some(ord) = c.order_mut(o) {
            ord.audit.push(event);
        }
    }
    Reply::created(&stored)
}

/// `GET /customers/{id}/supportRequests?skip=&top=`: newest first.
pub fn list(ctx: &Ctx, customer: &str) -> Handled {
    let c = ctx.customer(customer)?;
    let skip = bad_query(ctx.params.number("skip"))?.unwrap_or(0);
    let top = bad_query(ctx.params.number("top"))?.unwrap_or(reservation_api::DEFAULT_TOP);
    let (skip, top) = paging(skip, top)?;
    let items: Vec<SupportRequest> = c.support.iter().rev().cloned().collect();
    Reply::ok(&page(items, skip, top, ctx.req.path_only(), &ctx.params))
}

/// `GET /customers/{id}/supportRequests/{number}`.
pub fn get(ctx: &Ctx, customer: &str, number: &str) -> Handled {
    let c = ctx.customer(customer)?;
    let r = c
        .support
        .iter()
        .find(|s| s.number == number)
        .ok_or_else(|| Failure::not_found("Support request", number))?;
    Reply::ok(r)
}
