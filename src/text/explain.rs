//! Sentences that explain a quote error to a person, with the numbers that matter (the limit,
//! the headroom, the shortfall, the cutoff), in the chosen language.

use reservation_quote::{NotExchangeableReason, QuoteError};

use crate::text::i18n::{text, text_with, Locale};
use crate::text::{format, labels};

/// "Return line 2: " in front of a per-line error of an exchange.
fn line_prefix(line: Option<usize>, locale: Locale) -> String {
    line.map(|l| text_with(locale, "quote.line", &[("line", &(l + 1).to_string())]))
        .unwrap_or_default()
}

/// Explains one quote error.
pub fn explain(error: &QuoteError, locale: Locale) -> String {
    let usd = |d| format::usd(d, locale);
    match error {
        QuoteError::RefundLimitExceeded {
            limit,
            used,
            headroom,
            requested,
            excess,
        } => text_with(
            locale,
            "quote.err.limit",
            &[
                ("requested", &usd(*requested)),
                ("limit", &usd(*limit)),
                ("used", &usd(*used)),
                ("headroom", &usd(*headroom)),
                ("excess", &usd(*excess)),
            ],
        ),
        QuoteError::InvalidRefundQuantity {
            requested,
            available,
            line,
        } => {
            line_prefix(*line, locale)
                + &text_with(
                    locale,
                    "quote.err.quantity",
                    &[
                        ("requested", &requested.normalize().to_string()),
                        ("available", &available.normalize().to_string()),
                    ],
                )
        }
        QuoteError::SelfServiceRefundNotSupported { family, line } => {
            line_prefix(*line, locale)
                + &text_with(
                    locale,
                    "quote.err.not_refundable",
                    &[("family", family.as_str())],
                )
        }
        QuoteError::ReservationNotActive {
            status,
            expiry,
            line,
        } => {
            let expiry = expiry.map(|d| format::date(d, locale)).unwrap_or_default();
            line_prefix(*line, locale)
                + &text_with(
                    locale,
                    "quote.err.not_active",
                    &[("status", status), ("expiry", &expiry)],
                )
        }
        QuoteError::InvalidDate {
            purchase_date,
            line,
            ..
        } => {
            line_prefix(*line, locale)
                + &text_with(
                    locale,
                    "quote.err.date",
                    &[("purchase", &format::date(*purchase_date, locale))],
                )
        }
        QuoteError::ExchangeTotalTooLow {
            remaining_total,
            purchases_total,
            shortfall,
        } => text_with(
            locale,
            "quote.err.too_low",
            &[
                ("remaining", &usd(*remaining_total)),
                ("purchases", &usd(*purchases_total)),
                ("shortfall", &usd(*shortfall)),
            ],
        ),
        QuoteError::IncompatibleProductFamily { families } => {
            let names: Vec<&str> = families.iter().map(|f| f.as_str()).collect();
            text_with(
                locale,
                "quote.err.families",
                &[("families", &names.join(", "))],
            )
        }
        QuoteError::NotExchangeable {
            family,
            cutoff,
            reason,
            line,
        } => {
            let key = match reason {
                NotExchangeableReason::BoughtAfterCutoff => "quote.err.after_cutoff",
                NotExchangeableReason::FinalExchangeUsed => "quote.err.final_used",
            };
            line_prefix(*line, locale)
                + &text_with(
                    locale,
                    key,
                    &[
                        ("family", family.as_str()),
                        ("cutoff", &format::date(*cutoff, locale)),
                    ],
                )
        }
        QuoteError::InvalidPurchase { line, .. } => text_with(
            locale,
            "quote.err.purchase",
            &[("line", &(line + 1).to_string())],
        ),
        QuoteError::InvalidExchange { .. } => text(locale, "quote.err.exchange"),
        QuoteError::InvalidReservation { line, .. } => {
            line_prefix(*line, locale) + &text(locale, "quote.err.reservation")
        }
        QuoteError::InvalidPolicy { .. } => text(locale, "quote.err.policy"),
        QuoteError::TooManyReservations { count, max } => text_with(
            locale,
            "quote.err.too_many",
            &[("count", &count.to_string()), ("max", &max.to_string())],
        ),
        QuoteError::TradeInNotEligible { family, kind, line } => {
            line_prefix(*line, locale)
                + &text_with(
                    locale,
                    "quote.err.tradein_family",
                    &[("family", family.as_str()), ("kind", kind.as_str())],
                )
        }
        QuoteError::CommitmentTooLow {
            remaining_total,
            lifetime_commitment,
            minimum_hourly_commitment,
            ..
        } => text_with(
            locale,
            "quote.err.commitment_low",
            &[
                ("lifetime", &usd(*lifetime_commitment)),
                ("remaining", &usd(*remaining_total)),
                ("hourly", &minimum_hourly_commitment.normalize().to_string()),
            ],
        ),
        QuoteError::InvalidKpiInput { .. } => text(locale, "quote.err.kpi_input"),
        QuoteError::SkuRetired {
            sku,
            series,
            term,
            since,
        } => text_with(
            locale,
            "quote.err.sku_retired",
            &[
                ("sku", sku),
                ("series", series),
                ("term", &text(locale, labels::term(term))),
                ("since", &format::date(*since, locale)),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use reservation_quote::Family;
    use rust_decimal_macros::dec;

    #[test]
    fn limit_error_names_the_numbers() {
        let e = QuoteError::RefundLimitExceeded {
            limit: dec!(50000),
            used: dec!(48000),
            headroom: dec!(2000),
            requested: dec!(3333.33),
            excess: dec!(1333.33),
        };
        let en = explain(&e, Locale::En);
        for part in [
            "$3,333.33",
            "$50,000.00",
            "$48,000.00",
            "$2,000.00",
            "$1,333.33",
        ] {
            assert!(en.contains(part), "{en} lacks {part}");
        }
        assert!(explain(&e, Locale::Ko).contains("US$1,333.33"));
    }

    #[test]
    fn cutoff_and_lines_are_shown() {
        let e = QuoteError::NotExchangeable {
            family: Family::VirtualMachines,
            cutoff: NaiveDate::from_ymd_opt(2027, 2, 1).expect("date"),
            reason: NotExchangeableReason::BoughtAfterCutoff,
            line: Some(1),
        };
        let en = explain(&e, Locale::En);
        assert!(en.contains("Feb 1, 2027") && en.contains("2"), "{en}");
    }
}
