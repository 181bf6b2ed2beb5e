//! Input and output types: families, terms, billing plans, reservations, history and lines.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Implements string (de)serialization, `Display` and `FromStr` for an enum with an `Unknown(String)` fallback.
macro_rules! string_enum {
    ($ty:ident, $what:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::parse(s))
            }
        }

        impl From<&str> for $ty {
            fn from(s: &str) -> Self {
                Self::parse(s)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        Ok($ty::parse(v))
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}

/// A quantity as the spec's vectors write it: a JSON number or a decimal string. Money and every
/// other decimal are strings only (rust_decimal's `serde-str`: a float is refused, not rounded).
pub(crate) mod number_or_string {
    use std::fmt;
    use std::str::FromStr;

    use rust_decimal::Decimal;
    use serde::de::{Deserializer, Error, Visitor};

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_any(Quantity)
    }

    struct Quantity;

    impl Visitor<'_> for Quantity {
        type Value = Decimal;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a quantity: a number or a decimal string")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<Decimal, E> {
            Decimal::from_str(v.trim()).map_err(E::custom)
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        // The number as written (`1.5`), not its binary value: the shortest text that reads back.
        fn visit_f64<E: Error>(self, v: f64) -> Result<Decimal, E> {
            Decimal::from_str(&v.to_string()).map_err(E::custom)
        }
    }
}

/// An Azure reservation product family, or an unrecognised family name kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Virtual machines (compute group).
    VirtualMachines,
    /// Dedicated hosts (compute group).
    DedicatedHost,
    /// Azure VMware Solution, spelled `AVS` (compute group).
    Avs,
    /// Azure SQL Database (SQL group).
    SqlDatabases,
    /// Azure SQL Managed Instance (SQL group).
    SqlManagedInstance,
    /// Azure SQL elastic pools (SQL group).
    SqlElasticPool,
    /// Azure Cosmos DB.
    CosmosDb,
    /// App Service.
    AppService,
    /// Blob storage.
    BlobStorage,
    /// Managed disks.
    ManagedDisk,
    /// Azure Files.
    AzureFiles,
    /// Azure Data Explorer.
    DataExplorer,
    /// Azure Database for MySQL.
    MySql,
    /// Azure Database for PostgreSQL.
    PostgreSql,
    /// Azure Cache for Redis.
    RedisCache,
    /// Databricks pre-purchase plan (not refundable).
    DatabricksPrePurchase,
    /// Synapse pre-purchase plan (not refundable).
    SynapsePrePurchase,
    /// Red Hat software plan (not refundable).
    RedHat,
    /// SUSE software plan (not refundable).
    Suse,
    /// Defender for Cloud pre-purchase plan (not refundable).
    DefenderForCloudPrePurchase,
    /// Microsoft Sentinel pre-purchase plan (not refundable).
    SentinelPrePurchase,
    /// A family name the spec does not know, kept as given.
    Unknown(String),
}

impl Family {
    /// Every known family, in the spec's order.
    pub const KNOWN: &'static [Family] = &[
        Family::VirtualMachines,
        Family::DedicatedHost,
        Family::Avs,
        Family::SqlDatabases,
        Family::SqlManagedInstance,
        Family::SqlElasticPool,
        Family::CosmosDb,
        Family::AppService,
        Family::BlobStorage,
        Family::ManagedDisk,
        Family::AzureFiles,
        Family::DataExplorer,
        Family::MySql,
        Family::PostgreSql,
        Family::RedisCache,
        Family::DatabricksPrePurchase,
        Family::SynapsePrePurchase,
        Family::RedHat,
        Family::Suse,
        Family::DefenderForCloudPrePurchase,
        Family::SentinelPrePurchase,
    ];

    /// The spec's name of the family (the unknown name verbatim for `Unknown`).
    pub fn as_str(&self) -> &str {
        match self {
            Family::VirtualMachines => "VirtualMachines",
            Family::DedicatedHost => "DedicatedHost",
            Family::Avs => "AVS",
            Family::SqlDatabases => "SqlDatabases",
            Family::SqlManagedInstance => "SqlManagedInstance",
            Family::SqlElasticPool => "SqlElasticPool",
            Family::CosmosDb => "CosmosDb",
            Family::AppService => "AppService",
            Family::BlobStorage => "BlobStorage",
            Family::ManagedDisk => "ManagedDisk",
            Family::AzureFiles => "AzureFiles",
            Family::DataExplorer => "DataExplorer",
            Family::MySql => "MySql",
            Family::PostgreSql => "PostgreSql",
            Family::RedisCache => "RedisCache",
            Family::DatabricksPrePurchase => "DatabricksPrePurchase",
            Family::SynapsePrePurchase => "SynapsePrePurchase",
            Family::RedHat => "RedHat",
            Family::Suse => "Suse",
            Family::DefenderForCloudPrePurchase => "DefenderForCloudPrePurchase",
            Family::SentinelPrePurchase => "SentinelPrePurchase",
            Family::Unknown(s) => s,
        }
    }

    /// Parses a spec name exactly (case-sensitively); anything else becomes `Unknown`.
    pub fn parse(s: &str) -> Family {
        Family::KNOWN
            .iter()
            .find(|f| f.as_str() == s)
            .cloned()
            .unwrap_or_else(|| Family::Unknown(s.to_owned()))
    }

    /// Whether this is one of the spec's families.
    pub fn is_known(&self) -> bool {
        !matches!(self, Family::Unknown(_))
    }

    /// Whether the policy allows a self-service refund of this family (not in its non-refundable set).
    pub fn is_refundable(&self, policy: &crate::Policy) -> bool {
        !policy.non_refundable.contains(self)
    }
}

string_enum!(Family, "a reservation family name");

/// The length of a reservation's term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    /// One year (12 months), spelled `P1Y`.
    P1Y,
    /// Three years (36 months), spelled `P3Y`.
    P3Y,
    /// Five years (60 months), spelled `P5Y`.
    P5Y,
    /// A term the spec does not know, kept as given.
    Unknown(String),
}

impl Term {
    /// Every known term, shortest first.
    pub const KNOWN: &'static [Term] = &[Term::P1Y, Term::P3Y, Term::P5Y];

    /// The term's length in months, or `None` for an unknown term.
    pub fn months(&self) -> Option<u32> {
        match self {
            Term::P1Y => Some(12),
            Term::P3Y => Some(36),
            Term::P5Y => Some(60),
            Term::Unknown(_) => None,
        }
    }

    /// The spec's spelling of the term (the unknown text verbatim for `Unknown`).
    pub fn as_str(&self) -> &str {
        match self {
            Term::P1Y => "P1Y",
            Term::P3Y => "P3Y",
            Term::P5Y => "P5Y",
            Term::Unknown(s) => s,
        }
    }

    /// Parses a spec spelling exactly; anything else becomes `Unknown`.
    pub fn parse(s: &str) -> Term {
        match s {
            "P1Y" => Term::P1Y,
            "P3Y" => Term::P3Y,
            "P5Y" => Term::P5Y,
            other => Term::Unknown(other.to_owned()),
        }
    }

    /// Whether this is one of the spec's terms.
    pub fn is_known(&self) -> bool {
        !matches!(self, Term::Unknown(_))
    }
}

string_enum!(Term, "a reservation term such as \"P1Y\"");

/// How a reservation is paid for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BillingPlan {
    /// Paid once, at purchase, for the whole term.
    Upfront,
    /// Paid in equal monthly installments over the term.
    Monthly,
    /// A billing plan the spec does not know, kept as given.
    Unknown(String),
}

impl BillingPlan {
    /// Every known billing plan.
    pub const KNOWN: &'static [BillingPlan] = &[BillingPlan::Upfront, BillingPlan::Monthly];

    /// The spec's spelling of the plan (the unknown text verbatim for `Unknown`).
    pub fn as_str(&self) -> &str {
        match self {
            BillingPlan::Upfront => "Upfront",
            BillingPlan::Monthly => "Monthly",
            BillingPlan::Unknown(s) => s,
        }
    }

    /// Parses a spec spelling exactly; anything else becomes `Unknown`.
    pub fn parse(s: &str) -> BillingPlan {
        match s {
            "Upfront" => BillingPlan::Upfront,
            "Monthly" => BillingPlan::Monthly,
            other => BillingPlan::Unknown(other.to_owned()),
        }
    }

    /// Whether this is one of the spec's billing plans.
    pub fn is_known(&self) -> bool {
        !matches!(self, BillingPlan::Unknown(_))
    }
}

string_enum!(BillingPlan, "a billing plan such as \"Upfront\"");

/// The status value that means a reservation is active (compared exactly, case-sensitively).
pub const ACTIVE_STATUS: &str = "Succeeded";

/// A reservation as the spec's vectors describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    /// Optional identifier; two exchange return lines are the same reservation when their ids are equal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Product family.
    pub family: Family,
    /// Term length.
    pub term: Term,
    /// Billing plan.
    pub billing_plan: BillingPlan,
    /// Purchase date S (UTC).
    pub purchase_date: NaiveDate,
    /// Number of units Q held (a JSON number or a decimal string).
    #[serde(deserialize_with = "number_or_string::deserialize")]
    pub quantity: Decimal,
    /// Upfront: one unit for the whole term; Monthly: one unit for one month.
    pub unit_price: Decimal,
    /// Today's price with the same meaning as `unit_price`; absent means `unit_price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_unit_price: Option<Decimal>,
    /// Provisioning status; absent means `Succeeded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Whether the one exchange allowed after the savings-plan cutoff has been used.
    #[serde(default)]
    pub final_exchange_used: bool,
}

impl Reservation {
    /// The status, with an absent one read as `Succeeded`.
    pub fn effective_status(&self) -> &str {
        self.status.as_deref().unwrap_or(ACTIVE_STATUS)
    }

    /// Whether the status is exactly `Succeeded` (or absent).
    pub fn is_status_active(&self) -> bool {
        self.effective_status() == ACTIVE_STATUS
    }

    /// Today's unit price, with an absent one read as the purchase price.
    pub fn effective_current_unit_price(&self) -> Decimal {
        self.current_unit_price.unwrap_or(self.unit_price)
    }
}

/// One earlier return in the customer's refund history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The day h of the return (it counts from h until h + window days, exclusive).
    pub date: NaiveDate,
    /// The canceled commitment that return added.
    pub amount: Decimal,
}

/// One reservation (or part of it) handed back in an exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLine {
    /// The reservation returned.
    pub reservation: Reservation,
    /// How many of its units are returned.
    #[serde(deserialize_with = "number_or_string::deserialize")]
    pub quantity: Decimal,
}

/// One new reservation bought in an exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseLine {
    /// Product family of the new reservation.
    pub family: Family,
    /// Term of the new reservation.
    pub term: Term,
    /// Billing plan of the new reservation.
    pub billing_plan: BillingPlan,
    /// Price of one unit, with the same meaning as [`Reservation::unit_price`].
    pub unit_price: Decimal,
    /// Number of units bought.
    #[serde(deserialize_with = "number_or_string::deserialize")]
    pub quantity: Decimal,
}

/// The kind of savings plan a trade-in buys.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SavingsPlanKind {
    /// A compute savings plan (1 or 3 years).
    Compute,
    /// A savings plan for databases (1 year only).
    Database,
    /// A kind the spec does not know, kept as given.
    Unknown(String),
}

impl SavingsPlanKind {
    /// The spec's spelling of the kind (the unknown text verbatim for `Unknown`).
    pub fn as_str(&self) -> &str {
        match self {
            SavingsPlanKind::Compute => "Compute",
            SavingsPlanKind::Database => "Database",
            SavingsPlanKind::Unknown(s) => s,
        }
    }

    /// Parses a spec spelling exactly; anything else becomes `Unknown`.
    pub fn parse(s: &str) -> SavingsPlanKind {
        match s {
            "Compute" => SavingsPlanKind::Compute,
            "Database" => SavingsPlanKind::Database,
            other => SavingsPlanKind::Unknown(other.to_owned()),
        }
    }

    /// Whether this is one of the spec's kinds.
    pub fn is_known(&self) -> bool {
        !matches!(self, SavingsPlanKind::Unknown(_))
    }

    /// The terms this kind is sold with: Compute 1 or 3 years, Database 1 year.
    pub fn terms(&self) -> &'static [Term] {
        const COMPUTE: &[Term] = &[Term::P1Y, Term::P3Y];
        const DATABASE: &[Term] = &[Term::P1Y];
        match self {
            SavingsPlanKind::Compute => COMPUTE,
            SavingsPlanKind::Database => DATABASE,
            SavingsPlanKind::Unknown(_) => &[],
        }
    }

    /// The reservation families that can be traded in for this kind (spec: "Eligible families";
    /// not the exchange's groups: AVS cannot be traded in, AppService can).
    pub fn eligible_families(&self) -> &'static [Family] {
        const COMPUTE: &[Family] = &[
            Family::VirtualMachines,
            Family::DedicatedHost,
            Family::AppService,
        ];
        // The families whose services the savings plan for databases covers (the documentation
        // gives no list; RedisCache and DataExplorer are not among them).
        const DATABASE: &[Family] = &[
            Family::SqlDatabases,
            Family::SqlManagedInstance,
            Family::SqlElasticPool,
            Family::CosmosDb,
            Family::MySql,
            Family::PostgreSql,
        ];
        match self {
            SavingsPlanKind::Compute => COMPUTE,
            SavingsPlanKind::Database => DATABASE,
            SavingsPlanKind::Unknown(_) => &[],
        }
    }

    /// Whether `family` can be traded in for a savings plan of this kind.
    pub fn is_eligible(&self, family: &Family) -> bool {
        self.eligible_families().contains(family)
    }
}

string_enum!(SavingsPlanKind, "a savings plan kind such as \"Compute\"");

/// The one savings plan a trade-in buys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavingsPlan {
    /// Compute or Database.
    pub kind: SavingsPlanKind,
    /// `P1Y` or `P3Y` (Database: `P1Y` only).
    pub term: Term,
    /// Upfront or Monthly (both cost the same).
    pub billing_plan: BillingPlan,
    /// USD per hour, a multiple of 0.001 and at least 0.001; absent or null means the minimum.
    #[serde(default)]
    pub hourly_commitment: Option<Decimal>,
}
