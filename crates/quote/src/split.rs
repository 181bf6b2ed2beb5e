//! Split and merge (see the last section of `shared/spec/refund-exchange.md`): which quantities
//! a split takes, which reservations a merge takes, and the charges of the result. Split and merge
//! keep the order, the unit price, the purchase date and the term, so the charges of the parts
//! always sum to the old charge.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::Term;

/// How many reservations a split makes (Azure splits one reservation into two).
pub const SPLIT_PARTS: usize = 2;

/// Why a split is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code")]
pub enum SplitError {
    /// A reservation of fewer than two units cannot be split.
    QuantityTooSmall {
        /// The reservation's quantity.
        quantity: u32,
    },
    /// A split makes exactly [`SPLIT_PARTS`] reservations.
    WrongPartCount {
        /// How many quantities were given.
        count: usize,
    },
    /// Every part must hold at least one unit.
    PartTooSmall {
        /// The index of the part (0-based).
        index: usize,
    },
    /// The parts must sum to the reservation's quantity.
    SumMismatch {
        /// The sum of the parts.
        sum: u64,
        /// The reservation's quantity.
        quantity: u32,
    },
}

/// Checks the quantities of a split of a reservation of `quantity` units: exactly two parts,
/// each a whole number ≥ 1, summing to `quantity`. The first error found is returned.
pub fn check_split(quantity: u32, parts: &[u32]) -> Result<(), SplitError> {
    if quantity < 2 {
        return Err(SplitError::QuantityTooSmall { quantity });
    }
    if parts.len() != SPLIT_PARTS {
        return Err(SplitError::WrongPartCount { count: parts.len() });
    }
    if let Some(index) = parts.iter().position(|&p| p == 0) {
        return Err(SplitError::PartTooSmall { index });
    }
    let sum: u64 = parts.iter().map(|&p| u64::from(p)).sum();
    if sum != u64::from(quantity) {
        return Err(SplitError::SumMismatch { sum, quantity });
    }
    Ok(())
}

/// The charge of a reservation of `quantity` units at `unit_price` (one instalment for Monthly,
/// the whole term for Upfront): unit_price × quantity, exact.
pub fn charge(unit_price: Decimal, quantity: u32) -> Decimal {
    unit_price * Decimal::from(quantity)
}

/// The charges of the parts of a split or the sources of a merge, in order.
pub fn part_charges(unit_price: Decimal, parts: &[u32]) -> Vec<Decimal> {
    parts.iter().map(|&q| charge(unit_price, q)).collect()
}

/// What a merge compares of each reservation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeSource<'a> {
    /// The reservation GUID.
    pub reservation_id: &'a str,
    /// The order GUID.
    pub order_id: &'a str,
    /// The SKU.
    pub sku: &'a str,
    /// The term.
    pub term: &'a Term,
    /// The region.
    pub location: &'a str,
    /// The purchase price of one unit.
    pub unit_price: Decimal,
    /// The quantity held.
    pub quantity: u32,
    /// Whether it is active (`Succeeded`) today.
    pub active: bool,
}

/// What a merge's sources must share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergeField {
    /// The reservation order.
    Order,
    /// The SKU.
    Sku,
    /// The term.
    Term,
    /// The region.
    Location,
    /// The unit price.
    UnitPrice,
}

/// Why a merge is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code")]
pub enum MergeError {
    /// A merge takes at least two reservations.
    TooFewSources {
        /// How many were given.
        count: usize,
    },
    /// The same reservation was named twice.
    DuplicateSource {
        /// The reservation GUID.
        reservation_id: String,
    },
    /// A source is not active.
    NotActive {
        /// The reservation GUID.
        reservation_id: String,
    },
    /// A source differs from the first in a field they must share.
    Mismatch {
        /// The reservation GUID that differs.
        reservation_id: String,
        /// The field.
        field: MergeField,
    },
}

/// Checks a merge: at least two distinct active reservations of the same order, SKU, term,
/// region and unit price. Returns the merged quantity.
pub fn check_merge(sources: &[MergeSource<'_>]) -> Result<u32, MergeError> {
    let Some(first) = sources.first().filter(|_| sources.len() >= 2) else {
        return Err(MergeError::TooFewSources {
            count: sources.len(),
        });
    };
    for (i, s) in sources.iter().enumerate() {
        if sources[..i]
            .iter()
            .any(|p| p.reservation_id == s.reservation_id)
        {
            return Err(MergeError::DuplicateSource {
                reservation_id: s.reservation_id.to_string(),
            });
        }
        if !s.active {
            return Err(MergeError::NotActive {
                reservation_id: s.reservation_id.to_string(),
            });
        }
        if let Some(field) = merge_mismatch(first, s) {
            return Err(MergeError::Mismatch {
                reservation_id: s.reservation_id.to_string(),
                field,
            });
        }
    }
    Ok(sources.iter().map(|s| s.quantity).sum())
}

/// The first field in which `s` differs from `first` that a merge needs equal, if any.
pub fn merge_mismatch(first: &MergeSource<'_>, s: &MergeSource<'_>) -> Option<MergeField> {
    if s.order_id != first.order_id {
        Some(MergeField::Order)
    } else if s.sku != first.sku {
        Some(MergeField::Sku)
    } else if s.term != first.term {
        Some(MergeField::Term)
    } else if !s.location.eq_ignore_ascii_case(first.location) {
        Some(MergeField::Location)
    } else if s.unit_price != first.unit_price {
        Some(MergeField::UnitPrice)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn split_quantities_are_checked() {
        assert_eq!(check_split(5, &[3, 2]), Ok(()));
        assert_eq!(check_split(2, &[1, 1]), Ok(()));
        assert_eq!(
            check_split(1, &[1, 0]),
            Err(SplitError::QuantityTooSmall { quantity: 1 })
        );
        assert_eq!(
            check_split(5, &[5]),
            Err(SplitError::WrongPartCount { count: 1 })
        );
        assert_eq!(
            check_split(5, &[1, 2, 2]),
            Err(SplitError::WrongPartCount { count: 3 })
        );
        assert_eq!(
            check_split(5, &[5, 0]),
            Err(SplitError::PartTooSmall { index: 1 })
        );
        assert_eq!(
            check_split(5, &[3, 3]),
            Err(SplitError::SumMismatch {
                sum: 6,
                quantity: 5
            })
        );
        assert_eq!(
            check_split(5, &[u32::MAX, 6]),
            Err(SplitError::SumMismatch {
                sum: u64::from(u32::MAX) + 6,
                quantity: 5
            })
        );
    }

    #[test]
    fn the_parts_charges_sum_to_the_old_charge() {
        for price in ["59.33", "5253.12", "0.01", "691.20"] {
            let p = d(price);
            for q in 2..40u32 {
                for a in 1..q {
                    let parts = [a, q - a];
                    check_split(q, &parts).unwrap();
                    let sum: Decimal = part_charges(p, &parts).iter().sum();
                    assert_eq!(sum, charge(p, q));
                }
            }
        }
    }

    fn src<'a>(id: &'a str, term: &'a Term, price: &str) -> MergeSource<'a> {
        MergeSource {
            reservation_id: id,
            order_id: "o",
            sku: "Standard_D8s_v5",
            term,
            location: "eastus",
            unit_price: d(price),
            quantity: 2,
            active: true,
        }
    }

    #[test]
    fn merge_needs_the_same_order_sku_term_region_and_price() {
        let t = Term::P3Y;
        let t1 = Term::P1Y;
        assert_eq!(check_merge(&[src("a", &t, "1"), src("b", &t, "1")]), Ok(4));
        assert_eq!(
            check_merge(&[src("a", &t, "1")]),
            Err(MergeError::TooFewSources { count: 1 })
        );
        assert_eq!(
            check_merge(&[src("a", &t, "1"), src("a", &t, "1")]),
            Err(MergeError::DuplicateSource {
                reservation_id: "a".into()
            })
        );
        let mut off = src("b", &t, "1");
        off.active = false;
        assert_eq!(
            check_merge(&[src("a", &t, "1"), off]),
            Err(MergeError::NotActive {
                reservation_id: "b".into()
            })
        );
        let cases: Vec<(MergeSource, MergeField)> = vec![
            (
                MergeSource {
                    order_id: "o2",
                    ..src("b", &t, "1")
                },
                MergeField::Order,
            ),
            (
                MergeSource {
                    sku: "Standard_D4s_v5",
                    ..src("b", &t, "1")
                },
                MergeField::Sku,
            ),
            (src("b", &t1, "1"), MergeField::Term),
            (
                MergeSource {
                    location: "westus",
                    ..src("b", &t, "1")
                },
                MergeField::Location,
            ),
            (src("b", &t, "1.01"), MergeField::UnitPrice),
        ];
        for (other, field) in cases {
            assert_eq!(
                check_merge(&[src("a", &t, "1"), other]),
                Err(MergeError::Mismatch {
                    reservation_id: "b".into(),
                    field
                })
            );
        }
    }
}
