//! The router: (method, path) → handler, over the same paths the client builds.

use reservation_api::{codes, Method, Route};

use crate::handlers::{
    alerts, audit, billing, catalogue, customers, exchange, iam, portfolio, purchase, refund,
    reservations, split, support, users, Ctx,
};
use crate::idempotency;
use crate::respond::{Failure, Handled};

/// The methods a route answers to (for 405 messages).
fn allowed(route: &Route) -> &'static str {
    match route {
        Route::Reservation { .. } => "GET, PATCH",
        Route::RoleAssignments { .. } | Route::SupportRequests { .. } | Route::AlertRules => {
            "GET, POST"
        }
        Route::RoleAssignment { .. } | Route::AlertRule { .. } => "DELETE",
        Route::AcknowledgeAlert { .. } | Route::SnoozeAlert { .. } => "POST",
        Route::CalculateRefund { .. }
        | Route::Return { .. }
        | Route::CalculateExchange { .. }
        | Route::Exchange { .. }
        | Route::Split { .. }
        | Route::Merge { .. }
        | Route::CalculatePrice { .. }
        | Route::Purchase { .. } => "POST",
        _ => "GET",
    }
}

/// Runs the handler of the few requests a browser's first page makes (who is signed in, the
/// customer list); `None` for any other request, which takes [`dispatch`]. Kept apart so the
/// browser build can load the other handlers later (`MockBackend::handle_light`).
pub fn dispatch_light(ctx: &mut Ctx, method: Method, route: &Route) -> Option<Handled> {
    match (method, route) {
        (Method::Get, Route::Me) => Some(users::me(ctx)),
        (Method::Get, Route::DemoUsers) => Some(users::demo_users(ctx)),
        (Method::Get, Route::Customers) => Some(customers::list(ctx)),
        _ => None,
    }
}

/// Runs the handler of a route; 405 when the route does not take the method.
pub fn dispatch(ctx: &mut Ctx, method: Method, route: &Route) -> Handled {
    use Method::{Delete, Get, Patch, Post};
    match (method, route) {
        (Get, Route::Me) => users::me(ctx),
        (Get, Route::DemoUsers) => users::demo_users(ctx),
        (Get, Route::PriceCatalogue) => catalogue::list(ctx),
        (Get, Route::Customers) => customers::list(ctx),
        (Get, Route::Portfolio) => portfolio::list(ctx),
        (Get, Route::AlertRules) => alerts::list_rules(ctx),
        (Post, Route::AlertRules) => alerts::create_rule(ctx),
        (Delete, Route::AlertRule { rule }) => alerts::delete_rule(ctx, rule),
        (Get, Route::Alerts) => alerts::list(ctx),
        (Post, Route::AcknowledgeAlert { alert }) => alerts::dismiss(ctx, alert, None),
        (Post, Route::SnoozeAlert { alert }) => alerts::snooze(ctx, alert),
        (Get, Route::PortfolioSummary) => portfolio::summary(ctx),
        (Get, Route::Customer { customer }) => customers::get(ctx, customer),
        (Get, Route::Subscriptions { customer }) => customers::subscriptions(ctx, customer),
        (Get, Route::ResourceGroups { customer }) => customers::resource_groups(ctx, customer),
        (Get, Route::ManagementGroups { customer }) => customers::management_groups(ctx, customer),
        (Get, Route::RefundLimitUsage { customer }) => customers::refund_limit_usage(ctx, customer),
        (Get, Route::Billing { customer }) => billing::get(ctx, customer),
        (Get, Route::Reservations { customer }) => reservations::list(ctx, customer),
        (Get, Route::ReservationOrders { customer }) => reservations::list_orders(ctx, customer),
        (Get, Route::ReservationOrder { customer, order }) => {
            reservations::get_order(ctx, customer, order)
        }
        (
            Get,
            Route::Reservation {
                customer,
                order,
                reservation,
            },
        ) => reservations::get(ctx, customer, order, reservation),
        (
            Patch,
            Route::Reservation {
                customer,
                order,
                reservation,
            },
        ) => reservations::update(ctx, customer, order, reservation),
        (
            Get,
            Route::Permissions {
                customer,
                order,
                reservation,
            },
        ) => reservations::permissions(ctx, customer, order, reservation),
        (
            Get,
            Route::Utilization {
                customer,
                order,
                reservation,
            },
        ) => reservations::utilization(ctx, customer, order, reservation),
        (
            Get,
            Route::RoleAssignments {
                customer,
                order,
                reservation,
            },
        ) => iam::list(ctx, customer, order, reservation),
        (
            Post,
            Route::RoleAssignments {
                customer,
                order,
                reservation,
            },
        ) => iam::add(ctx, customer, order, reservation),
        (
            Delete,
            Route::RoleAssignment {
                customer,
                order,
                reservation,
                assignment,
            },
        ) => iam::remove(ctx, customer, order, reservation, assignment),
        (Post, Route::CalculateRefund { customer, order }) => {
            refund::calculate(ctx, customer, order)
        }
        (Post, Route::Return { customer, order }) => {
            idempotency::run(ctx, |ctx| refund::execute(ctx, customer, order))
        }
        (Post, Route::CalculateExchange { customer }) => exchange::calculate(ctx, customer),
        (Post, Route::Exchange { customer }) => {
            idempotency::run(ctx, |ctx| exchange::execute(ctx, customer))
        }
        (Post, Route::Split { customer, order }) => {
            idempotency::run(ctx, |ctx| split::split(ctx, customer, order))
        }
        (Post, Route::Merge { customer, order }) => {
            idempotency::run(ctx, |ctx| split::merge(ctx, customer, order))
        }
        (Post, Route::CalculatePrice { customer }) => purchase::calculate(ctx, customer),
        (Post, Route::Purchase { customer }) => {
            idempotency::run(ctx, |ctx| purchase::execute(ctx, customer))
        }
        (Get, Route::AuditEvents { customer, order }) => audit::list(ctx, customer, order),
        (Get, Route::SupportRequests { customer }) => support::list(ctx, customer),
        (Post, Route::SupportRequests { customer }) => {
            idempotency::run(ctx, |ctx| support::create(ctx, customer))
        }
        (Get, Route::SupportRequest { customer, number }) => support::get(ctx, customer, number),
        (m, r) => Err(Failure::new(
            405,
            codes::METHOD_NOT_ALLOWED,
            format!("{m} is not allowed here; use {}.", allowed(r)),
        )
        .with_header("Allow", allowed(r))),
    }
}
