//! The deterministic demo-data generator: the same seed and day always give the same state.

use std::sync::Arc;

use chrono::{Datelike, Duration, Months, NaiveDate};
use reservation_api::{BillingPlan, Family, InstanceFlexibility, PrincipalType, Role, Term};
use reservation_quote::expiry_date;
use rust_decimal::Decimal;

use crate::catalogue::{self, REGIONS};
use crate::demo;
use crate::ids::guid;
use crate::names::{NamePicker, APPS, GROUPS, PEOPLE};
use crate::state::{
    CustomerRec, MgRec, OrderRec, RefundRec, ResRec, RgRec, RoleRec, Scope, State, StoredStatus,
    SubRec,
};

/// The seed of the default demo data.
pub const DEFAULT_SEED: u64 = 20_261_128;
/// How many customers the default demo data has (the fixed demo customers included).
pub const DEFAULT_CUSTOMERS: usize = 60;

/// Sizes of generated data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratorConfig {
    /// How many customers (the first ones are the fixed demo customers).
    pub customers: usize,
    /// Fewest reservations of a generated customer.
    pub min_reservations: usize,
    /// Most reservations of a generated customer.
    pub max_reservations: usize,
    /// When set, the per-customer counts are adjusted so the total is exactly this.
    pub total_reservations: Option<usize>,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig {
            customers: DEFAULT_CUSTOMERS,
            min_reservations: 1,
            max_reservations: 40,
            total_reservations: None,
        }
    }
}

/// Generates `customers` customers (1–40 reservations each) for the day `today`.
pub fn generate(seed: u64, today: NaiveDate, customers: usize) -> State {
    generate_with(
        seed,
        today,
        &GeneratorConfig {
            customers,
            ..GeneratorConfig::default()
        },
    )
}

/// Generates data of the given sizes for the day `today`.
pub fn generate_with(seed: u64, today: NaiveDate, config: &GeneratorConfig) -> State {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut picker = NamePicker::new();
    let mut customers: Vec<CustomerRec> = demo::fixed_customers(today)
        .into_iter()
        .take(config.customers)
        .collect();
    for c in &customers {
        picker.reserve(&c.name, &c.domain);
    }
    let fixed_total: usize = customers
        .iter()
        .flat_map(|c| c.orders.iter())
        .map(|o| o.res.len())
        .sum();
    let generated = config.customers.saturating_sub(customers.len());
    let counts = reservation_counts(&mut rng, generated, config, fixed_total);
    for n in counts {
        customers.push(customer(&mut rng, &mut picker, today, n));
    }
    State::new(seed, today, customers)
}

/// How many reservations each generated customer gets.
fn reservation_counts(
    rng: &mut fastrand::Rng,
    customers: usize,
    config: &GeneratorConfig,
    fixed_total: usize,
) -> Vec<usize> {
    let (lo, hi) = (
        config.min_reservations.max(1),
        config.max_reservations.max(config.min_reservations.max(1)),
    );
    let mut counts: Vec<usize> = (0..customers).map(|_| rng.usize(lo..=hi)).collect();
    if let Some(target) = config.total_reservations {
        let target = target
            .saturating_sub(fixed_total)
            .clamp(lo * customers, hi * customers);
        let mut sum: usize = counts.iter().sum();
        while sum != target && customers > 0 {
            let i = rng.usize(..customers);
            if sum < target && counts[i] < hi {
                counts[i] += 1;
                sum += 1;
            } else if sum > target && counts[i] > lo {
                counts[i] -= 1;
                sum -= 1;
            }
        }
    }
    counts
}

/// Picks an item by integer weights.
fn weighted<'a, T>(rng: &mut fastrand::Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut r = rng.u32(..total.max(1));
    for (item, w) in items {
        if r < *w {
            return item;
        }
        r -= w;
    }
    &items[items.len() - 1].0
}

/// The locale of a country.
fn locale_of(country: &str) -> &'static str {
    match country {
        "KR" => "ko-KR",
        "JP" => "ja-JP",
        "DE" => "de-DE",
        "GB" => "en-GB",
        "SG" => "en-SG",
        "AU" => "en-AU",
        _ => "en-US",
    }
}

/// The regions a customer in `country` mostly uses.
fn home_regions(country: &str) -> &'static [&'static str] {
    match country {
        "KR" => &["koreacentral", "koreasouth"],
        "JP" => &["japaneast"],
        "DE" | "GB" => &["westeurope", "northeurope"],
        "SG" => &["southeastasia"],
        "AU" => &["australiaeast"],
        _ => &["eastus", "eastus2", "westus2"],
    }
}

/// One generated customer with `n` reservations.
fn customer(
    rng: &mut fastrand::Rng,
    picker: &mut NamePicker,
    today: NaiveDate,
    n: usize,
) -> CustomerRec {
    let korean = rng.u8(..100) < 55;
    let country = if korean {
        if rng.u8(..100) < 95 {
            "KR"
        } else {
            "US"
        }
    } else {
        *weighted(
            rng,
            &[
                ("US", 40),
                ("KR", 15),
                ("GB", 10),
                ("DE", 8),
                ("JP", 10),
                ("SG", 8),
                ("AU", 9),
            ],
        )
    };
    let (name, domain) = picker.pick(rng, korean);
    let home = home_regions(country);
    let sub_names = ["Azure plan", "Production", "Development", "Shared Services"];
    let subs: Vec<SubRec> = (0..rng.usize(1..=4))
        .map(|i| SubRec {
            id: guid(rng),
            name: sub_names[i].to_string(),
        })
        .collect();
    let rg_names = ["rg-prod", "rg-app-01", "rg-data", "rg-dev"];
    let mut rgs = Vec::new();
    for (si, _) in subs.iter().enumerate() {
        for _ in 0..rng.usize(1..=2) {
            let loc = home[rng.usize(..home.len())];
            rgs.push(RgRec {
                sub: si,
                name: format!("{}-{loc}", rg_names[rng.usize(..rg_names.len())]),
                loc: loc.to_string(),
            });
        }
    }
    rgs.dedup_by(|a, b| a.sub == b.sub && a.name == b.name);
    let mgs: Vec<MgRec> = [("mg-root", "Tenant Root Group"), ("mg-prod", "Production")]
        .iter()
        .take(rng.usize(0..=2))
        .map(|(n, d)| MgRec {
            name: (*n).to_string(),
            display: (*d).to_string(),
        })
        .collect();
    let mut c = CustomerRec {
        id: guid(rng),
        name,
        domain,
        country: country.to_string(),
        locale: locale_of(country).to_string(),
        subs,
        rgs,
        mgs,
        orders: Vec::new(),
        refunds: Vec::new(),
        support: Vec::new(),
        credits: Vec::new(),
    };
    let mut left = n;
    while left > 0 {
        let k = if left >= 2 && rng.u8(..100) < 10 {
            2
        } else {
            1
        };
        let order = order(rng, &c, home, today, k);
        c.orders.push(Arc::new(order));
        left -= k;
    }
    c.refunds = refund_history(rng, &c, today);
    crate::handlers::billing::seed_credits(&mut c);
    c
}

/// The families with their weights in generated data.
const FAMILY_WEIGHTS: &[(Family, u32)] = &[
    (Family::VirtualMachines, 45),
    (Family::SqlDatabases, 8),
    (Family::SqlManagedInstance, 3),
    (Family::SqlElasticPool, 2),
    (Family::CosmosDb, 5),
    (Family::AppService, 6),
    (Family::DedicatedHost, 3),
    (Family::Avs, 1),
    (Family::BlobStorage, 3),
    (Family::ManagedDisk, 3),
    (Family::AzureFiles, 2),
    (Family::DataExplorer, 2),
    (Family::MySql, 3),
    (Family::PostgreSql, 3),
    (Family::RedisCache, 3),
    (Family::DatabricksPrePurchase, 2),
    (Family::SynapsePrePurchase, 1),
    (Family::RedHat, 2),
    (Family::Suse, 2),
    (Family::DefenderForCloudPrePurchase, 1),
    (Family::SentinelPrePurchase, 1),
];

/// The prefix of Azure's default reservation names for a family.
pub fn name_prefix(family: &Family) -> &'static str {
    match family {
        Family::VirtualMachines => "VM",
        Family::DedicatedHost => "DH",
        Family::Avs => "AVS",
        Family::SqlDatabases => "SQL",
        Family::SqlManagedInstance => "SQLMI",
        Family::SqlElasticPool => "SQLEP",
        Family::CosmosDb => "COSMOS",
        Family::AppService => "APPSVC",
        Family::BlobStorage => "BLOB",
        Family::ManagedDisk => "DISK",
        Family::AzureFiles => "FILES",
        Family::DataExplorer => "ADX",
        Family::MySql => "MYSQL",
        Family::PostgreSql => "PGSQL",
        Family::RedisCache => "REDIS",
        Family::DatabricksPrePurchase => "DBX",
        Family::SynapsePrePurchase => "SYN",
        Family::RedHat => "RHEL",
        Family::Suse => "SLES",
        Family::DefenderForCloudPrePurchase => "MDC",
        Family::SentinelPrePurchase => "SENT",
        Family::Unknown(_) => "RI",
    }
}

/// Azure's default name of a reservation bought on `date` (`VM_RI_11-28-2026_09-31`).
pub fn default_name(family: &Family, date: NaiveDate, minutes: u32) -> String {
    format!(
        "{}_RI_{:02}-{:02}-{}_{:02}-{:02}",
        name_prefix(family),
        date.month(),
        date.day(),
        date.year(),
        (minutes / 60) % 24,
        minutes % 60
    )
}

/// Which part of its life a generated reservation is in.
#[derive(Clone, Copy)]
enum Bucket {
    /// Active, expiring within `lo..=hi` days.
    Expiring(i64, i64),
    /// Active, anywhere in its term.
    Active,
    /// Past its expiry.
    Expired,
    /// Returned in full.
    Cancelled,
}

/// The purchase date for a bucket (and the cancellation day for Cancelled).
fn dates_for(
    rng: &mut fastrand::Rng,
    bucket: Bucket,
    term: &Term,
    today: NaiveDate,
) -> (NaiveDate, Option<NaiveDate>) {
    let months = term.months().unwrap_or(12);
    let back = |d: NaiveDate| d.checked_sub_months(Months::new(months)).unwrap_or(d);
    let term_days = expiry_date(today, term).map_or(365, |e| (e - today).num_days());
    match bucket {
        Bucket::Expiring(lo, hi) => {
            let expiry = today + Duration::days(rng.i64(lo..=hi));
            (back(expiry).min(today), None)
        }
        Bucket::Active => {
            let elapsed = rng.i64(0..(term_days - 91).max(1));
            (today - Duration::days(elapsed), None)
        }
        Bucket::Expired => {
            let expiry = today - Duration::days(rng.i64(1..=700));
            (back(expiry), None)
        }
        Bucket::Cancelled => {
            let elapsed = rng.i64(30..(term_days - 10).max(31));
            let purchase = today - Duration::days(elapsed);
            let ended = purchase + Duration::days(rng.i64(1..elapsed));
            (purchase, Some(ended))
        }
    }
}

/// One generated order with `k` reservations.
fn order(
    rng: &mut fastrand::Rng,
    c: &CustomerRec,
    home: &[&str],
    today: NaiveDate,
    k: usize,
) -> OrderRec {
    let family = weighted(rng, FAMILY_WEIGHTS).clone();
    let offer = catalogue::offer(&family).unwrap_or(&catalogue::offers()[0]);
    let sku = offer.skus[rng.usize(..offer.skus.len())].0;
    let term_weights: Vec<(Term, u32)> = offer
        .terms
        .iter()
        .map(|t| {
            (
                t.clone(),
                if *t == Term::P1Y {
                    50
                } else if *t == Term::P3Y {
                    40
                } else {
                    10
                },
            )
        })
        .collect();
    let term = weighted(rng, &term_weights).clone();
    let plan = if offer.monthly && rng.u8(..100) < 40 {
        BillingPlan::Monthly
    } else {
        BillingPlan::Upfront
    };
    let location = if !offer.regional {
        catalogue::GLOBAL.to_string()
    } else if rng.u8(..100) < 70 {
        home[rng.usize(..home.len())].to_string()
    } else {
        REGIONS[rng.usize(..REGIONS.len())].0.to_string()
    };
    let bucket = *weighted(
        rng,
        &[
            (Bucket::Expiring(1, 30), 8),
            (Bucket::Expiring(31, 60), 6),
            (Bucket::Expiring(61, 90), 6),
            (Bucket::Active, 58),
            (Bucket::Expired, 14),
            (Bucket::Cancelled, 8),
        ],
    );
    let (purchase, ended) = dates_for(rng, bucket, &term, today);
    let catalogue_price =
        catalogue::price(&family, sku, &location, &term, &plan).unwrap_or(Decimal::ONE_HUNDRED);
    let minutes = rng.u32(0..1440);
    let custom = rng.u8(..100) < 40;
    let mut res = Vec::with_capacity(k);
    for i in 0..k {
        let qty = match &family {
            Family::VirtualMachines => *weighted(
                rng,
                &[
                    (1u32, 30),
                    (2, 25),
                    (3, 15),
                    (4, 10),
                    (6, 8),
                    (8, 6),
                    (12, 4),
                    (20, 2),
                ],
            ),
            f if !offer.monthly && !matches!(f, Family::RedHat | Family::Suse) => 1,
            _ => rng.u32(1..=8),
        };
        let factor = Decimal::new(i64::from(rng.u32(920..=1080)), 3);
        let price = (catalogue_price * factor)
            .round_dp(2)
            .max(Decimal::new(1, 2));
        let name = if custom {
            let env = ["prod", "dev", "stg", "shared", "dr"][rng.usize(..5)];
            let short: String = sku
                .trim_start_matches("Standard_")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            format!(
                "{env}-{short}-{location}{}",
                if k > 1 {
                    format!("-{}", i + 1)
                } else {
                    String::new()
                }
            )
        } else {
            default_name(&family, purchase, minutes + i as u32)
        };
        let scope = match rng.u8(..100) {
            0..=49 => Scope::Shared,
            50..=79 => Scope::Sub(rng.usize(..c.subs.len().max(1))),
            80..=87 if !c.rgs.is_empty() => Scope::Rg(rng.usize(..c.rgs.len())),
            _ if !c.mgs.is_empty() => Scope::Mg(rng.usize(..c.mgs.len())),
            _ => Scope::Shared,
        };
        let util = match rng.u8(..100) {
            0..=14 => rng.u8(10..=30),
            15..=39 => rng.u8(45..=79),
            _ => rng.u8(82..=98),
        };
        let roles = if rng.u8(..100) < 25 {
            let n = if rng.u8(..100) < 20 { 2 } else { 1 };
            (0..n).map(|_| role(rng, c, purchase)).collect()
        } else {
            Vec::new()
        };
        res.push(ResRec {
            id: guid(rng),
            name,
            family: family.clone(),
            sku: sku.to_string(),
            loc: location.clone(),
            qty,
            price,
            status: if ended.is_some() {
                StoredStatus::Cancelled
            } else {
                StoredStatus::Succeeded
            },
            scope,
            flex: (family == Family::VirtualMachines).then(|| {
                if rng.u8(..100) < 85 {
                    InstanceFlexibility::On
                } else {
                    InstanceFlexibility::Off
                }
            }),
            renew: rng.u8(..100) < 30,
            bill: rng.usize(..c.subs.len().max(1)),
            etag: 1,
            util: Some(util),
            fx: false,
            ended,
            updated: None,
            roles,
            measured: Vec::new(),
        });
    }
    OrderRec {
        id: guid(rng),
        purchase,
        term,
        plan,
        qty: res.iter().map(|r| r.qty).sum(),
        expiry: None,
        etag: 1,
        by: None,
        res,
        audit: Vec::new(),
    }
}

/// A generated role assignment on a reservation of `c`.
fn role(rng: &mut fastrand::Rng, c: &CustomerRec, since: NaiveDate) -> RoleRec {
    let (pname, ptype) = match rng.u8(..10) {
        0..=6 => (
            format!("{}@{}", PEOPLE[rng.usize(..PEOPLE.len())], c.domain),
            PrincipalType::User,
        ),
        7..=8 => (
            GROUPS[rng.usize(..GROUPS.len())].to_string(),
            PrincipalType::Group,
        ),
        _ => (
            APPS[rng.usize(..APPS.len())].to_string(),
            PrincipalType::ServicePrincipal,
        ),
    };
    let role = *weighted(
        rng,
        &[(Role::Owner, 2), (Role::Contributor, 3), (Role::Reader, 5)],
    );
    RoleRec {
        id: guid(rng),
        pid: guid(rng),
        pname,
        ptype,
        role,
        on: since,
    }
}

/// A refund history: none, a few small returns, or (about 6%) close to the USD 50,000 limit.
fn refund_history(rng: &mut fastrand::Rng, c: &CustomerRec, today: NaiveDate) -> Vec<RefundRec> {
    let mut out = Vec::new();
    let mut entry = |rng: &mut fastrand::Rng, days_ago: i64, cents: i64| {
        let target = (!c.orders.is_empty()).then(|| &c.orders[rng.usize(..c.orders.len())]);
        out.push(RefundRec {
            id: guid(rng),
            date: today - Duration::days(days_ago),
            amount: Decimal::new(cents, 2),
            order: target.map(|o| o.id.clone()),
            res: target.and_then(|o| o.res.first()).map(|r| r.id.clone()),
            name: target.and_then(|o| o.res.first()).map(|r| r.name.clone()),
            qty: Some(1),
        });
    };
    match rng.u8(..100) {
        0..=5 => {
            let total = i64::from(rng.u32(4_500_000..=4_950_000));
            let parts = rng.i64(2..=4);
            let mut left = total;
            for i in 0..parts {
                let cents = if i == parts - 1 {
                    left
                } else {
                    left / (parts - i) + rng.i64(-50_000..=50_000)
                };
                left -= cents;
                let days = rng.i64(5..=330);
                entry(rng, days, cents);
            }
        }
        6..=35 => {
            for _ in 0..rng.usize(1..=3) {
                let days = rng.i64(1..=700);
                let cents = rng.i64(50_000..=1_500_000);
                entry(rng, days, cents);
            }
        }
        _ => {}
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.date));
    out
}
