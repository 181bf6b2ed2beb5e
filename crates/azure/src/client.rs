//! Calls to Partner Center and ARM: a bearer token per tenant, paging, and retries.
//!
//! A 429 or 503 with `Retry-After` waits that long; other transient failures (other 5xx, a
//! connection that failed) back off exponentially with jitter, capped. When the retry budget is
//! spent the call fails with [`AzureError::Throttled`] or the last failure. Any other refusal
//! carries Azure's own code and message.

use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, AUTHORIZATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::config::{base, AzureConfig};
use crate::token::{Tokens, ARM_SCOPE, PARTNER_CENTER_SCOPE};
use crate::wire::partner_center::Collection;
use crate::wire::{ArmErrorBody, ArmList};

/// What went wrong talking to Azure. Never holds the client secret or a token.
#[derive(Debug, thiserror::Error)]
pub enum AzureError {
    /// Entra refused a token (`invalid_client`, an `AADSTS…` tenant error).
    #[error("sign-in to tenant {tenant} refused: {code}: {message}")]
    Token {
        /// The tenant asked.
        tenant: String,
        /// OAuth's error code.
        code: String,
        /// Entra's description.
        message: String,
    },
    /// Azure refused the request.
    #[error("Azure answered {status} {code}: {message} ({url})")]
    Refused {
        /// The address called (without a token).
        url: String,
        /// The HTTP status.
        status: u16,
        /// Azure's error code.
        code: String,
        /// Azure's message.
        message: String,
    },
    /// Still throttled or failing when the retry budget ran out.
    #[error("Azure is throttling or unavailable ({url}); gave up after {waited:?}")]
    Throttled {
        /// The address called.
        url: String,
        /// How long it retried.
        waited: Duration,
    },
    /// The connection failed.
    #[error("could not reach {url}: {message}")]
    Transport {
        /// The address called.
        url: String,
        /// What failed.
        message: String,
    },
    /// An answer that is not the shape Azure documents.
    #[error("unexpected answer from {url}: {message}")]
    Parse {
        /// The address called.
        url: String,
        /// What did not parse.
        message: String,
    },
    /// A paging link that leaves the configured host (its token would go elsewhere).
    #[error("refused to follow a link off {expected}: {link}")]
    ForeignLink {
        /// The configured base.
        expected: String,
        /// The link.
        link: String,
    },
}

impl AzureError {
    pub(crate) fn transport(url: &str, e: reqwest::Error) -> AzureError {
        AzureError::Transport {
            url: url.to_owned(),
            // The URL is in `url` already.
            message: e.without_url().to_string(),
        }
    }
}

/// Who a call acts as: the partner in Partner Center, or ARM in a customer's tenant.
#[derive(Clone, Copy, Debug)]
pub enum Audience<'a> {
    /// Partner Center, in the partner's tenant.
    PartnerCenter,
    /// ARM, in this customer tenant.
    Arm(&'a str),
}

/// The HTTP client of the connector.
pub struct AzureClient {
    http: reqwest::Client,
    tokens: Tokens,
    partner_tenant: String,
    arm: String,
    partner_center: String,
    retry_budget: Duration,
}

/// The delay before retry `attempt` (0-based): 0.5 s doubling, capped at 10 s, with jitter.
fn backoff(attempt: u32) -> Duration {
    let base = 500u64.saturating_mul(1u64 << attempt.min(5)).min(10_000);
    Duration::from_millis(base / 2 + fastrand::u64(0..=base / 2))
}

/// `Retry-After` in seconds (Azure sends seconds; an HTTP date is not used by these APIs).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?;
    v.trim().parse::<u64>().ok().map(Duration::from_secs)
}

impl AzureClient {
    /// A client for `config`.
    pub fn new(config: &AzureConfig) -> AzureClient {
        let http = reqwest::Client::builder()
            .user_agent(concat!("reservation-server/", env!("CARGO_PKG_VERSION")))
            .timeout(Duration::from_secs(60))
            .build()
            .expect("a TLS backend is compiled in");
        AzureClient {
            tokens: Tokens::new(
                http.clone(),
                base(&config.authority),
                config.client_id.clone(),
                config.client_secret.clone(),
            ),
            http,
            partner_tenant: config.tenant.clone(),
            arm: base(&config.arm),
            partner_center: base(&config.partner_center),
            retry_budget: config.retry_budget,
        }
    }

    /// ARM's base address.
    pub fn arm(&self) -> &str {
        &self.arm
    }

    /// Sends one request, retrying throttling and transient failures within the budget, and
    /// returns the body of a success.
    pub async fn send(
        &self,
        audience: Audience<'_>,
        method: Method,
        url: &str,
        headers: &[(String, String)],
        body: Option<&serde_json::Value>,
    ) -> Result<(StatusCode, HeaderMap, String), AzureError> {
        let (tenant, scope) = match audience {
            Audience::PartnerCenter => (self.partner_tenant.as_str(), PARTNER_CENTER_SCOPE),
            Audience::Arm(t) => (t, ARM_SCOPE),
        };
        let started = Instant::now();
        let mut attempt = 0u32;
        loop {
            let token = self.tokens.token(tenant, scope).await?;
            let mut req = self
                .http
                .request(method.clone(), url)
                .header(AUTHORIZATION, format!("Bearer {token}"))
                .header("Accept", "application/json");
            for (k, v) in headers {
                req = req.header(k, v);
            }
            if let Some(b) = body {
                req = req.json(b);
            }
            let wait = match req.send().await {
                Err(e) if e.is_connect() || e.is_timeout() => {
                    let err = AzureError::transport(url, e);
                    tracing::warn!(url, error = %err, attempt, "Azure call failed, retrying");
                    (backoff(attempt), Some(err))
                }
                Err(e) => return Err(AzureError::transport(url, e)),
                Ok(res) => {
                    let status = res.status();
                    let headers = res.headers().clone();
                    let text = res
                        .text()
                        .await
                        .map_err(|e| AzureError::transport(url, e))?;
                    if status.is_success() {
                        return Ok((status, headers, text));
                    }
                    let throttled = status == StatusCode::TOO_MANY_REQUESTS
                        || status == StatusCode::SERVICE_UNAVAILABLE;
                    if throttled || status.is_server_error() {
                        let wait = match (throttled, retry_after(&headers)) {
                            (true, Some(d)) => d,
                            _ => backoff(attempt),
                        };
                        tracing::warn!(
                            url,
                            status = status.as_u16(),
                            attempt,
                            ?wait,
                            "Azure asked to retry"
                        );
                        (wait, None)
                    } else {
                        return Err(refusal(url, status, &text));
                    }
                }
            };
            let (wait, last) = wait;
            if started.elapsed() + wait > self.retry_budget {
                return Err(last.unwrap_or(AzureError::Throttled {
                    url: url.to_owned(),
                    waited: started.elapsed(),
                }));
            }
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// GETs `url` and reads the JSON answer as `T`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        audience: Audience<'_>,
        url: &str,
        headers: &[(String, String)],
    ) -> Result<T, AzureError> {
        let (_, _, text) = self.send(audience, Method::GET, url, headers, None).await?;
        serde_json::from_str(&text).map_err(|e| AzureError::Parse {
            url: url.to_owned(),
            message: e.to_string(),
        })
    }

    /// Every item of an ARM list in a customer tenant, following `nextLink`.
    pub async fn arm_list<T: DeserializeOwned>(
        &self,
        tenant: &str,
        path_and_query: &str,
    ) -> Result<Vec<T>, AzureError> {
        let mut url = format!("{}{}", self.arm, path_and_query);
        let mut out = Vec::new();
        loop {
            let page: ArmList<T> = self.get(Audience::Arm(tenant), &url, &[]).await?;
            out.extend(page.value);
            match page.next_link {
                Some(next) if !next.is_empty() => {
                    if !next.starts_with(&self.arm) {
                        return Err(AzureError::ForeignLink {
                            expected: self.arm.clone(),
                            link: next,
                        });
                    }
                    url = next;
                }
                _ => return Ok(out),
            }
        }
    }

    /// An ARM resource in a customer tenant.
    pub async fn arm_get<T: DeserializeOwned>(
        &self,
        tenant: &str,
        path_and_query: &str,
    ) -> Result<T, AzureError> {
        let url = format!("{}{}", self.arm, path_and_query);
        self.get(Audience::Arm(tenant), &url, &[]).await
    }

    /// Every item of a Partner Center collection, following its `next` links (their
    /// continuation-token headers included).
    pub async fn partner_center_list<T: DeserializeOwned>(
        &self,
        path_and_query: &str,
    ) -> Result<Vec<T>, AzureError> {
        let mut url = format!(
            "{}/v1/{}",
            self.partner_center,
            path_and_query.trim_start_matches('/')
        );
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut out = Vec::new();
        loop {
            let page: Collection<T> = self.get(Audience::PartnerCenter, &url, &headers).await?;
            out.extend(page.items);
            let Some(next) = page.links.and_then(|l| l.next) else {
                return Ok(out);
            };
            let rel = next.uri.trim_start_matches('/');
            let rel = rel.strip_prefix("v1/").unwrap_or(rel);
            url = format!("{}/v1/{}", self.partner_center, rel);
            headers = next.headers.into_iter().map(|h| (h.key, h.value)).collect();
        }
    }
}

/// Azure's refusal as an error, keeping its code and message (ARM's `{error: {code,
/// message}}`, Partner Center's `{code, description}`, or the status alone).
fn refusal(url: &str, status: StatusCode, text: &str) -> AzureError {
    #[derive(serde::Deserialize)]
    struct PartnerCenterError {
        code: serde_json::Value,
        #[serde(default)]
        description: String,
    }
    let (code, message) = if let Ok(b) = serde_json::from_str::<ArmErrorBody>(text) {
        (b.error.code, b.error.message)
    } else if let Ok(b) = serde_json::from_str::<PartnerCenterError>(text) {
        (
            b.code.to_string().trim_matches('"').to_owned(),
            b.description,
        )
    } else {
        (
            status
                .canonical_reason()
                .unwrap_or("Error")
                .replace(' ', ""),
            text.chars().take(200).collect(),
        )
    };
    AzureError::Refused {
        url: url.to_owned(),
        status: status.as_u16(),
        code,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_a_cap_with_jitter() {
        for attempt in 0..10 {
            let d = backoff(attempt);
            let cap = 500u64 * (1 << attempt.min(5));
            let cap = Duration::from_millis(cap.min(10_000));
            assert!(d >= cap / 2 && d <= cap, "{attempt}: {d:?}");
        }
    }

    #[test]
    fn refusals_keep_azures_code_and_message() {
        let e = refusal(
            "u",
            StatusCode::CONFLICT,
            r#"{"error":{"code":"RefundLimitExceeded","message":"Over the limit."}}"#,
        );
        assert!(
            matches!(e, AzureError::Refused { status: 409, ref code, ref message, .. }
            if code == "RefundLimitExceeded" && message == "Over the limit.")
        );
        let e = refusal(
            "u",
            StatusCode::FORBIDDEN,
            r#"{"code":600007,"description":"No GDAP."}"#,
        );
        assert!(
            matches!(e, AzureError::Refused { ref code, ref message, .. }
            if code == "600007" && message == "No GDAP.")
        );
        let e = refusal("u", StatusCode::BAD_REQUEST, "plain");
        assert!(matches!(e, AzureError::Refused { ref code, .. } if code == "BadRequest"));
    }
}
