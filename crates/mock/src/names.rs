//! Company names (Korean and English) and domains for generated customers.

use std::collections::HashSet;

/// Korean name stems with their romanization (for domains).
const KO_STEMS: &[(&str, &str)] = &[
    ("한빛", "hanbit"),
    ("새벽", "saebyeok"),
    ("미래", "mirae"),
    ("하늘", "haneul"),
    ("푸른바다", "pureunbada"),
    ("누리", "nuri"),
    ("별빛", "byeolbit"),
    ("한결", "hangyeol"),
    ("다온", "daon"),
    ("가온", "gaon"),
    ("아름", "areum"),
    ("보람", "boram"),
    ("슬기", "seulgi"),
    ("나래", "narae"),
    ("온누리", "onnuri"),
    ("햇살", "haetsal"),
    ("바른", "bareun"),
    ("큰별", "keunbyeol"),
    ("들꽃", "deulkkot"),
    ("은하", "eunha"),
    ("세종", "sejong"),
    ("태평양", "taepyeongyang"),
];

/// Korean business-type suffixes with their romanization.
const KO_SUFFIXES: &[(&str, &str)] = &[
    ("소프트", "soft"),
    ("네트웍스", "networks"),
    ("정보통신", "ict"),
    ("데이터", "data"),
    ("시스템", "systems"),
    ("로지스", "logis"),
    ("게임즈", "games"),
    ("테크", "tech"),
    ("솔루션", "solution"),
    ("바이오", "bio"),
    ("물산", "trading"),
    ("에너지", "energy"),
    ("모빌리티", "mobility"),
    ("헬스케어", "healthcare"),
    ("커머스", "commerce"),
];

/// English name stems (the Microsoft sample companies and friends).
const EN_STEMS: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Adventure Works",
    "Tailspin",
    "Wide World",
    "Woodgrove",
    "Litware",
    "Proseware",
    "Alpine Ski House",
    "Coho",
    "Fourth Coffee",
    "Lamna",
    "Trey Research",
    "Wingtip",
    "Blue Yonder",
    "Relecloud",
    "VanArsdel",
    "Southridge",
    "A. Datum",
    "Humongous",
    "Margie's Travel",
];

/// English company-type suffixes.
const EN_SUFFIXES: &[&str] = &[
    "Ltd",
    "Inc",
    "Corporation",
    "Group",
    "Holdings",
    "Traders",
    "Labs",
    "Systems",
    "Partners",
    "Retail",
    "Logistics",
    "Bank",
];

/// Turns a display name into a domain label (`lower-case letters and digits`).
fn slug(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Picks unique company names and domains.
#[derive(Default)]
pub struct NamePicker {
    used_names: HashSet<String>,
    used_domains: HashSet<String>,
}

impl NamePicker {
    /// A picker that has handed out nothing yet.
    pub fn new() -> NamePicker {
        NamePicker::default()
    }

    /// Marks a name and domain as taken (for fixed demo customers).
    pub fn reserve(&mut self, name: &str, domain: &str) {
        self.used_names.insert(name.to_string());
        self.used_domains.insert(domain.to_string());
    }

    /// A new unique (company name, primary domain); Korean when `korean`.
    pub fn pick(&mut self, rng: &mut fastrand::Rng, korean: bool) -> (String, String) {
        let (base, label) = if korean {
            let (stem, rs) = KO_STEMS[rng.usize(..KO_STEMS.len())];
            let (suf, rsuf) = KO_SUFFIXES[rng.usize(..KO_SUFFIXES.len())];
            let name = match rng.u8(..4) {
                0 => format!("(주){stem}{suf}"),
                1 => format!("{stem}{suf}(주)"),
                2 => format!("주식회사 {stem}{suf}"),
                _ => format!("(주){stem}{suf}"),
            };
            (name, format!("{rs}{rsuf}"))
        } else {
            let stem = EN_STEMS[rng.usize(..EN_STEMS.len())];
            let suf = EN_SUFFIXES[rng.usize(..EN_SUFFIXES.len())];
            (format!("{stem} {suf}"), slug(&format!("{stem}{suf}")))
        };
        let mut n = 1u32;
        loop {
            let name = if n == 1 {
                base.clone()
            } else {
                format!("{base} {n}")
            };
            let domain = if n == 1 {
                format!("{label}.onmicrosoft.com")
            } else {
                format!("{label}{n}.onmicrosoft.com")
            };
            if !self.used_names.contains(&name) && !self.used_domains.contains(&domain) {
                self.reserve(&name, &domain);
                return (name, domain);
            }
            n += 1;
        }
    }
}

/// User name parts for generated principals.
pub const PEOPLE: &[&str] = &[
    "minsu.kim",
    "jiyoung.lee",
    "hyunwoo.park",
    "soyeon.choi",
    "junho.jung",
    "yuna.kang",
    "john.smith",
    "emma.jones",
    "liam.brown",
    "olivia.wilson",
];

/// Group names for generated principals.
pub const GROUPS: &[&str] = &["Cloud Finance", "Platform Team", "FinOps", "IT Operations"];

/// Service principal names for generated principals.
pub const APPS: &[&str] = &["finops-automation", "cost-export-app"];
