//! The fixed demo customers, first in every generated state, with known ids for tests and demos.
//!
//! Dates are relative to the generation day T (`today`).
//!
//! **Contoso Korea (콘토소 코리아)**, [`CONTOSO_ID`]: three subscriptions, three resource groups,
//! two management groups, refund history 12,000.00 at T−100 (counting) and 8,000.00 at T−400
//! (no longer counting), and these reservations:
//!
//! | constant | name | family / SKU / region | term, plan | qty | state |
//! |---|---|---|---|---|---|
//! | `VM_UPFRONT` | vm-prod-koreacentral | VM Standard_D4s_v5 koreacentral | P3Y Upfront | 6 | active, bought T−200, ~86% used |
//! | `VM_MONTHLY` | vm-dev-monthly | VM Standard_D2s_v5 koreacentral | P1Y Monthly | 4 | active, bought T−95, ~25% used |
//! | `SQL_EXPIRING` | sql-gp-koreasouth | SqlDatabases SQLDB_GP_Compute_Gen5 koreasouth | P1Y Upfront | 8 | expires T+20 |
//! | `VM_EXPIRED` | vm-legacy-eastus | VM Standard_E4s_v5 eastus | P1Y Upfront | 2 | expired (bought T−500) |
//! | `COSMOS_CANCELLED` | cosmos-archive | CosmosDb koreacentral | P1Y Upfront | 10 | cancelled T−60 |
//! | `APP_SERVICE` | appsvc-p1v3-koreacentral | AppService P1v3 koreacentral | P3Y Monthly | 3 | active, bought T−40 |
//! | `RED_HAT` | rhel-global | RedHat RHEL_1-4_vCPU global | P1Y Upfront | 2 | active (not refundable) |
//! | `DEDICATED_HOST` | dh-koreacentral | DedicatedHost DSv5_Type1 koreacentral | P1Y Monthly | 1 | expires T+50 |
//! | `REDIS` | redis-japaneast | RedisCache Premium_P1 japaneast | P1Y Upfront | 2 | expires T+80 |
//! | `SPLIT_A`, `SPLIT_B` | vm-split-a / -b | VM Standard_D8s_v5 eastus | P3Y Upfront | 3 + 2 | one order, two reservations |
//!
//! **Fabrikam Korea (패브리캄 코리아)**, [`FABRIKAM_ID`]: refund history 30,000.00 at T−200 and
//! 19,500.00 at T−45, so 49,500.00 of the USD 50,000 limit is used: returning
//! `FABRIKAM_VM_BIG` (VM Standard_D8s_v5, P3Y Upfront, qty 4, bought T−100) is refused with
//! `RefundLimitExceeded`; `FABRIKAM_VM_SMALL` (VM Standard_B2ms, P1Y Upfront, qty 1, expires T+10)
//! refunds less than the headroom.

use std::sync::Arc;

use chrono::{Duration, Months, NaiveDate, NaiveDateTime};
use reservation_api::{
    reservation_resource_id, AuditAction, AuditEvent, BillingPlan, ContactMethod, Family,
    InstanceFlexibility, IssueType, NewSupportRequest, PrincipalType, Role, Severity, Term,
};
use rust_decimal::Decimal;

use crate::catalogue;
use crate::state::{
    CustomerRec, MgRec, OrderRec, RefundRec, ResRec, RgRec, RoleRec, Scope, StoredStatus, SubRec,
};

/// The tenant id of Contoso Korea (콘토소 코리아), the first customer.
pub const CONTOSO_ID: &str = "c0a7050c-0000-4000-8000-000000000001";
/// Contoso Korea's display name.
pub const CONTOSO_NAME: &str = "Contoso Korea (콘토소 코리아)";
/// Contoso Korea's primary domain.
pub const CONTOSO_DOMAIN: &str = "contosokorea.onmicrosoft.com";
/// The tenant id of Fabrikam Korea (패브리캄 코리아), the second customer (near the refund limit).
pub const FABRIKAM_ID: &str = "fab1c0de-0000-4000-8000-000000000002";
/// Fabrikam Korea's display name.
pub const FABRIKAM_NAME: &str = "Fabrikam Korea (패브리캄 코리아)";

/// (order GUID, reservation GUID) of one fixed reservation.
pub type Ids = (&'static str, &'static str);

/// Contoso: active VM, P3Y Upfront, quantity 6, bought T−200.
pub const VM_UPFRONT: Ids = (
    "0a000000-0000-4000-8000-000000000001",
    "0b000000-0000-4000-8000-000000000001",
);
/// Contoso: active VM, P1Y Monthly, quantity 4, bought T−95, poorly utilized.
pub const VM_MONTHLY: Ids = (
    "0a000000-0000-4000-8000-000000000002",
    "0b000000-0000-4000-8000-000000000002",
);
/// Contoso: SQL Database, P1Y Upfront, quantity 8, expires T+20.
pub const SQL_EXPIRING: Ids = (
    "0a000000-0000-4000-8000-000000000003",
    "0b000000-0000-4000-8000-000000000003",
);
/// Contoso: VM, P1Y Upfront, quantity 2, expired.
pub const VM_EXPIRED: Ids = (
    "0a000000-0000-4000-8000-000000000004",
    "0b000000-0000-4000-8000-000000000004",
);
/// Contoso: Cosmos DB, cancelled.
pub const COSMOS_CANCELLED: Ids = (
    "0a000000-0000-4000-8000-000000000005",
    "0b000000-0000-4000-8000-000000000005",
);
/// Contoso: App Service, P3Y Monthly, quantity 3, bought T−40.
pub const APP_SERVICE: Ids = (
    "0a000000-0000-4000-8000-000000000006",
    "0b000000-0000-4000-8000-000000000006",
);
/// Contoso: Red Hat plan (not refundable).
pub const RED_HAT: Ids = (
    "0a000000-0000-4000-8000-000000000007",
    "0b000000-0000-4000-8000-000000000007",
);
/// Contoso: Dedicated Host, P1Y Monthly, expires T+50.
pub const DEDICATED_HOST: Ids = (
    "0a000000-0000-4000-8000-000000000008",
    "0b000000-0000-4000-8000-000000000008",
);
/// Contoso: Redis, P1Y Upfront, expires T+80.
pub const REDIS: Ids = (
    "0a000000-0000-4000-8000-000000000009",
    "0b000000-0000-4000-8000-000000000009",
);
/// Contoso: first reservation of a split order (VM, quantity 3, resource-group scope).
pub const SPLIT_A: Ids = (
    "0a000000-0000-4000-8000-00000000000a",
    "0b000000-0000-4000-8000-00000000000a",
);
/// Contoso: second reservation of the split order (VM, quantity 2, management-group scope).
pub const SPLIT_B: Ids = (
    "0a000000-0000-4000-8000-00000000000a",
    "0b000000-0000-4000-8000-00000000000b",
);
/// Fabrikam: big VM reservation whose return exceeds the refund limit.
pub const FABRIKAM_VM_BIG: Ids = (
    "0a000000-0000-4000-8000-0000000000f1",
    "0b000000-0000-4000-8000-0000000000f1",
);
/// Fabrikam: small VM reservation whose refund fits in the headroom.
pub const FABRIKAM_VM_SMALL: Ids = (
    "0a000000-0000-4000-8000-0000000000f2",
    "0b000000-0000-4000-8000-0000000000f2",
);

/// Contoso's subscriptions (GUIDs), in order: Production, Development, Shared Services.
pub const CONTOSO_SUBSCRIPTIONS: [&str; 3] = [
    "5b000000-0000-4000-8000-000000000001",
    "5b000000-0000-4000-8000-000000000002",
    "5b000000-0000-4000-8000-000000000003",
];

/// A support request about Contoso's upfront VM as a partner fills it in (Korean contact), for
/// examples and tests.
pub fn support_request(summary: &str, details: &str) -> NewSupportRequest {
    NewSupportRequest {
        issue_type: IssueType::Billing,
        problem_type: "Refund".into(),
        category: "Reservation refund".into(),
        summary: summary.into(),
        details: details.into(),
        subscription_id: format!("/subscriptions/{}", CONTOSO_SUBSCRIPTIONS[0]),
        severity: Severity::Moderate,
        contact_method: ContactMethod::Email,
        contact_name: "김민수".into(),
        contact_email: "minsu.kim@contosokorea.onmicrosoft.com".into(),
        contact_phone: None,
        preferred_language: "ko-KR".into(),
        reservation_id: Some(reservation_resource_id(VM_UPFRONT.0, VM_UPFRONT.1)),
        reservation_order_id: None,
        quote: None,
    }
}

/// A fixed reservation's description.
struct Spec {
    ids: Ids,
    name: &'static str,
    family: Family,
    sku: &'static str,
    loc: &'static str,
    term: Term,
    plan: BillingPlan,
    qty: u32,
    purchase: NaiveDate,
    util: u8,
    scope: Scope,
    cancelled_on: Option<NaiveDate>,
}

/// The purchase date of a reservation that expires `days` after `today`.
fn expiring_in(today: NaiveDate, days: i64, months: u32) -> NaiveDate {
    let expiry = today + Duration::days(days);
    expiry
        .checked_sub_months(Months::new(months))
        .unwrap_or(today)
}

/// Builds a single-reservation order, or adds to `orders` when the order id exists.
fn add(orders: &mut Vec<OrderRec>, s: Spec, roles: Vec<RoleRec>) {
    let catalogue_price =
        catalogue::price(&s.family, s.sku, s.loc, &s.term, &s.plan).unwrap_or(Decimal::ONE_HUNDRED);
    // Bought 3% above today's price, so the refund basis is today's (lower) price.
    let price = (catalogue_price * Decimal::new(103, 2)).round_dp(2);
    let res = ResRec {
        id: s.ids.1.to_string(),
        name: s.name.to_string(),
        family: s.family.clone(),
        sku: s.sku.to_string(),
        loc: s.loc.to_string(),
        qty: s.qty,
        price,
        status: if s.cancelled_on.is_some() {
            StoredStatus::Cancelled
        } else {
            StoredStatus::Succeeded
        },
        scope: s.scope,
        flex: (s.family == Family::VirtualMachines).then_some(InstanceFlexibility::On),
        renew: false,
        bill: 0,
        etag: 1,
        util: Some(s.util),
        fx: false,
        ended: s.cancelled_on,
        updated: None,
        roles,
        measured: Vec::new(),
    };
    if let Some(o) = orders.iter_mut().find(|o| o.id == s.ids.0) {
        o.qty += s.qty;
        o.res.push(res);
        return;
    }
    orders.push(OrderRec {
        id: s.ids.0.to_string(),
        purchase: s.purchase,
        term: s.term,
        plan: s.plan,
        qty: s.qty,
        expiry: None,
        etag: 1,
        by: None,
        res: vec![res],
        audit: Vec::new(),
    });
}

/// A role assignment with a fixed id.
fn role(id: &str, pname: &str, ptype: PrincipalType, role: Role, on: NaiveDate) -> RoleRec {
    RoleRec {
        id: id.to_string(),
        pid: format!("9a{}", &id[2..]),
        pname: pname.to_string(),
        ptype,
        role,
        on,
    }
}

/// Contoso Korea and Fabrikam Korea, for the day `today`.
pub fn fixed_customers(today: NaiveDate) -> Vec<CustomerRec> {
    let mut customers = vec![contoso(today), fabrikam(today)];
    for c in &mut customers {
        crate::handlers::billing::seed_credits(c);
    }
    customers
}

/// Contoso Korea (see the module docs).
fn contoso(today: NaiveDate) -> CustomerRec {
    let t = |d: i64| today + Duration::days(d);
    let vm = Family::VirtualMachines;
    let mut orders = Vec::new();
    let spec =
        |ids, name, family: &Family, sku, loc, term, plan, qty, purchase, util, scope| Spec {
            ids,
            name,
            family: family.clone(),
            sku,
            loc,
            term,
            plan,
            qty,
            purchase,
            util,
            scope,
            cancelled_on: None,
        };
    add(
        &mut orders,
        spec(
            VM_UPFRONT,
            "vm-prod-koreacentral",
            &vm,
            "Standard_D4s_v5",
            "koreacentral",
            Term::P3Y,
            BillingPlan::Upfront,
            6,
            t(-200),
            86,
            Scope::Shared,
        ),
        vec![
            role(
                "ea000000-0000-4000-8000-000000000001",
                "alex.johnson@cspdemo.onmicrosoft.com",
                PrincipalType::User,
                Role::Contributor,
                t(-200),
            ),
            role(
                "ea000000-0000-4000-8000-000000000002",
                "minsu.kim@contosokorea.onmicrosoft.com",
                PrincipalType::User,
                Role::Owner,
                t(-200),
            ),
            role(
                "ea000000-0000-4000-8000-000000000003",
                "Cloud Finance",
                PrincipalType::Group,
                Role::Reader,
                t(-150),
            ),
        ],
    );
    add(
        &mut orders,
        spec(
            VM_MONTHLY,
            "vm-dev-monthly",
            &vm,
            "Standard_D2s_v5",
            "koreacentral",
            Term::P1Y,
            BillingPlan::Monthly,
            4,
            t(-95),
            25,
            Scope::Sub(1),
        ),
        vec![role(
            "ea000000-0000-4000-8000-000000000004",
            "alex.johnson@cspdemo.onmicrosoft.com",
            PrincipalType::User,
            Role::Reader,
            t(-90),
        )],
    );
    add(
        &mut orders,
        spec(
            SQL_EXPIRING,
            "sql-gp-koreasouth",
            &Family::SqlDatabases,
            "SQLDB_GP_Compute_Gen5",
            "koreasouth",
            Term::P1Y,
            BillingPlan::Upfront,
            8,
            expiring_in(today, 20, 12),
            72,
            Scope::Sub(0),
        ),
        Vec::new(),
    );
    add(
        &mut orders,
        spec(
            VM_EXPIRED,
            "vm-legacy-eastus",
            &vm,
            "Standard_E4s_v5",
            "eastus",
            Term::P1Y,
            BillingPlan::Upfront,
            2,
            t(-500),
            64,
            Scope::Shared,
        ),
        Vec::new(),
    );
    let mut cosmos = spec(
        COSMOS_CANCELLED,
        "cosmos-archive",
        &Family::CosmosDb,
        "CosmosDB_100RUs",
        "koreacentral",
        Term::P1Y,
        BillingPlan::Upfront,
        10,
        t(-300),
        50,
        Scope::Shared,
    );
    cosmos.cancelled_on = Some(t(-60));
    add(&mut orders, cosmos, Vec::new());
    add(
        &mut orders,
        spec(
            APP_SERVICE,
            "appsvc-p1v3-koreacentral",
            &Family::AppService,
            "P1v3",
            "koreacentral",
            Term::P3Y,
            BillingPlan::Monthly,
            3,
            t(-40),
            91,
            Scope::Sub(0),
        ),
        Vec::new(),
    );
    add(
        &mut orders,
        spec(
            RED_HAT,
            "rhel-global",
            &Family::RedHat,
            "RHEL_1-4_vCPU",
            catalogue::GLOBAL,
            Term::P1Y,
            BillingPlan::Upfront,
            2,
            t(-150),
            95,
            Scope::Shared,
        ),
        Vec::new(),
    );
    add(
        &mut orders,
        spec(
            DEDICATED_HOST,
            "dh-koreacentral",
            &Family::DedicatedHost,
            "DSv5_Type1",
            "koreacentral",
            Term::P1Y,
            BillingPlan::Monthly,
            1,
            expiring_in(today, 50, 12),
            78,
            Scope::Sub(0),
        ),
        Vec::new(),
    );
    add(
        &mut orders,
        spec(
            REDIS,
            "redis-japaneast",
            &Family::RedisCache,
            "Premium_P1",
            "japaneast",
            Term::P1Y,
            BillingPlan::Upfront,
            2,
            expiring_in(today, 80, 12),
            55,
            Scope::Shared,
        ),
        Vec::new(),
    );
    add(
        &mut orders,
        spec(
            SPLIT_A,
            "vm-split-a",
            &vm,
            "Standard_D8s_v5",
            "eastus",
            Term::P3Y,
            BillingPlan::Upfront,
            3,
            t(-400),
            88,
            Scope::Rg(0),
        ),
        Vec::new(),
    );
    add(
        &mut orders,
        spec(
            SPLIT_B,
            "vm-split-b",
            &vm,
            "Standard_D8s_v5",
            "eastus",
            Term::P3Y,
            BillingPlan::Upfront,
            2,
            t(-400),
            33,
            Scope::Mg(1),
        ),
        Vec::new(),
    );
    // A configuration change in the audit trail of the first order.
    if let Some(o) = orders.first_mut() {
        let at = |d: i64| NaiveDateTime::new(t(d), chrono::NaiveTime::MIN);
        o.audit.push(AuditEvent {
            id: "ae000000-0000-4000-8000-000000000001".into(),
            timestamp: at(-120),
            actor_id: "admin".into(),
            actor_name: "김지우 (Jiwoo Kim)".into(),
            action: AuditAction::Update,
            reservation_order_id: VM_UPFRONT.0.into(),
            reservation_id: Some(VM_UPFRONT.1.into()),
            summary: "Changed the scope from Single to Shared".into(),
            changes: vec![reservation_api::FieldChange {
                field: "appliedScopeType".into(),
                old_value: Some("Single".into()),
                new_value: Some("Shared".into()),
            }],
            amount: None,
        });
    }
    let subs = [
        "Contoso Korea - Production",
        "Contoso Korea - Development",
        "Contoso Korea - Shared Services",
    ];
    CustomerRec {
        id: CONTOSO_ID.into(),
        name: CONTOSO_NAME.into(),
        domain: CONTOSO_DOMAIN.into(),
        country: "KR".into(),
        locale: "ko-KR".into(),
        subs: CONTOSO_SUBSCRIPTIONS
            .iter()
            .zip(subs)
            .map(|(id, name)| SubRec {
                id: (*id).into(),
                name: name.into(),
            })
            .collect(),
        rgs: vec![
            RgRec {
                sub: 0,
                name: "rg-prod-koreacentral".into(),
                loc: "koreacentral".into(),
            },
            RgRec {
                sub: 0,
                name: "rg-web-koreacentral".into(),
                loc: "koreacentral".into(),
            },
            RgRec {
                sub: 1,
                name: "rg-dev-koreasouth".into(),
                loc: "koreasouth".into(),
            },
        ],
        mgs: vec![
            MgRec {
                name: "mg-contoso-kr".into(),
                display: "Contoso Korea".into(),
            },
            MgRec {
                name: "mg-contoso-prod".into(),
                display: "Production".into(),
            },
        ],
        orders: orders.into_iter().map(Arc::new).collect(),
        refunds: vec![
            RefundRec {
                id: "4f000000-0000-4000-8000-000000000001".into(),
                date: t(-100),
                amount: Decimal::new(1_200_000, 2),
                order: Some("0a000000-0000-4000-8000-0000000000e1".into()),
                res: Some("0b000000-0000-4000-8000-0000000000e1".into()),
                name: Some("vm-batch-retired".into()),
                qty: Some(10),
            },
            RefundRec {
                id: "4f000000-0000-4000-8000-000000000002".into(),
                date: t(-400),
                amount: Decimal::new(800_000, 2),
                order: Some("0a000000-0000-4000-8000-0000000000e2".into()),
                res: Some("0b000000-0000-4000-8000-0000000000e2".into()),
                name: Some("sql-old-bc".into()),
                qty: Some(4),
            },
        ],
        support: Vec::new(),
        credits: Vec::new(),
    }
}

/// Fabrikam Korea (see the module docs).
fn fabrikam(today: NaiveDate) -> CustomerRec {
    let t = |d: i64| today + Duration::days(d);
    let vm = Family::VirtualMachines;
    let mut orders = Vec::new();
    let mk = |ids, name, sku, term, qty, purchase, util| Spec {
        ids,
        name,
        family: vm.clone(),
        sku,
        loc: "koreacentral",
        term,
        plan: BillingPlan::Upfront,
        qty,
        purchase,
        util,
        scope: Scope::Shared,
        cancelled_on: None,
    };
    add(
        &mut orders,
        mk(
            FABRIKAM_VM_BIG,
            "fab-prod-d8s",
            "Standard_D8s_v5",
            Term::P3Y,
            4,
            t(-100),
            90,
        ),
        Vec::new(),
    );
    add(
        &mut orders,
        mk(
            FABRIKAM_VM_SMALL,
            "fab-test-b2ms",
            "Standard_B2ms",
            Term::P1Y,
            1,
            expiring_in(today, 10, 12),
            40,
        ),
        Vec::new(),
    );
    CustomerRec {
        id: FABRIKAM_ID.into(),
        name: FABRIKAM_NAME.into(),
        domain: "fabrikamkorea.onmicrosoft.com".into(),
        country: "KR".into(),
        locale: "ko-KR".into(),
        subs: vec![SubRec {
            id: "5b000000-0000-4000-8000-0000000000f1".into(),
            name: "Fabrikam Korea - Azure plan".into(),
        }],
        rgs: vec![RgRec {
            sub: 0,
            name: "rg-fab-prod".into(),
            loc: "koreacentral".into(),
        }],
        mgs: Vec::new(),
        orders: orders.into_iter().map(Arc::new).collect(),
        refunds: vec![
            RefundRec {
                id: "4f000000-0000-4000-8000-0000000000f1".into(),
                date: t(-45),
                amount: Decimal::new(1_950_000, 2),
                order: None,
                res: None,
                name: Some("fab-legacy-avs".into()),
                qty: Some(1),
            },
            RefundRec {
                id: "4f000000-0000-4000-8000-0000000000f2".into(),
                date: t(-200),
                amount: Decimal::new(3_000_000, 2),
                order: None,
                res: None,
                name: Some("fab-dh-retired".into()),
                qty: Some(2),
            },
        ],
        support: Vec::new(),
        credits: Vec::new(),
    }
}
