//! Outside the demo nothing is invented: a reservation bought through a backend that is not a demo
//! (`Ctx::demo` false, as `reservation-server` without `--demo`) has no utilization until some is
//! measured, so it shows none and raises no low-utilization alert.

use std::cell::{Cell, RefCell};
use std::future::{ready, Future};

use chrono::NaiveDate;
use reservation_api::{
    parse_reservation_resource_id, AppliedScopeType, BillingPlan, Client, Family, HttpRequest,
    HttpResponse, NewAlertRule, PurchaseRequest, ReservationKey, Term, Transport, TransportError,
    UtilizationRange,
};
use reservation_mock::demo::CONTOSO_ID;
use reservation_mock::{
    dispatch, find_user, generate, Ctx, State, ViewCache, DEFAULT_CUSTOMERS, DEFAULT_SEED,
    DEFAULT_USER,
};
use reservation_quote::Policy;
use rust_decimal_macros::dec;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

/// The handlers over a state, as a backend that is not a demo runs them, as of a settable day.
struct NotADemo(RefCell<(State, ViewCache)>, Cell<NaiveDate>);

impl Transport for NotADemo {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        let mut inner = self.0.borrow_mut();
        let (state, views) = &mut *inner;
        let policy = Policy::default();
        let user = find_user(DEFAULT_USER).expect("the admin");
        let now = self.1.get().and_hms_opt(9, 0, 0).expect("time");
        let mut ctx = Ctx::new(state, views, &policy, &req, user, now, false);
        let answer = match reservation_api::Route::parse(req.path_only()) {
            Some(route) => match dispatch(&mut ctx, req.method, &route) {
                Ok(reply) => reply.into_response(),
                Err(failure) => failure.into_response(),
            },
            None => panic!("no route {}", req.path_only()),
        };
        ready(Ok(answer))
    }
}

fn run<F: Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

/// A handle on the transport, so the test can move its day.
struct Shared(std::rc::Rc<NotADemo>);

impl Transport for Shared {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        self.0.send(req)
    }
}

#[test]
fn a_reservation_bought_outside_the_demo_has_no_utilization_and_raises_no_alert() {
    let state = generate(DEFAULT_SEED, today(), DEFAULT_CUSTOMERS);
    let transport = std::rc::Rc::new(NotADemo(
        RefCell::new((state, ViewCache::default())),
        Cell::new(today()),
    ));
    let client = Client::new(Shared(transport.clone()));
    // Any active reservation below 100 % over 7 days is an alert under this rule.
    run(client.create_alert_rule(&NewAlertRule::low_utilization(dec!(100), 7))).expect("rule");

    let bought = run(client.purchase(
        CONTOSO_ID,
        &PurchaseRequest {
            reserved_resource_type: Family::VirtualMachines,
            sku_name: "Standard_D2s_v5".into(),
            location: "koreacentral".into(),
            term: Term::P3Y,
            billing_plan: BillingPlan::Monthly,
            quantity: 1,
            display_name: Some("measured-only".into()),
            applied_scope_type: AppliedScopeType::Shared,
            applied_scopes: Vec::new(),
            billing_scope_id: None,
            instance_flexibility: None,
            renew: false,
        },
        "buy-measured",
    ))
    .expect("purchase");
    let id = bought.reservations[0].id.clone();
    let (order, reservation) = parse_reservation_resource_id(&id).expect("resource id");
    let key = ReservationKey::new(CONTOSO_ID, order, reservation);

    // Ten days later: still nothing measured, so nothing to show or to alert on (the demo would
    // have invented ten days by now).
    transport.1.set(today() + chrono::Duration::days(10));
    let got = run(client.get_reservation(&key)).expect("reservation");
    assert_eq!(got.properties.utilization, None);
    let series = run(client.utilization(
        &key,
        &UtilizationRange {
            from: today(),
            to: today() + chrono::Duration::days(10),
        },
    ))
    .expect("series");
    assert!(series.points.is_empty(), "{:?}", series.points);
    assert_eq!(series.average, None);

    let alerts = run(client.list_alerts(0, 1000)).expect("alerts");
    assert!(
        alerts.value.len() > 1,
        "the seeded reservations, whose utilization the demo generated, do raise alerts"
    );
    assert!(
        alerts.value.iter().all(
            |a| a.reservation_id.as_deref() != Some(id.as_str()) && !a.id.contains(reservation)
        ),
        "an alert for a reservation nobody measured"
    );
}
