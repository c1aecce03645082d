//! `POST /api/projects/{id}/customers/lookup`: the customers rows of a file would
//! update, as they are now, for the review's "old → new".

use axum::{Json, extract::State};
use customer_import_domain::wire::{ApiError, CustomerLookup, CustomerLookupResult};

use crate::{
    error::AppError,
    http::json::{Body, BodyCodes},
    http::state::AppState,
    identity::access::ProjectAccess,
    imports::lookup,
};

#[utoipa::path(
    post,
    path = "/api/projects/{id}/customers/lookup",
    params(("id" = String, Path, description = "The project: the server's id (`12`), or `portal:` and the id the portal provisioned it with (`portal:p-elv`)")),
    request_body = CustomerLookup,
    responses(
        (status = 200, description = "For every key, in the order sent: the customer it names as it is now, with its version (send it back with the row that updates it), or `new`, or `two` when the row's key names one customer and its other unique value another", body = CustomerLookupResult),
        (status = 400, description = "`lookup.no_keys`, or a malformed body (`lookup.invalid_body`)", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller may import into", body = ApiError),
        (status = 404, description = "No such project in the caller's organization", body = ApiError),
        (status = 413, description = "`lookup.too_many_keys`: more than 5,000 keys", body = ApiError),
    ),
)]
pub async fn lookup(
    State(state): State<AppState>,
    ProjectAccess { project, .. }: ProjectAccess,
    Body(request): Body<CustomerLookup>,
) -> Result<Json<CustomerLookupResult>, AppError> {
    Ok(Json(lookup::lookup(&state.db, project.id, &request).await?))
}

impl BodyCodes for CustomerLookup {
    const INVALID: &'static str = "lookup.invalid_body";
    const TOO_LARGE: Option<&'static str> = Some("lookup.too_many_keys");
}
