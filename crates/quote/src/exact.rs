//! Exact fixed-point arithmetic on i128 mantissas, with exact half-away-from-zero rounding of quotients.
//!
//! Decimal multiplication silently rounds when a product needs more than 96 bits or 28 decimal
//! places; the spec wants R = basis × q × remaining_days / term_days as an exact rational. Every
//! operation here is exact or returns `None` (overflow), and `round_div` rounds the exact quotient.

use rust_decimal::Decimal;

/// An exact decimal value `m × 10^(−s)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Exact {
    /// Mantissa.
    m: i128,
    /// Scale (number of decimal places).
    s: u32,
}

/// 10^n as u128, or `None` when it does not fit.
fn pow10(n: u32) -> Option<u128> {
    10u128.checked_pow(n)
}

impl Exact {
    /// Zero.
    pub(crate) const ZERO: Exact = Exact { m: 0, s: 0 };

    /// The exact value of a decimal.
    pub(crate) fn from_decimal(d: Decimal) -> Exact {
        Exact {
            m: d.mantissa(),
            s: d.scale(),
        }
    }

    /// An integer.
    pub(crate) fn from_int(i: i64) -> Exact {
        Exact {
            m: i128::from(i),
            s: 0,
        }
    }

    /// The same value with trailing zero digits removed from the mantissa.
    fn normalized(self) -> Exact {
        let mut e = self;
        while e.s > 0 && e.m % 10 == 0 {
            e.m /= 10;
            e.s -= 1;
        }
        e
    }

    /// Exact product, or `None` on overflow.
    pub(crate) fn mul(self, other: Exact) -> Option<Exact> {
        let direct = self.m.checked_mul(other.m).and_then(|m| {
            Some(Exact {
                m,
                s: self.s.checked_add(other.s)?,
            })
        });
        if direct.is_some() {
            return direct;
        }
        let (a, b) = (self.normalized(), other.normalized());
        Some(Exact {
            m: a.m.checked_mul(b.m)?,
            s: a.s.checked_add(b.s)?,
        })
    }

    /// The mantissa rescaled to scale `s` (≥ self.s), or `None` on overflow.
    fn mantissa_at(self, s: u32) -> Option<i128> {
        let f = i128::try_from(pow10(s.checked_sub(self.s)?)?).ok()?;
        self.m.checked_mul(f)
    }

    /// Exact difference, or `None` on overflow.
    pub(crate) fn sub(self, other: Exact) -> Option<Exact> {
        fn attempt(a: Exact, b: Exact) -> Option<Exact> {
            let s = a.s.max(b.s);
            Some(Exact {
                m: a.mantissa_at(s)?.checked_sub(b.mantissa_at(s)?)?,
                s,
            })
        }
        attempt(self, other).or_else(|| attempt(self.normalized(), other.normalized()))
    }

    /// Exact sum, or `None` on overflow.
    pub(crate) fn add(self, other: Exact) -> Option<Exact> {
        fn attempt(a: Exact, b: Exact) -> Option<Exact> {
            let s = a.s.max(b.s);
            Some(Exact {
                m: a.mantissa_at(s)?.checked_add(b.mantissa_at(s)?)?,
                s,
            })
        }
        attempt(self, other).or_else(|| attempt(self.normalized(), other.normalized()))
    }

    /// Whether the value is zero.
    pub(crate) fn is_zero(self) -> bool {
        self.m == 0
    }

    /// round(self / other) to 2 decimal places, half away from zero, computed exactly; `None` on
    /// overflow or a zero `other`.
    pub(crate) fn round_ratio(self, other: Exact) -> Option<Decimal> {
        let (a, b) = (self.normalized(), other.normalized());
        if b.m == 0 {
            return None;
        }
        let s = a.s.max(b.s);
        // a / b = A / B with both at scale s; × 100 for cents.
        let num = a.mantissa_at(s)?.unsigned_abs().checked_mul(100)?;
        let den = b.mantissa_at(s)?.unsigned_abs();
        let cents = i128::try_from(round_half_away(num, 0, den)?).ok()?;
        let cents = if (a.m < 0) != (b.m < 0) {
            -cents
        } else {
            cents
        };
        Decimal::try_from_i128_with_scale(cents, 2).ok()
    }

    /// Whether the value is below zero.
    pub(crate) fn is_negative(self) -> bool {
        self.m < 0
    }

    /// max(0, self).
    pub(crate) fn max_zero(self) -> Exact {
        if self.is_negative() {
            Exact::ZERO
        } else {
            self
        }
    }

    /// round(self / den) to 2 decimal places, half away from zero, computed exactly; `None` on
    /// overflow or a non-positive `den`.
    pub(crate) fn round_div(self, den: i64) -> Option<Decimal> {
        let den = u128::try_from(den).ok().filter(|d| *d > 0)?;
        // value × 100 = m × 10^(2 − s) / den.
        let (num, k) = if self.s >= 2 {
            (self.m.unsigned_abs(), self.s - 2)
        } else {
            let f = pow10(2 - self.s)?;
            (self.m.unsigned_abs().checked_mul(f)?, 0)
        };
        let cents = round_half_away(num, k, den)?;
        let cents = i128::try_from(cents).ok()?;
        let cents = if self.m < 0 { -cents } else { cents };
        Decimal::try_from_i128_with_scale(cents, 2).ok()
    }
}

/// round(n / (10^k × b)) half away from zero for non-negative n and b > 0, exactly.
fn round_half_away(n: u128, k: u32, b: u128) -> Option<u128> {
    let Some(a) = pow10(k) else {
        // 10^k ≥ 10^39 > 2n, so the quotient is below one half.
        return Some(0);
    };
    // n / (a b) = q2 + (r2 + r1 / a) / b with q1 = n div a, q2 = q1 div b.
    let (q1, r1) = (n / a, n % a);
    let (q2, r2) = (q1 / b, q1 % b);
    let up = if r2 >= b - r2 {
        true
    } else if b - r2 == r2 + 1 {
        // The fraction is (r2 + r1/a) / (2 r2 + 1): at least one half iff 2 r1 ≥ a.
        r1 >= a - r1
    } else {
        false
    };
    if up {
        q2.checked_add(1)
    } else {
        Some(q2)
    }
}

/// The smallest multiple of 10^(−scale) that is ≥ value / divisor, exactly; `None` on overflow,
/// a non-positive divisor or a scale above 28.
pub(crate) fn ceil_div_to_scale(value: Decimal, divisor: i64, scale: u32) -> Option<Decimal> {
    let divisor = i128::from(divisor);
    if divisor <= 0 || scale > 28 {
        return None;
    }
    let e = Exact::from_decimal(value).normalized();
    // value / divisor = m / (10^s × divisor); in units of 10^(−scale): m × 10^scale / (10^s × divisor).
    let (num, den) = if e.s <= scale {
        (e.mantissa_at(scale)?, divisor)
    } else {
        let f = i128::try_from(pow10(e.s - scale)?).ok()?;
        (e.m, divisor.checked_mul(f)?)
    };
    // Ceiling division for either sign of num (den > 0).
    let q = num.div_euclid(den);
    let k = if num.rem_euclid(den) == 0 {
        q
    } else {
        q.checked_add(1)?
    };
    Decimal::try_from_i128_with_scale(k, scale).ok()
}

/// round(d) to 2 decimal places, half away from zero, shown with at least 2 decimal places.
pub(crate) fn round2(d: Decimal) -> Decimal {
    let r = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    if r.scale() < 2 {
        let widened = pow10(2 - r.scale())
            .and_then(|f| i128::try_from(f).ok())
            .and_then(|f| r.mantissa().checked_mul(f))
            .and_then(|m| Decimal::try_from_i128_with_scale(m, 2).ok());
        if let Some(w) = widened {
            return w;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn e(s: &str) -> Exact {
        Exact::from_decimal(Decimal::from_str(s).unwrap())
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn round_div_midpoints() {
        assert_eq!(e("0.005").round_div(1), Some(dec("0.01")));
        assert_eq!(e("-0.005").round_div(1), Some(dec("-0.01")));
        assert_eq!(e("0.0049999").round_div(1), Some(dec("0.00")));
        assert_eq!(e("1").round_div(8), Some(dec("0.13"))); // 0.125
        assert_eq!(e("1").round_div(3), Some(dec("0.33")));
        assert_eq!(e("2").round_div(3), Some(dec("0.67")));
        assert_eq!(e("876000").round_div(365), Some(dec("2400.00")));
        assert_eq!(
            e("2400.00").mul(Exact::from_int(1)).unwrap().round_div(365),
            Some(dec("6.58"))
        );
    }

    #[test]
    fn round_div_large_scales_exact() {
        // 0.5 × 10^-2 expressed with scale 60 built from products.
        let tiny = e("0.0000000000000000000000000001");
        let p = tiny.mul(tiny).unwrap();
        assert_eq!(p.round_div(1), Some(dec("0.00")));
        let half_cent = e("0.005").mul(e("1.0000000000000000000000000000")).unwrap();
        assert_eq!(half_cent.round_div(1), Some(dec("0.01")));
    }

    #[test]
    fn round_half_away_chained_matches_direct() {
        for n in 0u128..2000 {
            for k in 0u32..3 {
                for b in 1u128..30 {
                    let d = 10u128.pow(k) * b;
                    let q = n / d;
                    let r = n % d;
                    let expected = if 2 * r >= d { q + 1 } else { q };
                    assert_eq!(round_half_away(n, k, b), Some(expected), "{n} {k} {b}");
                }
            }
        }
    }

    #[test]
    fn sub_and_overflow() {
        assert_eq!(
            e("1.5").sub(e("0.25")).unwrap().round_div(1),
            Some(dec("1.25"))
        );
        let big = Exact::from_decimal(Decimal::MAX);
        assert!(big.mul(big).is_none());
        assert!(big.mul(big).is_none());
        assert_eq!(Exact::from_int(5).round_div(0), None);
    }

    #[test]
    fn ceil_div_rounds_up_only_when_needed() {
        assert_eq!(
            ceil_div_to_scale(dec("1800.00"), 8760, 3),
            Some(dec("0.206"))
        );
        assert_eq!(
            ceil_div_to_scale(dec("1804.56"), 8760, 3),
            Some(dec("0.206"))
        );
        assert_eq!(ceil_div_to_scale(dec("8760"), 8760, 3), Some(dec("1.000")));
        assert_eq!(
            ceil_div_to_scale(dec("8760.01"), 8760, 3),
            Some(dec("1.001"))
        );
        assert_eq!(ceil_div_to_scale(dec("0"), 8760, 3), Some(dec("0.000")));
        assert_eq!(ceil_div_to_scale(dec("-1"), 8760, 3), Some(dec("0.000")));
        assert_eq!(ceil_div_to_scale(dec("0.00001"), 1, 3), Some(dec("0.001")));
        assert_eq!(ceil_div_to_scale(dec("1"), 0, 3), None);
    }

    #[test]
    fn add_and_ratio_are_exact() {
        assert_eq!(
            e("0.1").add(e("0.25")).unwrap().round_div(1),
            Some(dec("0.35"))
        );
        assert_eq!(e("1").round_ratio(e("8")), Some(dec("0.13")));
        assert_eq!(e("-1").round_ratio(e("8")), Some(dec("-0.13")));
        assert_eq!(e("8712.5").round_ratio(e("100")), Some(dec("87.13")));
        assert_eq!(e("1").round_ratio(e("0.000")), None);
        assert!(e("0").is_zero() && !e("0.01").is_zero());
    }

    #[test]
    fn round2_shows_cents() {
        assert_eq!(round2(dec("30000")).to_string(), "30000.00");
        assert_eq!(round2(dec("1.005")).to_string(), "1.01");
        assert_eq!(round2(dec("-1.005")).to_string(), "-1.01");
        assert_eq!(round2(Decimal::MAX), Decimal::MAX);
    }
}
