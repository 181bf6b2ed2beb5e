//! The price of a purchase (spec, "Purchase price and payment schedule").

use rust_decimal::Decimal;

use crate::model::{BillingPlan, Term};

/// The whole commitment of `quantity` units bought at `unit_price` (the plan's meaning: Upfront
/// the whole term for one unit, Monthly one month for one unit): Upfront p × q, Monthly
/// p × q × months. `None` for an unknown plan or term, or on overflow. Exact: no rounding.
pub fn purchase_total(
    plan: &BillingPlan,
    term: &Term,
    unit_price: Decimal,
    quantity: u32,
) -> Option<Decimal> {
    let once = unit_price.checked_mul(Decimal::from(quantity))?;
    match plan {
        BillingPlan::Upfront => term.months().map(|_| once),
        BillingPlan::Monthly => once.checked_mul(Decimal::from(term.months()?)),
        BillingPlan::Unknown(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn upfront_is_price_times_quantity_monthly_times_the_months() {
        assert_eq!(
            purchase_total(&BillingPlan::Upfront, &Term::P3Y, dec("1234.56"), 3),
            Some(dec("3703.68"))
        );
        assert_eq!(
            purchase_total(&BillingPlan::Monthly, &Term::P1Y, dec("70.08"), 4),
            Some(dec("3363.84"))
        );
        assert_eq!(
            purchase_total(&BillingPlan::Monthly, &Term::P5Y, dec("1"), 1),
            Some(dec("60"))
        );
        assert_eq!(
            purchase_total(
                &BillingPlan::Upfront,
                &Term::Unknown("P2Y".into()),
                dec("1"),
                1
            ),
            None
        );
        assert_eq!(
            purchase_total(
                &BillingPlan::Unknown("Yearly".into()),
                &Term::P1Y,
                dec("1"),
                1
            ),
            None
        );
        assert_eq!(
            purchase_total(&BillingPlan::Monthly, &Term::P5Y, Decimal::MAX, 2),
            None
        );
    }
}
