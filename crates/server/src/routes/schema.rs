//! `GET /api/projects/{id}/schema`: the fields of an import into the project and the
//! lists its values are checked against (units, company types, groups, users).

use axum::{
    Json,
    extract::{Path, State},
};
use customer_import_domain::{
    schema::default_fields,
    validate::row::{AccountManager, CompanyType},
    wire::ImportSchema,
};
use sqlx::Row;

use crate::{AppState, access, auth::CurrentUser, error::AppError};

pub async fn import_schema(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<ImportSchema>, AppError> {
    let project = access::importable_project(&state.db, &user, id).await?;
    let pool = &state.db.pool;
    let units = sqlx::query("SELECT code FROM units WHERE project_id = $1 ORDER BY code")
        .bind(id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    let company_types = sqlx::query(
        "SELECT key, name_nb, name_fi, name_en FROM company_types WHERE organization_id = $1 ORDER BY id",
    )
    .bind(user.organization_id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        Ok(CompanyType {
            key: r.try_get(0)?,
            names: vec![r.try_get(1)?, r.try_get(2)?, r.try_get(3)?],
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let groups =
        sqlx::query("SELECT name FROM customer_groups WHERE organization_id = $1 ORDER BY name")
            .bind(user.organization_id)
            .fetch_all(pool)
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
    let account_managers =
        sqlx::query("SELECT email, name FROM users WHERE organization_id = $1 ORDER BY name")
            .bind(user.organization_id)
            .fetch_all(pool)
            .await?
            .iter()
            .map(|r| {
                Ok(AccountManager {
                    email: r.try_get(0)?,
                    name: r.try_get(1)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;
    Ok(Json(ImportSchema {
        project,
        fields: default_fields(),
        units,
        company_types,
        groups,
        account_managers,
    }))
}
