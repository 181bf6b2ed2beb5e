//! Role assignments on a reservation: list, add, remove.

use reservation_api::{codes, AuditAction, AuditEvent, NewRoleAssignment, Page};

use crate::handlers::{text_field, Ctx};
use crate::respond::{parse_body, Failure, Handled, Reply};
use crate::state::RoleRec;
use crate::view;

/// `GET .../reservations/{id}/roleAssignments`.
pub fn list(ctx: &Ctx, customer: &str, order: &str, id: &str) -> Handled {
    let (_, o, r) = ctx.reservation(customer, order, id)?;
    ctx.require(ctx.permissions(r).can_read, "read this reservation")?;
    let items = r
        .roles
        .iter()
        .map(|a| view::role_assignment(o, r, a))
        .collect();
    Reply::ok(&Page::all(items))
}

/// Appends an audit event to an order.
fn audit(
    ctx: &mut Ctx,
    customer: &str,
    order: &str,
    id: &str,
    action: AuditAction,
    summary: String,
) {
    let event_id = ctx.state.new_guid();
    let event = AuditEvent {
        id: event_id,
        timestamp: ctx.now,
        actor_id: ctx.user.id.clone(),
        actor_name: ctx.user.name.clone(),
        action,
        reservation_order_id: order.to_string(),
        reservation_id: Some(id.to_string()),
        summary,
        changes: Vec::new(),
        amount: None,
    };
    if let Some(o) = ctx
        .state
        .customer_mut(customer)
        .and_then(|c| c.order_mut(order))
    {
        o.audit.push(event);
    }
}

/// `POST .../reservations/{id}/roleAssignments`: 201 with the new assignment, 409 if it exists.
pub fn add(ctx: &mut Ctx, customer: &str, order: &str, id: &str) -> Handled {
    let new: NewRoleAssignment;
    {
        let (_, _, r) = ctx.reservation(customer, order, id)?;
        ctx.require(
            ctx.permissions(r).can_assign_roles,
            "manage access to this reservation",
        )?;
        new = parse_body(ctx.req.body.as_deref())?;
        let name = text_field(&new.principal_name, "principalName", 256)?;
        if r.roles.iter().any(|a| {
            a.role == new.role
                && (a.pname.eq_ignore_ascii_case(&name)
                    || new.principal_id.as_deref() == Some(a.pid.as_str()))
        }) {
            return Err(Failure::conflict(
                codes::CONFLICT,
                format!(
                    "'{name}' already has the role {:?} on this reservation.",
                    new.role
                ),
            ));
        }
    }
    let assignment_id = ctx.state.new_guid();
    let principal_id = match &new.principal_id {
        Some(p) if !p.trim().is_empty() => p.trim().to_string(),
        _ => ctx.state.new_guid(),
    };
    let rec = RoleRec {
        id: assignment_id,
        pid: principal_id,
        pname: new.principal_name.trim().to_string(),
        ptype: new.principal_type,
        role: new.role,
        on: ctx.today,
    };
    let summary = format!("Granted {:?} to {}", rec.role, rec.pname);
    if let Some(r) = ctx
        .state
        .customer_mut(customer)
        .and_then(|c| c.order_mut(order))
        .and_then(|o| o.reservation_mut(id))
    {
        r.roles.push(rec.clone());
    }
    audit(
        ctx,
        customer,
        order,
        id,
        AuditAction::RoleAssignmentAdded,
        summary,
    );
    let (_, o, r) = ctx.reservation(customer, order, id)?;
    Reply::created(&view::role_assignment(o, r, &rec))
}

/// `DELETE .../reservations/{id}/roleAssignments/{assignmentId}`: 200 with the removed assignment.
pub fn remove(ctx: &mut Ctx, customer: &str, order: &str, id: &str, assignment: &str) -> Handled {
    let removed = {
        let (_, o, r) = ctx.reservation(customer, order, id)?;
        ctx.require(
            ctx.permissions(r).can_assign_roles,
            "manage access to this reservation",
        )?;
        let a = r
            .roles
            .iter()
            .find(|a| a.id == assignment)
            .ok_or_else(|| Failure::not_found("Role assignment", assignment))?;
        view::role_assignment(o, r, a)
    };
    if let Some(r) = ctx
        .state
        .customer_mut(customer)
        .and_then(|c| c.order_mut(order))
        .and_then(|o| o.reservation_mut(id))
    {
        r.roles.retain(|a| a.id != assignment);
    }
    let summary = format!("Removed {:?} from {}", removed.role, removed.principal_name);
    audit(
        ctx,
        customer,
        order,
        id,
        AuditAction::RoleAssignmentRemoved,
        summary,
    );
    Reply::changed(&removed)
}
