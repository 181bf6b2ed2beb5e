//! OAuth 2.0 client-credentials tokens, per tenant and scope, cached until shortly before they
//! expire.
//!
//! Written here rather than taken from `azure_identity` 1.0: its `ClientSecretCredential`
//! refuses an authority that is not `https` (`get_authority_host`), so it cannot be pointed at
//! the tests' fake Entra over plain HTTP, and it would bring `azure_core`'s own HTTP pipeline
//! beside the `reqwest` client the connector already uses. The grant itself is one form POST.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::sync::Mutex;

use crate::client::AzureError;
use crate::config::Secret;

/// Partner Center's scope, in the partner's tenant.
pub const PARTNER_CENTER_SCOPE: &str = "https://api.partnercenter.microsoft.com/.default";
/// Azure Resource Manager's scope, in each customer's tenant (GDAP).
pub const ARM_SCOPE: &str = "https://management.azure.com/.default";

/// A token is renewed this long before it expires.
const EARLY: Duration = Duration::from_secs(300);

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Deserialize)]
struct TokenRefusal {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
}

struct Cached {
    token: String,
    renew_at: Instant,
}

/// Issues and caches tokens for one app registration.
pub struct Tokens {
    http: reqwest::Client,
    authority: String,
    client_id: String,
    secret: Secret,
    cache: Mutex<HashMap<(String, String), Cached>>,
}

impl Tokens {
    /// Tokens from `authority` (no trailing slash) for the app `client_id`.
    pub fn new(
        http: reqwest::Client,
        authority: String,
        client_id: String,
        secret: Secret,
    ) -> Self {
        Tokens {
            http,
            authority,
            client_id,
            secret,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// A bearer token for `scope` in `tenant`: the cached one while it is good, else a new one.
    pub async fn token(&self, tenant: &str, scope: &str) -> Result<String, AzureError> {
        let key = (tenant.to_ascii_lowercase(), scope.to_owned());
        let mut cache = self.cache.lock().await;
        if let Some(c) = cache.get(&key) {
            if Instant::now() < c.renew_at {
                return Ok(c.token.clone());
            }
        }
        let url = format!("{}/{}/oauth2/v2.0/token", self.authority, tenant);
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.secret.expose()),
            ("scope", scope),
        ];
        let res = self
            .http
            .post(&url)
            .form(&form)
            .send()
            .await
            .map_err(|e| AzureError::transport(&url, e))?;
        let status = res.status();
        let text = res
            .text()
            .await
            .map_err(|e| AzureError::transport(&url, e))?;
        if !status.is_success() {
            let refusal: TokenRefusal = serde_json::from_str(&text).unwrap_or(TokenRefusal {
                error: format!("HTTP {}", status.as_u16()),
                error_description: String::new(),
            });
            return Err(AzureError::Token {
                tenant: tenant.to_owned(),
                code: refusal.error,
                message: refusal.error_description,
            });
        }
        let answer: TokenAnswer = serde_json::from_str(&text).map_err(|e| AzureError::Parse {
            url: url.clone(),
            message: e.to_string(),
        })?;
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3600));
        // Renew early, but never at once: a token shorter-lived than the margin lasts half.
        let keep = lifetime.checked_sub(EARLY).unwrap_or(lifetime / 2);
        cache.insert(
            key,
            Cached {
                token: answer.access_token.clone(),
                renew_at: Instant::now() + keep,
            },
        );
        Ok(answer.access_token)
    }
}
