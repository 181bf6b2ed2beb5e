//! Renewal as plain data: which selected Portfolio rows a bulk "turn auto-renew on/off" changes,
//! how each row's PATCH ended, and the renewal price preview of the Overview (today's catalogue
//! price × quantity for the same term, per the purchase-price rule of the spec).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::api::{
    BillingPlan, ClientError, PortfolioRow, ProvisioningState, Reservation, ReservationKey,
    ReservationPatch, ReservationPatchProperties,
};

/// One reservation a bulk change sets: its key, the ETag it was read with, and its names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenewChange {
    /// The reservation.
    pub key: ReservationKey,
    /// Its resource id (the selection's key).
    pub id: String,
    /// The ETag of the row as the grid shows it: the PATCH's `If-Match`.
    pub etag: u64,
    /// The customer's company name.
    pub company: String,
    /// The reservation's display name.
    pub name: String,
}

/// What a bulk change does: the rows that change, and how many selected rows stay as they are
/// (already set that way, or no longer active).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenewPlan {
    /// The rows that change, in grid order.
    pub changes: Vec<RenewChange>,
    /// Selected rows left alone.
    pub unchanged: usize,
}

/// The plan for turning auto-renew `on` (or off) on the selected rows (by resource id) of the
/// view: only active reservations set the other way change.
pub fn plan(rows: &[PortfolioRow], selected: &BTreeSet<String>, on: bool) -> RenewPlan {
    let mut out = RenewPlan::default();
    for row in rows.iter().filter(|r| selected.contains(&r.reservation.id)) {
        let p = &row.reservation.properties;
        if p.provisioning_state != ProvisioningState::Succeeded || p.renew == on {
            out.unchanged += 1;
            continue;
        }
        out.changes.push(RenewChange {
            key: ReservationKey::of(&row.customer_id, &row.reservation),
            id: row.reservation.id.clone(),
            etag: row.reservation.etag,
            company: row.company_name.clone(),
            name: p.display_name.clone(),
        });
    }
    out
}

/// The PATCH body that sets auto-renew.
pub fn renew_patch(on: bool) -> ReservationPatch {
    ReservationPatch {
        properties: ReservationPatchProperties {
            renew: Some(on),
            ..ReservationPatchProperties::default()
        },
    }
}

/// How one row's change ended.
#[derive(Clone, Debug, PartialEq)]
pub enum RenewOutcome {
    /// Changed.
    Changed,
    /// Someone changed the reservation since the grid was loaded (412: stale ETag); nothing
    /// was changed on this row.
    Conflict,
    /// Another error; nothing was changed on this row.
    Failed(ClientError),
}

impl RenewOutcome {
    /// The outcome of one PATCH.
    pub fn of(result: &Result<Reservation, ClientError>) -> RenewOutcome {
        match result {
            Ok(_) => RenewOutcome::Changed,
            Err(e) if e.status() == Some(412) => RenewOutcome::Conflict,
            Err(e) => RenewOutcome::Failed(e.clone()),
        }
    }
}

/// How many rows changed, conflicted and failed otherwise.
pub fn tally(results: &[(RenewChange, RenewOutcome)]) -> (usize, usize, usize) {
    results
        .iter()
        .fold((0, 0, 0), |(ok, conflict, failed), (_, o)| match o {
            RenewOutcome::Changed => (ok + 1, conflict, failed),
            RenewOutcome::Conflict => (ok, conflict + 1, failed),
            RenewOutcome::Failed(_) => (ok, conflict, failed + 1),
        })
}

/// What renewing a reservation for the same term would cost at today's catalogue price.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenewalPreview {
    /// The day the renewal happens: the expiry date.
    pub date: NaiveDate,
    /// Today's catalogue price of one unit (Upfront: the whole term; Monthly: one month).
    pub unit_price: Decimal,
    /// The quantity renewed.
    pub quantity: u32,
    /// The monthly instalment (Monthly plans).
    pub instalment: Option<Decimal>,
    /// The price of the whole term.
    pub total: Decimal,
}

/// The renewal of an active reservation with a catalogue price: Upfront total = p × q; Monthly
/// instalment = p × q and total = p × q × months (no rounding: prices have two decimals).
pub fn preview(r: &Reservation) -> Option<RenewalPreview> {
    let p = &r.properties;
    if p.provisioning_state != ProvisioningState::Succeeded {
        return None;
    }
    let unit_price = p.current_unit_price?;
    let months = p.term.months()?;
    let price = unit_price * Decimal::from(p.quantity);
    let (instalment, total) = match p.billing_plan {
        BillingPlan::Monthly => (Some(price), price * Decimal::from(months)),
        _ => (None, price),
    };
    Some(RenewalPreview {
        date: p.expiry_date,
        unit_price,
        quantity: p.quantity,
        instalment,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Term, TransportError};
    use rust_decimal_macros::dec;

    fn row(id: &str, renew: bool, state: ProvisioningState) -> PortfolioRow {
        let mut row = crate::portfolio::tests::row("Contoso", &format!("vm-{id}"), dec!(0));
        row.reservation.id = crate::api::reservation_resource_id("o", id);
        row.reservation.etag = 3;
        row.reservation.properties.renew = renew;
        row.reservation.properties.provisioning_state = state;
        row
    }

    #[test]
    fn only_selected_active_rows_set_the_other_way_change() {
        let rows = vec![
            row("a", false, ProvisioningState::Succeeded),
            row("b", true, ProvisioningState::Succeeded),
            row("c", false, ProvisioningState::Expired),
            row("d", false, ProvisioningState::Succeeded),
        ];
        let selected: BTreeSet<String> = ["a", "b", "c"]
            .iter()
            .map(|id| crate::api::reservation_resource_id("o", id))
            .collect();
        let on = plan(&rows, &selected, true);
        assert_eq!(on.changes.len(), 1);
        assert_eq!(on.changes[0].name, "vm-a");
        assert_eq!(on.changes[0].etag, 3);
        assert_eq!(on.changes[0].key, ReservationKey::new("c", "o", "a"));
        assert_eq!(on.unchanged, 2);
        let off = plan(&rows, &selected, false);
        assert_eq!(off.changes.len(), 1);
        assert_eq!(off.changes[0].name, "vm-b");
        assert_eq!(renew_patch(false).properties.renew, Some(false));
    }

    #[test]
    fn a_stale_etag_is_a_conflict_other_errors_are_failures() {
        let api = |status: u16| ClientError::Api {
            status,
            code: "X".into(),
            message: "m".into(),
            target: None,
        };
        let change = plan(
            &[row("a", false, ProvisioningState::Succeeded)],
            &[crate::api::reservation_resource_id("o", "a")].into(),
            true,
        )
        .changes
        .remove(0);
        let results = vec![
            (
                change.clone(),
                RenewOutcome::of(&Ok(row("x", true, ProvisioningState::Succeeded).reservation)),
            ),
            (change.clone(), RenewOutcome::of(&Err(api(412)))),
            (change.clone(), RenewOutcome::of(&Err(api(403)))),
            (
                change,
                RenewOutcome::of(&Err(ClientError::Transport(TransportError::Timeout))),
            ),
        ];
        assert_eq!(results[1].1, RenewOutcome::Conflict);
        assert_eq!(tally(&results), (1, 1, 2));
    }

    #[test]
    fn the_renewal_costs_todays_price_times_quantity_for_the_same_term() {
        let mut r = row("a", false, ProvisioningState::Succeeded).reservation;
        r.properties.quantity = 4;
        r.properties.term = Term::P3Y;
        r.properties.billing_plan = BillingPlan::Monthly;
        r.properties.current_unit_price = Some(dec!(57.60));
        r.properties.expiry_date = "2027-02-01".parse().unwrap();
        let m = preview(&r).unwrap();
        assert_eq!(m.instalment, Some(dec!(230.40)));
        assert_eq!(m.total, dec!(8294.40));
        assert_eq!(m.date, r.properties.expiry_date);
        r.properties.billing_plan = BillingPlan::Upfront;
        r.properties.current_unit_price = Some(dec!(691.20));
        let u = preview(&r).unwrap();
        assert_eq!((u.instalment, u.total), (None, dec!(2764.80)));
        r.properties.current_unit_price = None;
        assert_eq!(preview(&r), None);
        r.properties.current_unit_price = Some(dec!(1));
        r.properties.provisioning_state = ProvisioningState::Expired;
        assert_eq!(preview(&r), None);
    }
}
