//! The Billing page's logic as plain functions, tested natively: the months window (the last 12
//! and the next 12 months), the chart's bar heights, and the CSV export of the schedule.

use chrono::NaiveDate;
use reservation_quote::{month_of, monthly_totals, shift_month, MonthTotals, YearMonth};
use rust_decimal::Decimal;

use crate::api::{ChargeStatus, CustomerBilling, OrderBilling};
use crate::csv_export::{self, plain_money};

/// Months shown before the current one (the current one is the last of "the last 12").
pub const MONTHS_BEFORE: i32 = 11;
/// Months shown in all: the last 12 (with the current one) and the next 12.
pub const MONTHS_SHOWN: u32 = 24;

/// The first month of the window around `as_of`.
pub fn window_start(as_of: NaiveDate) -> YearMonth {
    shift_month(month_of(as_of), -MONTHS_BEFORE)
}

/// Charges and credits per month over the window, every order together.
pub fn months(b: &CustomerBilling) -> Vec<MonthTotals> {
    monthly_totals(
        b.orders.iter().map(|o| &o.schedule),
        window_start(b.as_of),
        MONTHS_SHOWN,
    )
}

/// Whether a month is after the month of `as_of` (its charges are still to come).
pub fn is_future(m: &MonthTotals, as_of: NaiveDate) -> bool {
    (m.year, m.month) > month_of(as_of)
}

/// Bar heights in percent of the largest charge or credit of the window: (charges, credits).
pub fn heights(months: &[MonthTotals]) -> Vec<(Decimal, Decimal)> {
    let top = months
        .iter()
        .flat_map(|m| [m.charges, m.credits])
        .max()
        .unwrap_or_default();
    let pct = |v: Decimal| {
        if top.is_zero() {
            Decimal::ZERO
        } else {
            (v * Decimal::ONE_HUNDRED / top).round_dp(2)
        }
    };
    months
        .iter()
        .map(|m| (pct(m.charges), pct(m.credits)))
        .collect()
}

/// The schedule's CSV column keys (their labels are in the locale files), in order.
pub const CSV_COLUMNS: [&str; 12] = [
    "billing.csv.order",
    "reservations.col.name",
    "reservations.filter_family",
    "reservations.col.sku",
    "reservations.col.term",
    "reservations.col.billing",
    "billing.csv.entry",
    "billing.col.instalment",
    "billing.col.date",
    "reservations.col.quantity",
    "billing.csv.amount",
    "reservations.col.status",
];

/// One order's rows: its charges, then its credits (negative amounts), values as the API gives
/// them (ISO dates, enumeration names) so a spreadsheet can sort and sum them.
fn order_records(o: &OrderBilling) -> Vec<Vec<String>> {
    let head = || {
        vec![
            o.reservation_order_id.clone(),
            o.display_name.clone(),
            o.reserved_resource_type.as_str().to_string(),
            o.sku_name.clone(),
            o.term.as_str().to_string(),
            o.billing_plan.as_str().to_string(),
        ]
    };
    let charges = o.schedule.charges.iter().map(|c| {
        let mut r = head();
        r.extend([
            "Charge".to_string(),
            (c.instalment + 1).to_string(),
            c.date.to_string(),
            c.quantity.to_string(),
            plain_money(c.amount),
            format!("{:?}", c.status),
        ]);
        r
    });
    let credits = o.schedule.credits.iter().map(|c| {
        let mut r = head();
        r.extend([
            format!("{:?}", c.kind),
            String::new(),
            c.date.to_string(),
            c.quantity.to_string(),
            plain_money(-c.amount),
            String::new(),
        ]);
        r
    });
    charges.chain(credits).collect()
}

/// The CSV file of every order's schedule (see [`csv_export`]).
pub fn csv_bytes(b: &CustomerBilling, headers: &[String]) -> Result<Vec<u8>, csv::Error> {
    csv_export::document(headers, b.orders.iter().flat_map(order_records))
}

/// The export's file name: `billing-<customer>-2026-11-28.csv`.
pub fn csv_file_name(b: &CustomerBilling) -> String {
    format!("billing-{}-{}.csv", b.customer_id, b.as_of)
}

/// How many charges of an order are in each status: (paid, due, cancelled).
pub fn status_counts(o: &OrderBilling) -> (usize, usize, usize) {
    let n = |s: ChargeStatus| o.schedule.charges.iter().filter(|c| c.status == s).count();
    (
        n(ChargeStatus::Paid),
        n(ChargeStatus::Due),
        n(ChargeStatus::Cancelled),
    )
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

    fn contoso() -> CustomerBilling {
        let backend = MockBackend::load(Box::new(MemoryStorage::new()), today());
        let client = crate::api::Client::new(InProcessTransport::new(backend, today()));
        pollster::block_on(client.billing(CONTOSO_ID)).expect("billing")
    }

    #[test]
    fn the_window_is_the_last_12_and_the_next_12_months() {
        let b = contoso();
        let m = months(&b);
        assert_eq!(m.len(), 24);
        assert_eq!((m[0].year, m[0].month), (2025, 12));
        assert_eq!((m[11].year, m[11].month), (2026, 11));
        assert_eq!((m[23].year, m[23].month), (2027, 11));
        assert!(!is_future(&m[11], b.as_of));
        assert!(is_future(&m[12], b.as_of));
        // Every charge and credit dated in the window is in its month.
        let in_window = |d: NaiveDate| {
            let ym = month_of(d);
            ((2025, 12)..=(2027, 11)).contains(&ym)
        };
        let charges: Decimal = b
            .orders
            .iter()
            .flat_map(|o| &o.schedule.charges)
            .filter(|c| in_window(c.date))
            .map(|c| c.amount)
            .sum();
        let credits: Decimal = b
            .orders
            .iter()
            .flat_map(|o| &o.schedule.credits)
            .filter(|c| in_window(c.date))
            .map(|c| c.amount)
            .sum();
        assert_eq!(m.iter().map(|m| m.charges).sum::<Decimal>(), charges);
        assert_eq!(m.iter().map(|m| m.credits).sum::<Decimal>(), credits);
        assert!(credits > Decimal::ZERO);
    }

    #[test]
    fn heights_scale_to_the_largest_bar() {
        let m = |charges, credits| MonthTotals {
            year: 2026,
            month: 1,
            charges,
            credits,
            net: charges - credits,
        };
        assert_eq!(
            heights(&[m(dec!(50), dec!(0)), m(dec!(200), dec!(25))]),
            vec![(dec!(25), dec!(0)), (dec!(100), dec!(12.5))]
        );
        assert_eq!(heights(&[m(dec!(0), dec!(0))]), vec![(dec!(0), dec!(0))]);
    }

    #[test]
    fn exports_every_charge_and_credit() {
        let b = contoso();
        let headers: Vec<String> = CSV_COLUMNS.iter().map(|s| s.to_string()).collect();
        let bytes = csv_bytes(&b, &headers).unwrap_or_default();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let text = String::from_utf8(bytes).unwrap_or_default();
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        let entries: usize = b
            .orders
            .iter()
            .map(|o| o.schedule.charges.len() + o.schedule.credits.len())
            .sum();
        assert_eq!(lines.len(), entries + 1);
        // The monthly VM: 12 instalments, the first paid, amounts with two places.
        let monthly: Vec<&&str> = lines
            .iter()
            .filter(|l| l.starts_with(VM_MONTHLY.0))
            .collect();
        assert_eq!(monthly.len(), 12);
        assert!(monthly[0].contains(",Charge,1,2026-08-25,4,"));
        assert!(monthly[0].ends_with(",Paid"));
        // Credits are negative; amounts add up to charges − credits.
        let total: Decimal = lines[1..]
            .iter()
            .filter_map(|l| l.split(',').nth(10))
            .filter_map(|a| a.parse::<Decimal>().ok())
            .sum();
        assert_eq!(
            total,
            b.orders
                .iter()
                .map(|o| o.schedule.total_charges - o.schedule.total_credits)
                .sum::<Decimal>()
        );
        assert!(text.contains(",Return,,"));
        assert_eq!(
            csv_file_name(&b),
            format!("billing-{CONTOSO_ID}-2026-11-28.csv")
        );
    }
}
