//! Runtime configuration: `config.json` beside `index.html`, overridable by query parameters.
//!
//! Choosing the backend is configuration, not a rebuild: the same `dist/` runs a demo with the
//! embedded mock backend or talks to a real server over HTTP.

use serde::Deserialize;

use crate::browser;

/// Which backend the app talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// The embedded mock backend, with its data in localStorage.
    #[default]
    Mock,
    /// A real server reached over HTTP.
    Http,
}

/// The app's runtime configuration.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AppConfig {
    /// Mock or HTTP.
    pub backend: BackendKind,
    /// Base URL of the HTTP API (relative URLs resolve against the page).
    pub api_base_url: String,
    /// How long an HTTP request may take before it fails with a timeout.
    pub timeout_ms: u32,
    /// Extra delay the mock backend adds to every request, to show loading states in demos.
    pub mock_latency_ms: u32,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            backend: BackendKind::Mock,
            api_base_url: "/api".into(),
            timeout_ms: 15_000,
            mock_latency_ms: 150,
        }
    }
}

impl AppConfig {
    /// Parses `config.json`; a missing or broken file gives the defaults (the mock backend).
    pub fn from_json(text: &str) -> AppConfig {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The backend this build runs: the server build (without the `demo` feature) has no
    /// embedded backend, so it reads `mock` as the server at `apiBaseUrl` rather than failing.
    pub fn effective_backend(&self) -> BackendKind {
        if cfg!(feature = "demo") {
            self.backend
        } else {
            BackendKind::Http
        }
    }

    /// Applies `?backend=`, `?api=`, `?timeout=` and `?latency=` from the page's query string.
    pub fn with_query(mut self, query: &str) -> AppConfig {
        let query = query.trim_start_matches('?');
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match (key.as_ref(), value.as_ref()) {
                ("backend", "mock") => self.backend = BackendKind::Mock,
                ("backend", "http") => self.backend = BackendKind::Http,
                ("api", url) if !url.is_empty() => self.api_base_url = url.to_string(),
                ("timeout", ms) => self.timeout_ms = ms.parse().unwrap_or(self.timeout_ms),
                ("latency", ms) => {
                    self.mock_latency_ms = ms.parse().unwrap_or(self.mock_latency_ms)
                }
                _ => {}
            }
        }
        self
    }
}

/// Reads `config.json` beside `index.html`, then applies the page's query parameters.
pub async fn load() -> AppConfig {
    let url = format!("{}/config.json", browser::base_path());
    let text = browser::fetch_text(&url).await.unwrap_or_default();
    AppConfig::from_json(&text).with_query(&browser::query_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_the_mock_backend() {
        assert_eq!(AppConfig::from_json("not json").backend, BackendKind::Mock);
        let c = AppConfig::from_json(r#"{"backend":"http","apiBaseUrl":"https://x/api"}"#);
        assert_eq!(c.backend, BackendKind::Http);
        assert_eq!(c.api_base_url, "https://x/api");
        assert_eq!(c.timeout_ms, 15_000);
    }

    #[test]
    fn query_overrides_file() {
        let c = AppConfig::default()
            .with_query("?backend=http&api=http%3A%2F%2F127.0.0.1%3A9%2Fapi&timeout=500&x");
        assert_eq!(c.backend, BackendKind::Http);
        assert_eq!(c.api_base_url, "http://127.0.0.1:9/api");
        assert_eq!(c.timeout_ms, 500);
        let c = AppConfig::default().with_query("backend=nonsense&latency=0&timeout=soon");
        assert_eq!(c.backend, BackendKind::Mock);
        assert_eq!(c.mock_latency_ms, 0);
        assert_eq!(c.timeout_ms, 15_000);
    }

    #[test]
    fn server_build_reads_mock_as_http() {
        let c = AppConfig::from_json(r#"{"backend":"mock"}"#);
        let expected = if cfg!(feature = "demo") {
            BackendKind::Mock
        } else {
            BackendKind::Http
        };
        assert_eq!(c.effective_backend(), expected);
        assert_eq!(
            AppConfig::default()
                .with_query("backend=http")
                .effective_backend(),
            BackendKind::Http
        );
    }
}
