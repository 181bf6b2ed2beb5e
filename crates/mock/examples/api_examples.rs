//! Prints one real request/response pair per endpoint of the default demo data, bodies exactly
//! as sent (the examples of docs/api.md come from here).
//!
//! Run: `cargo run -p reservation-mock --example api_examples`

use chrono::NaiveDate;
use reservation_api::*;
use reservation_mock::demo::*;
use reservation_mock::{MockBackend, NullStorage};

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
    let mut b = MockBackend::load(Box::new(NullStorage), today);
    let mut show = |title: &str, req: HttpRequest| -> String {
        let resp = b.handle(&req, today).expect("a response");
        println!("### {title}\n{} {}", req.method, req.path);
        for (k, v) in &req.headers {
            println!("{k}: {v}");
        }
        if let Some(body) = &req.body {
            println!("{body}");
        }
        println!("--> {}", resp.status);
        for (k, v) in resp.headers.iter().filter(|(k, _)| k != "Content-Type") {
            println!("{k}: {v}");
        }
        println!("{}\n", resp.body);
        resp.body
    };
    let get = |p: String| HttpRequest::new(Method::Get, p);
    let json = |m: Method, p: String, body: &dyn erased::Ser| {
        HttpRequest::new(m, p).with_body(body.json())
    };
    let res = |ids: Ids| Route::Reservation {
        customer: CONTOSO_ID.into(),
        order: ids.0.into(),
        reservation: ids.1.into(),
    };
    show("me", get(Route::Me.path()));
    show("demo users", get(Route::DemoUsers.path()));
    show(
        "price catalogue",
        get(format!(
            "{}{}",
            Route::PriceCatalogue.path(),
            PriceQuery {
                family: Some(Family::VirtualMachines),
                sku_name: Some("Standard_D2s_v5".into()),
                location: Some("koreacentral".into()),
                term: Some(Term::P1Y),
                top: 2,
                ..Default::default()
            }
            .to_query_string()
        )),
    );
    show(
        "customers",
        get(format!(
            "{}{}",
            Route::Customers.path(),
            CustomerQuery {
                search: Some("콘토소".into()),
                top: 2,
                ..Default::default()
            }
            .to_query_string()
        )),
    );
    show(
        "customers page",
        get(format!(
            "{}{}",
            Route::Customers.path(),
            CustomerQuery {
                sort: CustomerSort::RefundLimitUsed,
                order: SortOrder::Desc,
                top: 2,
                ..Default::default()
            }
            .to_query_string()
        )),
    );
    show(
        "portfolio summary",
        get(format!(
            "{}{}",
            Route::PortfolioSummary.path(),
            PortfolioQuery {
                family: Some(Family::VirtualMachines),
                ..Default::default()
            }
            .to_query_string()
        )),
    );
    show(
        "customer",
        get(Route::Customer {
            customer: CONTOSO_ID.into(),
        }
        .path()),
    );
    show(
        "subscriptions",
        get(Route::Subscriptions {
            customer: CONTOSO_ID.into(),
        }
        .path()),
    );
    show(
        "resource groups",
        get(format!(
            "{}?subscriptionId={}",
            Route::ResourceGroups {
                customer: CONTOSO_ID.into()
            }
            .path(),
            CONTOSO_SUBSCRIPTIONS[1]
        )),
    );
    show(
        "management groups",
        get(Route::ManagementGroups {
            customer: CONTOSO_ID.into(),
        }
        .path()),
    );
    show(
        "refund limit usage",
        get(Route::RefundLimitUsage {
            customer: CONTOSO_ID.into(),
        }
        .path()),
    );
    show(
        "billing",
        get(Route::Billing {
            customer: FABRIKAM_ID.into(),
        }
        .path()),
    );
    show(
        "reservations",
        get(format!(
            "{}{}",
            Route::Reservations {
                customer: CONTOSO_ID.into()
            }
            .path(),
            ReservationQuery {
                expiring_within_days: Some(30),
                top: 1,
                ..Default::default()
            }
            .to_query_string()
        )),
    );
    show(
        "orders",
        get(Route::ReservationOrders {
            customer: CONTOSO_ID.into(),
        }
        .path()),
    );
    show(
        "order",
        get(Route::ReservationOrder {
            customer: CONTOSO_ID.into(),
            order: SPLIT_A.0.into(),
        }
        .path()),
    );
    show("reservation", get(res(VM_MONTHLY).path()));
    let patch = ReservationPatch {
        properties: ReservationPatchProperties {
            display_name: Some("vm-prod-web".into()),
            renew: Some(true),
            ..Default::default()
        },
    };
    show(
        "patch",
        json(Method::Patch, res(VM_UPFRONT).path(), &patch).with_header(HEADER_IF_MATCH, "\"1\""),
    );
    show(
        "patch stale",
        json(Method::Patch, res(VM_UPFRONT).path(), &patch).with_header(HEADER_IF_MATCH, "\"1\""),
    );
    show(
        "patch no if-match",
        json(Method::Patch, res(VM_UPFRONT).path(), &patch),
    );
    show(
        "patch reader",
        json(Method::Patch, res(VM_UPFRONT).path(), &patch)
            .with_header(HEADER_IF_MATCH, "\"2\"")
            .with_header(HEADER_DEMO_USER, "reader"),
    );
    let ra = Route::RoleAssignments {
        customer: CONTOSO_ID.into(),
        order: VM_UPFRONT.0.into(),
        reservation: VM_UPFRONT.1.into(),
    };
    show("role assignments", get(ra.path()));
    let new = NewRoleAssignment {
        principal_id: None,
        principal_name: "jiyoung.lee@contosokorea.onmicrosoft.com".into(),
        principal_type: PrincipalType::User,
        role: Role::Reader,
    };
    show("add role", json(Method::Post, ra.path(), &new));
    show(
        "remove role",
        HttpRequest::new(
            Method::Delete,
            Route::RoleAssignment {
                customer: CONTOSO_ID.into(),
                order: VM_UPFRONT.0.into(),
                reservation: VM_UPFRONT.1.into(),
                assignment: "ea000000-0000-4000-8000-000000000003".into(),
            }
            .path(),
        ),
    );
    show(
        "permissions",
        get(Route::Permissions {
            customer: CONTOSO_ID.into(),
            order: VM_UPFRONT.0.into(),
            reservation: VM_UPFRONT.1.into(),
        }
        .path())
        .with_header(HEADER_DEMO_USER, "contributor"),
    );
    show(
        "utilization",
        get(format!(
            "{}{}",
            Route::Utilization {
                customer: CONTOSO_ID.into(),
                order: VM_MONTHLY.0.into(),
                reservation: VM_MONTHLY.1.into()
            }
            .path(),
            UtilizationRange {
                from: today - chrono::Duration::days(3),
                to: today - chrono::Duration::days(1)
            }
            .to_query_string()
        )),
    );
    let cr = CalculateRefundRequest {
        reservation_id: reservation_resource_id(VM_MONTHLY.0, VM_MONTHLY.1),
        quantity: 1,
    };
    show(
        "calculate refund",
        json(
            Method::Post,
            Route::CalculateRefund {
                customer: CONTOSO_ID.into(),
                order: VM_MONTHLY.0.into(),
            }
            .path(),
            &cr,
        ),
    );
    let rr = ReturnRequest {
        reservation_id: VM_MONTHLY.1.into(),
        quantity: 1,
        return_reason: Some("Workload moved".into()),
    };
    show(
        "return",
        json(
            Method::Post,
            Route::Return {
                customer: CONTOSO_ID.into(),
                order: VM_MONTHLY.0.into(),
            }
            .path(),
            &rr,
        )
        .with_header(HEADER_IDEMPOTENCY_KEY, "7f1d6a52-return-1"),
    );
    let fab = CalculateRefundRequest {
        reservation_id: FABRIKAM_VM_BIG.1.into(),
        quantity: 1,
    };
    show(
        "return refused",
        json(
            Method::Post,
            Route::Return {
                customer: FABRIKAM_ID.into(),
                order: FABRIKAM_VM_BIG.0.into(),
            }
            .path(),
            &fab,
        )
        .with_header(HEADER_IDEMPOTENCY_KEY, "k-2"),
    );
    let ex = ExchangeRequest {
        reservations_to_exchange: vec![ExchangeReturnItem {
            reservation_id: reservation_resource_id(SPLIT_B.0, SPLIT_B.1),
            quantity: 2,
        }],
        reservations_to_purchase: vec![ExchangePurchaseItem {
            reserved_resource_type: Family::VirtualMachines,
            sku_name: "Standard_D8s_v5".into(),
            location: "koreacentral".into(),
            term: Term::P3Y,
            billing_plan: BillingPlan::Upfront,
            quantity: 2,
            display_name: Some("vm-d8s-koreacentral".into()),
            applied_scope_type: AppliedScopeType::Shared,
            applied_scopes: vec![],
            billing_scope_id: None,
            instance_flexibility: Some(InstanceFlexibility::On),
            renew: false,
        }],
    };
    show(
        "calculate exchange",
        json(
            Method::Post,
            Route::CalculateExchange {
                customer: CONTOSO_ID.into(),
            }
            .path(),
            &ex,
        ),
    );
    show(
        "exchange",
        json(
            Method::Post,
            Route::Exchange {
                customer: CONTOSO_ID.into(),
            }
            .path(),
            &ex,
        )
        .with_header(HEADER_IDEMPOTENCY_KEY, "ex-1"),
    );
    show(
        "audit",
        get(format!(
            "{}?top=3",
            Route::AuditEvents {
                customer: CONTOSO_ID.into(),
                order: VM_UPFRONT.0.into()
            }
            .path()
        )),
    );
    let sr = support_request(
        "예약 환불 문의",
        "Refund of 1 unit failed with RefundLimitExceeded.",
    );
    show(
        "create support",
        json(
            Method::Post,
            Route::SupportRequests {
                customer: CONTOSO_ID.into(),
            }
            .path(),
            &sr,
        ),
    );
    show(
        "list support",
        get(format!(
            "{}?top=1",
            Route::SupportRequests {
                customer: CONTOSO_ID.into()
            }
            .path()
        )),
    );
    show(
        "get support",
        get(Route::SupportRequest {
            customer: CONTOSO_ID.into(),
            number: "2611280010000001".into(),
        }
        .path()),
    );
    let split = SplitRequest {
        reservation_id: SQL_EXPIRING.1.into(),
        quantities: vec![5, 3],
    };
    let split_path = Route::Split {
        customer: CONTOSO_ID.into(),
        order: SQL_EXPIRING.0.into(),
    }
    .path();
    let done = show(
        "split",
        json(Method::Post, split_path, &split)
            .with_header(HEADER_IDEMPOTENCY_KEY, "split-1")
            .with_header(HEADER_IF_MATCH, "\"1\""),
    );
    let single = SplitRequest {
        reservation_id: DEDICATED_HOST.1.into(),
        quantities: vec![1, 1],
    };
    show(
        "split refused",
        json(
            Method::Post,
            Route::Split {
                customer: CONTOSO_ID.into(),
                order: DEDICATED_HOST.0.into(),
            }
            .path(),
            &single,
        )
        .with_header(HEADER_IDEMPOTENCY_KEY, "split-2"),
    );
    let done: SplitResponse = serde_json::from_str(&done).expect("a split");
    let merge = MergeRequest {
        sources: done
            .created
            .iter()
            .map(|r| r.reservation_id().to_string())
            .collect(),
    };
    show(
        "merge",
        json(
            Method::Post,
            Route::Merge {
                customer: CONTOSO_ID.into(),
                order: SQL_EXPIRING.0.into(),
            }
            .path(),
            &merge,
        )
        .with_header(HEADER_IDEMPOTENCY_KEY, "merge-1")
        .with_header(HEADER_IF_MATCH, "\"1\", \"1\""),
    );
    let buy = PurchaseRequest {
        reserved_resource_type: Family::VirtualMachines,
        sku_name: "Standard_D2s_v5".into(),
        location: "koreacentral".into(),
        term: Term::P1Y,
        billing_plan: BillingPlan::Monthly,
        quantity: 4,
        display_name: Some("vm-web-koreacentral".into()),
        applied_scope_type: AppliedScopeType::Shared,
        applied_scopes: vec![],
        billing_scope_id: None,
        instance_flexibility: Some(InstanceFlexibility::On),
        renew: true,
    };
    let price_path = Route::CalculatePrice {
        customer: CONTOSO_ID.into(),
    }
    .path();
    let purchase_path = Route::Purchase {
        customer: CONTOSO_ID.into(),
    }
    .path();
    show(
        "calculate price",
        json(Method::Post, price_path.clone(), &buy),
    );
    let lacking = PurchaseRequest {
        reserved_resource_type: Family::DedicatedHost,
        sku_name: "DSv5_Type1".into(),
        term: Term::P5Y,
        billing_plan: BillingPlan::Upfront,
        quantity: 1,
        display_name: None,
        instance_flexibility: None,
        ..buy.clone()
    };
    show(
        "calculate price refused",
        json(Method::Post, price_path, &lacking),
    );
    show(
        "purchase",
        json(Method::Post, purchase_path.clone(), &buy)
            .with_header(HEADER_IDEMPOTENCY_KEY, "3b5e0f6c-buy-1"),
    );
    show(
        "purchase, quantity 0",
        json(
            Method::Post,
            purchase_path,
            &PurchaseRequest {
                quantity: 0,
                ..buy.clone()
            },
        )
        .with_header(HEADER_IDEMPOTENCY_KEY, "3b5e0f6c-buy-2"),
    );
    let rule = |body: &str| {
        HttpRequest::new(Method::Post, Route::AlertRules.path()).with_body(body.to_string())
    };
    show(
        "create alert rule",
        rule(r#"{"kind":"ExpiringWithoutRenewal","withinDays":30}"#),
    );
    show(
        "create alert rule (usage)",
        rule(r#"{"kind":"RefundLimitUsage","thresholdPercent":"20"}"#),
    );
    show(
        "invalid alert rule",
        rule(r#"{"kind":"LowUtilization","thresholdPercent":"120","windowDays":7}"#),
    );
    show("list alert rules", get(Route::AlertRules.path()));
    show(
        "list alerts",
        get(format!("{}?top=2", Route::Alerts.path())),
    );
}

mod erased {
    /// Serializes any request body.
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("json")
        }
    }
}
