//! `GET /api/projects/{id}/{file}`: a project's customers (`customers.csv`,
//! `customers.xlsx`) or a blank template (`template.csv`, `template.xlsx`), with
//! headings in `?lang=` (nb, fi, en, sv), by default the language of the project's country.

use axum::{
    extract::{Path, Query, State, rejection::PathRejection},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use customer_import_domain::{
    country::Country, schema::CustomField, texts::Language, update::MatchKey, wire::ApiError,
};
use serde::Deserialize;

use crate::{
    error::AppError,
    http::state::AppState,
    identity::access::ProjectAccess,
    imports::export::{self, customers_csv, customers_xlsx, template_csv, template_xlsx},
    imports::fields,
    imports::refs,
};

/// The files a project offers.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
pub enum ProjectFile {
    #[serde(rename = "customers.csv")]
    CustomersCsv,
    #[serde(rename = "customers.xlsx")]
    CustomersXlsx,
    #[serde(rename = "template.csv")]
    TemplateCsv,
    #[serde(rename = "template.xlsx")]
    TemplateXlsx,
}

impl ProjectFile {
    fn name(self) -> &'static str {
        match self {
            ProjectFile::CustomersCsv => "customers.csv",
            ProjectFile::CustomersXlsx => "customers.xlsx",
            ProjectFile::TemplateCsv => "template.csv",
            ProjectFile::TemplateXlsx => "template.xlsx",
        }
    }
}

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
                Country::Sweden => Language::Sv,
            })
    }
}

const CSV: &str = "text/csv; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The match key of the export's layout: customer number, which it always has.
const MATCH_KEY: MatchKey = MatchKey::ExternalId;

#[utoipa::path(
    get,
    path = "/api/projects/{id}/{file}",
    params(
        ("id" = String, Path, description = "The project: the server's id (`12`), or `portal:` and the id the portal provisioned it with (`portal:p-elv`)"),
        ("file" = ProjectFile, Path, description = "customers.* are the project's customers in the import layout; template.* are blank, and template.xlsx explains every column"),
        ("lang" = Option<String>, Query, description = "nb, fi, en or sv; by default the language of the project's country"),
    ),
    responses(
        (status = 200, description = "The file, as an attachment: CSV for *.csv, XLSX for *.xlsx. `Customer-Import-Match-Key` names the column an import that updates finds customers by (`external_id`, the customer number; the XLSX says so in that column's note and explanation)", headers(("Customer-Import-Match-Key" = String, description = "The field key of the match key column: external_id")), content(
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller may import into", body = ApiError),
        (status = 404, description = "No such project in the caller's organization, or no such file", body = ApiError),
    ),
)]
pub async fn project_file(
    State(state): State<AppState>,
    access: ProjectAccess,
    path: Result<Path<(String, ProjectFile)>, PathRejection>,
    Query(options): Query<Options>,
) -> Result<Response, AppError> {
    let Ok(Path((_, file))) = path else {
        return Err(AppError::NotFound);
    };
    let language = options.language(access.project.country);
    let custom = {
        let mut conn = state.db.pool.acquire().await?;
        fields::custom_of_project(&mut conn, access.project.id).await?
    };
    let layout = export::layout(&custom);
    let (content_type, body) = match file {
        ProjectFile::CustomersCsv => {
            let rows = customer_rows(&state, &access, &custom, language).await?;
            let headings = export::headings(&layout, language);
            (CSV, customers_csv(&headings, &rows).into_bytes())
        }
        ProjectFile::CustomersXlsx => {
            let rows = customer_rows(&state, &access, &custom, language).await?;
            (XLSX, customers_xlsx(&layout, language, &rows)?)
        }
        ProjectFile::TemplateCsv => {
            let headings = export::headings(&layout, language);
            (CSV, template_csv(&headings).into_bytes())
        }
        ProjectFile::TemplateXlsx => {
            let mut conn = state.db.pool.acquire().await?;
            let (_, lists) =
                refs::load(&mut conn, access.user.organization_id, access.project.id).await?;
            (XLSX, template_xlsx(&layout, language, &lists)?)
        }
    };
    Ok(attachment(&access, file.name(), content_type, body))
}

async fn customer_rows(
    state: &AppState,
    access: &ProjectAccess,
    custom: &[CustomField],
    language: Language,
) -> Result<Vec<Vec<String>>, AppError> {
    Ok(export::customer_rows(
        &state.db,
        access.user.organization_id,
        access.project.id,
        custom,
        language,
    )
    .await?)
}

/// An attachment named after the project, e.g. `fjordparken-customers.csv`.
fn attachment(
    access: &ProjectAccess,
    name: &str,
    content_type: &'static str,
    body: Vec<u8>,
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
    // The layout always has the customer number, so it is the match key.
    headers.insert(
        header::HeaderName::from_static("customer-import-match-key"),
        HeaderValue::from_static(MATCH_KEY.field()),
    );
    response
}
