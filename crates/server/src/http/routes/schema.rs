//! `GET /api/projects/{id}/schema`: the fields of an import into the project and the
//! lists its values are checked against (units, company types, groups, users).

use axum::{Json, extract::State};
use customer_import_domain::wire::{ApiError, ImportSchema};

use crate::{
    error::AppError, http::state::AppState, identity::access::ProjectAccess, imports::fields,
    imports::refs,
};

#[utoipa::path(
    get,
    path = "/api/projects/{id}/schema",
    params(("id" = String, Path, description = "The project: the server's id (`12`), or `portal:` and the id the portal provisioned it with (`portal:p-elv`)")),
    responses(
        (status = 200, description = "Fields and lists of the project", body = ImportSchema),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller may import into", body = ApiError),
        (status = 404, description = "No such project in the caller's organization", body = ApiError),
    ),
)]
pub async fn import_schema(
    State(state): State<AppState>,
    ProjectAccess { user, project }: ProjectAccess,
) -> Result<Json<ImportSchema>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let (_, lists) = refs::load(&mut conn, user.organization_id, project.id).await?;
    let fields = fields::of_project(&mut conn, project.id).await?;
    Ok(Json(ImportSchema {
        project,
        fields,
        units: lists.units.unwrap_or_default(),
        company_types: lists.company_types.unwrap_or_default(),
        groups: lists.groups.unwrap_or_default(),
        account_managers: lists.account_managers.unwrap_or_default(),
    }))
}
