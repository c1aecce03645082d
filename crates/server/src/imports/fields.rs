//! The fields of an import into a project: the built-in ones, then the project's own
//! as its portal declared them.

use customer_import_domain::schema::{CustomField, Field, default_fields};
use sqlx::AnyConnection;

use crate::error::AppError;

/// The declarations stored for `project`, checked when they were provisioned.
pub async fn custom_of_project(
    conn: &mut AnyConnection,
    project: i64,
) -> Result<Vec<CustomField>, AppError> {
    let stored: String = sqlx::query_scalar("SELECT custom_fields FROM projects WHERE id = $1")
        .bind(project)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    serde_json::from_str(&stored)
        .map_err(|e| AppError::Corrupt(format!("project {project}'s custom fields: {e}")))
}

/// Every field an import into `project` maps and checks.
pub async fn of_project(conn: &mut AnyConnection, project: i64) -> Result<Vec<Field>, AppError> {
    let custom = custom_of_project(conn, project).await?;
    Ok(default_fields()
        .into_iter()
        .chain(custom.iter().map(CustomField::field))
        .collect())
}
