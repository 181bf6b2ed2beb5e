//! Demo users and permission checks, enforced like a real server would.

use reservation_api::{Permissions, Role, User};

use crate::state::ResRec;

/// The user a request acts as when it names none: the partner's admin agent.
pub const DEFAULT_USER: &str = "admin";

/// The demo users, first the default.
pub fn demo_users() -> Vec<User> {
    let u = |id: &str, name: &str, email: &str, role: Option<Role>, description: &str| User {
        id: id.into(),
        name: name.into(),
        email: email.into(),
        role,
        description: description.into(),
    };
    vec![
        u(
            "admin",
            "김지우 (Jiwoo Kim)",
            "jiwoo.kim@cspdemo.onmicrosoft.com",
            Some(Role::Owner),
            "Partner admin agent: Owner of every reservation of every customer.",
        ),
        u(
            "resadmin",
            "이민준 (Minjun Lee)",
            "minjun.lee@cspdemo.onmicrosoft.com",
            Some(Role::ReservationsAdministrator),
            "Reservations Administrator: manages, returns and exchanges every reservation.",
        ),
        u(
            "reader",
            "박서연 (Seoyeon Park)",
            "seoyeon.park@cspdemo.onmicrosoft.com",
            Some(Role::Reader),
            "Reader of every reservation: can look and quote, cannot change anything.",
        ),
        u(
            "contributor",
            "Alex Johnson",
            "alex.johnson@cspdemo.onmicrosoft.com",
            None,
            "No tenant-wide role: sees only reservations with a role assignment for him.",
        ),
    ]
}

/// The demo user with this id.
pub fn find_user(id: &str) -> Option<User> {
    demo_users().into_iter().find(|u| u.id == id)
}

/// Whether a role assignment names this user (by id or e-mail).
fn names_user(pid: &str, pname: &str, user: &User) -> bool {
    pid == user.id || pname.eq_ignore_ascii_case(&user.email)
}

/// The user's roles on one reservation: the tenant-wide role plus matching assignments.
pub fn roles_on(user: &User, res: &ResRec) -> Vec<Role> {
    let mut roles: Vec<Role> = user.role.into_iter().collect();
    roles.extend(
        res.roles
            .iter()
            .filter(|a| names_user(&a.pid, &a.pname, user))
            .map(|a| a.role),
    );
    roles.sort();
    roles.dedup();
    roles
}

/// Whether the user may read the reservation (has any role on it): `permissions_on(…).can_read`
/// without building the permissions, for lists that check every reservation.
pub fn can_read(user: &User, res: &ResRec) -> bool {
    user.role.is_some() || res.roles.iter().any(|a| names_user(&a.pid, &a.pname, user))
}

/// The user's permissions on one reservation.
pub fn permissions_on(user: &User, res: &ResRec) -> Permissions {
    Permissions::from_roles(&user.id, roles_on(user, res))
}

/// The user's tenant-wide permissions (support requests are open to every user).
pub fn tenant_permissions(user: &User) -> Permissions {
    let mut p = Permissions::from_roles(&user.id, user.role.into_iter().collect());
    p.can_create_support_request = true;
    p
}

/// Whether the user may buy reservations: tenant-wide Owner or Reservations Administrator (the
/// roles that may exchange, which buys too).
pub fn can_purchase(user: &User) -> bool {
    tenant_permissions(user).can_exchange
}
