//! The payment schedule of a reservation order (spec: "Purchase price and payment schedule"):
//! its charges (paid, due or cancelled as of a day) and the credits of its returns and exchanges.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dates::add_months;
use crate::exact::round2;
use crate::model::{BillingPlan, Term};

/// What reduced an order's quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChangeKind {
    /// Units returned for a refund.
    Return,
    /// Units handed back in an exchange.
    Exchange,
}

/// Units leaving an order on a day, with the refund the quote gave for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuantityChange {
    /// The day D of the return or exchange.
    pub date: NaiveDate,
    /// A return or an exchange.
    pub kind: ChangeKind,
    /// How many units left.
    pub quantity: u32,
    /// The quote's `refund` (a return) or the line's refund (an exchange), USD.
    pub refund: Decimal,
}

/// Units of an order bought at one unit price, and what later left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleLine {
    /// Upfront: one unit for the whole term; Monthly: one unit for one month.
    pub unit_price: Decimal,
    /// The quantity bought on the purchase date.
    pub quantity: u32,
    /// Returns and exchanges of these units, in any order.
    #[serde(default)]
    pub changes: Vec<QuantityChange>,
}

/// A reservation order as the schedule needs it. Splits and merges keep the unit price and the
/// order's total quantity, so an order's lines may be its reservations or its price groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleOrder {
    /// The purchase date S.
    pub purchase_date: NaiveDate,
    /// The term.
    pub term: Term,
    /// The billing plan.
    pub billing_plan: BillingPlan,
    /// What was bought.
    pub lines: Vec<ScheduleLine>,
}

/// Where a charge stands as of the schedule's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChargeStatus {
    /// Dated on or before the day.
    Paid,
    /// Dated after the day.
    Due,
    /// Dated after returns and exchanges took every unit: nothing is charged.
    Cancelled,
}

/// One charge of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Charge {
    /// The instalment number k (0 for the Upfront charge).
    pub instalment: u32,
    /// add_months(S, k).
    pub date: NaiveDate,
    /// The quantity held that day (the quantity bought for Upfront).
    pub quantity: u32,
    /// Σ unit_price × quantity, USD.
    pub amount: Decimal,
    /// Paid, due or cancelled.
    pub status: ChargeStatus,
}

/// One credit of an order: the refund of a return or of an exchanged line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credit {
    /// The day of the return or exchange.
    pub date: NaiveDate,
    /// A return or an exchange.
    pub kind: ChangeKind,
    /// Units that left.
    pub quantity: u32,
    /// The refund, USD (positive: money back).
    pub amount: Decimal,
}

/// An order's schedule as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    /// Every charge, by date (Monthly: one per month of the term).
    pub charges: Vec<Charge>,
    /// Every credit, by date.
    pub credits: Vec<Credit>,
    /// Σ charges.
    pub total_charges: Decimal,
    /// Σ charges that are paid.
    pub paid: Decimal,
    /// Σ charges that are due.
    pub due: Decimal,
    /// Σ credits.
    pub total_credits: Decimal,
}

/// Why an order has no schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScheduleError {
    /// The term or billing plan is not one of the spec's.
    UnknownTermOrPlan,
    /// More units left a line than it had.
    ChangesExceedQuantity,
    /// An amount or a date does not fit.
    Overflow,
}

impl ScheduleLine {
    /// The quantity of this line charged on `date`: what was bought minus what left before it
    /// (a charge on the day of a return is still for the quantity before it).
    pub fn held_on(&self, date: NaiveDate) -> Option<u32> {
        let left = self
            .changes
            .iter()
            .filter(|c| c.date < date)
            .try_fold(0u32, |acc, c| acc.checked_add(c.quantity))?;
        self.quantity.checked_sub(left)
    }
}

/// The order's schedule as of `today`: Upfront one charge on S; Monthly charge k on
/// add_months(S, k) for the quantity held that day; a credit of each change's refund on its day.
pub fn payment_schedule(
    order: &ScheduleOrder,
    today: NaiveDate,
) -> Result<Schedule, ScheduleError> {
    let months = match (&order.billing_plan, order.term.months()) {
        (BillingPlan::Upfront, Some(_)) => 1,
        (BillingPlan::Monthly, Some(m)) => m,
        _ => return Err(ScheduleError::UnknownTermOrPlan),
    };
    for line in &order.lines {
        let left = line
            .changes
            .iter()
            .try_fold(0u32, |acc, c| acc.checked_add(c.quantity))
            .ok_or(ScheduleError::Overflow)?;
        if left > line.quantity {
            return Err(ScheduleError::ChangesExceedQuantity);
        }
    }
    let mut charges = Vec::with_capacity(months as usize);
    for k in 0..months {
        let date = add_months(order.purchase_date, k).ok_or(ScheduleError::Overflow)?;
        let (mut quantity, mut amount) = (0u32, Decimal::ZERO);
        for line in &order.lines {
            // Upfront: one charge for everything bought, whatever leaves later.
            let held = if order.billing_plan == BillingPlan::Upfront {
                line.quantity
            } else {
                line.held_on(date).ok_or(ScheduleError::Overflow)?
            };
            quantity = quantity.checked_add(held).ok_or(ScheduleError::Overflow)?;
            amount = line
                .unit_price
                .checked_mul(Decimal::from(held))
                .and_then(|a| amount.checked_add(a))
                .ok_or(ScheduleError::Overflow)?;
        }
        let status = if quantity == 0 {
            ChargeStatus::Cancelled
        } else if date <= today {
            ChargeStatus::Paid
        } else {
            ChargeStatus::Due
        };
        charges.push(Charge {
            instalment: k,
            date,
            quantity,
            amount: round2(amount),
            status,
        });
    }
    let mut credits: Vec<Credit> = order
        .lines
        .iter()
        .flat_map(|l| l.changes.iter())
        .map(|c| Credit {
            date: c.date,
            kind: c.kind,
            quantity: c.quantity,
            amount: round2(c.refund),
        })
        .collect();
    credits.sort_by_key(|c| c.date);
    let sum_where = |f: &dyn Fn(&Charge) -> bool| {
        charges
            .iter()
            .filter(|c| f(c))
            .try_fold(Decimal::ZERO, |a, c| a.checked_add(c.amount))
            .map(round2)
            .ok_or(ScheduleError::Overflow)
    };
    let total_charges = sum_where(&|_| true)?;
    let paid = sum_where(&|c| c.status == ChargeStatus::Paid)?;
    let due = sum_where(&|c| c.status == ChargeStatus::Due)?;
    let total_credits = credits
        .iter()
        .try_fold(Decimal::ZERO, |a, c| a.checked_add(c.amount))
        .map(round2)
        .ok_or(ScheduleError::Overflow)?;
    Ok(Schedule {
        total_charges,
        paid,
        due,
        total_credits,
        charges,
        credits,
    })
}

/// A calendar month, as (year, month 1–12).
pub type YearMonth = (i32, u32);

/// The month of a day.
pub fn month_of(d: NaiveDate) -> YearMonth {
    (d.year(), d.month())
}

/// The month `n` months after (or before, when negative) `m`.
pub fn shift_month((y, m): YearMonth, n: i32) -> YearMonth {
    let i = y * 12 + (m as i32 - 1) + n;
    (i.div_euclid(12), (i.rem_euclid(12) + 1) as u32)
}

/// Charges and credits of one calendar month, summed over schedules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthTotals {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// Σ charges dated in the month (cancelled ones are zero).
    pub charges: Decimal,
    /// Σ credits dated in the month.
    pub credits: Decimal,
    /// charges − credits.
    pub net: Decimal,
}

/// The totals of `count` consecutive months from `first`, over every schedule (months with
/// nothing are zero). Credits appear in the month they happened.
pub fn monthly_totals<'a>(
    schedules: impl IntoIterator<Item = &'a Schedule>,
    first: YearMonth,
    count: u32,
) -> Vec<MonthTotals> {
    let mut out: Vec<MonthTotals> = (0..count as i32)
        .map(|i| {
            let (year, month) = shift_month(first, i);
            MonthTotals {
                year,
                month,
                charges: Decimal::ZERO,
                credits: Decimal::ZERO,
                net: Decimal::ZERO,
            }
        })
        .collect();
    let slot = |d: NaiveDate| {
        let (y, m) = month_of(d);
        let i = (y - first.0) * 12 + (m as i32 - first.1 as i32);
        usize::try_from(i).ok().filter(|i| *i < out.len())
    };
    let mut add = Vec::new();
    for s in schedules {
        for c in &s.charges {
            if let Some(i) = slot(c.date) {
                add.push((i, c.amount, Decimal::ZERO));
            }
        }
        for c in &s.credits {
            if let Some(i) = slot(c.date) {
                add.push((i, Decimal::ZERO, c.amount));
            }
        }
    }
    for (i, charge, credit) in add {
        if let Some(m) = out.get_mut(i) {
            m.charges = m.charges.saturating_add(charge);
            m.credits = m.credits.saturating_add(credit);
        }
    }
    for m in &mut out {
        m.charges = round2(m.charges);
        m.credits = round2(m.credits);
        m.net = round2(m.charges - m.credits);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::purchase::purchase_total;
    use std::str::FromStr;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn order(plan: BillingPlan, term: Term, lines: Vec<ScheduleLine>) -> ScheduleOrder {
        ScheduleOrder {
            purchase_date: d(2025, 1, 31),
            term,
            billing_plan: plan,
            lines,
        }
    }

    fn line(price: &str, quantity: u32, changes: Vec<QuantityChange>) -> ScheduleLine {
        ScheduleLine {
            unit_price: dec(price),
            quantity,
            changes,
        }
    }

    fn change(date: NaiveDate, kind: ChangeKind, quantity: u32, refund: &str) -> QuantityChange {
        QuantityChange {
            date,
            kind,
            quantity,
            refund: dec(refund),
        }
    }

    #[test]
    fn upfront_is_one_charge_on_the_purchase_day() {
        let o = order(
            BillingPlan::Upfront,
            Term::P3Y,
            vec![line(
                "2400.10",
                3,
                vec![change(d(2025, 6, 1), ChangeKind::Return, 1, "1500.55")],
            )],
        );
        let s = payment_schedule(&o, d(2025, 7, 1)).unwrap();
        assert_eq!(s.charges.len(), 1);
        assert_eq!(s.charges[0].date, d(2025, 1, 31));
        assert_eq!(s.charges[0].quantity, 3);
        assert_eq!(s.charges[0].amount, dec("7200.30"));
        assert_eq!(s.charges[0].status, ChargeStatus::Paid);
        assert_eq!(s.total_charges, dec("7200.30"));
        assert_eq!(s.credits.len(), 1);
        assert_eq!(s.total_credits, dec("1500.55"));
        assert_eq!(s.due, Decimal::ZERO);
        assert_eq!(
            purchase_total(&BillingPlan::Upfront, &Term::P3Y, dec("2400.10"), 3),
            Some(dec("7200.30"))
        );
    }

    #[test]
    fn monthly_instalments_follow_add_months_and_today() {
        let o = order(
            BillingPlan::Monthly,
            Term::P1Y,
            vec![line("10.25", 4, Vec::new())],
        );
        let s = payment_schedule(&o, d(2025, 3, 31)).unwrap();
        assert_eq!(s.charges.len(), 12);
        assert_eq!(s.charges[1].date, d(2025, 2, 28));
        assert_eq!(s.charges[2].date, d(2025, 3, 31));
        assert_eq!(s.charges[2].status, ChargeStatus::Paid);
        assert_eq!(s.charges[3].status, ChargeStatus::Due);
        assert!(s.charges.iter().all(|c| c.amount == dec("41.00")));
        assert_eq!(s.paid, dec("123.00"));
        assert_eq!(s.due, dec("369.00"));
        assert_eq!(s.total_charges, dec("492.00"));
        assert_eq!(
            purchase_total(&BillingPlan::Monthly, &Term::P1Y, dec("10.25"), 4),
            Some(s.total_charges)
        );
    }

    #[test]
    fn a_return_lowers_the_charges_after_its_day_only() {
        // Returned on the day of instalment 2 (2025-03-31): that one is still for 4 units.
        let o = order(
            BillingPlan::Monthly,
            Term::P1Y,
            vec![line(
                "10.00",
                4,
                vec![
                    change(d(2025, 3, 31), ChangeKind::Return, 1, "5.10"),
                    change(d(2025, 6, 15), ChangeKind::Exchange, 3, "7.77"),
                ],
            )],
        );
        let s = payment_schedule(&o, d(2025, 7, 1)).unwrap();
        let q: Vec<u32> = s.charges.iter().map(|c| c.quantity).collect();
        assert_eq!(q, vec![4, 4, 4, 3, 3, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(s.charges[5].status, ChargeStatus::Cancelled);
        assert_eq!(s.charges[5].amount, Decimal::ZERO);
        assert_eq!(s.total_charges, dec("180.00"));
        assert_eq!(s.due, Decimal::ZERO);
        assert_eq!(s.total_credits, dec("12.87"));
        assert_eq!(s.credits[0].kind, ChangeKind::Return);
        assert_eq!(s.credits[1].kind, ChangeKind::Exchange);
    }

    #[test]
    fn lines_at_different_prices_add_up() {
        let o = order(
            BillingPlan::Monthly,
            Term::P1Y,
            vec![line("1.01", 2, Vec::new()), line("2.02", 1, Vec::new())],
        );
        let s = payment_schedule(&o, d(2025, 1, 1)).unwrap();
        assert_eq!(s.charges[0].amount, dec("4.04"));
        assert_eq!(s.charges[0].quantity, 3);
        assert_eq!(s.charges[0].status, ChargeStatus::Due);
    }

    #[test]
    fn bad_orders_have_no_schedule() {
        let o = order(
            BillingPlan::Unknown("Yearly".into()),
            Term::P1Y,
            vec![line("1", 1, Vec::new())],
        );
        assert_eq!(
            payment_schedule(&o, d(2025, 1, 1)),
            Err(ScheduleError::UnknownTermOrPlan)
        );
        let o = order(
            BillingPlan::Monthly,
            Term::P1Y,
            vec![line(
                "1",
                1,
                vec![change(d(2025, 2, 1), ChangeKind::Return, 2, "1")],
            )],
        );
        assert_eq!(
            payment_schedule(&o, d(2025, 1, 1)),
            Err(ScheduleError::ChangesExceedQuantity)
        );
    }

    #[test]
    fn months_window_and_credits_in_their_month() {
        let o = order(
            BillingPlan::Monthly,
            Term::P1Y,
            vec![line(
                "10.00",
                2,
                vec![change(d(2025, 3, 5), ChangeKind::Return, 1, "3.33")],
            )],
        );
        let s = payment_schedule(&o, d(2025, 3, 5)).unwrap();
        let m = monthly_totals([&s], (2024, 12), 4);
        assert_eq!(
            m.iter().map(|m| (m.year, m.month)).collect::<Vec<_>>(),
            vec![(2024, 12), (2025, 1), (2025, 2), (2025, 3)]
        );
        assert_eq!(m[0].charges, Decimal::ZERO);
        assert_eq!(m[1].charges, dec("20.00"));
        assert_eq!(m[3].charges, dec("10.00"));
        assert_eq!(m[3].credits, dec("3.33"));
        assert_eq!(m[3].net, dec("6.67"));
        assert_eq!(shift_month((2025, 1), -1), (2024, 12));
        assert_eq!(shift_month((2025, 12), 13), (2027, 1));
    }
}
