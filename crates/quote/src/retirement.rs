//! Retired VM series (2026 rule): reserved VM instances of older series that can no longer be
//! bought or renewed.
//!
//! Source: "Transition guide for retired Azure Reserved VM Instances" (Microsoft Learn,
//! 2026-05-01). Since 2026-07-01, **1-year** reservations cannot be bought or renewed for Av2,
//! Amv2, Bv1, D, Ds, Dv2, Dsv2, F, Fs, Fsv2, G, Gs, Ls and Lsv2, and **neither 1- nor 3-year**
//! ones for Dv3, Dsv3, Ev3 and Esv3. The rule lives in one table, [`RETIRED_VM_SERIES`]; a SKU
//! is mapped to its series by [`vm_series`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::QuoteError;
use crate::model::{Family, Term};

/// One retired series: which terms are refused, and since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetiredSeries {
    /// The VM series, as [`vm_series`] names it (e.g. `Dsv3`).
    pub series: &'static str,
    /// The terms that can no longer be bought or renewed.
    pub terms: &'static [Term],
    /// The first day on which they are refused.
    pub since: NaiveDate,
}

/// 2026-07-01, the day the transition guide's rule takes effect.
const JULY_2026: NaiveDate = match NaiveDate::from_ymd_opt(2026, 7, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
const ONE_YEAR: &[Term] = &[Term::P1Y];
const ONE_AND_THREE_YEARS: &[Term] = &[Term::P1Y, Term::P3Y];

/// Builds a table row (keeps the table one line per series).
const fn row(series: &'static str, terms: &'static [Term]) -> RetiredSeries {
    RetiredSeries {
        series,
        terms,
        since: JULY_2026,
    }
}

/// Every retired series ("Transition guide for retired Azure Reserved VM Instances", 2026-05-01).
pub static RETIRED_VM_SERIES: &[RetiredSeries] = &[
    row("Av2", ONE_YEAR),
    row("Amv2", ONE_YEAR),
    row("Bv1", ONE_YEAR),
    row("D", ONE_YEAR),
    row("Ds", ONE_YEAR),
    row("Dv2", ONE_YEAR),
    row("Dsv2", ONE_YEAR),
    row("F", ONE_YEAR),
    row("Fs", ONE_YEAR),
    row("Fsv2", ONE_YEAR),
    row("G", ONE_YEAR),
    row("Gs", ONE_YEAR),
    row("Ls", ONE_YEAR),
    row("Lsv2", ONE_YEAR),
    row("Dv3", ONE_AND_THREE_YEARS),
    row("Dsv3", ONE_AND_THREE_YEARS),
    row("Ev3", ONE_AND_THREE_YEARS),
    row("Esv3", ONE_AND_THREE_YEARS),
];

/// The series [`vm_series`] can name: the retired ones and their current successors. A SKU whose
/// parsed name is not here gives `None` rather than a guess.
const KNOWN_SERIES: &[&str] = &[
    // Retired (see RETIRED_VM_SERIES).
    "Av2", "Amv2", "Bv1", "D", "Ds", "Dv2", "Dsv2", "F", "Fs", "Fsv2", "G", "Gs", "Ls", "Lsv2",
    "Dv3", "Dsv3", "Ev3", "Esv3", // Not retired.
    "Bv2", "Dv4", "Dsv4", "Ddv4", "Ddsv4", "Dav4", "Dasv4", "Dv5", "Dsv5", "Ddv5", "Ddsv5",
    "Dasv5", "Dadsv5", "Dlsv5", "Dldsv5", "Dpsv5", "Dpdsv5", "Dplsv5", "Dpldsv5", "Dsv6", "Ddsv6",
    "Dlsv6", "Dldsv6", "Dasv6", "Dadsv6", "Dalsv6", "Daldsv6", "Dpsv6", "Dpdsv6", "Dplsv6",
    "Dpldsv6", "Ev4", "Esv4", "Edv4", "Edsv4", "Eav4", "Easv4", "Ev5", "Esv5", "Edv5", "Edsv5",
    "Easv5", "Eadsv5", "Ebsv5", "Ebdsv5", "Epsv5", "Epdsv5", "Esv6", "Edsv6", "Easv6", "Eadsv6",
    "Fsv6", "Fasv6", "Falsv6", "Famsv6", "Lsv3", "Lasv3",
];

/// Feature letters of ARM size names that the series name keeps (`i`, isolated, is dropped: an
/// isolated size belongs to its base series, e.g. `Standard_E64is_v3` is Esv3).
const FEATURES: &str = "abdlmpst";

/// The VM series of an ARM SKU name, e.g. `Standard_D2s_v3` → `Dsv3`, `Standard_DS2_v2` →
/// `Dsv2`, `Standard_B2ms` → `Bv1`, `Standard_B2s_v2` → `Bv2`, `Standard_D11` → `D`.
///
/// Reads `Standard_<family><vCPUs>[-<constrained vCPUs>]<features>[_v<version>][_Promo]`,
/// case-insensitively. `None` for anything it does not know for sure (other families such as
/// `NC` or `M`, unknown feature letters, `Basic_` sizes, series outside its list).
pub fn vm_series(sku: &str) -> Option<&'static str> {
    let rest = strip_prefix_ci(sku, "Standard_")?;
    let rest = strip_suffix_ci(rest, "_Promo").unwrap_or(rest);
    let mut parts = rest.split('_');
    let body = parts.next()?;
    let version = match parts.next() {
        None => None,
        Some(v) => {
            let n = strip_prefix_ci(v, "v")?;
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(n)
        }
    };
    if parts.next().is_some() {
        return None;
    }

    // <family letters><digits>[-<digits>]<feature letters>
    let letters_end = body.find(|c: char| !c.is_ascii_alphabetic())?;
    let (prefix, rest) = body.split_at(letters_end);
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (size, mut rest) = rest.split_at(digits_end);
    if size.is_empty() {
        return None;
    }
    if let Some(after) = rest.strip_prefix('-') {
        let end = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        if end == 0 {
            return None;
        }
        rest = &after[end..];
    }
    let features = rest.to_ascii_lowercase();
    if !features.chars().all(|c| c == 'i' || FEATURES.contains(c)) {
        return None;
    }
    let features: String = features.chars().filter(|c| *c != 'i').collect();

    let prefix = prefix.to_ascii_uppercase();
    // The v1/v2 names `DS2`, `GS2` are the premium-storage (`s`) sizes of D and G.
    let (family, legacy_s) = match prefix.as_str() {
        "DS" | "GS" if matches!(version, None | Some("2")) => (&prefix[..1], "s"),
        "A" | "B" | "D" | "E" | "F" | "G" | "L" => (prefix.as_str(), ""),
        _ => return None,
    };
    let name = match (family, version) {
        // B-series: every v1 size (B1s, B2ms, B1ls …) is Bv1, every `_v2` size is Bv2.
        ("B", None) => "Bv1".to_owned(),
        ("B", Some("2")) => "Bv2".to_owned(),
        ("B", Some(_)) => return None,
        (f, None) => format!("{f}{legacy_s}{features}"),
        (f, Some(v)) => format!("{f}{legacy_s}{features}v{v}"),
    };
    KNOWN_SERIES.iter().copied().find(|s| *s == name)
}

/// `s` without a leading `prefix` compared ASCII-case-insensitively.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `s` without a trailing `suffix` compared ASCII-case-insensitively.
fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..cut])
}

/// Why buying or renewing a reservation is refused under the retirement rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retirement {
    /// The VM series, e.g. `Dsv3`.
    pub series: String,
    /// Every term of that series that is refused (the one asked for among them).
    pub terms: Vec<Term>,
    /// The first day they are refused.
    pub since: NaiveDate,
}

impl Retirement {
    /// The `SkuRetired` error for buying or renewing `sku` for `term`.
    pub fn to_error(&self, sku: &str, term: &Term) -> QuoteError {
        QuoteError::SkuRetired {
            sku: sku.to_owned(),
            series: self.series.clone(),
            term: term.clone(),
            since: self.since,
        }
    }
}

/// Whether buying or renewing a reservation of `family`, `sku` and `term` on `on` is refused by
/// the retirement rule: `Some` only for VirtualMachines whose SKU's series has `term` retired on
/// that day. A SKU [`vm_series`] cannot name is never refused.
pub fn retirement(family: &Family, sku: &str, term: &Term, on: NaiveDate) -> Option<Retirement> {
    if *family != Family::VirtualMachines {
        return None;
    }
    let series = vm_series(sku)?;
    let row = RETIRED_VM_SERIES.iter().find(|r| r.series == series)?;
    (on >= row.since && row.terms.contains(term)).then(|| Retirement {
        series: row.series.to_owned(),
        terms: row.terms.to_vec(),
        since: row.since,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// (SKU, series, 1-year retired, 3-year retired).
    const CASES: &[(&str, &str, bool, bool)] = &[
        ("Standard_A2_v2", "Av2", true, false),
        ("Standard_A2m_v2", "Amv2", true, false),
        ("Standard_B2ms", "Bv1", true, false),
        ("Standard_B1ls", "Bv1", true, false),
        ("Standard_D2", "D", true, false),
        ("Standard_D11", "D", true, false),
        ("Standard_DS2", "Ds", true, false),
        ("Standard_D4_v2", "Dv2", true, false),
        ("Standard_D15i_v2", "Dv2", true, false),
        ("Standard_D2_v2_Promo", "Dv2", true, false),
        ("Standard_DS2_v2", "Dsv2", true, false),
        ("Standard_DS11-1_v2", "Dsv2", true, false),
        ("Standard_F4", "F", true, false),
        ("Standard_F4s", "Fs", true, false),
        ("Standard_F4s_v2", "Fsv2", true, false),
        ("Standard_G2", "G", true, false),
        ("Standard_GS2", "Gs", true, false),
        ("Standard_GS4-8", "Gs", true, false),
        ("Standard_L8s", "Ls", true, false),
        ("Standard_L8s_v2", "Lsv2", true, false),
        ("Standard_D2_v3", "Dv3", true, true),
        ("Standard_D2s_v3", "Dsv3", true, true),
        ("standard_d2s_v3", "Dsv3", true, true),
        ("Standard_E4_v3", "Ev3", true, true),
        ("Standard_E4s_v3", "Esv3", true, true),
        ("Standard_E4-2s_v3", "Esv3", true, true),
        ("Standard_E64is_v3", "Esv3", true, true),
        ("Standard_D2s_v5", "Dsv5", false, false),
        ("Standard_D2_v5", "Dv5", false, false),
        ("Standard_B2s_v2", "Bv2", false, false),
        ("Standard_B2ats_v2", "Bv2", false, false),
        ("Standard_E4_v5", "Ev5", false, false),
        ("Standard_E4s_v5", "Esv5", false, false),
        ("Standard_D4ds_v4", "Ddsv4", false, false),
        ("Standard_L8s_v3", "Lsv3", false, false),
    ];

    #[test]
    fn series_of_skus() {
        for (sku, series, _, _) in CASES {
            assert_eq!(vm_series(sku), Some(*series), "{sku}");
        }
    }

    #[test]
    fn unsure_skus_have_no_series() {
        for sku in [
            "",
            "Standard_",
            "Basic_A1",
            "Standard_A2",
            "Standard_NC6s_v3",
            "Standard_M128ms",
            "Standard_DC2s_v3",
            "Standard_B2s_v3",
            "Standard_D2x_v3",
            "Standard_D_v3",
            "Standard_D2s_v",
            "Standard_D2s_v3_extra",
            "Standard_DS2_v3",
            "D2s_v3",
            "Standard_D2s_v3é",
        ] {
            assert_eq!(vm_series(sku), None, "{sku}");
        }
    }

    #[test]
    fn every_retired_series_is_known_and_tested() {
        for row in RETIRED_VM_SERIES {
            assert!(KNOWN_SERIES.contains(&row.series), "{}", row.series);
            assert!(
                CASES.iter().any(|(_, s, _, _)| *s == row.series),
                "{} has no test case",
                row.series
            );
        }
    }

    #[test]
    fn retirement_by_series_term_and_day() {
        let vm = Family::VirtualMachines;
        for (sku, series, one, three) in CASES {
            for (term, retired) in [(Term::P1Y, *one), (Term::P3Y, *three)] {
                // The day before: nothing is refused yet.
                assert_eq!(
                    retirement(&vm, sku, &term, d(2026, 6, 30)),
                    None,
                    "{sku} {term}"
                );
                for on in [d(2026, 7, 1), d(2030, 1, 1)] {
                    let got = retirement(&vm, sku, &term, on);
                    assert_eq!(got.is_some(), retired, "{sku} {term} {on}");
                    if let Some(r) = got {
                        assert_eq!(r.series, *series);
                        assert_eq!(r.since, d(2026, 7, 1));
                        assert!(r.terms.contains(&term));
                    }
                }
            }
            // No VM reservation has a 5-year term; nothing to refuse.
            assert_eq!(retirement(&vm, sku, &Term::P5Y, d(2027, 1, 1)), None);
        }
    }

    #[test]
    fn only_virtual_machines_are_refused() {
        for family in [Family::DedicatedHost, Family::AppService, Family::Avs] {
            assert_eq!(
                retirement(&family, "Standard_D2s_v3", &Term::P1Y, d(2026, 7, 1)),
                None
            );
        }
        assert_eq!(
            retirement(
                &Family::VirtualMachines,
                "Standard_NC6",
                &Term::P1Y,
                d(2026, 7, 1)
            ),
            None
        );
    }

    #[test]
    fn the_error_names_the_series_and_the_day() {
        let r = retirement(
            &Family::VirtualMachines,
            "Standard_D2s_v3",
            &Term::P3Y,
            d(2026, 7, 1),
        )
        .unwrap();
        let e = r.to_error("Standard_D2s_v3", &Term::P3Y);
        assert_eq!(e.code(), "SkuRetired");
        assert!(!e.is_blocking());
        let text = e.to_string();
        assert!(
            text.contains("Dsv3") && text.contains("2026-07-01"),
            "{text}"
        );
        assert_eq!(
            text,
            "Reservations of the Dsv3 VM series (Standard_D2s_v3) cannot be bought or renewed \
             for 3 years since 2026-07-01."
        );
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["series"], "Dsv3");
        assert_eq!(json["terms"], serde_json::json!(["P1Y", "P3Y"]));
        assert_eq!(json["since"], "2026-07-01");
    }
}
