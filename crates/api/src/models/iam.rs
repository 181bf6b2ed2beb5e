//! Access control of reservations: role assignments and the signed-in user's permissions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A role that can be assigned on a reservation (or held tenant-wide by a demo user).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Full access including returns, exchanges and access management.
    Owner,
    /// Can change configuration; cannot return, exchange or manage access.
    Contributor,
    /// Read only.
    Reader,
    /// Tenant-wide: manage every reservation, return, exchange and manage access.
    ReservationsAdministrator,
    /// Tenant-wide read only.
    ReservationsReader,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 5] = [
        Role::Owner,
        Role::Contributor,
        Role::Reader,
        Role::ReservationsAdministrator,
        Role::ReservationsReader,
    ];

    /// Whether the role may change configuration (name, scope, flexibility, renew).
    pub fn can_manage(self) -> bool {
        matches!(
            self,
            Role::Owner | Role::Contributor | Role::ReservationsAdministrator
        )
    }

    /// Whether the role may return or exchange.
    pub fn can_return(self) -> bool {
        matches!(self, Role::Owner | Role::ReservationsAdministrator)
    }

    /// Whether the role may add and remove role assignments.
    pub fn can_assign_roles(self) -> bool {
        matches!(self, Role::Owner | Role::ReservationsAdministrator)
    }
}

/// The kind of principal a role is assigned to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PrincipalType {
    /// A person.
    #[default]
    User,
    /// A security group.
    Group,
    /// An application identity.
    ServicePrincipal,
}

/// One role assignment on a reservation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    /// `{reservation id}/providers/Microsoft.Authorization/roleAssignments/{guid}`.
    pub id: String,
    /// The assignment GUID (use it to remove the assignment).
    pub name: String,
    /// The principal's object id (a GUID; demo users use their user id).
    pub principal_id: String,
    /// The principal's display name or e-mail.
    pub principal_name: String,
    /// User, Group or ServicePrincipal.
    pub principal_type: PrincipalType,
    /// The role.
    pub role: Role,
    /// The reservation's resource id.
    pub scope: String,
    /// The day it was created.
    pub created_on: NaiveDate,
}

/// The body of `POST .../roleAssignments`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRoleAssignment {
    /// The principal's object id; a new GUID is made when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal_id: Option<String>,
    /// The principal's display name or e-mail (required).
    pub principal_name: String,
    /// User, Group or ServicePrincipal.
    pub principal_type: PrincipalType,
    /// The role to grant.
    pub role: Role,
}

/// What the signed-in user may do on one reservation (or tenant-wide, for `GET /me`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    /// The demo user id these permissions are for.
    pub user_id: String,
    /// Every role the user holds here (tenant-wide ones included).
    pub roles: Vec<Role>,
    /// Can see it.
    pub can_read: bool,
    /// Can change configuration (name, scope, flexibility, renew).
    pub can_manage: bool,
    /// Can return it.
    pub can_return: bool,
    /// Can exchange it.
    pub can_exchange: bool,
    /// Can add and remove role assignments.
    pub can_assign_roles: bool,
    /// Can open support requests.
    pub can_create_support_request: bool,
}

impl Permissions {
    /// The permissions that a set of roles grants.
    pub fn from_roles(user_id: &str, roles: Vec<Role>) -> Permissions {
        let any = |f: fn(Role) -> bool| roles.iter().copied().any(f);
        Permissions {
            user_id: user_id.to_string(),
            can_read: !roles.is_empty(),
            can_manage: any(Role::can_manage),
            can_return: any(Role::can_return),
            can_exchange: any(Role::can_return),
            can_assign_roles: any(Role::can_assign_roles),
            can_create_support_request: !roles.is_empty(),
            roles,
        }
    }
}
