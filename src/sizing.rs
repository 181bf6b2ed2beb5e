//! Sizing recommendations as plain functions, tested natively: for each active reservation used
//! under a threshold over 30 days, return the unused units (with the engine's refund quote) or
//! exchange to a smaller size of the same instance size flexibility group (with the expected
//! utilization after), sorted by the money at stake.

use chrono::NaiveDate;
use reservation_quote as quote;
use rust_decimal::Decimal;

use crate::api::{
    Client, ClientError, PortfolioRow, PriceEntry, PriceQuery, ProvisioningState, ReservationKey,
    Transport,
};
use crate::list_state::ListState;
use crate::portfolio::{load_all, FILTERS};

/// The utilization (percent, 30 days) under which a reservation gets a recommendation.
pub const DEFAULT_THRESHOLD: u32 = 80;

/// The threshold in a URL value: a whole percent from 1 to 100, else the default.
pub fn threshold_from(value: Option<&str>) -> u32 {
    value
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|v| (1..=100).contains(v))
        .unwrap_or(DEFAULT_THRESHOLD)
}

/// Returning the units the usage does not need.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnOption {
    /// Units to return: the quantity minus the units the 30-day usage needs (rounded up).
    pub quantity: u32,
    /// The engine's quote for returning them today.
    pub quote: quote::RefundQuote,
}

/// Exchanging every unit for fewer capacity of a smaller size of the same group.
#[derive(Clone, Debug, PartialEq)]
pub struct ExchangeOption {
    /// The smaller SKU.
    pub sku: String,
    /// Units of it to buy: enough for the 30-day usage.
    pub quantity: u32,
    /// Its unit price (same region, term and plan).
    pub unit_price: Decimal,
    /// The utilization expected after the exchange, in percent.
    pub expected_utilization: Decimal,
    /// The engine's exchange quote (return all units, buy these).
    pub quote: quote::ExchangeQuote,
}

/// One recommendation.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    /// The reservation.
    pub key: ReservationKey,
    /// Its customer's company name.
    pub company: String,
    /// Its name.
    pub name: String,
    /// Its SKU.
    pub sku: String,
    /// Units held.
    pub quantity: u32,
    /// 30-day utilization, percent.
    pub utilization: Decimal,
    /// Return the unused units (absent when every unit is needed).
    pub refund: Option<ReturnOption>,
    /// Exchange to a smaller size (absent without a smaller size that the rules allow).
    pub exchange: Option<ExchangeOption>,
    /// The remaining commitment of the unused capacity: what sizing could save.
    pub at_stake: Decimal,
}

/// Units the usage needs: ⌈quantity × utilization / 100⌉, at least one.
pub fn needed_units(quantity: u32, utilization: Decimal) -> u32 {
    let need = (Decimal::from(quantity) * utilization / Decimal::ONE_HUNDRED).ceil();
    u32::try_from(need.mantissa() / 10i128.pow(need.scale()))
        .unwrap_or(quantity)
        .clamp(1, quantity.max(1))
}

/// The best smaller size: the one whose units cover the used capacity most tightly.
fn smaller_size(
    row: &PortfolioRow,
    utilization: Decimal,
    catalogue: &[PriceEntry],
    today: NaiveDate,
) -> Option<ExchangeOption> {
    let r = &row.reservation;
    let p = &r.properties;
    let own = catalogue.iter().find(|e| e.sku_name == r.sku.name)?;
    let (group, ratio) = (
        own.instance_flexibility_group.as_ref()?,
        own.instance_flexibility_ratio?,
    );
    // Used capacity in units of the group's smallest size.
    let used =
        Decimal::from(p.quantity) * Decimal::from(ratio) * utilization / Decimal::ONE_HUNDRED;
    let held = p.quantity * ratio;
    catalogue
        .iter()
        .filter(|e| {
            e.instance_flexibility_group.as_ref() == Some(group)
                && e.instance_flexibility_ratio.is_some_and(|x| x < ratio)
                && e.location == r.location
                && e.term == p.term
                && e.billing_plan == p.billing_plan
        })
        .filter_map(|e| {
            let size = e.instance_flexibility_ratio?;
            let n = (used / Decimal::from(size)).ceil().max(Decimal::ONE);
            let n = u32::try_from(n.mantissa() / 10i128.pow(n.scale())).ok()?;
            if n * size >= held {
                return None;
            }
            let expected = (used * Decimal::ONE_HUNDRED / Decimal::from(n * size)).round_dp(1);
            let q = quote::exchange_quote(
                &[quote::ReturnLine {
                    reservation: r.into(),
                    quantity: Decimal::from(p.quantity),
                }],
                &[quote::PurchaseLine {
                    family: p.reserved_resource_type.clone(),
                    term: e.term.clone(),
                    billing_plan: e.billing_plan.clone(),
                    unit_price: e.unit_price,
                    quantity: Decimal::from(n),
                }],
                today,
                &quote::Policy::default(),
            );
            q.is_allowed().then(|| ExchangeOption {
                sku: e.sku_name.clone(),
                quantity: n,
                unit_price: e.unit_price,
                expected_utilization: expected,
                quote: q,
            })
        })
        .max_by(|a, b| {
            a.expected_utilization
                .cmp(&b.expected_utilization)
                .then_with(|| b.unit_price.cmp(&a.unit_price))
        })
}

/// The recommendations for these rows (active ones under `threshold` percent over 30 days), the
/// refund quoted under each customer's headroom, sorted by the money at stake (largest first).
pub fn recommend(
    rows: &[PortfolioRow],
    catalogue: &[PriceEntry],
    threshold: u32,
    today: NaiveDate,
) -> Vec<Recommendation> {
    let mut out: Vec<Recommendation> = rows
        .iter()
        .filter_map(|row| {
            let r = &row.reservation;
            let p = &r.properties;
            let utilization = p.utilization.as_ref()?.average(30)?;
            if p.provisioning_state != ProvisioningState::Succeeded
                || utilization >= Decimal::from(threshold)
            {
                return None;
            }
            let unused = p.quantity - needed_units(p.quantity, utilization);
            // The headroom is the limit minus what counts today: the same check as the history.
            let policy = quote::Policy {
                refund_limit_usd: row.refund_headroom,
                ..quote::Policy::default()
            };
            let refund = (unused > 0).then(|| ReturnOption {
                quantity: unused,
                quote: quote::refund_quote(&r.into(), Decimal::from(unused), today, &[], &policy),
            });
            let exchange = smaller_size(row, utilization, catalogue, today);
            if refund.is_none() && exchange.is_none() {
                return None;
            }
            // What the unused capacity still commits the customer to.
            let unused_share = Decimal::ONE - utilization / Decimal::ONE_HUNDRED;
            let full = quote::refund_quote(
                &r.into(),
                Decimal::from(p.quantity),
                today,
                &[],
                &quote::Policy::default(),
            );
            let at_stake =
                (full.remaining_commitment.unwrap_or_default() * unused_share).round_dp(2);
            Some(Recommendation {
                key: ReservationKey::new(&row.customer_id, r.order_id(), r.reservation_id()),
                company: row.company_name.clone(),
                name: p.display_name.clone(),
                sku: r.sku.name.clone(),
                quantity: p.quantity,
                utilization,
                refund,
                exchange,
                at_stake,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.at_stake
            .cmp(&a.at_stake)
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Loads what the recommendations need: the active rows under the threshold (of one customer,
/// or every customer) and the VM price catalogue.
pub async fn load<T: Transport>(
    client: &Client<T>,
    customer: Option<&str>,
    threshold: u32,
) -> Result<(Vec<PortfolioRow>, Vec<PriceEntry>), ClientError> {
    let below = threshold.to_string();
    let state = ListState::from_query(
        |k| match k {
            "status" => Some(ProvisioningState::Succeeded.as_str().to_string()),
            "below" => Some(below.clone()),
            "customer" => customer.map(str::to_string),
            _ => None,
        },
        &FILTERS,
    );
    let rows = load_all(client, &state).await?;
    let catalogue = client
        .price_catalogue(&PriceQuery {
            family: Some(crate::api::Family::VirtualMachines),
            ..PriceQuery::default()
        })
        .await?
        .value;
    Ok((rows, catalogue))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reservation_mock::demo::{CONTOSO_ID, VM_MONTHLY};
    use reservation_mock::{InProcessTransport, MemoryStorage, MockBackend};
    use rust_decimal_macros::dec;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default()
    }

    fn client() -> Client<InProcessTransport> {
        let backend = MockBackend::load(Box::new(MemoryStorage::new()), today());
        Client::new(InProcessTransport::new(backend, today()))
    }

    #[test]
    fn needs_enough_units_for_the_usage() {
        assert_eq!(needed_units(4, dec!(25)), 1);
        assert_eq!(needed_units(4, dec!(25.1)), 2);
        assert_eq!(needed_units(6, dec!(50)), 3);
        assert_eq!(needed_units(1, dec!(10)), 1);
        assert_eq!(needed_units(3, dec!(0)), 1);
        assert_eq!(threshold_from(Some("65")), 65);
        assert_eq!(threshold_from(Some("0")), DEFAULT_THRESHOLD);
        assert_eq!(threshold_from(Some("x")), DEFAULT_THRESHOLD);
        assert_eq!(threshold_from(None), DEFAULT_THRESHOLD);
    }

    #[test]
    fn recommends_for_contoso_under_the_threshold_sorted_by_money() {
        let c = client();
        let (rows, catalogue) =
            pollster::block_on(load(&c, Some(CONTOSO_ID), DEFAULT_THRESHOLD)).expect("loaded");
        let recs = recommend(&rows, &catalogue, DEFAULT_THRESHOLD, today());
        assert!(!recs.is_empty());
        assert!(recs.windows(2).all(|w| w[0].at_stake >= w[1].at_stake));
        assert!(recs.iter().all(|r| r.utilization < dec!(80)));
        // The poorly used monthly D2s_v5 (4 units, ~25 %): return the units it does not need,
        // quoted by the engine exactly as the Refund page quotes them.
        let vm = recs
            .iter()
            .find(|r| r.key.reservation == VM_MONTHLY.1)
            .expect("the monthly VM");
        let ret = vm.refund.as_ref().expect("a return");
        assert_eq!(ret.quantity, 4 - needed_units(4, vm.utilization));
        let usage = pollster::block_on(c.refund_limit_usage(CONTOSO_ID)).expect("usage");
        let res = pollster::block_on(c.get_reservation(&vm.key)).expect("reservation");
        let direct =
            crate::api::engine::refund_quote(&res, Decimal::from(ret.quantity), &usage, today());
        assert_eq!(ret.quote.refund, direct.refund);
        assert_eq!(ret.quote.errors, direct.errors);
        // D2s_v5 is the smallest of its group: no smaller size.
        assert!(vm.exchange.is_none());
        // Nothing at or over the threshold, nothing inactive.
        let lower = recommend(&rows, &catalogue, 20, today());
        assert!(lower.iter().all(|r| r.utilization < dec!(20)));
    }

    #[test]
    fn a_smaller_size_of_the_same_group_covers_the_usage() {
        let c = client();
        let (rows, catalogue) = pollster::block_on(load(&c, None, 50)).expect("loaded");
        let recs = recommend(&rows, &catalogue, 50, today());
        let with_exchange: Vec<_> = recs.iter().filter(|r| r.exchange.is_some()).collect();
        assert!(!with_exchange.is_empty());
        for r in with_exchange {
            let x = r.exchange.as_ref().expect("an exchange");
            let own = catalogue
                .iter()
                .find(|e| e.sku_name == r.sku)
                .expect("own entry");
            let new = catalogue
                .iter()
                .find(|e| e.sku_name == x.sku)
                .expect("new entry");
            assert_eq!(
                own.instance_flexibility_group,
                new.instance_flexibility_group
            );
            let (old_ratio, new_ratio) = (
                own.instance_flexibility_ratio.unwrap_or(0),
                new.instance_flexibility_ratio.unwrap_or(0),
            );
            assert!(new_ratio < old_ratio);
            // Enough capacity for the usage, less than before, and the utilization after.
            let used = Decimal::from(r.quantity * old_ratio) * r.utilization / dec!(100);
            let cap = Decimal::from(x.quantity * new_ratio);
            assert!(cap >= used && x.quantity * new_ratio < r.quantity * old_ratio);
            assert_eq!(x.expected_utilization, (used * dec!(100) / cap).round_dp(1));
            assert!(x.quote.is_allowed());
        }
    }
}
