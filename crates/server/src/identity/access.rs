//! Who may import into which project: the one place that decides it. An organization
//! admin may use every project of the organization; a member only the projects they
//! are case handler of; nobody sees another organization.
//!
//! Every route under `/api/projects/{id}/` sits behind [`require_project`], a layer on
//! that whole sub-router: a new endpoint there is denied unless the caller may use the
//! project, whether or not its handler remembers to ask. Handlers get the checked
//! project from the [`ProjectAccess`] extractor, which is only ever filled by the layer.
//!
//! A project is named in the path by the server's id (`/api/projects/12/…`) or by the
//! id its portal provisioned it with, written `portal:` and that id
//! (`/api/projects/portal:p-elv/…`, percent-encoded where the id needs it): a number
//! is never a portal's id there, so the two cannot be confused ([`ProjectRef`]).

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

/// How a request names a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectRef {
    /// The server's id.
    Id(i64),
    /// The portal's own id, as provisioned.
    Portal(String),
}

impl ProjectRef {
    /// The prefix of a portal's id where the server's id could also stand.
    pub const PORTAL: &'static str = "portal:";

    /// `12` or `portal:p-elv`; anything else names no project.
    pub fn parse(text: &str) -> Option<ProjectRef> {
        match text.strip_prefix(Self::PORTAL) {
            Some(id) if !id.is_empty() => Some(ProjectRef::Portal(id.to_owned())),
            Some(_) => None,
            None => text.parse().ok().filter(|id| *id > 0).map(ProjectRef::Id),
        }
    }
}

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
            .and_then(|(_, id)| ProjectRef::parse(&id))
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

/// The project `id` names if `user` may import into it: another organization's
/// project (or none) is "not found", one of their own organization they do not handle
/// is "forbidden".
pub async fn importable_project(
    db: &Db,
    user: &CurrentUser,
    id: ProjectRef,
) -> Result<ProjectSummary, AppError> {
    let column = match &id {
        ProjectRef::Id(_) => "id",
        ProjectRef::Portal(_) => "external_id",
    };
    let sql = format!(
        "SELECT id FROM projects WHERE {column} = $1 AND organization_id = $2 AND archived_at IS NULL"
    );
    let query = sqlx::query_scalar::<_, i64>(&sql);
    let query = match id {
        ProjectRef::Id(id) => query.bind(id),
        ProjectRef::Portal(id) => query.bind(id),
    };
    let Some(id) = query
        .bind(user.organization_id)
        .fetch_optional(&db.pool)
        .await?
    else {
        return Err(AppError::NotFound);
    };
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
        "SELECT p.id, p.external_id, p.name, p.country,
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
                portal_id: row.external_id,
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
    external_id: Option<String>,
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

/// Makes `user` case handler of exactly the projects with these portal ids: whether
/// anything changed, or the places in `projects` of those that are no project of the
/// organization (nothing is changed then).
pub async fn set_case_handler_projects(
    conn: &mut AnyConnection,
    organization: i64,
    user: i64,
    projects: &[String],
) -> Result<Result<bool, Vec<usize>>, sqlx::Error> {
    let mut wanted = std::collections::BTreeSet::new();
    let mut unknown = Vec::new();
    for (i, id) in projects.iter().enumerate() {
        match project_by_portal_id(conn, organization, id).await? {
            Some(project) => {
                wanted.insert(project);
            }
            None => unknown.push(i),
        };
    }
    if !unknown.is_empty() {
        return Ok(Err(unknown));
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
    Ok(Ok(current != wanted))
}

#[cfg(test)]
mod tests {
    use super::ProjectRef;

    #[test]
    fn a_project_is_our_number_or_the_portals_id_after_portal() {
        assert_eq!(ProjectRef::parse("12"), Some(ProjectRef::Id(12)));
        assert_eq!(
            ProjectRef::parse("portal:p-elv"),
            Some(ProjectRef::Portal("p-elv".into()))
        );
        // A portal's id that is a number is still the portal's.
        assert_eq!(
            ProjectRef::parse("portal:12"),
            Some(ProjectRef::Portal("12".into()))
        );
        for nothing in ["", "0", "-1", "p-elv", "portal:", "Portal:x"] {
            assert_eq!(ProjectRef::parse(nothing), None, "{nothing:?}");
        }
    }
}
