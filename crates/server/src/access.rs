//! Who may import into which project: the one place that decides it. Handlers ask
//! here instead of writing their own `WHERE` clauses, so a new endpoint cannot forget
//! the rule. An organization admin may use every project of the organization; a member
//! only the projects they are case handler of; nobody sees another organization.

use customer_import_domain::{country::Country, wire::ProjectSummary};
use sqlx::Row;

use crate::{auth::CurrentUser, db::Db, error::AppError};

/// The project `id` if `user` may import into it: another organization's project (or
/// none) is "not found", one of their own organization they do not handle is
/// "forbidden".
pub async fn importable_project(
    db: &Db,
    user: &CurrentUser,
    id: i64,
) -> Result<ProjectSummary, AppError> {
    let in_organization =
        sqlx::query("SELECT 1 FROM projects WHERE id = $1 AND organization_id = $2")
            .bind(id)
            .bind(user.organization_id)
            .fetch_optional(&db.pool)
            .await?
            .is_some();
    if !in_organization {
        return Err(AppError::NotFound);
    }
    importable_projects(db, user)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(AppError::Forbidden)
}

/// The projects `user` may import into, by name.
pub async fn importable_projects(
    db: &Db,
    user: &CurrentUser,
) -> Result<Vec<ProjectSummary>, AppError> {
    let rows = sqlx::query(
        "SELECT p.id, p.name, p.country,
                (SELECT COUNT(*) FROM units u WHERE u.project_id = p.id)
         FROM projects p
         WHERE p.organization_id = $1
           AND ($2 OR EXISTS (SELECT 1 FROM project_case_handlers h
                              WHERE h.project_id = p.id AND h.user_id = $3))
         ORDER BY p.name",
    )
    .bind(user.organization_id)
    .bind(user.is_admin())
    .bind(user.id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let code: String = row.try_get(2)?;
            Ok(ProjectSummary {
                id: row.try_get(0)?,
                name: row.try_get(1)?,
                // The column is constrained to NO/FI/SE; anything else is corruption.
                country: Country::from_code(&code).ok_or_else(|| {
                    AppError::Database(sqlx::Error::Decode(format!("bad country {code}").into()))
                })?,
                unit_count: row.try_get(3)?,
            })
        })
        .collect()
}
