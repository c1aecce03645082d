//! Who may import into which project: the one place that decides it. An organization
//! admin may use every project of the organization; a member only the projects they
//! are case handler of; nobody sees another organization.
//!
//! Every route under `/api/projects/{id}/` sits behind [`require_project`], a layer on
//! that whole sub-router: a new endpoint there is denied unless the caller may use the
//! project, whether or not its handler remembers to ask. Handlers get the checked
//! project from the [`ProjectAccess`] extractor, which is only ever filled by the layer.

use std::sync::Arc;

use axum::{
    extract::{FromRef, FromRequestParts, Path, Request, State, rejection::PathRejection},
    http::request::Parts,
    middleware::Next,
    response::Response,
};
use customer_import_domain::{country::Country, wire::ProjectSummary};
use sqlx::AnyConnection;

use crate::{
    db::Db,
    error::AppError,
    identity::{portal_token::PortalTrust, user::CurrentUser},
};

/// The caller and a project they may import into.
#[derive(Debug, Clone)]
pub struct ProjectAccess {
    pub user: CurrentUser,
    pub project: ProjectSummary,
}

/// The layer of the project sub-router: authenticates, checks the project of the
/// path, and hands the result to the handler.
pub async fn require_project<S>(
    State(state): State<S>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    request: Request,
    next: Next,
) -> Result<Response, AppError>
where
    S: Send + Sync,
    Db: FromRef<S>,
    Option<Arc<PortalTrust>>: FromRef<S>,
{
    // The sub-router's routes may capture more than the project's `{id}`.
    let id = path.ok().and_then(|Path(params)| {
        params
            .into_iter()
            .find(|(name, _)| name == "id")
            .and_then(|(_, id)| id.parse::<i64>().ok())
    });
    let Some(id) = id else {
        return Err(AppError::NotFound);
    };
    let (mut parts, body) = request.into_parts();
    let user = CurrentUser::from_request_parts(&mut parts, &state).await?;
    let project = importable_project(&Db::from_ref(&state), &user, id).await?;
    parts.extensions.insert(ProjectAccess { user, project });
    Ok(next.run(Request::from_parts(parts, body)).await)
}

impl<S: Send + Sync> FromRequestParts<S> for ProjectAccess {
    type Rejection = AppError;

    /// Denies when the layer did not run, so a handler mounted elsewhere by mistake
    /// fails closed.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<ProjectAccess>()
            .cloned()
            .ok_or(AppError::Forbidden)
    }
}

/// The project `id` if `user` may import into it: another organization's project (or
/// none) is "not found", one of their own organization they do not handle is
/// "forbidden".
pub async fn importable_project(
    db: &Db,
    user: &CurrentUser,
    id: i64,
) -> Result<ProjectSummary, AppError> {
    let in_organization = sqlx::query(
        "SELECT 1 FROM projects WHERE id = $1 AND organization_id = $2 AND archived_at IS NULL",
    )
    .bind(id)
    .bind(user.organization_id)
    .fetch_optional(&db.pool)
    .await?
    .is_some();
    if !in_organization {
        return Err(AppError::NotFound);
    }
    importable(db, user, Some(id))
        .await?
        .pop()
        .ok_or(AppError::Forbidden)
}

/// The projects `user` may import into, by name.
pub async fn importable_projects(
    db: &Db,
    user: &CurrentUser,
) -> Result<Vec<ProjectSummary>, AppError> {
    importable(db, user, None).await
}

/// The rule itself, for every project of the organization or for `only` one (the
/// check before each project request need not list the others).
async fn importable(
    db: &Db,
    user: &CurrentUser,
    only: Option<i64>,
) -> Result<Vec<ProjectSummary>, AppError> {
    let sql = format!(
        "SELECT p.id, p.name, p.country,
                (SELECT COUNT(*) FROM units u WHERE u.project_id = p.id AND u.archived_at IS NULL)
                    AS unit_count
         FROM projects p
         WHERE p.organization_id = $1 AND p.archived_at IS NULL
           AND ($2 OR EXISTS (SELECT 1 FROM project_case_handlers h
                              WHERE h.project_id = p.id AND h.user_id = $3)){}
         ORDER BY p.name",
        if only.is_some() { " AND p.id = $4" } else { "" }
    );
    let mut query = sqlx::query_as::<_, ProjectRow>(&sql)
        .bind(user.organization_id)
        .bind(user.is_admin())
        .bind(user.id);
    if let Some(id) = only {
        query = query.bind(id);
    }
    let rows = query.fetch_all(&db.pool).await?;
    rows.into_iter()
        .map(|row| {
            let code = row.country;
            Ok(ProjectSummary {
                id: row.id,
                name: row.name,
                // The column is constrained to NO/FI/SE; anything else is corruption.
                country: Country::from_code(&code).ok_or_else(|| {
                    AppError::Database(sqlx::Error::Decode(format!("bad country {code}").into()))
                })?,
                unit_count: row.unit_count,
            })
        })
        .collect()
}

/// A project as [`importable`] reads it.
#[derive(sqlx::FromRow)]
struct ProjectRow {
    id: i64,
    name: String,
    country: String,
    unit_count: i64,
}

/// The project a portal calls `id`, in `organization`.
pub async fn project_by_portal_id(
    conn: &mut AnyConnection,
    organization: i64,
    id: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM projects WHERE organization_id = $1 AND external_id = $2")
        .bind(organization)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Makes `user` case handler of exactly the projects with these portal ids; `None`
/// when one of them is not a project of the organization (nothing is changed then),
/// else whether anything changed.
pub async fn set_case_handler_projects(
    conn: &mut AnyConnection,
    organization: i64,
    user: i64,
    projects: &[String],
) -> Result<Option<bool>, sqlx::Error> {
    let mut wanted = std::collections::BTreeSet::new();
    for id in projects {
        match project_by_portal_id(conn, organization, id).await? {
            Some(project) => wanted.insert(project),
            None => return Ok(None),
        };
    }
    let current: std::collections::BTreeSet<i64> =
        sqlx::query_scalar("SELECT project_id FROM project_case_handlers WHERE user_id = $1")
            .bind(user)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    for gone in current.difference(&wanted) {
        sqlx::query("DELETE FROM project_case_handlers WHERE user_id = $1 AND project_id = $2")
            .bind(user)
            .bind(gone)
            .execute(&mut *conn)
            .await?;
    }
    for new in wanted.difference(&current) {
        sqlx::query(
            "INSERT INTO project_case_handlers (project_id, user_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
        )
        .bind(new)
        .bind(user)
        .execute(&mut *conn)
        .await?;
    }
    Ok(Some(current != wanted))
}
