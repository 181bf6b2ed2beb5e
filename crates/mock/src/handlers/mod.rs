//! Request handlers, one module per area, sharing a request context.

pub mod alerts;
pub mod audit;
pub mod billing;
pub mod catalogue;
pub mod customers;
pub mod exchange;
pub mod iam;
pub mod portfolio;
pub mod purchase;
pub mod refund;
pub mod reservations;
pub mod split;
pub mod support;
pub mod users;

use chrono::{NaiveDate, NaiveDateTime};
use reservation_api::parse_reservation_resource_id;
use reservation_api::QueryParams;
use reservation_api::{HttpRequest, Permissions, User};
use reservation_quote::Policy;

use crate::auth;
use crate::cache::ViewCache;
use crate::respond::Failure;
use crate::state::{CustomerRec, OrderRec, ResRec, State};

/// Everything a handler needs: the state, who asks, when, and the request.
pub struct Ctx<'a> {
    /// The backend state.
    pub state: &'a mut State,
    /// The demo user the request acts as.
    pub user: User,
    /// Today (UTC).
    pub today: NaiveDate,
    /// Now (UTC), for timestamps.
    pub now: NaiveDateTime,
    /// The refund and exchange policy.
    pub policy: &'a Policy,
    /// The request.
    pub req: &'a HttpRequest,
    /// Its parsed query string.
    pub params: QueryParams,
    /// Cached customer list rows.
    pub views: &'a mut ViewCache,
    /// Whether the caller may switch demo users (the mock: always; a real server: `--demo`).
    pub demo: bool,
}

impl<'a> Ctx<'a> {
    /// The context of `req`, made by `user` at `now` (UTC).
    pub fn new(
        state: &'a mut State,
        views: &'a mut ViewCache,
        policy: &'a Policy,
        req: &'a HttpRequest,
        user: User,
        now: NaiveDateTime,
        demo: bool,
    ) -> Ctx<'a> {
        Ctx {
            state,
            user,
            today: now.date(),
            now,
            policy,
            req,
            params: QueryParams::parse(req.query()),
            views,
            demo,
        }
    }
}

impl Ctx<'_> {
    /// The customer, or 404.
    pub fn customer(&self, id: &str) -> Result<&CustomerRec, Failure> {
        self.state
            .customer(id)
            .ok_or_else(|| Failure::not_found("Customer", id))
    }

    /// The order of a customer, or 404.
    pub fn order(&self, c: &str, o: &str) -> Result<(&CustomerRec, &OrderRec), Failure> {
        let cust = self.customer(c)?;
        let order = cust
            .order(o)
            .ok_or_else(|| Failure::not_found("Reservation order", o))?;
        Ok((cust, order))
    }

    /// A reservation of an order of a customer, or 404.
    pub fn reservation(
        &self,
        c: &str,
        o: &str,
        r: &str,
    ) -> Result<(&CustomerRec, &OrderRec, &ResRec), Failure> {
        let (cust, order) = self.order(c, o)?;
        let res = order
            .reservation(r)
            .ok_or_else(|| Failure::not_found("Reservation", r))?;
        Ok((cust, order, res))
    }

    /// The current user's permissions on a reservation.
    pub fn permissions(&self, res: &ResRec) -> Permissions {
        auth::permissions_on(&self.user, res)
    }

    /// 403 unless `allowed`.
    pub fn require(&self, allowed: bool, action: &str) -> Result<(), Failure> {
        if allowed {
            Ok(())
        } else {
            Err(Failure::forbidden(&self.user.id, action))
        }
    }
}

/// Reads a reservation reference: its resource id (whose order must be `order`, when given) or
/// its GUID. Returns (order GUID, reservation GUID); the order is looked up when only a GUID is given.
pub fn resolve_reservation(
    cust: &CustomerRec,
    order: Option<&str>,
    reference: &str,
    target: &str,
) -> Result<(String, String), Failure> {
    if reference.starts_with('/') {
        let (o, r) = parse_reservation_resource_id(reference).ok_or_else(|| {
            Failure::invalid(format!("'{reference}' is not a reservation id."))
                .target(target.to_string())
        })?;
        if let Some(expected) = order {
            if expected != o {
                return Err(Failure::invalid(format!(
                    "Reservation '{reference}' does not belong to order '{expected}'."
                ))
                .target(target.to_string()));
            }
        }
        return Ok((o.to_string(), r.to_string()));
    }
    let found = match order {
        Some(o) => cust
            .order(o)
            .and_then(|ord| ord.reservation(reference).map(|_| o.to_string())),
        None => cust
            .orders
            .iter()
            .find(|ord| ord.reservation(reference).is_some())
            .map(|ord| ord.id.clone()),
    };
    match found {
        Some(o) => Ok((o, reference.to_string())),
        None => Err(Failure::not_found("Reservation", reference)),
    }
}

/// Reads a required text field: trimmed, non-empty and at most `max` characters.
pub fn text_field(value: &str, field: &str, max: usize) -> Result<String, Failure> {
    let t = value.trim();
    if t.is_empty() {
        return Err(
            Failure::invalid(format!("'{field}' must not be empty.")).target(field.to_string())
        );
    }
    if t.chars().count() > max {
        return Err(
            Failure::invalid(format!("'{field}' may have at most {max} characters."))
                .target(field.to_string()),
        );
    }
    if t.chars().any(char::is_control) && field != "details" {
        return Err(
            Failure::invalid(format!("'{field}' must not contain control characters."))
                .target(field.to_string()),
        );
    }
    Ok(t.to_string())
}
