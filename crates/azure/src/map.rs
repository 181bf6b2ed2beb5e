//! Azure's records → the store's records.
//!
//! Exactly what Azure said: ids compared without regard to case and rewritten to one spelling,
//! dates in UTC, amounts exact, a family the product does not know kept under its Azure name
//! (`Family::Unknown`, which every action refuses with its reason). What Azure does not give is
//! not invented: an order without a price is reported, not stored with a made-up one.

use chrono::{NaiveDate, Timelike};
use reservation_api::{BillingPlan, Family, InstanceFlexibility, Term};
use reservation_mock::{
    CustomerRec, MeasuredDay, MgRec, OrderRec, ResRec, RgRec, Scope, StoredStatus, SubRec,
};
use rust_decimal::Decimal;

use crate::wire::capacity::{Reservation, ReservationOrder};
use crate::wire::consumption::ReservationSummary;
use crate::wire::partner_center;

/// Why an Azure record could not be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    /// A resource id that is not a reservation order's or a reservation's.
    #[error("not a reservation id: {0}")]
    BadId(String),
    /// The order carries no price (`planInformation`), so its reservations would have none.
    #[error("reservation order {0}: Azure gave no price (planInformation); not stored")]
    NoPrice(String),
    /// The order carries no purchase time.
    #[error("reservation order {0}: Azure gave no purchase date; not stored")]
    NoPurchaseDate(String),
}

/// The GUIDs of `/providers/Microsoft.Capacity/reservationOrders/{o}[/reservations/{r}]`, in
/// any case, lower-cased.
pub fn ids_of(resource_id: &str) -> Option<(String, Option<String>)> {
    let lower = resource_id.trim_start_matches('/').to_ascii_lowercase();
    let rest = lower.strip_prefix("providers/microsoft.capacity/reservationorders/")?;
    let mut parts = rest.split('/');
    let order = parts.next().filter(|s| !s.is_empty())?.to_owned();
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => Some((order, None)),
        (Some("reservations"), Some(r), None) if !r.is_empty() => Some((order, Some(r.to_owned()))),
        _ => None,
    }
}

/// A family from Azure's `reservedResourceType` (§0.1 of the mapping): renames, and SQL's
/// families told apart by the SKU; anything else kept under Azure's name.
pub fn family(reserved_resource_type: &str, sku: &str) -> Family {
    match reserved_resource_type {
        "BlockBlob" => Family::BlobStorage,
        "AzureDataExplorer" => Family::DataExplorer,
        "SuseLinux" => Family::Suse,
        "Databricks" => Family::DatabricksPrePurchase,
        "SqlDatabases" => {
            let s = sku.to_ascii_lowercase();
            if s.contains("managedinstance") || s.starts_with("mi_") {
                Family::SqlManagedInstance
            } else if s.contains("elasticpool") {
                Family::SqlElasticPool
            } else {
                Family::SqlDatabases
            }
        }
        other => Family::parse(other),
    }
}

/// A reservation's stored status from Azure's provisioning state. Split and merge sources come
/// back `Cancelled` with `extendedStatusInfo.statusCode` `Split`/`Merged` or with lineage.
/// Expiry is derived from the dates, so `Expired` and every live state read as `Succeeded`.
fn status(r: &Reservation) -> StoredStatus {
    let p = &r.properties;
    let code = p
        .extended_status_info
        .as_ref()
        .and_then(|s| s.status_code.as_deref());
    let split_source = p
        .split_properties
        .as_ref()
        .is_some_and(|s| !s.split_destinations.is_empty());
    let merge_source = p
        .merge_properties
        .as_ref()
        .is_some_and(|m| m.merge_destination.is_some());
    match p.provisioning_state.as_deref() {
        Some("Split") => StoredStatus::Split,
        Some("Merged") => StoredStatus::Merged,
        Some("Cancelled") if code == Some("Split") || split_source => StoredStatus::Split,
        Some("Cancelled") if code == Some("Merged") || merge_source => StoredStatus::Merged,
        Some("Cancelled") => StoredStatus::Cancelled,
        _ => StoredStatus::Succeeded,
    }
}

/// A customer from Partner Center, with no orders yet (country and locale are not in the list:
/// left empty, which the API shows as unknown).
pub fn customer(c: &partner_center::Customer) -> CustomerRec {
    CustomerRec {
        id: c.id.to_ascii_lowercase(),
        name: c.company_profile.company_name.clone(),
        domain: c.company_profile.domain.clone().unwrap_or_default(),
        country: String::new(),
        locale: String::new(),
        subs: Vec::new(),
        rgs: Vec::new(),
        mgs: Vec::new(),
        orders: Vec::new(),
        refunds: Vec::new(),
        support: Vec::new(),
        credits: Vec::new(),
    }
}

/// The index of a subscription GUID in the customer's list, added when new.
fn sub_index(c: &mut CustomerRec, guid: &str, name: Option<&str>) -> usize {
    let guid = guid.to_ascii_lowercase();
    if let Some(i) = c.subs.iter().position(|s| s.id == guid) {
        return i;
    }
    c.subs.push(SubRec {
        name: name.map(str::to_owned).unwrap_or_else(|| guid.clone()),
        id: guid,
    });
    c.subs.len() - 1
}

/// The GUID of `/subscriptions/{s}[/…]`.
fn subscription_guid(id: &str) -> Option<&str> {
    let rest = id.trim_start_matches('/');
    let (head, rest) = rest.split_once('/')?;
    head.eq_ignore_ascii_case("subscriptions")
        .then(|| rest.split('/').next())
        .flatten()
        .filter(|s| !s.is_empty())
}

/// A reservation's scope, adding the subscriptions, resource groups and management groups it
/// names to the customer's directory.
fn scope(c: &mut CustomerRec, r: &Reservation) -> Scope {
    let p = &r.properties;
    let props = p.applied_scope_properties.clone().unwrap_or_default();
    let display = props.display_name.as_deref();
    match p.applied_scope_type.as_deref() {
        Some("Single") => {
            let id = props
                .resource_group_id
                .clone()
                .or(props.subscription_id.clone())
                .or_else(|| p.applied_scopes.as_ref().and_then(|s| s.first().cloned()));
            let Some(id) = id else {
                return Scope::Shared;
            };
            let Some(sub) = subscription_guid(&id) else {
                return Scope::Shared;
            };
            let parts: Vec<&str> = id.trim_start_matches('/').split('/').collect();
            if parts.len() >= 4 && parts[2].eq_ignore_ascii_case("resourceGroups") {
                let si = sub_index(c, sub, None);
                let name = parts[3].to_owned();
                let gi = match c
                    .rgs
                    .iter()
                    .position(|g| g.sub == si && g.name.eq_ignore_ascii_case(&name))
                {
                    Some(i) => i,
                    None => {
                        c.rgs.push(RgRec {
                            sub: si,
                            name,
                            loc: r.location.clone().unwrap_or_default(),
                        });
                        c.rgs.len() - 1
                    }
                };
                Scope::Rg(gi)
            } else {
                Scope::Sub(sub_index(c, sub, display))
            }
        }
        Some("ManagementGroup") => {
            let Some(id) = props.management_group_id else {
                return Scope::Shared;
            };
            let name = id.rsplit('/').next().unwrap_or(&id).to_owned();
            let gi = match c
                .mgs
                .iter()
                .position(|m| m.name.eq_ignore_ascii_case(&name))
            {
                Some(i) => i,
                None => {
                    c.mgs.push(MgRec {
                        display: display.unwrap_or(&name).to_owned(),
                        name,
                    });
                    c.mgs.len() - 1
                }
            };
            Scope::Mg(gi)
        }
        _ => Scope::Shared,
    }
}

/// The price of one unit as the product keeps it (the plan's meaning: the whole term for
/// Upfront, one month for Monthly), from the order's plan: Upfront, the total ÷ quantity;
/// Monthly, the first instalment ÷ quantity. Rounded to 6 places (Azure's totals divide
/// unevenly); `None` without a plan.
fn unit_price(o: &ReservationOrder, plan: &BillingPlan) -> Option<Decimal> {
    let info = o.properties.plan_information.as_ref()?;
    let qty = Decimal::from(o.properties.original_quantity.filter(|q| *q > 0)?);
    let amount = match plan {
        BillingPlan::Monthly => info
            .transactions
            .iter()
            .filter_map(|t| Some((t.due_date?, t.pricing_currency_total.as_ref()?)))
            .min_by_key(|(d, _)| *d)
            .map(|(_, a)| a.amount)
            .or_else(|| info.pricing_currency_total.as_ref().map(|a| a.amount))?,
        _ => info.pricing_currency_total.as_ref()?.amount,
    };
    Some((amount / qty).round_dp(6))
}

/// One order and its reservations, with the daily utilization of each, into `c` (replacing an
/// order of the same id). What only the product records is kept from `previous`: the audit
/// history, role assignments; a reservation whose Azure fields changed gets a new ETag.
pub fn order(
    c: &mut CustomerRec,
    previous: Option<&OrderRec>,
    o: &ReservationOrder,
    reservations: &[Reservation],
    summaries: &[ReservationSummary],
) -> Result<OrderRec, MapError> {
    let (oid, _) = ids_of(&o.id).ok_or_else(|| MapError::BadId(o.id.clone()))?;
    let p = &o.properties;
    let purchase: NaiveDate = p
        .created_date_time
        .or(p.benefit_start_time)
        .or(p.request_date_time)
        .map(|t| t.date())
        .ok_or_else(|| MapError::NoPurchaseDate(oid.clone()))?;
    let term = Term::parse(p.term.as_deref().unwrap_or(""));
    let plan = BillingPlan::parse(p.billing_plan.as_deref().unwrap_or("Upfront"));
    let price = unit_price(o, &plan).ok_or_else(|| MapError::NoPrice(oid.clone()))?;
    let mut res = Vec::with_capacity(reservations.len());
    for r in reservations {
        let (_, rid) = ids_of(&r.id).ok_or_else(|| MapError::BadId(r.id.clone()))?;
        let rid = rid.ok_or_else(|| MapError::BadId(r.id.clone()))?;
        let rp = &r.properties;
        let family = family(
            rp.reserved_resource_type.as_deref().unwrap_or(""),
            &r.sku.name,
        );
        let scope = scope(c, r);
        let bill = rp
            .billing_scope_id
            .as_deref()
            .and_then(subscription_guid)
            .map(|s| sub_index(c, s, None))
            .unwrap_or(0);
        let mut measured: Vec<MeasuredDay> = summaries
            .iter()
            .filter(|s| s.properties.reservation_id.eq_ignore_ascii_case(&rid))
            .map(|s| MeasuredDay {
                day: s.properties.day(),
                percentage: s.properties.avg_utilization_percentage,
            })
            .collect();
        measured.sort_by_key(|m| m.day);
        measured.dedup_by_key(|m| m.day);
        let prev = previous.and_then(|o| o.reservation(&rid));
        let mut rec = ResRec {
            name: rp.display_name.clone().unwrap_or_else(|| rid.clone()),
            id: rid,
            family,
            sku: r.sku.name.clone(),
            loc: r.location.clone().unwrap_or_default(),
            qty: rp.quantity.unwrap_or(0),
            price,
            status: status(r),
            scope,
            flex: rp.instance_flexibility.as_deref().map(|f| match f {
                "Off" => InstanceFlexibility::Off,
                _ => InstanceFlexibility::On,
            }),
            renew: rp.renew.unwrap_or(false),
            bill,
            etag: 1,
            util: None,
            fx: prev.is_some_and(|p| p.fx),
            ended: prev.and_then(|p| p.ended),
            updated: rp
                .last_updated_date_time
                .map(|t| t.with_nanosecond(0).unwrap_or(t)),
            roles: prev.map(|p| p.roles.clone()).unwrap_or_default(),
            measured,
        };
        rec.etag = match prev {
            Some(p) if same_in_azure(p, &rec) => p.etag,
            Some(p) => p.etag + 1,
            None => 1,
        };
        res.push(rec);
    }
    let qty = p
        .original_quantity
        .unwrap_or_else(|| res.iter().map(|r| r.qty).sum());
    let mut out = OrderRec {
        id: oid,
        purchase,
        term,
        plan,
        qty,
        expiry: p.expiry_date,
        etag: o.etag.unwrap_or(1),
        by: None,
        res,
        audit: previous.map(|p| p.audit.clone()).unwrap_or_default(),
    };
    if let Some(prev) = previous {
        out.by = prev.by.clone();
    }
    Ok(out)
}

/// Whether what Azure owns of a reservation is unchanged (its measured days aside: new days
/// are not a new version).
fn same_in_azure(a: &ResRec, b: &ResRec) -> bool {
    (
        &a.name, &a.family, &a.sku, &a.loc, a.qty, a.price, a.status, a.scope,
    ) == (
        &b.name, &b.family, &b.sku, &b.loc, b.qty, b.price, b.status, b.scope,
    ) && (&a.flex, a.renew, a.bill) == (&b.flex, b.renew, b.bill)
}
