//! The split form as plain data: two quantities typed by the user, checked at their fields with
//! the quote engine's rules (two whole parts ≥ 1 summing to the quantity).

use reservation_quote::{check_split, SplitError};

/// One of the two quantity fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The first new reservation.
    First,
    /// The second new reservation.
    Second,
}

/// A message for the user: a translation key and its placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The translation key.
    pub key: &'static str,
    /// Its placeholders.
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    fn new(key: &'static str, args: &[(&'static str, String)]) -> Message {
        Message {
            key,
            args: args.to_vec(),
        }
    }
}

/// What is wrong with the form: per field, or with the reservation as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    /// The reservation cannot be split at all (fewer than two units).
    pub whole: Option<Message>,
    /// The first field.
    pub first: Option<Message>,
    /// The second field.
    pub second: Option<Message>,
}

impl Problems {
    /// The message of a field.
    pub fn at(&self, part: Part) -> Option<&Message> {
        match part {
            Part::First => self.first.as_ref(),
            Part::Second => self.second.as_ref(),
        }
    }
}

/// The two quantities as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitDraft {
    /// The first field's text.
    pub first: String,
    /// The second field's text.
    pub second: String,
}

impl SplitDraft {
    /// A draft for a reservation of `quantity` units: the larger half first.
    pub fn for_quantity(quantity: u32) -> SplitDraft {
        let second = quantity / 2;
        SplitDraft {
            first: (quantity - second).to_string(),
            second: second.to_string(),
        }
    }

    /// The text of a field.
    pub fn text(&self, part: Part) -> &str {
        match part {
            Part::First => &self.first,
            Part::Second => &self.second,
        }
    }

    /// The draft with one field changed.
    pub fn with(&self, part: Part, text: String) -> SplitDraft {
        let mut next = self.clone();
        match part {
            Part::First => next.first = text,
            Part::Second => next.second = text,
        }
        next
    }

    /// The two quantities when the split of a reservation of `quantity` units is allowed,
    /// else what is wrong, named at the field.
    pub fn check(&self, quantity: u32) -> Result<[u32; 2], Problems> {
        let mut problems = Problems::default();
        let read = |text: &str| -> Result<u32, Message> {
            match text.trim().parse::<u32>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(Message::new("split.error.whole", &[])),
            }
        };
        let first = read(&self.first).map_err(|m| problems.first = Some(m)).ok();
        let second = read(&self.second)
            .map_err(|m| problems.second = Some(m))
            .ok();
        let parts = match (first, second) {
            (Some(a), Some(b)) => [a, b],
            _ => {
                if quantity < 2 {
                    return Err(too_small(quantity));
                }
                return Err(problems);
            }
        };
        match check_split(quantity, &parts) {
            Ok(()) => Ok(parts),
            Err(SplitError::QuantityTooSmall { quantity }) => Err(too_small(quantity)),
            Err(SplitError::SumMismatch { sum, quantity }) => {
                problems.second = Some(Message::new(
                    "split.error.sum",
                    &[("quantity", quantity.to_string()), ("sum", sum.to_string())],
                ));
                Err(problems)
            }
            Err(SplitError::PartTooSmall { index }) => {
                let m = Some(Message::new("split.error.whole", &[]));
                if index == 0 {
                    problems.first = m;
                } else {
                    problems.second = m;
                }
                Err(problems)
            }
            Err(SplitError::WrongPartCount { .. }) => Err(problems),
        }
    }
}

/// The whole-form problem of a reservation too small to split.
fn too_small(quantity: u32) -> Problems {
    Problems {
        whole: Some(Message::new(
            "split.error.too_small",
            &[("quantity", quantity.to_string())],
        )),
        ..Problems::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(a: &str, b: &str) -> SplitDraft {
        SplitDraft {
            first: a.into(),
            second: b.into(),
        }
    }

    #[test]
    fn starts_with_the_larger_half_first() {
        assert_eq!(SplitDraft::for_quantity(5), draft("3", "2"));
        assert_eq!(SplitDraft::for_quantity(6), draft("3", "3"));
        assert_eq!(SplitDraft::for_quantity(5).check(5), Ok([3, 2]));
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        let p = draft("x", "2").check(5).unwrap_err();
        assert_eq!(p.first.unwrap().key, "split.error.whole");
        assert!(p.second.is_none());
        let p = draft("3", "0").check(3).unwrap_err();
        assert_eq!(p.second.unwrap().key, "split.error.whole");
        let p = draft("2.5", "-1").check(5).unwrap_err();
        assert!(p.first.is_some() && p.second.is_some());
        let p = draft("3", "3").check(5).unwrap_err();
        let m = p.second.unwrap();
        assert_eq!(m.key, "split.error.sum");
        assert_eq!(
            m.args,
            vec![("quantity", "5".to_string()), ("sum", "6".to_string())]
        );
        assert!(p.first.is_none());
    }

    #[test]
    fn a_single_unit_cannot_be_split() {
        let p = SplitDraft::for_quantity(1).check(1).unwrap_err();
        assert_eq!(p.whole.unwrap().key, "split.error.too_small");
        assert!(p.first.is_none() && p.second.is_none());
    }

    #[test]
    fn a_field_can_be_changed() {
        let d = SplitDraft::for_quantity(4).with(Part::Second, "1".into());
        assert_eq!(d.text(Part::Second), "1");
        assert_eq!(d.text(Part::First), "2");
    }
}
