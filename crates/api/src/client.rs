//! The typed client: one async method per endpoint, over any [`Transport`].

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ClientError;
use crate::http::{
    HttpRequest, Method, Transport, CONTENT_TYPE_JSON, HEADER_CONTENT_TYPE, HEADER_DEMO_USER,
    HEADER_IDEMPOTENCY_KEY, HEADER_IF_MATCH,
};
use crate::models::*;
use crate::paths::Route;
use crate::query::QueryBuilder;

/// Identifies one reservation: customer, order and reservation GUIDs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReservationKey {
    /// The customer's tenant id.
    pub customer: String,
    /// The order GUID.
    pub order: String,
    /// The reservation GUID.
    pub reservation: String,
}

impl ReservationKey {
    /// A key from its three ids.
    pub fn new(customer: &str, order: &str, reservation: &str) -> ReservationKey {
        ReservationKey {
            customer: customer.to_string(),
            order: order.to_string(),
            reservation: reservation.to_string(),
        }
    }

    /// The key of a reservation resource of `customer` (ids taken from its `id`).
    pub fn of(customer: &str, reservation: &Reservation) -> ReservationKey {
        ReservationKey::new(
            customer,
            reservation.order_id(),
            reservation.reservation_id(),
        )
    }
}

/// A typed API client over a transport, acting as one demo user.
pub struct Client<T: Transport> {
    transport: T,
    user: RefCell<Option<String>>,
}

/// Formats an etag for `If-Match` (`"7"`).
pub fn etag_header_value(etag: u64) -> String {
    format!("\"{etag}\"")
}

impl<T: Transport> Client<T> {
    /// A client acting as the default user (the partner admin agent).
    pub fn new(transport: T) -> Client<T> {
        Client {
            transport,
            user: RefCell::new(None),
        }
    }

    /// A client acting as `user` (sent as `x-demo-user`).
    pub fn with_user(transport: T, user: &str) -> Client<T> {
        Client {
            transport,
            user: RefCell::new(Some(user.to_string())),
        }
    }

    /// Switches the demo user for the following calls (`None` = the server's default).
    pub fn set_user(&self, user: Option<String>) {
        *self.user.borrow_mut() = user;
    }

    /// The demo user the client acts as, if set.
    pub fn user(&self) -> Option<String> {
        self.user.borrow().clone()
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Sends a request with the user header, and decodes a 2xx JSON body or the error body.
    async fn call<R: DeserializeOwned>(&self, mut req: HttpRequest) -> Result<R, ClientError> {
        if let Some(user) = self.user() {
            req.headers.push((HEADER_DEMO_USER.to_string(), user));
        }
        if req.body.is_some() {
            req.headers.push((
                HEADER_CONTENT_TYPE.to_string(),
                CONTENT_TYPE_JSON.to_string(),
            ));
        }
        let resp = self.transport.send(req).await?;
        if !resp.is_success() {
            return Err(ClientError::from_response(resp.status, &resp.body));
        }
        serde_json::from_str(&resp.body).map_err(|e| ClientError::Malformed(e.to_string()))
    }

    /// GET `path`.
    async fn get<R: DeserializeOwned>(&self, path: String) -> Result<R, ClientError> {
        self.call(HttpRequest::new(Method::Get, path)).await
    }

    /// Builds a request with a JSON body.
    fn with_json<B: Serialize>(
        method: Method,
        path: String,
        body: &B,
    ) -> Result<HttpRequest, ClientError> {
        let body =
            serde_json::to_string(body).map_err(|e| ClientError::Malformed(e.to_string()))?;
        Ok(HttpRequest::new(method, path).with_body(body))
    }

    /// `GET /me`: the current user and tenant-wide permissions.
    pub async fn me(&self) -> Result<Me, ClientError> {
        self.get(Route::Me.path()).await
    }

    /// `GET /demoUsers`: the users a demo can act as.
    pub async fn list_demo_users(&self) -> Result<Vec<User>, ClientError> {
        self.get(Route::DemoUsers.path()).await
    }

    /// `GET /priceCatalogue`: catalogue prices matching the query.
    pub async fn price_catalogue(
        &self,
        query: &PriceQuery,
    ) -> Result<Page<PriceEntry>, ClientError> {
        self.get(format!(
            "{}{}",
            Route::PriceCatalogue.path(),
            query.to_query_string()
        ))
        .await
    }

    /// Every catalogue entry matching `query` (from its `skip` on), page after page.
    pub async fn price_catalogue_all(
        &self,
        query: &PriceQuery,
    ) -> Result<Vec<PriceEntry>, ClientError> {
        let mut q = query.clone();
        let mut all = Vec::new();
        loop {
            let page = self.price_catalogue(&q).await?;
            let n = u32::try_from(page.value.len()).unwrap_or(u32::MAX);
            // An empty page ends the loop even if a server kept sending a next link.
            let done = page.next_link.is_none() || n == 0;
            all.extend(page.value);
            if done {
                return Ok(all);
            }
            q.skip = q.skip.saturating_add(n);
        }
    }

    /// `GET /customers`: search, sort and page the customers.
    pub async fn list_customers(
        &self,
        query: &CustomerQuery,
    ) -> Result<Page<Customer>, ClientError> {
        self.get(format!(
            "{}{}",
            Route::Customers.path(),
            query.to_query_string()
        ))
        .await
    }

    /// `GET /customers/{id}`.
    pub async fn get_customer(&self, customer: &str) -> Result<Customer, ClientError> {
        self.get(
            Route::Customer {
                customer: customer.into(),
            }
            .path(),
        )
        .await
    }

    /// `GET /customers/{id}/subscriptions`.
    pub async fn list_subscriptions(
        &self,
        customer: &str,
    ) -> Result<Page<Subscription>, ClientError> {
        self.get(
            Route::Subscriptions {
                customer: customer.into(),
            }
            .path(),
        )
        .await
    }

    /// `GET /customers/{id}/resourceGroups[?subscriptionId=]`.
    pub async fn list_resource_groups(
        &self,
        customer: &str,
        subscription_id: Option<&str>,
    ) -> Result<Page<ResourceGroup>, ClientError> {
        let mut q = QueryBuilder::new();
        q.push_opt("subscriptionId", subscription_id);
        let route = Route::ResourceGroups {
            customer: customer.into(),
        };
        self.get(format!("{}{}", route.path(), q.build())).await
    }

    /// `GET /customers/{id}/managementGroups`.
    pub async fn list_management_groups(
        &self,
        customer: &str,
    ) -> Result<Page<ManagementGroup>, ClientError> {
        self.get(
            Route::ManagementGroups {
                customer: customer.into(),
            }
            .path(),
        )
        .await
    }

    /// `GET /customers/{id}/refundLimitUsage`: the rolling limit and the refund history.
    pub async fn refund_limit_usage(
        &self,
        customer: &str,
    ) -> Result<RefundLimitUsage, ClientError> {
        self.get(
            Route::RefundLimitUsage {
                customer: customer.into(),
            }
            .path(),
        )
        .await
    }

    /// `GET /customers/{id}/billing`: every readable order's payment schedule and credits.
    pub async fn billing(&self, customer: &str) -> Result<CustomerBilling, ClientError> {
        self.get(
            Route::Billing {
                customer: customer.into(),
            }
            .path(),
        )
        .await
    }

    /// `GET /reservations`: one page of the portfolio (every customer's readable reservations).
    pub async fn list_portfolio(
        &self,
        query: &PortfolioQuery,
    ) -> Result<Page<PortfolioRow>, ClientError> {
        self.get(format!(
            "{}{}",
            Route::Portfolio.path(),
            query.to_query_string()
        ))
        .await
    }

    /// `GET /reservations/summary`: the charts of the rows `query` selects (its sort and
    /// paging are ignored).
    pub async fn portfolio_summary(
        &self,
        query: &PortfolioQuery,
    ) -> Result<PortfolioSummary, ClientError> {
        self.get(format!(
            "{}{}",
            Route::PortfolioSummary.path(),
            query.to_query_string()
        ))
        .await
    }

    /// `GET /customers/{id}/reservations`: filter, sort and page a customer's reservations.
    pub async fn list_reservations(
        &self,
        customer: &str,
        query: &ReservationQuery,
    ) -> Result<Page<Reservation>, ClientError> {
        let route = Route::Reservations {
            customer: customer.into(),
        };
        self.get(format!("{}{}", route.path(), query.to_query_string()))
            .await
    }

    /// `GET /customers/{id}/reservationOrders`.
    pub async fn list_reservation_orders(
        &self,
        customer: &str,
    ) -> Result<Page<ReservationOrder>, ClientError> {
        self.get(
            Route::ReservationOrders {
                customer: customer.into(),
            }
            .path(),
        )
        .await
    }

    /// `GET /customers/{id}/reservationOrders/{orderId}`.
    pub async fn get_reservation_order(
        &self,
        customer: &str,
        order: &str,
    ) -> Result<ReservationOrder, ClientError> {
        let route = Route::ReservationOrder {
            customer: customer.into(),
            order: order.into(),
        };
        self.get(route.path()).await
    }

    /// `GET .../reservations/{id}`.
    pub async fn get_reservation(&self, key: &ReservationKey) -> Result<Reservation, ClientError> {
        self.get(reservation_route(key).path()).await
    }

    /// `PATCH .../reservations/{id}` with `If-Match: "{etag}"`; 412 when `etag` is stale.
    pub async fn update_reservation(
        &self,
        key: &ReservationKey,
        patch: &ReservationPatch,
        if_match: u64,
    ) -> Result<Reservation, ClientError> {
        let req = Self::with_json(Method::Patch, reservation_route(key).path(), patch)?
            .with_header(HEADER_IF_MATCH, etag_header_value(if_match));
        self.call(req).await
    }

    /// `GET .../reservations/{id}/roleAssignments`.
    pub async fn list_role_assignments(
        &self,
        key: &ReservationKey,
    ) -> Result<Page<RoleAssignment>, ClientError> {
        let route = Route::RoleAssignments {
            customer: key.customer.clone(),
            order: key.order.clone(),
            reservation: key.reservation.clone(),
        };
        self.get(route.path()).await
    }

    /// `POST .../reservations/{id}/roleAssignments`.
    pub async fn add_role_assignment(
        &self,
        key: &ReservationKey,
        assignment: &NewRoleAssignment,
    ) -> Result<RoleAssignment, ClientError> {
        let route = Route::RoleAssignments {
            customer: key.customer.clone(),
            order: key.order.clone(),
            reservation: key.reservation.clone(),
        };
        self.call(Self::with_json(Method::Post, route.path(), assignment)?)
            .await
    }

    /// `DELETE .../reservations/{id}/roleAssignments/{assignmentId}`; returns the removed assignment.
    pub async fn remove_role_assignment(
        &self,
        key: &ReservationKey,
        assignment: &str,
    ) -> Result<RoleAssignment, ClientError> {
        let route = Route::RoleAssignment {
            customer: key.customer.clone(),
            order: key.order.clone(),
            reservation: key.reservation.clone(),
            assignment: assignment.to_string(),
        };
        self.call(HttpRequest::new(Method::Delete, route.path()))
            .await
    }

    /// `GET .../reservations/{id}/permissions`: what the current user may do on it.
    pub async fn my_permissions(&self, key: &ReservationKey) -> Result<Permissions, ClientError> {
        let route = Route::Permissions {
            customer: key.customer.clone(),
            order: key.order.clone(),
            reservation: key.reservation.clone(),
        };
        self.get(route.path()).await
    }

    /// `GET .../reservations/{id}/utilization?from=&to=`: daily utilization.
    pub async fn utilization(
        &self,
        key: &ReservationKey,
        range: &UtilizationRange,
    ) -> Result<UtilizationSeries, ClientError> {
        let route = Route::Utilization {
            customer: key.customer.clone(),
            order: key.order.clone(),
            reservation: key.reservation.clone(),
        };
        self.get(format!("{}{}", route.path(), range.to_query_string()))
            .await
    }

    /// `POST .../reservationOrders/{orderId}/calculateRefund`: a refund quote for today.
    pub async fn calculate_refund(
        &self,
        customer: &str,
        order: &str,
        request: &CalculateRefundRequest,
    ) -> Result<CalculateRefundResponse, ClientError> {
        let route = Route::CalculateRefund {
            customer: customer.into(),
            order: order.into(),
        };
        self.call(Self::with_json(Method::Post, route.path(), request)?)
            .await
    }

    /// `POST .../reservationOrders/{orderId}/return` with `Idempotency-Key`: returns units for a refund.
    pub async fn return_reservation(
        &self,
        customer: &str,
        order: &str,
        request: &ReturnRequest,
        idempotency_key: &str,
    ) -> Result<ReturnResponse, ClientError> {
        let route = Route::Return {
            customer: customer.into(),
            order: order.into(),
        };
        let req = Self::with_json(Method::Post, route.path(), request)?
            .with_header(HEADER_IDEMPOTENCY_KEY, idempotency_key);
        self.call(req).await
    }

    /// `POST .../reservationOrders/{o}/split`: splits one reservation into two of the same order.
    /// `if_match` (the source's etag) makes a stale read fail with 412.
    pub async fn split_reservation(
        &self,
        customer: &str,
        order: &str,
        request: &SplitRequest,
        idempotency_key: &str,
        if_match: Option<u64>,
    ) -> Result<SplitResponse, ClientError> {
        let route = Route::Split {
            customer: customer.into(),
            order: order.into(),
        };
        let mut req = Self::with_json(Method::Post, route.path(), request)?
            .with_header(HEADER_IDEMPOTENCY_KEY, idempotency_key);
        if let Some(etag) = if_match {
            req = req.with_header(HEADER_IF_MATCH, etag_header_value(etag));
        }
        self.call(req).await
    }

    /// `POST .../reservationOrders/{o}/merge`: merges reservations of the order into one.
    /// `if_match` (the sources' etags, in the order of `sources`) makes a stale read fail with 412.
    pub async fn merge_reservations(
        &self,
        customer: &str,
        order: &str,
        request: &MergeRequest,
        idempotency_key: &str,
        if_match: &[u64],
    ) -> Result<MergeResponse, ClientError> {
        let route = Route::Merge {
            customer: customer.into(),
            order: order.into(),
        };
        let mut req = Self::with_json(Method::Post, route.path(), request)?
            .with_header(HEADER_IDEMPOTENCY_KEY, idempotency_key);
        if !if_match.is_empty() {
            let list: Vec<String> = if_match.iter().map(|e| etag_header_value(*e)).collect();
            req = req.with_header(HEADER_IF_MATCH, list.join(", "));
        }
        self.call(req).await
    }

    /// `POST /customers/{id}/calculateExchange`: an exchange quote for today.
    pub async fn calculate_exchange(
        &self,
        customer: &str,
        request: &ExchangeRequest,
    ) -> Result<CalculateExchangeResponse, ClientError> {
        let route = Route::CalculateExchange {
            customer: customer.into(),
        };
        self.call(Self::with_json(Method::Post, route.path(), request)?)
            .await
    }

    /// `POST /customers/{id}/exchange` with `Idempotency-Key`: carries out an exchange.
    pub async fn exchange(
        &self,
        customer: &str,
        request: &ExchangeRequest,
        idempotency_key: &str,
    ) -> Result<ExchangeResponse, ClientError> {
        let route = Route::Exchange {
            customer: customer.into(),
        };
        let req = Self::with_json(Method::Post, route.path(), request)?
            .with_header(HEADER_IDEMPOTENCY_KEY, idempotency_key);
        self.call(req).await
    }

    /// `POST /customers/{c}/calculatePrice`: the price of a purchase, confirmed by the backend.
    pub async fn calculate_price(
        &self,
        customer: &str,
        request: &PurchaseRequest,
    ) -> Result<CalculatePriceResponse, ClientError> {
        let route = Route::CalculatePrice {
            customer: customer.into(),
        };
        self.call(Self::with_json(Method::Post, route.path(), request)?)
            .await
    }

    /// `POST /customers/{c}/purchase`: buys one reservation (one new order); the same
    /// `idempotency_key` buys once however often it is sent.
    pub async fn purchase(
        &self,
        customer: &str,
        request: &PurchaseRequest,
        idempotency_key: &str,
    ) -> Result<PurchaseResponse, ClientError> {
        let route = Route::Purchase {
            customer: customer.into(),
        };
        let req = Self::with_json(Method::Post, route.path(), request)?
            .with_header(HEADER_IDEMPOTENCY_KEY, idempotency_key);
        self.call(req).await
    }

    /// `GET .../reservationOrders/{orderId}/auditEvents?skip=&top=`: newest first.
    pub async fn audit_events(
        &self,
        customer: &str,
        order: &str,
        skip: u32,
        top: u32,
    ) -> Result<Page<AuditEvent>, ClientError> {
        let route = Route::AuditEvents {
            customer: customer.into(),
            order: order.into(),
        };
        let mut q = QueryBuilder::new();
        q.push("skip", skip).push("top", top);
        self.get(format!("{}{}", route.path(), q.build())).await
    }

    /// `POST /customers/{id}/supportRequests` with `Idempotency-Key`: opens a support request
    /// (a retry after a lost answer opens it once).
    pub async fn create_support_request(
        &self,
        customer: &str,
        request: &NewSupportRequest,
        idempotency_key: &str,
    ) -> Result<SupportRequest, ClientError> {
        let route = Route::SupportRequests {
            customer: customer.into(),
        };
        let req = Self::with_json(Method::Post, route.path(), request)?
            .with_header(HEADER_IDEMPOTENCY_KEY, idempotency_key);
        self.call(req).await
    }

    /// `GET /customers/{id}/supportRequests?skip=&top=`: newest first.
    pub async fn list_support_requests(
        &self,
        customer: &str,
        skip: u32,
        top: u32,
    ) -> Result<Page<SupportRequest>, ClientError> {
        let route = Route::SupportRequests {
            customer: customer.into(),
        };
        let mut q = QueryBuilder::new();
        q.push("skip", skip).push("top", top);
        self.get(format!("{}{}", route.path(), q.build())).await
    }

    /// `GET /customers/{id}/supportRequests/{number}`.
    pub async fn get_support_request(
        &self,
        customer: &str,
        number: &str,
    ) -> Result<SupportRequest, ClientError> {
        let route = Route::SupportRequest {
            customer: customer.into(),
            number: number.into(),
        };
        self.get(route.path()).await
    }

    /// `GET /alertRules`: every alert rule of the partner.
    pub async fn list_alert_rules(&self) -> Result<Page<AlertRule>, ClientError> {
        self.get(Route::AlertRules.path()).await
    }

    /// `POST /alertRules`: creates a rule (201 with the stored rule).
    pub async fn create_alert_rule(&self, rule: &NewAlertRule) -> Result<AlertRule, ClientError> {
        self.call(Self::with_json(
            Method::Post,
            Route::AlertRules.path(),
            rule,
        )?)
        .await
    }

    /// `DELETE /alertRules/{id}`: removes a rule (answers the removed rule).
    pub async fn delete_alert_rule(&self, rule: &str) -> Result<AlertRule, ClientError> {
        let route = Route::AlertRule { rule: rule.into() };
        self.call(HttpRequest::new(Method::Delete, route.path()))
            .await
    }

    /// `GET /alerts?skip=&top=`: the alerts raised today that are neither acknowledged nor
    /// snoozed; `totalCount` is their number.
    pub async fn list_alerts(&self, skip: u32, top: u32) -> Result<Page<Alert>, ClientError> {
        self.get(alerts_path(skip, top)).await
    }

    /// How many alerts are open (`totalCount` of `GET /alerts?skip=0&top=1`). Reads only the
    /// count: the side navigation's badge needs no alert, and a first page that shows the badge
    /// then carries no code to read one.
    pub async fn count_alerts(&self) -> Result<u64, ClientError> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Count {
            total_count: u64,
        }
        let count: Count = self.get(alerts_path(0, 1)).await?;
        Ok(count.total_count)
    }

    /// `POST /alerts/{id}/acknowledge`: hides the alert for good.
    pub async fn acknowledge_alert(&self, alert: &str) -> Result<AlertDismissal, ClientError> {
        let route = Route::AcknowledgeAlert {
            alert: alert.into(),
        };
        self.call(Self::with_json(
            Method::Post,
            route.path(),
            &serde_json::json!({}),
        )?)
        .await
    }

    /// `POST /alerts/{id}/snooze`: hides the alert for 7 or 30 days.
    pub async fn snooze_alert(
        &self,
        alert: &str,
        days: u32,
    ) -> Result<AlertDismissal, ClientError> {
        let route = Route::SnoozeAlert {
            alert: alert.into(),
        };
        self.call(Self::with_json(
            Method::Post,
            route.path(),
            &SnoozeRequest { days },
        )?)
        .await
    }
}

/// `GET /alerts?skip=&top=`, for the list and for the count.
fn alerts_path(skip: u32, top: u32) -> String {
    let mut q = QueryBuilder::new();
    q.push("skip", skip).push("top", top);
    format!("{}{}", Route::Alerts.path(), q.build())
}

/// The route of one reservation.
fn reservation_route(key: &ReservationKey) -> Route {
    Route::Reservation {
        customer: key.customer.clone(),
        order: key.order.clone(),
        reservation: key.reservation.clone(),
    }
}
