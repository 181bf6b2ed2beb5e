//! The backend's whole state as stored (compact, versioned JSON), and lookups into it.
//!
//! The demo's daily utilization is not stored: it is derived from the reservation id and the
//! date (see `utilization`); measured days are ([`ResRec::measured`]). Expired is not stored
//! either: it follows from the dates.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use reservation_api::{
    AlertDismissal, AlertRule, AuditEvent, BillingPlan, Family, InstanceFlexibility, PrincipalType,
    Role, SupportRequest, Term,
};
use reservation_quote::ChangeKind;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The schema version written with the state; stored data of any other version is replaced by
/// fresh seed data on load.
pub const SCHEMA_VERSION: u32 = 1;

/// The storage key the state is kept under.
pub const STORAGE_KEY: &str = "reservations-demo.state";

/// The storage key of the stored state's revision, a counter written with every save: a backend
/// whose revision differs reloads the state first (another tab of the demo changed it).
pub const REVISION_KEY: &str = "reservations-demo.revision";

/// How many idempotency records are kept (oldest are dropped first).
pub const MAX_IDEMPOTENCY_RECORDS: usize = 500;

/// What is written to storage: the schema version and the state.
#[derive(Serialize, Deserialize)]
pub struct Envelope {
    /// The schema version, [`SCHEMA_VERSION`] when written by this build.
    pub schema: u32,
    /// The state.
    pub state: State,
}

/// Whether a reservation was ended by a return or exchange (expiry is derived from dates).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoredStatus {
    /// Not cancelled (active, or expired when past its expiry date).
    #[default]
    Succeeded,
    /// Fully returned or exchanged.
    Cancelled,
    /// Split into two new reservations of the same order.
    Split,
    /// Merged with others into a new reservation of the same order.
    Merged,
}

impl StoredStatus {
    /// Whether this is the default (so it can be left out of the JSON).
    fn is_default(&self) -> bool {
        *self == StoredStatus::Succeeded
    }
}

/// Where a reservation applies, by index into the customer's directory lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Shared across the billing context.
    #[default]
    Shared,
    /// One subscription (index into `subs`).
    Sub(usize),
    /// One resource group (index into `rgs`).
    Rg(usize),
    /// One management group (index into `mgs`).
    Mg(usize),
}

/// A subscription of a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubRec {
    /// The subscription GUID.
    pub id: String,
    /// The display name.
    pub name: String,
}

/// A resource group of a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RgRec {
    /// Index of its subscription in `subs`.
    pub sub: usize,
    /// The name.
    pub name: String,
    /// The region.
    pub loc: String,
}

/// A management group of a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MgRec {
    /// The name (id segment).
    pub name: String,
    /// The display name.
    pub display: String,
}

/// Whether a principal type is the default, User.
fn is_user(t: &PrincipalType) -> bool {
    *t == PrincipalType::User
}

/// A role assignment on a reservation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRec {
    /// The assignment GUID.
    pub id: String,
    /// The principal id.
    pub pid: String,
    /// The principal name (e-mail or display name).
    pub pname: String,
    /// The principal type (left out of the JSON when User).
    #[serde(default, skip_serializing_if = "is_user")]
    pub ptype: PrincipalType,
    /// The role.
    pub role: Role,
    /// The creation day.
    pub on: NaiveDate,
}

/// A reservation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResRec {
    /// The reservation GUID.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The family.
    pub family: Family,
    /// The SKU.
    pub sku: String,
    /// The region.
    pub loc: String,
    /// The quantity held (kept unchanged when fully returned, with status Cancelled).
    pub qty: u32,
    /// The purchase price of one unit (plan meaning), USD.
    pub price: Decimal,
    /// Cancelled or not.
    #[serde(default, skip_serializing_if = "StoredStatus::is_default")]
    pub status: StoredStatus,
    /// The scope.
    #[serde(default)]
    pub scope: Scope,
    /// VM size flexibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flex: Option<InstanceFlexibility>,
    /// Auto-renew.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub renew: bool,
    /// The billing subscription (index into `subs`).
    #[serde(default)]
    pub bill: usize,
    /// The version, incremented by every change.
    pub etag: u64,
    /// The demo's utilization level (percent) its daily values vary around; `None` outside the
    /// demo, where nothing is invented: a reservation has utilization only once it is measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub util: Option<u8>,
    /// Whether the final exchange after the savings-plan cutoff was used.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fx: bool,
    /// The day it was cancelled, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<NaiveDate>,
    /// When it was last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<NaiveDateTime>,
    /// Role assignments on it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleRec>,
    /// Its daily utilization as measured (Azure's daily summaries), oldest first; empty in the
    /// demo, whose days derive from `util`, and until a day is measured.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measured: Vec<MeasuredDay>,
}

/// One day of a reservation's measured utilization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasuredDay {
    /// The day (UTC).
    pub day: NaiveDate,
    /// The average utilization that day, percent, as reported.
    pub percentage: Decimal,
}

/// A reservation order: one purchase, with one or more reservations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderRec {
    /// The order GUID.
    pub id: String,
    /// The purchase date.
    pub purchase: NaiveDate,
    /// The term.
    pub term: Term,
    /// The billing plan.
    pub plan: BillingPlan,
    /// The quantity originally bought.
    pub qty: u32,
    /// The last day, as Azure gave it for an order read from Azure; else purchase + term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<NaiveDate>,
    /// The version of the order.
    pub etag: u64,
    /// Who bought it (demo user id), when bought in the demo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Its reservations.
    pub res: Vec<ResRec>,
    /// Audit events other than the purchase (which is derived).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audit: Vec<AuditEvent>,
}

/// One entry of a customer's refund history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRec {
    /// The entry GUID.
    pub id: String,
    /// The day of the return.
    pub date: NaiveDate,
    /// The canceled commitment it added.
    pub amount: Decimal,
    /// The order GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// The reservation GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub res: Option<String>,
    /// The reservation's name then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The quantity returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qty: Option<u32>,
}

/// A customer with everything that belongs to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerRec {
    /// The tenant GUID.
    pub id: String,
    /// The company name.
    pub name: String,
    /// The primary domain.
    pub domain: String,
    /// The country code.
    pub country: String,
    /// The locale.
    pub locale: String,
    /// Subscriptions.
    pub subs: Vec<SubRec>,
    /// Resource groups.
    #[serde(default)]
    pub rgs: Vec<RgRec>,
    /// Management groups.
    #[serde(default)]
    pub mgs: Vec<MgRec>,
    /// Reservation orders, each shared until changed ([`CustomerRec::order_mut`] copies one on
    /// write), so a copy of the customer is cheap and an unchanged order is the same pointer.
    pub orders: Vec<Arc<OrderRec>>,
    /// Refund history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refunds: Vec<RefundRec>,
    /// Support requests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub support: Vec<SupportRequest>,
    /// Units that left orders (returns and exchanges) with their refunds: the billing credits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<CreditRec>,
}

/// Units that left a reservation by a return or an exchange, and the refund they got.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditRec {
    /// The order GUID.
    pub order: String,
    /// The reservation GUID.
    pub res: String,
    /// The day of the return or exchange.
    pub date: NaiveDate,
    /// A return or an exchange.
    pub kind: ChangeKind,
    /// How many units left.
    pub qty: u32,
    /// The refund (the quote's `refund`, or the exchange line's refund), USD.
    pub refund: Decimal,
}

impl CustomerRec {
    /// The order with this GUID.
    pub fn order(&self, id: &str) -> Option<&OrderRec> {
        self.orders.iter().find(|o| o.id == id).map(|o| &**o)
    }

    /// The order with this GUID, mutably (its own copy from now on, if it was shared).
    pub fn order_mut(&mut self, id: &str) -> Option<&mut OrderRec> {
        self.orders
            .iter_mut()
            .find(|o| o.id == id)
            .map(Arc::make_mut)
    }

    /// Whether nothing changed since `before` was copied from this customer: its orders by
    /// pointer (a changed order is a new copy, see [`CustomerRec::order_mut`]), the rest by value.
    /// Cheap for a customer with thousands of orders, unlike `==`.
    pub fn unchanged_since(&self, before: &CustomerRec) -> bool {
        // Every field, by name: a new field fails to compile here until it is compared.
        let CustomerRec {
            id,
            name,
            domain,
            country,
            locale,
            subs,
            rgs,
            mgs,
            orders,
            refunds,
            support,
            credits,
        } = self;
        *id == before.id
            && *name == before.name
            && *domain == before.domain
            && *country == before.country
            && *locale == before.locale
            && *subs == before.subs
            && *rgs == before.rgs
            && *mgs == before.mgs
            && orders.len() == before.orders.len()
            && orders
                .iter()
                .zip(&before.orders)
                .all(|(a, b)| Arc::ptr_eq(a, b))
            && *refunds == before.refunds
            && *support == before.support
            && *credits == before.credits
    }

    /// Every (order, reservation) pair.
    pub fn reservations(&self) -> impl Iterator<Item = (&OrderRec, &ResRec)> {
        self.orders
            .iter()
            .flat_map(|o| o.res.iter().map(move |r| (&**o, r)))
    }
}

impl OrderRec {
    /// The reservation with this GUID.
    pub fn reservation(&self, id: &str) -> Option<&ResRec> {
        self.res.iter().find(|r| r.id == id)
    }

    /// The reservation with this GUID, mutably.
    pub fn reservation_mut(&mut self, id: &str) -> Option<&mut ResRec> {
        self.res.iter_mut().find(|r| r.id == id)
    }
}

/// A stored response to an idempotent request, replayed for the same key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotencyRec {
    /// `user METHOD path`: what the key is scoped to.
    pub scope: String,
    /// The client's key.
    pub key: String,
    /// A hash of the request body, to detect a key reused for another request.
    pub body_hash: u64,
    /// The response status.
    pub status: u16,
    /// The response body.
    pub body: String,
}

/// The whole state of the mock backend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The seed it was generated from.
    pub seed: u64,
    /// The day it was generated for.
    pub generated_on: NaiveDate,
    /// Counter for new GUIDs.
    pub next_id: u64,
    /// Counter for support request numbers.
    pub next_support: u64,
    /// The customers, in seed order.
    pub customers: Vec<CustomerRec>,
    /// Responses of idempotent requests, oldest first.
    #[serde(default)]
    pub idempotency: Vec<IdempotencyRec>,
    /// The partner's alert rules, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alert_rules: Vec<AlertRule>,
    /// Acknowledged and snoozed alerts (one record per alert id, the latest).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alert_dismissals: Vec<AlertDismissal>,
    /// Customer id → index into `customers` (rebuilt after loading).
    #[serde(skip)]
    index: HashMap<String, usize>,
    /// Where new ids come from: by default the seed and a counter (the demo's data must
    /// reproduce); a server sets random UUIDs.
    #[serde(skip)]
    pub id_source: IdSource,
    /// The imported price list a real server prices from; `None` (the demo): the synthetic
    /// catalogue. Not stored with the state.
    #[serde(skip)]
    pub price_list: Option<crate::prices::PriceList>,
}

/// A source of new ids; [`IdSource::Seeded`] derives them from the state's seed and counter.
#[derive(Clone, Copy, Debug, Default)]
pub enum IdSource {
    /// From the seed and `next_id` (reproducible).
    #[default]
    Seeded,
    /// From this function (e.g. random UUIDs).
    Generated(fn() -> String),
}

/// Where ids come from is not part of what a state holds.
impl PartialEq for IdSource {
    fn eq(&self, _: &IdSource) -> bool {
        true
    }
}

impl State {
    /// A state from its parts, with the lookup index built.
    pub fn new(seed: u64, generated_on: NaiveDate, customers: Vec<CustomerRec>) -> State {
        let mut s = State {
            seed,
            generated_on,
            next_id: 1,
            next_support: 1,
            customers,
            idempotency: Vec::new(),
            alert_rules: Vec::new(),
            alert_dismissals: Vec::new(),
            index: HashMap::new(),
            id_source: IdSource::Seeded,
            price_list: None,
        };
        s.reindex();
        s
    }

    /// Rebuilds the customer lookup index.
    pub fn reindex(&mut self) {
        self.index = self
            .customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
    }

    /// The customer with this tenant id.
    pub fn customer(&self, id: &str) -> Option<&CustomerRec> {
        self.index.get(id).and_then(|&i| self.customers.get(i))
    }

    /// The customer with this tenant id, mutably.
    pub fn customer_mut(&mut self, id: &str) -> Option<&mut CustomerRec> {
        match self.index.get(id) {
            Some(&i) => self.customers.get_mut(i),
            None => None,
        }
    }

    /// How many reservations there are in all.
    pub fn reservation_count(&self) -> usize {
        self.customers
            .iter()
            .flat_map(|c| c.orders.iter())
            .map(|o| o.res.len())
            .sum()
    }

    /// A new GUID, unique within this state (by default derived from the seed and a counter).
    pub fn new_guid(&mut self) -> String {
        if let IdSource::Generated(f) = self.id_source {
            return f();
        }
        let n = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        crate::ids::guid_from(self.seed ^ 0x5eed_0000_0000_0000, n)
    }

    /// Gives every reservation cancelled without a billing credit (stored before credits were
    /// recorded) the credit of its cancellation day, so every order's schedule reconciles.
    pub fn backfill_credits(&mut self) {
        for c in &mut self.customers {
            crate::handlers::billing::seed_credits(c);
        }
    }

    /// Serializes the state with its schema version.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        #[derive(Serialize)]
        struct EnvelopeRef<'a> {
            schema: u32,
            state: &'a State,
        }
        serde_json::to_string(&EnvelopeRef {
            schema: SCHEMA_VERSION,
            state: self,
        })
    }

    /// Reads a stored state; `None` when it is corrupt or of another schema version.
    pub fn from_json(text: &str) -> Option<State> {
        #[derive(Deserialize)]
        struct Header {
            schema: u32,
        }
        let header: Header = serde_json::from_str(text).ok()?;
        if header.schema != SCHEMA_VERSION {
            return None;
        }
        let envelope: Envelope = serde_json::from_str(text).ok()?;
        let mut state = envelope.state;
        state.reindex();
        state.backfill_credits();
        Some(state)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::demo::{fixed_customers, VM_UPFRONT};

    fn contoso() -> super::CustomerRec {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a day");
        fixed_customers(day).remove(0)
    }

    #[test]
    fn a_copy_is_unchanged_until_an_order_or_another_field_changes() {
        let before = contoso();
        let mut after = before.clone();
        assert!(after.unchanged_since(&before));

        // Reading an order mutably copies it, even when nothing in it changes afterwards: the
        // store then compares that one order by value.
        after.order_mut(VM_UPFRONT.0).expect("the order").etag += 1;
        assert!(!after.unchanged_since(&before));
        assert_eq!(
            after.order(VM_UPFRONT.0).map(|o| o.etag),
            before.order(VM_UPFRONT.0).map(|o| o.etag + 1)
        );
        assert!(
            std::sync::Arc::ptr_eq(&after.orders[1], &before.orders[1]),
            "other orders stay shared"
        );

        let mut renamed = before.clone();
        renamed.name.push('!');
        assert!(!renamed.unchanged_since(&before));
        let mut refunded = before.clone();
        refunded.refunds.pop();
        assert!(!refunded.unchanged_since(&before));
    }
}
