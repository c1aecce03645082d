//! `GET /api/projects/{id}/schema`: the fields of an import into the project and the
//! lists its values are checked against (units, company types, groups, users).

use axum::{Json, extract::State};
use customer_import_domain::{schema::default_fields, wire::ImportSchema};

use crate::{AppState, access::ProjectAccess, error::AppError, refs};

pub async fn import_schema(
    State(state): State<AppState>,
    ProjectAccess { user, project }: ProjectAccess,
) -> Result<Json<ImportSchema>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let (_, lists) = refs::load(&mut conn, user.organization_id, project.id).await?;
    Ok(Json(ImportSchema {
        project,
        fields: default_fields(),
        units: lists.units.unwrap_or_default(),
        company_types: lists.company_types.unwrap_or_default(),
        groups: lists.groups.unwrap_or_default(),
        account_managers: lists.account_managers.unwrap_or_default(),
    }))
}
