//! The policy settings a quote is computed under, with the spec's defaults.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::InvalidPolicyReason;
use crate::model::Family;

/// Policy settings; every field defaults to the spec's value, so a partial JSON object works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    /// Early termination fee rate, 0 ≤ fee_rate ≤ 1 (default 0).
    pub fee_rate: Decimal,
    /// Canceled-commitment limit in USD over the rolling window (default 50,000).
    pub refund_limit_usd: Decimal,
    /// Length of the rolling refund-limit window in days (default 365; must not be negative).
    pub limit_window_days: i64,
    /// Savings-plan cutoff date (default 2027-02-01).
    pub exchange_cutoff: NaiveDate,
    /// Exchange groups; a family in no group forms a group of its own (default compute and SQL).
    pub family_groups: Vec<Vec<Family>>,
    /// Families that cannot be refunded or returned by self-service.
    pub non_refundable: Vec<Family>,
    /// Families covered by savings plans, subject to the exchange cutoff.
    pub savings_plan_families: Vec<Family>,
}

/// The spec's savings-plan cutoff, 2027-02-01.
pub const DEFAULT_EXCHANGE_CUTOFF: NaiveDate = match NaiveDate::from_ymd_opt(2027, 2, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

impl Default for Policy {
    fn default() -> Self {
        Policy {
            fee_rate: Decimal::ZERO,
            refund_limit_usd: Decimal::from(50_000),
            limit_window_days: 365,
            exchange_cutoff: DEFAULT_EXCHANGE_CUTOFF,
            family_groups: vec![
                vec![Family::VirtualMachines, Family::DedicatedHost, Family::Avs],
                vec![
                    Family::SqlDatabases,
                    Family::SqlManagedInstance,
                    Family::SqlElasticPool,
                ],
            ],
            non_refundable: vec![
                Family::DatabricksPrePurchase,
                Family::SynapsePrePurchase,
                Family::RedHat,
                Family::Suse,
                Family::DefenderForCloudPrePurchase,
                Family::SentinelPrePurchase,
            ],
            savings_plan_families: vec![
                Family::VirtualMachines,
                Family::DedicatedHost,
                Family::AppService,
                Family::SqlDatabases,
            ],
        }
    }
}

impl Policy {
    /// Checks the settings a refund quote depends on; the first problem found is returned.
    pub fn validate_for_refund(&self) -> Result<(), InvalidPolicyReason> {
        if self.fee_rate < Decimal::ZERO || self.fee_rate > Decimal::ONE {
            return Err(InvalidPolicyReason::FeeRateOutOfRange {
                fee_rate: self.fee_rate,
            });
        }
        if self.limit_window_days < 0 {
            return Err(InvalidPolicyReason::NegativeLimitWindow {
                days: self.limit_window_days,
            });
        }
        Ok(())
    }

    /// Whether all the given families may be exchanged for one another (they share one group).
    pub fn families_compatible<'a, I>(&self, families: I) -> bool
    where
        I: IntoIterator<Item = &'a Family>,
    {
        let mut distinct: Vec<&Family> = Vec::new();
        for f in families {
            if !distinct.contains(&f) {
                distinct.push(f);
            }
        }
        if distinct.len() <= 1 {
            return true;
        }
        self.family_groups
            .iter()
            .any(|group| distinct.iter().all(|f| group.contains(f)))
    }

    /// Whether the family is covered by savings plans (and so subject to the exchange cutoff).
    pub fn is_savings_plan_family(&self, family: &Family) -> bool {
        self.savings_plan_families.contains(family)
    }
}
