//! Users: who a request acts as. `reservation-server` finds them by the identity its proxy
//! sends; the demo (the mock, and `--demo`) lets the `x-demo-user` header choose one of its
//! personas.

use serde::{Deserialize, Serialize};

use crate::models::iam::Role;

/// A user of the dashboard: someone the server's proxy signs in, or a persona of the demo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The identity: what the proxy's header carries (usually the e-mail), or in the demo the id
    /// sent in `x-demo-user` (`admin`, `resadmin`, `reader`, `contributor`).
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
    pub user: User,
    /// Tenant-wide permissions (per-reservation assignments may add more).
    pub permissions: crate::models::iam::Permissions,
    /// Whether the backend is a demo that lets the caller switch users (`x-demo-user`): always
    /// for the mock, only with `--demo` for `reservation-server`. Absent means false.
    #[serde(default)]
    pub demo: bool,
}
