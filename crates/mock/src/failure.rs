//! Failure injection for demos and tests: make the next or every request fail in a chosen way.

use serde::{Deserialize, Serialize};

/// A failure the mock backend can inject instead of answering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Injected {
    /// No response: `Err(TransportError::Network)`.
    NetworkError,
    /// 500 with an `InternalServerError` error body.
    ServerError,
    /// 409 with a `Conflict` error body.
    Conflict,
    /// 200 with a body that is not JSON.
    Malformed,
}

impl Injected {
    /// Every kind, for settings panels.
    pub const ALL: [Injected; 4] = [
        Injected::NetworkError,
        Injected::ServerError,
        Injected::Conflict,
        Injected::Malformed,
    ];

    /// The wire name (`NetworkError`, ...), as used in config files and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Injected::NetworkError => "NetworkError",
            Injected::ServerError => "ServerError",
            Injected::Conflict => "Conflict",
            Injected::Malformed => "Malformed",
        }
    }

    /// Parses a wire name, ignoring case (`network`, `networkerror`, `500` are accepted too).
    pub fn parse(s: &str) -> Option<Injected> {
        match s.trim().to_ascii_lowercase().as_str() {
            "networkerror" | "network" => Some(Injected::NetworkError),
            "servererror" | "server" | "500" => Some(Injected::ServerError),
            "conflict" | "409" => Some(Injected::Conflict),
            "malformed" => Some(Injected::Malformed),
            _ => None,
        }
    }
}

/// Runtime options of the mock backend (not persisted with the data).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MockOptions {
    /// Fail only the next request this way (then cleared).
    pub fail_next: Option<Injected>,
    /// Fail every request this way until cleared.
    pub fail_all: Option<Injected>,
    /// When set, injected failures only hit requests whose path contains this text.
    pub fail_path_contains: Option<String>,
}

impl MockOptions {
    /// Whether a failure may be injected into some request.
    pub fn injects(&self) -> bool {
        self.fail_next.is_some() || self.fail_all.is_some()
    }

    /// The failure to inject for a request to `path`, consuming `fail_next`.
    pub fn take_failure(&mut self, path: &str) -> Option<Injected> {
        if let Some(filter) = &self.fail_path_contains {
            if !path.contains(filter.as_str()) {
                return None;
            }
        }
        self.fail_next.take().or(self.fail_all)
    }
}
