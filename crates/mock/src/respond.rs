//! Building responses: successful replies, failures with the API's error body, paging.

use reservation_api::{
    codes, ApiError, ApiErrorBody, ApiErrorDetail, HttpResponse, Page, QuoteError, SortOrder,
    CONTENT_TYPE_JSON, HEADER_CONTENT_TYPE, MAX_TOP,
};
use reservation_api::{QueryBuilder, QueryParams};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A successful handler result.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status (200 or 201).
    pub status: u16,
    /// The JSON body.
    pub body: String,
    /// Extra headers (e.g. `ETag`).
    pub headers: Vec<(String, String)>,
    /// Whether the state changed (then it is persisted).
    pub mutated: bool,
}

/// A failed handler result: a status and the error body.
#[derive(Clone, Debug)]
pub struct Failure {
    /// The status (4xx or 5xx).
    pub status: u16,
    /// The error body (boxed, to keep `Result`s small).
    pub body: Box<ApiErrorBody>,
    /// Extra headers (e.g. the current `ETag` on 412).
    pub headers: Vec<(String, String)>,
}

/// What a handler returns.
pub type Handled = Result<Reply, Failure>;

/// Serializes a body; serialization of API models cannot fail, but a failure becomes a 500.
fn to_json<T: Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| {
        Failure::new(
            500,
            codes::INTERNAL_SERVER_ERROR,
            format!("serialization failed: {e}"),
        )
    })
}

impl Reply {
    /// 200 with a JSON body, no state change.
    pub fn ok<T: Serialize>(value: &T) -> Handled {
        Ok(Reply {
            status: 200,
            body: to_json(value)?,
            headers: Vec::new(),
            mutated: false,
        })
    }

    /// 200 with a JSON body after a state change.
    pub fn changed<T: Serialize>(value: &T) -> Handled {
        Ok(Reply {
            status: 200,
            body: to_json(value)?,
            headers: Vec::new(),
            mutated: true,
        })
    }

    /// 201 with a JSON body after a state change.
    pub fn created<T: Serialize>(value: &T) -> Handled {
        Ok(Reply {
            status: 201,
            body: to_json(value)?,
            headers: Vec::new(),
            mutated: true,
        })
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// The HTTP response.
    pub fn into_response(self) -> HttpResponse {
        json_response(self.status, self.headers, self.body)
    }
}

impl Failure {
    /// A failure with a status, code and message.
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Failure {
        Failure {
            status,
            body: Box::new(ApiErrorBody::new(code, message)),
            headers: Vec::new(),
        }
    }

    /// Sets the target (builder style).
    pub fn target(mut self, target: impl Into<String>) -> Failure {
        self.body.error.target = Some(target.into());
        self
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Failure {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// 400 InvalidInput.
    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure::new(400, codes::INVALID_INPUT, message)
    }

    /// 403 AuthorizationFailed.
    pub fn forbidden(user: &str, action: &str) -> Failure {
        Failure::new(
            403,
            codes::AUTHORIZATION_FAILED,
            format!("The user '{user}' does not have permission to {action}."),
        )
    }

    /// 404 ResourceNotFound.
    pub fn not_found(what: &str, id: &str) -> Failure {
        Failure::new(
            404,
            codes::RESOURCE_NOT_FOUND,
            format!("{what} '{id}' was not found."),
        )
        .target(id.to_string())
    }

    /// 409 with a code.
    pub fn conflict(code: &str, message: impl Into<String>) -> Failure {
        Failure::new(409, code, message)
    }

    /// 422 for quote errors: the first error's code, every error in `details`.
    pub fn refused(errors: &[QuoteError]) -> Failure {
        let details: Vec<ApiErrorDetail> = errors
            .iter()
            .map(|e| ApiErrorDetail {
                code: e.code().to_string(),
                message: e.to_string(),
                target: e.line().map(|l| format!("line {l}")),
            })
            .collect();
        let (code, message) = details.first().map_or(
            ("Refused".to_string(), "Refused by policy.".to_string()),
            |d| (d.code.clone(), d.message.clone()),
        );
        Failure {
            status: 422,
            body: Box::new(ApiErrorBody {
                error: ApiError {
                    code,
                    message,
                    target: None,
                    details,
                },
            }),
            headers: Vec::new(),
        }
    }

    /// The HTTP response.
    pub fn into_response(self) -> HttpResponse {
        let body = serde_json::to_string(&self.body).unwrap_or_else(|_| String::from("{}"));
        json_response(self.status, self.headers, body)
    }
}

/// A JSON response: the content type first, then `extra` headers.
fn json_response(status: u16, extra: Vec<(String, String)>, body: String) -> HttpResponse {
    let mut headers = vec![(
        HEADER_CONTENT_TYPE.to_string(),
        CONTENT_TYPE_JSON.to_string(),
    )];
    headers.extend(extra);
    HttpResponse {
        status,
        headers,
        body,
    }
}

/// Parses a JSON request body, or 400 InvalidJson.
pub fn parse_body<T: DeserializeOwned>(body: Option<&str>) -> Result<T, Failure> {
    let text =
        body.ok_or_else(|| Failure::new(400, codes::INVALID_JSON, "A JSON body is required."))?;
    serde_json::from_str(text).map_err(|e| {
        Failure::new(
            400,
            codes::INVALID_JSON,
            format!("The body is not valid: {e}"),
        )
    })
}

/// Turns a query-parameter error message into 400 InvalidInput.
pub fn bad_query<T>(r: Result<T, String>) -> Result<T, Failure> {
    r.map_err(Failure::invalid)
}

/// A column's ordering in the requested direction.
pub fn directed(ordering: std::cmp::Ordering, order: SortOrder) -> std::cmp::Ordering {
    match order {
        SortOrder::Asc => ordering,
        SortOrder::Desc => ordering.reverse(),
    }
}

/// Checks and clamps paging: `top` must be at least 1 and is capped at [`MAX_TOP`].
pub fn paging(skip: u32, top: u32) -> Result<(u32, u32), Failure> {
    if top == 0 {
        return Err(Failure::invalid("'top' must be at least 1.").target("top"));
    }
    Ok((skip, top.min(MAX_TOP)))
}

/// One page of `items`, with a `nextLink` that repeats the request's query with the next `skip`.
pub fn page<T>(items: Vec<T>, skip: u32, top: u32, path: &str, params: &QueryParams) -> Page<T> {
    let total = items.len();
    let start = (skip as usize).min(total);
    let end = start.saturating_add(top as usize).min(total);
    let next_link = (end < total).then(|| {
        let mut q = QueryBuilder::new();
        for (k, v) in params.pairs() {
            if k != "skip" && k != "top" {
                q.push(k, v);
            }
        }
        q.push("skip", end).push("top", top);
        format!("{path}{}", q.build())
    });
    let value: Vec<T> = items.into_iter().skip(start).take(end - start).collect();
    Page {
        value,
        total_count: total as u64,
        skip,
        top,
        next_link,
    }
}
