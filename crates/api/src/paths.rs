//! Every endpoint path in one place: the client builds paths with [`Route::path`] and the mock
//! router recognises them with [`Route::parse`], so the two always agree.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Azure's resource-id prefix of reservation orders.
pub const CAPACITY_PREFIX: &str = "/providers/Microsoft.Capacity/reservationOrders";

/// The resource id of a reservation order.
pub fn order_resource_id(order_id: &str) -> String {
    format!("{CAPACITY_PREFIX}/{order_id}")
}

/// The resource id of a reservation: `/providers/Microsoft.Capacity/reservationOrders/{o}/reservations/{r}`.
pub fn reservation_resource_id(order_id: &str, reservation_id: &str) -> String {
    format!("{CAPACITY_PREFIX}/{order_id}/reservations/{reservation_id}")
}

/// Splits a reservation resource id into (order GUID, reservation GUID).
pub fn parse_reservation_resource_id(id: &str) -> Option<(&str, &str)> {
    let rest = id.strip_prefix(CAPACITY_PREFIX)?.strip_prefix('/')?;
    let (order, rest) = rest.split_once('/')?;
    let reservation = rest.strip_prefix("reservations/")?;
    if order.is_empty() || reservation.is_empty() || reservation.contains('/') {
        return None;
    }
    Some((order, reservation))
}

/// One endpoint path (without method or query string). Ids are plain, unencoded values.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// `/me`: the current demo user and tenant-wide permissions (GET).
    Me,
    /// `/demoUsers`: the users a demo can act as (GET).
    DemoUsers,
    /// `/priceCatalogue`: prices (GET).
    PriceCatalogue,
    /// `/customers`: the customer list (GET).
    Customers,
    /// `/customers/{c}` (GET).
    Customer {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/subscriptions` (GET).
    Subscriptions {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/resourceGroups` (GET, `?subscriptionId=`).
    ResourceGroups {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/managementGroups` (GET).
    ManagementGroups {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/refundLimitUsage` (GET).
    RefundLimitUsage {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/billing`: every order's payment schedule (GET).
    Billing {
        /// Customer tenant id.
        customer: String,
    },
    /// `/reservations`: the portfolio, every readable reservation of every customer (GET, filtered).
    Portfolio,
    /// `/reservations/summary`: the portfolio's charts over the same filters (GET).
    PortfolioSummary,
    /// `/customers/{c}/reservations`: every reservation of the customer (GET, filtered).
    Reservations {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/reservationOrders` (GET).
    ReservationOrders {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/reservationOrders/{o}` (GET).
    ReservationOrder {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
    },
    /// `/customers/{c}/reservationOrders/{o}/reservations/{r}` (GET, PATCH).
    Reservation {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
        /// Reservation GUID.
        reservation: String,
    },
    /// `.../reservations/{r}/roleAssignments` (GET, POST).
    RoleAssignments {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
        /// Reservation GUID.
        reservation: String,
    },
    /// `.../reservations/{r}/roleAssignments/{a}` (DELETE).
    RoleAssignment {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
        /// Reservation GUID.
        reservation: String,
        /// Assignment GUID.
        assignment: String,
    },
    /// `.../reservations/{r}/permissions`: the current user's permissions (GET).
    Permissions {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
        /// Reservation GUID.
        reservation: String,
    },
    /// `.../reservations/{r}/utilization` (GET, `?from=&to=`).
    Utilization {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
        /// Reservation GUID.
        reservation: String,
    },
    /// `/customers/{c}/reservationOrders/{o}/calculateRefund` (POST).
    CalculateRefund {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
    },
    /// `/customers/{c}/reservationOrders/{o}/return` (POST, `Idempotency-Key`).
    Return {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
    },
    /// `/customers/{c}/reservationOrders/{o}/split` (POST, `Idempotency-Key`).
    Split {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
    },
    /// `/customers/{c}/reservationOrders/{o}/merge` (POST, `Idempotency-Key`).
    Merge {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
    },
    /// `/customers/{c}/reservationOrders/{o}/auditEvents` (GET).
    AuditEvents {
        /// Customer tenant id.
        customer: String,
        /// Order GUID.
        order: String,
    },
    /// `/customers/{c}/calculateExchange` (POST).
    CalculateExchange {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/exchange` (POST, `Idempotency-Key`).
    Exchange {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/calculatePrice`: the price of a purchase (POST).
    CalculatePrice {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/purchase`: buy a reservation (POST, `Idempotency-Key`).
    Purchase {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/supportRequests` (GET, POST).
    SupportRequests {
        /// Customer tenant id.
        customer: String,
    },
    /// `/customers/{c}/supportRequests/{n}` (GET).
    SupportRequest {
        /// Customer tenant id.
        customer: String,
        /// The 16-digit request number.
        number: String,
    },
    /// `/alertRules`: the partner's alert rules (GET, POST).
    AlertRules,
    /// `/alertRules/{id}` (DELETE).
    AlertRule {
        /// Rule GUID.
        rule: String,
    },
    /// `/alerts`: the alerts the rules raise today, minus acknowledged and snoozed ones (GET).
    Alerts,
    /// `/alerts/{id}/acknowledge` (POST).
    AcknowledgeAlert {
        /// Alert id.
        alert: String,
    },
    /// `/alerts/{id}/snooze` (POST, `{"days": 7|30}`).
    SnoozeAlert {
        /// Alert id.
        alert: String,
    },
}

/// What a path segment escapes: everything but RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Encodes one path segment.
fn seg(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// Decodes one path segment: `%XX` only (a `+` in a path is a plus, not a space).
fn unseg(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

impl Route {
    /// The path of this route (segments percent-encoded, no query string).
    pub fn path(&self) -> String {
        let order_path =
            |c: &str, o: &str| format!("/customers/{}/reservationOrders/{}", seg(c), seg(o));
        let res_path =
            |c: &str, o: &str, r: &str| format!("{}/reservations/{}", order_path(c, o), seg(r));
        match self {
            Route::Me => "/me".into(),
            Route::DemoUsers => "/demoUsers".into(),
            Route::PriceCatalogue => "/priceCatalogue".into(),
            Route::Customers => "/customers".into(),
            Route::Portfolio => "/reservations".into(),
            Route::AlertRules => "/alertRules".into(),
            Route::AlertRule { rule } => format!("/alertRules/{}", seg(rule)),
            Route::Alerts => "/alerts".into(),
            Route::AcknowledgeAlert { alert } => format!("/alerts/{}/acknowledge", seg(alert)),
            Route::SnoozeAlert { alert } => format!("/alerts/{}/snooze", seg(alert)),
            Route::PortfolioSummary => "/reservations/summary".into(),
            Route::Customer { customer } => format!("/customers/{}", seg(customer)),
            Route::Subscriptions { customer } => {
                format!("/customers/{}/subscriptions", seg(customer))
            }
            Route::ResourceGroups { customer } => {
                format!("/customers/{}/resourceGroups", seg(customer))
            }
            Route::ManagementGroups { customer } => {
                format!("/customers/{}/managementGroups", seg(customer))
            }
            Route::RefundLimitUsage { customer } => {
                format!("/customers/{}/refundLimitUsage", seg(customer))
            }
            Route::Billing { customer } => format!("/customers/{}/billing", seg(customer)),
            Route::Reservations { customer } => {
                format!("/customers/{}/reservations", seg(customer))
            }
            Route::ReservationOrders { customer } => {
                format!("/customers/{}/reservationOrders", seg(customer))
            }
            Route::ReservationOrder { customer, order } => order_path(customer, order),
            Route::Reservation {
                customer,
                order,
                reservation,
            } => res_path(customer, order, reservation),
            Route::RoleAssignments {
                customer,
                order,
                reservation,
            } => {
                format!("{}/roleAssignments", res_path(customer, order, reservation))
            }
            Route::RoleAssignment {
                customer,
                order,
                reservation,
                assignment,
            } => format!(
                "{}/roleAssignments/{}",
                res_path(customer, order, reservation),
                seg(assignment)
            ),
            Route::Permissions {
                customer,
                order,
                reservation,
            } => {
                format!("{}/permissions", res_path(customer, order, reservation))
            }
            Route::Utilization {
                customer,
                order,
                reservation,
            } => {
                format!("{}/utilization", res_path(customer, order, reservation))
            }
            Route::CalculateRefund { customer, order } => {
                format!("{}/calculateRefund", order_path(customer, order))
            }
            Route::Return { customer, order } => format!("{}/return", order_path(customer, order)),
            Route::Split { customer, order } => format!("{}/split", order_path(customer, order)),
            Route::Merge { customer, order } => format!("{}/merge", order_path(customer, order)),
            Route::AuditEvents { customer, order } => {
                format!("{}/auditEvents", order_path(customer, order))
            }
            Route::CalculateExchange { customer } => {
                format!("/customers/{}/calculateExchange", seg(customer))
            }
            Route::Exchange { customer } => format!("/customers/{}/exchange", seg(customer)),
            Route::CalculatePrice { customer } => {
                format!("/customers/{}/calculatePrice", seg(customer))
            }
            Route::Purchase { customer } => format!("/customers/{}/purchase", seg(customer)),
            Route::SupportRequests { customer } => {
                format!("/customers/{}/supportRequests", seg(customer))
            }
            Route::SupportRequest { customer, number } => {
                format!(
                    "/customers/{}/supportRequests/{}",
                    seg(customer),
                    seg(number)
                )
            }
        }
    }

    /// Recognises a path (a query string, if present, is ignored; a trailing `/` is allowed).
    pub fn parse(path: &str) -> Option<Route> {
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let trimmed = path.strip_prefix('/')?.trim_end_matches('/');
        let parts: Vec<String> = trimmed.split('/').map(unseg).collect();
        let p: Vec<&str> = parts.iter().map(String::as_str).collect();
        let s = |i: usize| p[i].to_string();
        let route = match p.as_slice() {
            ["me"] => Route::Me,
            ["demoUsers"] => Route::DemoUsers,
            ["priceCatalogue"] => Route::PriceCatalogue,
            ["customers"] => Route::Customers,
            ["reservations"] => Route::Portfolio,
            ["alertRules"] => Route::AlertRules,
            ["alertRules", _] => Route::AlertRule { rule: s(1) },
            ["alerts"] => Route::Alerts,
            ["alerts", _, "acknowledge"] => Route::AcknowledgeAlert { alert: s(1) },
            ["alerts", _, "snooze"] => Route::SnoozeAlert { alert: s(1) },
            ["reservations", "summary"] => Route::PortfolioSummary,
            ["customers", _] => Route::Customer { customer: s(1) },
            ["customers", _, "subscriptions"] => Route::Subscriptions { customer: s(1) },
            ["customers", _, "resourceGroups"] => Route::ResourceGroups { customer: s(1) },
            ["customers", _, "managementGroups"] => Route::ManagementGroups { customer: s(1) },
            ["customers", _, "refundLimitUsage"] => Route::RefundLimitUsage { customer: s(1) },
            ["customers", _, "billing"] => Route::Billing { customer: s(1) },
            ["customers", _, "reservations"] => Route::Reservations { customer: s(1) },
            ["customers", _, "reservationOrders"] => Route::ReservationOrders { customer: s(1) },
            ["customers", _, "calculateExchange"] => Route::CalculateExchange { customer: s(1) },
            ["customers", _, "exchange"] => Route::Exchange { customer: s(1) },
            ["customers", _, "calculatePrice"] => Route::CalculatePrice { customer: s(1) },
            ["customers", _, "purchase"] => Route::Purchase { customer: s(1) },
            ["customers", _, "supportRequests"] => Route::SupportRequests { customer: s(1) },
            ["customers", _, "supportRequests", _] => Route::SupportRequest {
                customer: s(1),
                number: s(3),
            },
            ["customers", _, "reservationOrders", _] => Route::ReservationOrder {
                customer: s(1),
                order: s(3),
            },
            ["customers", _, "reservationOrders", _, "calculateRefund"] => Route::CalculateRefund {
                customer: s(1),
                order: s(3),
            },
            ["customers", _, "reservationOrders", _, "return"] => Route::Return {
                customer: s(1),
                order: s(3),
            },
            ["customers", _, "reservationOrders", _, "split"] => Route::Split {
                customer: s(1),
                order: s(3),
            },
            ["customers", _, "reservationOrders", _, "merge"] => Route::Merge {
                customer: s(1),
                order: s(3),
            },
            ["customers", _, "reservationOrders", _, "auditEvents"] => Route::AuditEvents {
                customer: s(1),
                order: s(3),
            },
            ["customers", _, "reservationOrders", _, "reservations", _] => Route::Reservation {
                customer: s(1),
                order: s(3),
                reservation: s(5),
            },
            ["customers", _, "reservationOrders", _, "reservations", _, "roleAssignments"] => {
                Route::RoleAssignments {
                    customer: s(1),
                    order: s(3),
                    reservation: s(5),
                }
            }
            ["customers", _, "reservationOrders", _, "reservations", _, "roleAssignments", _] => {
                Route::RoleAssignment {
                    customer: s(1),
                    order: s(3),
                    reservation: s(5),
                    assignment: s(7),
                }
            }
            ["customers", _, "reservationOrders", _, "reservations", _, "permissions"] => {
                Route::Permissions {
                    customer: s(1),
                    order: s(3),
                    reservation: s(5),
                }
            }
            ["customers", _, "reservationOrders", _, "reservations", _, "utilization"] => {
                Route::Utilization {
                    customer: s(1),
                    order: s(3),
                    reservation: s(5),
                }
            }
            _ => return None,
        };
        Some(route)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_plus_in_a_path_segment_stays_a_plus() {
        assert_eq!(
            Route::parse("/customers/a+b"),
            Some(Route::Customer {
                customer: "a+b".into()
            })
        );
        let encoded = Route::Customer {
            customer: "a b+c/d".into(),
        }
        .path();
        assert_eq!(encoded, "/customers/a%20b%2Bc%2Fd");
        assert_eq!(
            Route::parse(&encoded),
            Some(Route::Customer {
                customer: "a b+c/d".into()
            })
        );
    }

    fn all_routes(c: &str, o: &str, r: &str, a: &str) -> Vec<Route> {
        let (c, o, r, a) = (c.to_string(), o.to_string(), r.to_string(), a.to_string());
        vec![
            Route::Me,
            Route::DemoUsers,
            Route::PriceCatalogue,
            Route::Customers,
            Route::Portfolio,
            Route::AlertRules,
            Route::AlertRule { rule: o.clone() },
            Route::Alerts,
            Route::AcknowledgeAlert { alert: c.clone() },
            Route::SnoozeAlert { alert: r.clone() },
            Route::PortfolioSummary,
            Route::Customer {
                customer: c.clone(),
            },
            Route::Subscriptions {
                customer: c.clone(),
            },
            Route::ResourceGroups {
                customer: c.clone(),
            },
            Route::ManagementGroups {
                customer: c.clone(),
            },
            Route::RefundLimitUsage {
                customer: c.clone(),
            },
            Route::Billing {
                customer: c.clone(),
            },
            Route::Reservations {
                customer: c.clone(),
            },
            Route::ReservationOrders {
                customer: c.clone(),
            },
            Route::ReservationOrder {
                customer: c.clone(),
                order: o.clone(),
            },
            Route::Reservation {
                customer: c.clone(),
                order: o.clone(),
                reservation: r.clone(),
            },
            Route::RoleAssignments {
                customer: c.clone(),
                order: o.clone(),
                reservation: r.clone(),
            },
            Route::RoleAssignment {
                customer: c.clone(),
                order: o.clone(),
                reservation: r.clone(),
                assignment: a.clone(),
            },
            Route::Permissions {
                customer: c.clone(),
                order: o.clone(),
                reservation: r.clone(),
            },
            Route::Utilization {
                customer: c.clone(),
                order: o.clone(),
                reservation: r.clone(),
            },
            Route::CalculateRefund {
                customer: c.clone(),
                order: o.clone(),
            },
            Route::Return {
                customer: c.clone(),
                order: o.clone(),
            },
            Route::Split {
                customer: c.clone(),
                order: o.clone(),
            },
            Route::Merge {
                customer: c.clone(),
                order: o.clone(),
            },
            Route::AuditEvents {
                customer: c.clone(),
                order: o.clone(),
            },
            Route::CalculateExchange {
                customer: c.clone(),
            },
            Route::Exchange {
                customer: c.clone(),
            },
            Route::CalculatePrice {
                customer: c.clone(),
            },
            Route::Purchase {
                customer: c.clone(),
            },
            Route::SupportRequests {
                customer: c.clone(),
            },
            Route::SupportRequest {
                customer: c,
                number: a,
            },
        ]
    }

    #[test]
    fn known_paths_parse() {
        let r = Route::parse("/customers/c1/reservationOrders/o1/reservations/r1?x=1").unwrap();
        assert_eq!(
            r,
            Route::Reservation {
                customer: "c1".into(),
                order: "o1".into(),
                reservation: "r1".into()
            }
        );
        assert_eq!(Route::parse("/nope"), None);
        assert_eq!(Route::parse("customers"), None);
    }

    #[test]
    fn resource_ids_split() {
        let id = reservation_resource_id("o", "r");
        assert_eq!(parse_reservation_resource_id(&id), Some(("o", "r")));
        assert_eq!(parse_reservation_resource_id("/subscriptions/x"), None);
    }

    proptest! {
        #[test]
        fn every_route_round_trips(c in "[^/]{1,12}", o in "[a-z0-9-]{1,36}", r in "\\PC{1,8}", a in "[0-9]{1,16}") {
            for route in all_routes(&c, &o, &r, &a) {
                prop_assert_eq!(Route::parse(&route.path()), Some(route));
            }
        }
    }
}
