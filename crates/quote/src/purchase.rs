//! The price of a purchase (spec: "Purchase price and payment schedule"): q units at catalogue
//! price p for a term of `months` months. Upfront: total = p × q, charged once. Monthly:
//! instalment = p × q, total = p × q × months. No rounding: catalogue prices have at most two
//! decimals, so every amount is exact.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{BillingPlan, Term};

/// The fewest units one purchase may buy.
pub const MIN_PURCHASE_QUANTITY: u32 = 1;
/// The most units one purchase may buy.
pub const MAX_PURCHASE_QUANTITY: u32 = 10_000;

/// The price of a purchase, every amount in the catalogue's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchasePrice {
    /// The term bought.
    pub term: Term,
    /// The billing plan.
    pub billing_plan: BillingPlan,
    /// The months of the term.
    pub months: u32,
    /// How many units.
    pub quantity: u32,
    /// p: the catalogue price of one unit (Upfront: the whole term; Monthly: one month).
    pub unit_price: Decimal,
    /// One unit for the whole term: p (Upfront) or p × months (Monthly).
    pub unit_term_price: Decimal,
    /// Monthly: the monthly instalment p × q; absent for Upfront.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_instalment: Option<Decimal>,
    /// The total for the term: p × q (Upfront) or p × q × months (Monthly).
    pub total: Decimal,
    /// What is charged on the purchase day: the total (Upfront) or the first instalment (Monthly).
    pub due_today: Decimal,
}

/// Why a purchase has no price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code")]
pub enum PurchasePriceError {
    /// The term is not one of P1Y, P3Y, P5Y.
    UnknownTerm {
        /// The term as given.
        value: String,
    },
    /// The billing plan is not Upfront or Monthly.
    UnknownBillingPlan {
        /// The plan as given.
        value: String,
    },
    /// The quantity is outside [`MIN_PURCHASE_QUANTITY`]..=[`MAX_PURCHASE_QUANTITY`].
    QuantityOutOfRange {
        /// The quantity as given.
        quantity: u32,
        /// The fewest units allowed.
        min: u32,
        /// The most units allowed.
        max: u32,
    },
    /// The unit price is zero or negative.
    PriceNotPositive {
        /// The price as given.
        value: Decimal,
    },
    /// An amount does not fit in a decimal.
    Overflow,
}

/// Checks a purchase quantity: 1 to 10,000 units.
pub fn check_purchase_quantity(quantity: u32) -> Result<(), PurchasePriceError> {
    if (MIN_PURCHASE_QUANTITY..=MAX_PURCHASE_QUANTITY).contains(&quantity) {
        Ok(())
    } else {
        Err(PurchasePriceError::QuantityOutOfRange {
            quantity,
            min: MIN_PURCHASE_QUANTITY,
            max: MAX_PURCHASE_QUANTITY,
        })
    }
}

/// The price of buying `quantity` units of a product whose catalogue price is `unit_price`
/// (Upfront: one unit for the whole term; Monthly: one unit for one month).
pub fn purchase_price(
    term: &Term,
    billing_plan: &BillingPlan,
    unit_price: Decimal,
    quantity: u32,
) -> Result<PurchasePrice, PurchasePriceError> {
    let months = term
        .months()
        .ok_or_else(|| PurchasePriceError::UnknownTerm {
            value: term.to_string(),
        })?;
    if !billing_plan.is_known() {
        return Err(PurchasePriceError::UnknownBillingPlan {
            value: billing_plan.to_string(),
        });
    }
    check_purchase_quantity(quantity)?;
    if unit_price <= Decimal::ZERO {
        return Err(PurchasePriceError::PriceNotPositive { value: unit_price });
    }
    let mul = |a: Decimal, b: u32| {
        a.checked_mul(Decimal::from(b))
            .ok_or(PurchasePriceError::Overflow)
    };
    let per_charge = mul(unit_price, quantity)?;
    let (unit_term_price, monthly_instalment, total, due_today) = match billing_plan {
        BillingPlan::Monthly => (
            mul(unit_price, months)?,
            Some(per_charge),
            mul(per_charge, months)?,
            per_charge,
        ),
        _ => (unit_price, None, per_charge, per_charge),
    };
    Ok(PurchasePrice {
        term: term.clone(),
        billing_plan: billing_plan.clone(),
        months,
        quantity,
        unit_price,
        unit_term_price,
        monthly_instalment,
        total,
        due_today,
    })
}

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
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn upfront_is_p_times_q_charged_once() {
        let p = purchase_price(&Term::P3Y, &BillingPlan::Upfront, d("5253.12"), 2).unwrap();
        assert_eq!(p.months, 36);
        assert_eq!(p.unit_term_price, d("5253.12"));
        assert_eq!(p.monthly_instalment, None);
        assert_eq!(p.total, d("10506.24"));
        assert_eq!(p.due_today, d("10506.24"));
    }

    #[test]
    fn monthly_instalment_is_p_times_q_and_total_runs_for_the_term() {
        let p = purchase_price(&Term::P1Y, &BillingPlan::Monthly, d("57.60"), 4).unwrap();
        assert_eq!(p.months, 12);
        assert_eq!(p.unit_term_price, d("691.20"));
        assert_eq!(p.monthly_instalment, Some(d("230.40")));
        assert_eq!(p.total, d("2764.80"));
        assert_eq!(p.due_today, d("230.40"));
        let five = purchase_price(&Term::P5Y, &BillingPlan::Monthly, d("0.01"), 1).unwrap();
        assert_eq!(five.total, d("0.60"));
    }

    #[test]
    fn quantity_is_one_to_ten_thousand() {
        for q in [0, 10_001, u32::MAX] {
            assert_eq!(
                purchase_price(&Term::P1Y, &BillingPlan::Upfront, d("1"), q),
                Err(PurchasePriceError::QuantityOutOfRange {
                    quantity: q,
                    min: 1,
                    max: 10_000
                })
            );
        }
        assert!(purchase_price(&Term::P1Y, &BillingPlan::Upfront, d("1"), 1).is_ok());
        assert!(purchase_price(&Term::P1Y, &BillingPlan::Upfront, d("1"), 10_000).is_ok());
    }

    #[test]
    fn unknown_terms_plans_and_bad_prices_have_no_price() {
        let unknown_term = Term::parse("P2Y");
        assert!(matches!(
            purchase_price(&unknown_term, &BillingPlan::Upfront, d("1"), 1),
            Err(PurchasePriceError::UnknownTerm { .. })
        ));
        assert!(matches!(
            purchase_price(&Term::P1Y, &BillingPlan::parse("Weekly"), d("1"), 1),
            Err(PurchasePriceError::UnknownBillingPlan { .. })
        ));
        for bad in ["0", "-1.00"] {
            assert!(matches!(
                purchase_price(&Term::P1Y, &BillingPlan::Upfront, d(bad), 1),
                Err(PurchasePriceError::PriceNotPositive { .. })
            ));
        }
        assert_eq!(
            purchase_price(&Term::P5Y, &BillingPlan::Monthly, Decimal::MAX, 10_000),
            Err(PurchasePriceError::Overflow)
        );
    }

    #[test]
    fn serializes_as_the_engine_does() {
        let p = purchase_price(&Term::P1Y, &BillingPlan::Monthly, d("57.60"), 1).unwrap();
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["monthly_instalment"], "57.60");
        assert_eq!(json["billing_plan"], "Monthly");
        let back: PurchasePrice = serde_json::from_value(json).unwrap();
        assert_eq!(back, p);
    }

    fn cents() -> impl Strategy<Value = Decimal> {
        (1i64..100_000_000).prop_map(|c| Decimal::new(c, 2))
    }

    fn term() -> impl Strategy<Value = Term> {
        prop_oneof![Just(Term::P1Y), Just(Term::P3Y), Just(Term::P5Y)]
    }

    proptest! {
        #[test]
        fn totals_are_exact_cents_and_consistent(p in cents(), q in 1u32..=10_000, t in term()) {
            let up = purchase_price(&t, &BillingPlan::Upfront, p, q).unwrap();
            let mo = purchase_price(&t, &BillingPlan::Monthly, p, q).unwrap();
            let months = Decimal::from(t.months().unwrap());
            prop_assert_eq!(up.total, p * Decimal::from(q));
            prop_assert_eq!(up.due_today, up.total);
            let inst = mo.monthly_instalment.unwrap();
            prop_assert_eq!(inst, up.total);
            prop_assert_eq!(mo.total, inst * months);
            prop_assert_eq!(mo.due_today, inst);
            prop_assert_eq!(mo.unit_term_price * Decimal::from(q), mo.total);
            for amount in [up.total, mo.total, inst] {
                prop_assert_eq!(amount, amount.round_dp(2));
            }
            prop_assert!(mo.total >= up.total);
        }

        #[test]
        fn the_total_grows_with_the_quantity(p in cents(), q in 1u32..10_000, t in term()) {
            for plan in [BillingPlan::Upfront, BillingPlan::Monthly] {
                let a = purchase_price(&t, &plan, p, q).unwrap();
                let b = purchase_price(&t, &plan, p, q + 1).unwrap();
                prop_assert_eq!(b.total - a.total, a.unit_term_price);
            }
        }
    }

    #[test]
    fn upfront_is_price_times_quantity_monthly_times_the_months() {
        assert_eq!(
            purchase_total(&BillingPlan::Upfront, &Term::P3Y, d("1234.56"), 3),
            Some(d("3703.68"))
        );
        assert_eq!(
            purchase_total(&BillingPlan::Monthly, &Term::P1Y, d("70.08"), 4),
            Some(d("3363.84"))
        );
        assert_eq!(
            purchase_total(&BillingPlan::Monthly, &Term::P5Y, d("1"), 1),
            Some(d("60"))
        );
        assert_eq!(
            purchase_total(
                &BillingPlan::Upfront,
                &Term::Unknown("P2Y".into()),
                d("1"),
                1
            ),
            None
        );
        assert_eq!(
            purchase_total(
                &BillingPlan::Unknown("Yearly".into()),
                &Term::P1Y,
                d("1"),
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
