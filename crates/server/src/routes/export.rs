//! Downloads of a project: its customers and the blank templates, as CSV or XLSX, with
//! headings in `?lang=` (nb, fi, en), by default the language of the project's country.

use axum::{
    extract::{Query, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use customer_import_domain::{country::Country, texts::Language, wire::ApiError};
use serde::Deserialize;

use crate::{
    AppState,
    access::ProjectAccess,
    error::AppError,
    export::{self, customers_csv, customers_xlsx, template_csv, template_xlsx},
    refs,
};

#[derive(Debug, Deserialize)]
pub struct Options {
    lang: Option<String>,
}

impl Options {
    fn language(&self, country: Country) -> Language {
        self.lang
            .as_deref()
            .and_then(Language::from_tag)
            .unwrap_or(match country {
                Country::Norway => Language::Nb,
                Country::Finland => Language::Fi,
                Country::Sweden => Language::En,
            })
    }
}

const CSV: &str = "text/csv; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `GET /api/projects/{id}/customers.csv`
#[utoipa::path(
    get,
    path = "/api/projects/{id}/customers.csv",
    params(
        ("id" = i64, Path, description = "The project"),
        ("lang" = Option<String>, Query, description = "nb, fi or en; by default the language of the project's country"),
    ),
    responses(
        (status = 200, description = "The project's customers in the import layout", content_type = "text/csv"),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller may import into", body = ApiError),
        (status = 404, description = "No such project in the caller's organization", body = ApiError),
    ),
)]
pub async fn customers_as_csv(
    State(state): State<AppState>,
    access: ProjectAccess,
    Query(options): Query<Options>,
) -> Result<Response, AppError> {
    let language = options.language(access.project.country);
    let rows = customer_rows(&state, &access, language).await?;
    let headings = export::headings(&export::layout(), language);
    Ok(file(
        &access,
        "customers.csv",
        CSV,
        customers_csv(&headings, &rows),
    ))
}

/// `GET /api/projects/{id}/customers.xlsx`
#[utoipa::path(
    get,
    path = "/api/projects/{id}/customers.xlsx",
    params(
        ("id" = i64, Path, description = "The project"),
        ("lang" = Option<String>, Query, description = "nb, fi or en; by default the language of the project's country"),
    ),
    responses(
        (status = 200, description = "The project's customers in the import layout", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller may import into", body = ApiError),
        (status = 404, description = "No such project in the caller's organization", body = ApiError),
    ),
)]
pub async fn customers_as_xlsx(
    State(state): State<AppState>,
    access: ProjectAccess,
    Query(options): Query<Options>,
) -> Result<Response, AppError> {
    let language = options.language(access.project.country);
    let rows = customer_rows(&state, &access, language).await?;
    let bytes = customers_xlsx(&export::layout(), language, &rows)?;
    Ok(file(&access, "customers.xlsx", XLSX, bytes))
}

/// `GET /api/projects/{id}/template.csv`
#[utoipa::path(
    get,
    path = "/api/projects/{id}/template.csv",
    params(
        ("id" = i64, Path, description = "The project"),
        ("lang" = Option<String>, Query, description = "nb, fi or en; by default the language of the project's country"),
    ),
    responses(
        (status = 200, description = "A blank template", content_type = "text/csv"),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller may import into", body = ApiError),
        (status = 404, description = "No such project in the caller's organization", body = ApiError),
    ),
)]
pub async fn template_as_csv(
    access: ProjectAccess,
    Query(options): Query<Options>,
) -> Result<Response, AppError> {
    let language = options.language(access.project.country);
    let headings = export::headings(&export::layout(), language);
    Ok(file(&access, "template.csv", CSV, template_csv(&headings)))
}

/// `GET /api/projects/{id}/template.xlsx`
#[utoipa::path(
    get,
    path = "/api/projects/{id}/template.xlsx",
    params(
        ("id" = i64, Path, description = "The project"),
        ("lang" = Option<String>, Query, description = "nb, fi or en; by default the language of the project's country"),
    ),
    responses(
        (status = 200, description = "A blank template with an explanation sheet", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller may import into", body = ApiError),
        (status = 404, description = "No such project in the caller's organization", body = ApiError),
    ),
)]
pub async fn template_as_xlsx(
    State(state): State<AppState>,
    access: ProjectAccess,
    Query(options): Query<Options>,
) -> Result<Response, AppError> {
    let language = options.language(access.project.country);
    let mut conn = state.db.pool.acquire().await?;
    let (_, lists) = refs::load(&mut conn, access.user.organization_id, access.project.id).await?;
    let bytes = template_xlsx(&export::layout(), language, &lists)?;
    Ok(file(&access, "template.xlsx", XLSX, bytes))
}

async fn customer_rows(
    state: &AppState,
    access: &ProjectAccess,
    language: Language,
) -> Result<Vec<Vec<String>>, AppError> {
    Ok(export::customer_rows(
        &state.db,
        access.user.organization_id,
        access.project.id,
        language,
    )
    .await?)
}

/// An attachment named after the project, e.g. `fjordparken-customers.csv`.
fn file(
    access: &ProjectAccess,
    name: &str,
    content_type: &'static str,
    body: impl IntoResponse,
) -> Response {
    let slug: String = access
        .project
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{}-{name}\"", slug.trim_matches('-'));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
