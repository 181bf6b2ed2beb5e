//! Demo users: the mock backend's stand-in for sign-in, chosen by the `x-demo-user` header.

use serde::{Deserialize, Serialize};

use crate::models::iam::Role;

/// A user the demo can act as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoUser {
    /// The id sent in `x-demo-user` (`admin`, `resadmin`, `reader`, `contributor`).
    pub id: String,
    /// The display name.
    pub name: String,
    /// The e-mail (also the principal name in role assignments).
    pub email: String,
    /// The role held on every reservation of every customer, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// One English sentence describing what the user can do.
    pub description: String,
}

/// `GET /me`: who the request acts as and what they may do tenant-wide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    /// The user.
    pub user: DemoUser,
    /// Tenant-wide permissions (per-reservation assignments may add more).
    pub permissions: crate::models::iam::Permissions,
    /// Whether the backend is a demo that lets the caller switch users (`x-demo-user`): always
    /// for the mock, only with `--demo` for `reservation-server`. Absent means false.
    #[serde(default)]
    pub demo: bool,
}
