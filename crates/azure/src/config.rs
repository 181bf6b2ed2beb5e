//! Where the connector finds Azure and who it signs in as.

use std::fmt;
use std::time::Duration;

/// A client secret: kept out of `Debug`, logs and errors.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret (trailing newlines of a secret file are dropped).
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into().trim_end_matches(['\r', '\n']).to_owned())
    }

    /// The secret itself, for the token request only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// The defaults of the public cloud.
pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";
/// Azure Resource Manager.
pub const DEFAULT_ARM: &str = "https://management.azure.com";
/// Partner Center.
pub const DEFAULT_PARTNER_CENTER: &str = "https://api.partnercenter.microsoft.com";

/// The connector's configuration.
#[derive(Clone, Debug)]
pub struct AzureConfig {
    /// The partner's own tenant (Partner Center tokens are issued there).
    pub tenant: String,
    /// The app registration's client id (multi-tenant, consented in each customer tenant).
    pub client_id: String,
    /// The app registration's client secret.
    pub client_secret: Secret,
    /// The Entra authority, without a trailing slash.
    pub authority: String,
    /// Azure Resource Manager, without a trailing slash.
    pub arm: String,
    /// Partner Center, without a trailing slash.
    pub partner_center: String,
    /// How long throttling and transient failures are retried before a call gives up.
    pub retry_budget: Duration,
    /// How many days of daily utilization a sync reads (ending yesterday).
    pub utilization_days: u32,
}

impl AzureConfig {
    /// A configuration for the public cloud.
    pub fn new(tenant: String, client_id: String, client_secret: Secret) -> AzureConfig {
        AzureConfig {
            tenant,
            client_id,
            client_secret,
            authority: DEFAULT_AUTHORITY.into(),
            arm: DEFAULT_ARM.into(),
            partner_center: DEFAULT_PARTNER_CENTER.into(),
            retry_budget: Duration::from_secs(60),
            utilization_days: 90,
        }
    }
}

/// Drops one trailing slash, so paths join with one.
pub fn base(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}
