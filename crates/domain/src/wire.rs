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
    #[serde(deserialize_with = "whole::number")]
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
    #[serde(default, deserialize_with = "whole::optional")]
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

/// Whole numbers as JSON has them: `7` and `7.0` are the same number to JSON (and to
/// JSON Schema's `integer`), so a client that writes the second is not refused.
mod whole {
    use serde::{Deserialize, Deserializer, de::Error};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Number {
        Int(i64),
        Unsigned(u64),
        Float(f64),
    }

    fn whole<T: TryFrom<i64> + TryFrom<u64>, E: Error>(n: Number) -> Result<T, E> {
        let out_of_range = || E::custom("a whole number out of range");
        match n {
            Number::Int(i) => T::try_from(i).map_err(|_| out_of_range()),
            Number::Unsigned(u) => T::try_from(u).map_err(|_| out_of_range()),
            // Exactly representable up to 2^53; beyond, a float is no row number.
            Number::Float(f) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => {
                T::try_from(f as i64).map_err(|_| out_of_range())
            }
            Number::Float(_) => Err(E::custom("not a whole number")),
        }
    }

    pub fn number<'de, D: Deserializer<'de>, T: TryFrom<i64> + TryFrom<u64>>(
        d: D,
    ) -> Result<T, D::Error> {
        whole(Number::deserialize(d)?)
    }

    pub fn optional<'de, D: Deserializer<'de>, T: TryFrom<i64> + TryFrom<u64>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<Number>::deserialize(d)?.map(whole).transpose()
    }

    #[cfg(test)]
    mod tests {
        use crate::wire::ImportRow;

        #[test]
        fn whole_numbers_are_read_in_either_notation() {
            let row = |json: &str| serde_json::from_str::<ImportRow>(json).map(|r| r.row);
            assert_eq!(row(r#"{"row": 7, "values": {}}"#).unwrap(), 7);
            assert_eq!(row(r#"{"row": 7.0, "values": {}}"#).unwrap(), 7);
            for bad in ["7.5", "-1", "1e300", "\"7\""] {
                assert!(
                    row(&format!(r#"{{"row": {bad}, "values": {{}}}}"#)).is_err(),
                    "{bad}"
                );
            }
        }
    }
}
