//! `GET /me` and `GET /demoUsers`.

use reservation_api::Me;

use crate::auth;
use crate::handlers::Ctx;
use crate::respond::{Handled, Reply};

/// `GET /me`: the current user and tenant-wide permissions.
pub fn me(ctx: &Ctx) -> Handled {
    Reply::ok(&Me {
        user: ctx.user.clone(),
        permissions: auth::tenant_permissions(&ctx.user),
        demo: ctx.demo,
    })
}

/// `GET /demoUsers`: every demo user.
pub fn demo_users(_ctx: &Ctx) -> Handled {
    Reply::ok(&auth::demo_users())
}
