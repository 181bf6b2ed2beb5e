//! An imported price list (a real server's prices): reservation prices by family, SKU, region and
//! term, in place of the synthetic [`crate::catalogue`] when a [`State`](crate::State) has one.
//!
//! An item's price is one unit for the whole term (the Upfront price); Monthly is that price
//! over the term's months, exact when the division is, else rounded to the cent. The browser demo
//! never has one, so none of this reaches its bundle.

use std::collections::HashMap;
use std::sync::Arc;

use reservation_api::{codes, BillingPlan, Family, PriceEntry, Term, CURRENCY_USD};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::catalogue;
use crate::respond::Failure;

/// The family of an Azure Retail Prices item by its `serviceName` (and, where one service sells
/// several families, its `productName`), when the dashboard sells it; `None`: not offered.
pub fn family_of_service(service: &str, product: &str) -> Option<Family> {
    let has = |s: &str| product.contains(s);
    Some(match service.trim() {
        "Virtual Machines" if has("Dedicated Host") => Family::DedicatedHost,
        "Virtual Machines" => Family::VirtualMachines,
        "SQL Database" if has("Managed Instance") => Family::SqlManagedInstance,
        "SQL Database" if has("Elastic Pool") => Family::SqlElasticPool,
        "SQL Database" => Family::SqlDatabases,
        "SQL Managed Instance" => Family::SqlManagedInstance,
        "Azure Cosmos DB" => Family::CosmosDb,
        "Azure App Service" | "App Service" => Family::AppService,
        "Azure Database for MySQL" => Family::MySql,
        "Azure Database for PostgreSQL" => Family::PostgreSql,
        "Redis Cache" | "Azure Cache for Redis" => Family::RedisCache,
        "Azure Data Explorer" => Family::DataExplorer,
        "Azure VMware Solution" => Family::Avs,
        "Storage" if has("Files") => Family::AzureFiles,
        "Storage" if has("Disk") => Family::ManagedDisk,
        "Storage" if has("Blob") => Family::BlobStorage,
        _ => return None,
    })
}

/// One reservation price: one unit of `sku` in `location` for the whole `term`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedPrice {
    /// The family.
    pub family: Family,
    /// The ARM SKU name.
    pub sku: String,
    /// The ARM region name.
    pub location: String,
    /// The term.
    pub term: Term,
    /// One unit for the whole term (USD).
    pub unit_price: Decimal,
}

/// The reservation prices of an imported price list. Cheap to clone (shared).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PriceList {
    /// The store revision it was imported at (0: none was imported).
    pub revision: i64,
    items: Arc<Vec<ListedPrice>>,
    index: Arc<HashMap<(Family, String, String, Term), usize>>,
}

impl PriceList {
    /// A list of these items (the first of several with the same family, SKU, region and term
    /// counts), imported at `revision`.
    pub fn new(revision: i64, items: Vec<ListedPrice>) -> PriceList {
        let mut kept = Vec::with_capacity(items.len());
        let mut index = HashMap::with_capacity(items.len());
        for it in items {
            let key = (
                it.family.clone(),
                it.sku.clone(),
                it.location.clone(),
                it.term.clone(),
            );
            if let std::collections::hash_map::Entry::Vacant(v) = index.entry(key) {
                v.insert(kept.len());
                kept.push(it);
            }
        }
        PriceList {
            revision,
            items: Arc::new(kept),
            index: Arc::new(index),
        }
    }

    /// Whether nothing is on the list.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many reservation prices it has.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    fn find(
        &self,
        family: &Family,
        sku: &str,
        location: &str,
        term: &Term,
    ) -> Option<&ListedPrice> {
        let key = (
            family.clone(),
            sku.to_string(),
            location.to_string(),
            term.clone(),
        );
        self.index.get(&key).and_then(|&i| self.items.get(i))
    }

    /// The price of one unit (Upfront: whole term; Monthly: one month), or `None` when the
    /// combination is not on the list.
    pub fn price(
        &self,
        family: &Family,
        sku: &str,
        location: &str,
        term: &Term,
        plan: &BillingPlan,
    ) -> Option<Decimal> {
        let item = self.find(family, sku, location, term)?;
        plan_price(item, plan)
    }

    /// Why a purchase line has no price: a 422 `SkuNotOnPriceList` naming what is missing, or a
    /// 400 for a billing plan the family is not sold with; `field` names a field of the line.
    pub fn refusal(
        &self,
        family: &Family,
        sku: &str,
        location: &str,
        term: &Term,
        plan: &BillingPlan,
        field: &dyn Fn(&str) -> String,
    ) -> Failure {
        if self.find(family, sku, location, term).is_some() {
            return Failure::invalid(format!(
                "{} {sku} in {location} for {} is not sold with the {} billing plan.",
                family.as_str(),
                term.as_str(),
                plan.as_str()
            ))
            .target(field("billingPlan"));
        }
        let what = format!(
            "{} {sku} in {location} for {}",
            family.as_str(),
            term.as_str()
        );
        let message = if self.is_empty() {
            format!(
                "{what} cannot be priced: no price list has been imported, so nothing can be \
                 bought. Import Azure's price list with `reservation-server prices import`."
            )
        } else {
            format!(
                "{what} is not on the price list. Import a price list that has it with \
                 `reservation-server prices import`."
            )
        };
        Failure::new(422, codes::SKU_NOT_ON_PRICE_LIST, message).target(field("skuName"))
    }

    /// Every entry, in the list's order, each with the plans its family is sold with.
    pub fn entries(&self) -> Vec<PriceEntry> {
        let mut out = Vec::with_capacity(self.items.len() * 2);
        for it in self.items.iter() {
            let flex = catalogue::flexibility(&it.family, &it.sku);
            for plan in plans(&it.family) {
                if let Some(unit_price) = plan_price(it, &plan) {
                    out.push(PriceEntry {
                        reserved_resource_type: it.family.clone(),
                        sku_name: it.sku.clone(),
                        location: it.location.clone(),
                        term: it.term.clone(),
                        billing_plan: plan,
                        unit_price,
                        currency_code: CURRENCY_USD.to_string(),
                        instance_flexibility_group: flex.map(|(g, _)| g.to_string()),
                        instance_flexibility_ratio: flex.map(|(_, r)| r),
                    });
                }
            }
        }
        out
    }
}

/// The plans a family is sold with (as in the synthetic catalogue: pre-purchase plans upfront
/// only).
fn plans(family: &Family) -> Vec<BillingPlan> {
    match catalogue::offer(family) {
        Some(o) => o.plans(),
        None => vec![BillingPlan::Upfront],
    }
}

/// An item's price for `plan`.
fn plan_price(item: &ListedPrice, plan: &BillingPlan) -> Option<Decimal> {
    if !plans(&item.family).contains(plan) {
        return None;
    }
    match plan {
        BillingPlan::Upfront => Some(item.unit_price),
        BillingPlan::Monthly => monthly(item.unit_price, item.term.months()?),
        BillingPlan::Unknown(_) => None,
    }
}

/// `upfront` over `months`: exact when the quotient has at most 6 decimals, else rounded to the
/// cent (half away from zero).
pub fn monthly(upfront: Decimal, months: u32) -> Option<Decimal> {
    let m = Decimal::from(months);
    let q = upfront.checked_div(m)?;
    let six = q.round_dp(6);
    if six.checked_mul(m)? == upfront {
        Some(six.normalize())
    } else {
        Some(q.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }
}

/// The unit price of a purchase line from `list`, or from the synthetic catalogue when `None`.
pub fn price(
    list: Option<&PriceList>,
    family: &Family,
    sku: &str,
    location: &str,
    term: &Term,
    plan: &BillingPlan,
) -> Option<Decimal> {
    match list {
        Some(l) => l.price(family, sku, location, term, plan),
        None => catalogue::price(family, sku, location, term, plan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn item(sku: &str, term: Term, p: Decimal) -> ListedPrice {
        ListedPrice {
            family: Family::VirtualMachines,
            sku: sku.into(),
            location: "eastus".into(),
            term,
            unit_price: p,
        }
    }

    #[test]
    fn prices_come_from_the_list() {
        let list = PriceList::new(
            3,
            vec![
                item("Standard_D2s_v5", Term::P1Y, dec!(701.0)),
                item("Standard_D2s_v5", Term::P3Y, dec!(1366.8)),
                // A second item of the same key does not replace the first.
                item("Standard_D2s_v5", Term::P1Y, dec!(1)),
            ],
        );
        assert_eq!(list.len(), 2);
        let vm = Family::VirtualMachines;
        let up = BillingPlan::Upfront;
        let mo = BillingPlan::Monthly;
        assert_eq!(
            list.price(&vm, "Standard_D2s_v5", "eastus", &Term::P1Y, &up),
            Some(dec!(701.0))
        );
        // 701 / 12 = 58.41666…: rounded to the cent; 1366.8 / 36 = 37.966… likewise.
        assert_eq!(
            list.price(&vm, "Standard_D2s_v5", "eastus", &Term::P1Y, &mo),
            Some(dec!(58.42))
        );
        assert_eq!(
            list.price(&vm, "Standard_D2s_v5", "eastus", &Term::P3Y, &mo),
            Some(dec!(37.97))
        );
        assert_eq!(
            list.price(&vm, "Standard_D2s_v5", "westus", &Term::P1Y, &up),
            None
        );
        assert_eq!(
            list.price(&vm, "Standard_D2s_v5", "eastus", &Term::P5Y, &up),
            None
        );
        let f = list.refusal(&vm, "Standard_D2s_v5", "eastus", &Term::P5Y, &up, &|f| {
            f.to_string()
        });
        let r = f.into_response();
        assert_eq!(r.status, 422);
        assert!(r.body.contains("SkuNotOnPriceList"), "{}", r.body);
        assert!(
            r.body.contains("Standard_D2s_v5 in eastus for P5Y"),
            "{}",
            r.body
        );
        assert_eq!(list.entries().len(), 4);
    }

    #[test]
    fn an_empty_list_says_so() {
        let r = PriceList::default()
            .refusal(
                &Family::VirtualMachines,
                "Standard_D2s_v5",
                "eastus",
                &Term::P1Y,
                &BillingPlan::Upfront,
                &|f| f.to_string(),
            )
            .into_response();
        assert_eq!(r.status, 422);
        assert!(
            r.body.contains("no price list has been imported"),
            "{}",
            r.body
        );
    }

    #[test]
    fn monthly_is_exact_when_it_can_be() {
        assert_eq!(monthly(dec!(600), 12), Some(dec!(50)));
        assert_eq!(monthly(dec!(1234.5678), 12), Some(dec!(102.88065)));
        assert_eq!(monthly(dec!(1000), 12), Some(dec!(83.33)));
        assert_eq!(monthly(dec!(0.12), 12), Some(dec!(0.01)));
        assert_eq!(monthly(dec!(1.23), 12), Some(dec!(0.1025)));
    }

    #[test]
    fn services_map_to_families() {
        let f = family_of_service;
        assert_eq!(
            f("Virtual Machines", "Virtual Machines Dsv5 Series"),
            Some(Family::VirtualMachines)
        );
        assert_eq!(
            f("App Service", "Premium v3 Plan"),
            Some(Family::AppService)
        );
        assert_eq!(f("Azure Cache for Redis", ""), Some(Family::RedisCache));
        assert_eq!(f("Storage", "Files v2"), Some(Family::AzureFiles));
        assert_eq!(f("Storage", "Bandwidth"), None);
        assert_eq!(f("Azure Bastion", "Azure Bastion"), None);
    }
}
