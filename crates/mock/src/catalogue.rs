//! The deterministic price catalogue: (family, SKU, region, term, plan) → unit price in USD.
//!
//! Prices are computed with integer arithmetic from a base price (one unit, one year, upfront,
//! in eastus), a regional factor and a term factor; monthly prices are the upfront price spread
//! over the term's months, rounded to the cent.

use reservation_api::{BillingPlan, Family, PriceEntry, Term, CURRENCY_USD};
use rust_decimal::Decimal;

/// The regions reservations are sold in, with their price factor in per mille.
pub const REGIONS: &[(&str, u64)] = &[
    ("koreacentral", 1080),
    ("koreasouth", 1050),
    ("eastus", 1000),
    ("eastus2", 1000),
    ("westus2", 1010),
    ("westeurope", 1120),
    ("northeurope", 1090),
    ("japaneast", 1150),
    ("southeastasia", 1100),
    ("australiaeast", 1160),
];

/// The location of products that are not regional (pre-purchase plans, software plans).
pub const GLOBAL: &str = "global";

/// What one family sells: SKUs with base prices (USD cents), terms and plans.
pub struct FamilyOffer {
    /// The family.
    pub family: Family,
    /// SKU names with their base price in cents (one unit, P1Y, Upfront, factor 1000 region).
    pub skus: &'static [(&'static str, u64)],
    /// Terms on sale.
    pub terms: &'static [Term],
    /// Whether Monthly billing is offered (Upfront always is).
    pub monthly: bool,
    /// Whether the product is regional (else sold in [`GLOBAL`] only).
    pub regional: bool,
}

const T13: &[Term] = &[Term::P1Y, Term::P3Y];
const T135: &[Term] = &[Term::P1Y, Term::P3Y, Term::P5Y];
const T1: &[Term] = &[Term::P1Y];

/// Everything on sale, one entry per family of the spec.
pub fn offers() -> &'static [FamilyOffer] {
    OFFERS
}

/// What `family` sells, if it is on sale.
pub fn offer(family: &Family) -> Option<&'static FamilyOffer> {
    OFFERS.iter().find(|o| &o.family == family)
}

/// One row of [`OFFERS`].
const fn o(
    family: Family,
    skus: &'static [(&'static str, u64)],
    terms: &'static [Term],
    monthly: bool,
    regional: bool,
) -> FamilyOffer {
    FamilyOffer {
        family,
        skus,
        terms,
        monthly,
        regional,
    }
}

// A static table: the generator prices every reservation it makes.
static OFFERS: &[FamilyOffer] = &[
    o(
        Family::VirtualMachines,
        &[
            ("Standard_B2ms", 42_000),
            ("Standard_D2s_v5", 64_000),
            ("Standard_D4s_v5", 128_000),
            ("Standard_D8s_v5", 256_000),
            ("Standard_E4s_v5", 165_000),
            ("Standard_F8s_v2", 210_000),
            ("Standard_NC6s_v3", 1_450_000),
        ],
        T135,
        true,
        true,
    ),
    o(
        Family::DedicatedHost,
        &[("DSv5_Type1", 3_800_000), ("ESv5_Type1", 4_500_000)],
        T13,
        true,
        true,
    ),
    o(
        Family::Avs,
        &[("AV36", 6_200_000), ("AV36P", 7_800_000)],
        T135,
        true,
        true,
    ),
    o(
        Family::SqlDatabases,
        &[
            ("SQLDB_GP_Compute_Gen5", 115_000),
            ("SQLDB_BC_Compute_Gen5", 310_000),
        ],
        T13,
        true,
        true,
    ),
    o(
        Family::SqlManagedInstance,
        &[
            ("SQLMI_GP_Compute_Gen5", 120_000),
            ("SQLMI_BC_Compute_Gen5", 320_000),
        ],
        T13,
        true,
        true,
    ),
    o(
        Family::SqlElasticPool,
        &[("SQLEP_GP_Compute_Gen5", 115_000)],
        T13,
        true,
        true,
    ),
    o(
        Family::CosmosDb,
        &[("CosmosDB_100RUs", 5_700)],
        T13,
        true,
        true,
    ),
    o(
        Family::AppService,
        &[("P1v3", 105_000), ("P2v3", 210_000), ("I1v2", 270_000)],
        T13,
        true,
        true,
    ),
    o(
        Family::BlobStorage,
        &[("Hot_LRS_100TB", 1_900_000), ("Cool_LRS_100TB", 1_100_000)],
        T13,
        true,
        true,
    ),
    o(
        Family::ManagedDisk,
        &[("Premium_SSD_P30", 130_000), ("Premium_SSD_P40", 250_000)],
        T1,
        true,
        true,
    ),
    o(
        Family::AzureFiles,
        &[("Hot_LRS_10TiB", 190_000)],
        T13,
        true,
        true,
    ),
    o(
        Family::DataExplorer,
        &[("ADX_Markup_Unit", 80_000)],
        T13,
        true,
        true,
    ),
    o(
        Family::MySql,
        &[("MySQL_Flexible_GP_vCore", 60_000)],
        T13,
        true,
        true,
    ),
    o(
        Family::PostgreSql,
        &[("PostgreSQL_Flexible_GP_vCore", 62_000)],
        T13,
        true,
        true,
    ),
    o(
        Family::RedisCache,
        &[("Premium_P1", 280_000), ("Premium_P2", 560_000)],
        T13,
        true,
        true,
    ),
    o(
        Family::DatabricksPrePurchase,
        &[("Databricks_DBCU_25000", 2_350_000)],
        T13,
        false,
        false,
    ),
    o(
        Family::SynapsePrePurchase,
        &[("Synapse_SCU_5000", 490_000)],
        T1,
        false,
        false,
    ),
    o(
        Family::RedHat,
        &[("RHEL_1-4_vCPU", 60_000)],
        T13,
        true,
        false,
    ),
    o(
        Family::Suse,
        &[("SLES_Standard_1-2_vCPU", 35_000)],
        T13,
        true,
        false,
    ),
    o(
        Family::DefenderForCloudPrePurchase,
        &[("Defender_DCU_5000", 475_000)],
        T1,
        false,
        false,
    ),
    o(
        Family::SentinelPrePurchase,
        &[("Sentinel_SCU_5000", 480_000)],
        T1,
        false,
        false,
    ),
];

impl FamilyOffer {
    /// The regions this family is sold in.
    pub fn locations(&self) -> Vec<&'static str> {
        if self.regional {
            REGIONS.iter().map(|(r, _)| *r).collect()
        } else {
            vec![GLOBAL]
        }
    }

    /// Whether this family is sold with `plan`.
    pub fn sells(&self, plan: &BillingPlan) -> bool {
        match plan {
            BillingPlan::Upfront => true,
            BillingPlan::Monthly => self.monthly,
            BillingPlan::Unknown(_) => false,
        }
    }

    /// The plans this family is sold with.
    pub fn plans(&self) -> Vec<BillingPlan> {
        if self.monthly {
            vec![BillingPlan::Upfront, BillingPlan::Monthly]
        } else {
            vec![BillingPlan::Upfront]
        }
    }
}

/// The per-mille factor of a term's upfront price relative to one year.
fn term_factor(term: &Term) -> Option<u64> {
    match term {
        Term::P1Y => Some(1000),
        Term::P3Y => Some(1900),
        Term::P5Y => Some(2800),
        Term::Unknown(_) => None,
    }
}

/// The catalogue price of one unit (Upfront: whole term; Monthly: one month), or `None` when
/// the combination is not on sale.
pub fn price(
    family: &Family,
    sku: &str,
    location: &str,
    term: &Term,
    plan: &BillingPlan,
) -> Option<Decimal> {
    let offer = offer(family)?;
    let base = offer.skus.iter().find(|(s, _)| *s == sku)?.1;
    if !offer.terms.contains(term) || !offer.sells(plan) {
        return None;
    }
    let region = if offer.regional {
        REGIONS.iter().find(|(r, _)| *r == location)?.1
    } else if location == GLOBAL {
        1000
    } else {
        return None;
    };
    let months = u64::from(term.months()?);
    // Upfront cents for the whole term, rounded half up at the cent.
    let upfront = (base * region * term_factor(term)? + 500_000) / 1_000_000;
    let cents = match plan {
        BillingPlan::Upfront => upfront,
        BillingPlan::Monthly => (upfront + months / 2) / months,
        BillingPlan::Unknown(_) => return None,
    };
    Some(Decimal::new(i64::try_from(cents).ok()?, 2))
}

/// Which field of a (family, SKU, region, term, plan) combination the catalogue lacks, in the
/// order `reservedResourceType`, `skuName`, `location`, `term`, `billingPlan`; `None` when the
/// combination is on sale.
pub fn missing_field(
    family: &Family,
    sku: &str,
    location: &str,
    term: &Term,
    plan: &BillingPlan,
) -> Option<&'static str> {
    let Some(offer) = offer(family) else {
        return Some("reservedResourceType");
    };
    if !offer.skus.iter().any(|(s, _)| *s == sku) {
        return Some("skuName");
    }
    if !offer.locations().contains(&location) {
        return Some("location");
    }
    if !offer.terms.contains(term) {
        return Some("term");
    }
    if !offer.sells(plan) {
        return Some("billingPlan");
    }
    price(family, sku, location, term, plan)
        .is_none()
        .then_some("term")
}

/// Instance size flexibility of the VM SKUs on sale: (SKU, group, ratio), the ratios of
/// Azure's instance size flexibility table (capacity relative to the group's smallest size).
pub const FLEXIBILITY: &[(&str, &str, u32)] = &[
    ("Standard_B2ms", "BS Series", 4),
    ("Standard_D2s_v5", "DSv5 Series", 1),
    ("Standard_D4s_v5", "DSv5 Series", 2),
    ("Standard_D8s_v5", "DSv5 Series", 4),
    ("Standard_E4s_v5", "ESv5 Series", 2),
    ("Standard_F8s_v2", "FSv2 Series", 8),
    ("Standard_NC6s_v3", "NCSv3 Series", 1),
];

/// The flexibility group and ratio of a VM SKU.
pub fn flexibility(family: &Family, sku: &str) -> Option<(&'static str, u32)> {
    (*family == Family::VirtualMachines)
        .then(|| FLEXIBILITY.iter().find(|(s, _, _)| *s == sku))
        .flatten()
        .map(|(_, group, ratio)| (*group, *ratio))
}

/// Every catalogue entry, in a stable order (family, SKU, region, term, plan).
pub fn entries() -> Vec<PriceEntry> {
    let mut out = Vec::new();
    for offer in offers() {
        for (sku, _) in offer.skus {
            for loc in offer.locations() {
                for term in offer.terms {
                    for plan in offer.plans() {
                        if let Some(unit_price) = price(&offer.family, sku, loc, term, &plan) {
                            out.push(PriceEntry {
                                reserved_resource_type: offer.family.clone(),
                                sku_name: (*sku).to_string(),
                                location: loc.to_string(),
                                term: term.clone(),
                                billing_plan: plan.clone(),
                                unit_price,
                                currency_code: CURRENCY_USD.to_string(),
                                instance_flexibility_group: flexibility(&offer.family, sku)
                                    .map(|(g, _)| g.to_string()),
                                instance_flexibility_ratio: flexibility(&offer.family, sku)
                                    .map(|(_, r)| r),
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn prices_are_deterministic_and_consistent() {
        let up = price(
            &Family::VirtualMachines,
            "Standard_D2s_v5",
            "eastus",
            &Term::P1Y,
            &BillingPlan::Upfront,
        );
        assert_eq!(up, Some(dec!(640.00)));
        let monthly = price(
            &Family::VirtualMachines,
            "Standard_D2s_v5",
            "eastus",
            &Term::P1Y,
            &BillingPlan::Monthly,
        );
        assert_eq!(monthly, Some(dec!(53.33)));
        assert!(price(
            &Family::RedHat,
            "RHEL_1-4_vCPU",
            "eastus",
            &Term::P1Y,
            &BillingPlan::Upfront
        )
        .is_none());
        assert!(entries().len() > 500);
    }

    #[test]
    fn every_family_is_on_sale() {
        let offers = offers();
        for f in Family::KNOWN {
            assert!(offers.iter().any(|o| &o.family == f), "{f:?}");
        }
    }
}
