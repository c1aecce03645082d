//! JSON shapes exchanged between the browser app and the server. Plain data with no
//! business logic, so both sides agree on the contract by construction.

use serde::{Deserialize, Serialize};

use crate::country::Country;

/// The role of a user inside their organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// May import into every project of the organization.
    Admin,
    /// May import only into the projects they are case handler of.
    Member,
}

/// `GET /api/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organization: String,
}

/// One entry of `GET /api/projects`: a project the caller may import into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectSummary {
    pub id: i64,
    pub name: String,
    pub country: Country,
    pub unit_count: i64,
}

/// The body of every error answer of the API. `code` is a stable message key the app
/// translates; `message` is English for logs and API users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// `GET /api/projects/{id}/schema`: what an import into this project maps to and is
/// checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportSchema {
    pub project: ProjectSummary,
    pub fields: Vec<crate::schema::Field>,
    /// Unit codes of the project, as written in the project.
    pub units: Vec<String>,
    pub company_types: Vec<crate::validate::row::CompanyType>,
    pub groups: Vec<String>,
    pub account_managers: Vec<crate::validate::row::AccountManager>,
}

/// One row sent for import: its number in the file and the mapped values. Nothing
/// else of the file is ever sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportRow {
    pub row: u64,
    /// Field key → value, as the user reviewed it.
    pub values: std::collections::BTreeMap<String, String>,
}

/// `POST /api/projects/{id}/import`, sent with an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportChunk {
    /// The batch of earlier chunks of the same import; `None` starts a new batch.
    #[serde(default)]
    pub batch_id: Option<i64>,
    /// Create customer groups that do not exist yet instead of rejecting the row.
    #[serde(default)]
    pub create_missing_groups: bool,
    pub rows: Vec<ImportRow>,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verdict {
    Created {
        row: u64,
        customer_id: i64,
    },
    Rejected {
        row: u64,
        errors: Vec<crate::validate::FieldError>,
    },
}

/// The answer to an [`ImportChunk`]: a verdict for every row, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub batch_id: i64,
    pub verdicts: Vec<Verdict>,
}
