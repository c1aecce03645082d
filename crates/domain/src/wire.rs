//! JSON shapes exchanged between the browser app and the server. Plain data with no
//! business logic, so both sides agree on the contract by construction.

use serde::{Deserialize, Serialize};

use crate::country::Country;

/// The role of a user inside their organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// May import into every project of the organization.
    Admin,
    /// May import only into the projects they are case handler of.
    Member,
}

/// `GET /api/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organization: String,
}

/// One entry of `GET /api/projects`: a project the caller may import into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectSummary {
    pub id: i64,
    pub name: String,
    pub country: Country,
    pub unit_count: i64,
}

/// The body of every error answer of the API. `code` is a stable message key the app
/// translates; `message` is English for logs and API users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// `GET /api/projects/{id}/schema`: what an import into this project maps to and is
/// checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSchema {
    pub project: ProjectSummary,
    pub fields: Vec<crate::schema::Field>,
    /// Unit codes of the project, as written in the project.
    pub units: Vec<String>,
    pub company_types: Vec<crate::validate::row::CompanyType>,
    pub groups: Vec<String>,
    pub account_managers: Vec<crate::validate::row::AccountManager>,
}
