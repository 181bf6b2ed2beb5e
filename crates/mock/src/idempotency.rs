//! Idempotency keys: the same key (per user and endpoint) replays the first response, so money
//! moves once however often a client retries.

use reservation_api::{codes, HttpRequest, HEADER_IDEMPOTENCY_KEY, HEADER_IDEMPOTENT_REPLAY};

use crate::handlers::Ctx;
use crate::ids::hash_str;
use crate::respond::{Failure, Handled, Reply};
use crate::state::{IdempotencyRec, MAX_IDEMPOTENCY_RECORDS};

/// What a key is scoped to: the user, the method and the path.
pub fn scope(user: &str, req: &HttpRequest) -> String {
    format!("{} {} {}", user, req.method, req.path_only())
}

/// The request's `Idempotency-Key`, trimmed, when it has one.
pub fn key(req: &HttpRequest) -> Option<&str> {
    req.header(HEADER_IDEMPOTENCY_KEY)
        .map(str::trim)
        .filter(|k| !k.is_empty())
}

/// Runs `f` once per `Idempotency-Key`; 400 without a key, 409 when a key is reused for a
/// different body. Every answer but a 5xx is remembered and replayed.
pub fn run(ctx: &mut Ctx, f: impl FnOnce(&mut Ctx) -> Handled) -> Handled {
    let key = key(ctx.req)
        .ok_or_else(|| {
            Failure::new(
                400,
                codes::IDEMPOTENCY_KEY_REQUIRED,
                "Send an Idempotency-Key header with this request.",
            )
            .target(HEADER_IDEMPOTENCY_KEY)
        })?
        .to_string();
    if key.len() > 200 {
        return Err(
            Failure::invalid("The Idempotency-Key may have at most 200 characters.")
                .target(HEADER_IDEMPOTENCY_KEY),
        );
    }
    let scope = scope(&ctx.user.id, ctx.req);
    let body_hash = hash_str(ctx.req.body.as_deref().unwrap_or(""));
    if let Some(rec) = ctx
        .state
        .idempotency
        .iter()
        .find(|r| r.scope == scope && r.key == key)
    {
        if rec.body_hash != body_hash {
            return Err(Failure::conflict(
                codes::IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used for a different request.",
            )
            .target(HEADER_IDEMPOTENCY_KEY));
        }
        return Ok(Reply {
            status: rec.status,
            body: rec.body.clone(),
            headers: vec![(HEADER_IDEMPOTENT_REPLAY.to_string(), "true".to_string())],
            mutated: false,
        });
    }
    let result = f(ctx);
    let (status, body) = match &result {
        Ok(r) => (r.status, r.body.clone()),
        Err(e) if e.status < 500 => (e.status, serde_json::to_string(&e.body).unwrap_or_default()),
        Err(_) => return result,
    };
    let records = &mut ctx.state.idempotency;
    records.push(IdempotencyRec {
        scope,
        key,
        body_hash,
        status,
        body,
    });
    if records.len() > MAX_IDEMPOTENCY_RECORDS {
        let excess = records.len() - MAX_IDEMPOTENCY_RECORDS;
        records.drain(..excess);
    }
    match result {
        // A refused request changed nothing but its record, which is kept too.
        Ok(mut r) => {
            r.mutated = true;
            Ok(r)
        }
        Err(e) => Err(e),
    }
}
