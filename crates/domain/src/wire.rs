//! JSON shapes exchanged between the browser app and the server. Plain data with no
//! business logic, so both sides agree on the contract by construction.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{
    country::Country,
    update::{FieldChange, ImportMode, MatchKey},
};

/// The most rows a file may have, title and header rows included: the reader refuses
/// more (its default limits), and the server takes it as a batch's size when the
/// chunk that starts the batch leaves out [`ImportChunk::file_rows`].
pub const MAX_FILE_ROWS: u64 = 1_100_000;

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
    /// The server's id.
    pub id: i64,
    /// The portal's own id of the project, when a portal provisioned it: every
    /// `/api/projects/{id}/…` also takes it as `portal:<id>`.
    #[serde(default)]
    pub portal_id: Option<String>,
    pub name: String,
    pub country: Country,
    pub unit_count: i64,
}

/// The body of every error answer of the API: an RFC 9457 problem details object
/// (`application/problem+json`). `code` (an extension member) is the stable key a
/// program branches on and the app translates; `type` is a URI made of it. `detail`
/// is written in the language of the request's `Accept-Language` (nb, fi, sv or en)
/// where the server has the words for it, else in English. A request whose values
/// cannot be used lists each in `errors`: where it is (a JSON Pointer into the body,
/// or `#/path/…`, `#/query/…` for the URL), why (a code), and the words for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    /// `tag:customer-import,2026:problem/<code>`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The same short English words for every answer of this `type`.
    pub title: String,
    /// The HTTP status, repeated.
    pub status: u16,
    /// What went wrong in this request, in the requested language.
    pub detail: String,
    /// The path of the request that failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Stable, such as `auth.forbidden` or `request.invalid_field`.
    pub code: String,
    /// Each value of the request that cannot be used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One value of a request that cannot be used, in an [`ApiError`]'s `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// A JSON Pointer (RFC 6901) to the value in the request's body, such as
    /// `/custom_fields/0/pattern` or `/rows/3/values/custom.areal`; a value of the URL
    /// is `#/path/<name>` or `#/query/<name>`.
    pub pointer: String,
    /// Stable, such as `value.too_long` or `custom_field.pattern_invalid`.
    pub code: String,
    /// Why, in the requested language.
    pub detail: String,
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
    /// When the import updates ([`ImportChunk::update`]): the version of the customer
    /// this row was compared against ([`CurrentCustomer::version`]); absent when the
    /// review found no customer for it. The server updates the customer only if it is
    /// still at this version, else answers [`Verdict::ChangedSince`].
    #[serde(
        default,
        deserialize_with = "whole::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<i64>,
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
    /// The name of the file the rows come from (only its name, never a path or its
    /// content), shown in the project's import history. Kept from the batch's first
    /// chunk that names one; absent in clients older than the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub file_name: Option<String>,
    /// How many rows the file has to import: a batch takes no more rows than the chunk
    /// that started it says (a resent row counts again). Absent: the most a file may
    /// have ([`MAX_FILE_ROWS`]).
    #[serde(
        default,
        deserialize_with = "whole::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub file_rows: Option<u64>,
    /// How many rows the browser's checks hold back and how many the user left out, as
    /// they stand when this chunk is sent: counts only, the history shows them.
    #[serde(
        default,
        deserialize_with = "whole::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub held_back: Option<u64>,
    #[serde(
        default,
        deserialize_with = "whole::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub left_out: Option<u64>,
    /// What to do with rows whose customer exists; absent: create only (every such
    /// row refused as taken, as before issue 28).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<UpdateChoice>,
    /// In an import of several files (issue 29): each file's name and rows to import,
    /// in the order the user chose them. Kept from the batch's first chunk that names
    /// them; the history lists each file with its counts. [`ImportChunk::file_name`]
    /// and [`ImportChunk::file_rows`] then name the first file and count all rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub files: Vec<ImportFile>,
    /// With [`ImportChunk::files`]: the index of the file this chunk's rows come from
    /// (a chunk holds rows of one file; its row numbers are that file's).
    #[serde(
        default,
        deserialize_with = "whole::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub file: Option<u32>,
    pub rows: Vec<ImportRow>,
}

/// One file of an import of several ([`ImportChunk::files`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportFile {
    /// Only its name, never a path or its content.
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub name: String,
    /// How many rows it has to import.
    #[serde(deserialize_with = "whole::number")]
    pub rows: u64,
}

/// The most files one import takes.
pub const MAX_IMPORT_FILES: usize = 100;

impl ImportChunk {
    /// The chunk's mode: create only unless it says otherwise.
    pub fn mode(&self) -> ImportMode {
        self.update
            .as_ref()
            .map_or(ImportMode::CreateOnly, |u| u.mode)
    }
}

/// An import's choice for customers that exist, as the mapping step made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateChoice {
    pub mode: ImportMode,
    /// The value a row's customer is found by ([`crate::mapping::Mapping::match_key`]).
    pub match_key: MatchKey,
    /// Field keys whose empty cells empty the stored value ([`crate::update::merged`]).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub blank: BTreeSet<String>,
}

/// A customer as stored, as field key → value in the form an import row has them
/// (unit code, company type key, group name, account manager's e-mail, a project's own
/// fields by `custom.<name>`), and its version: it grows by one with every change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentCustomer {
    pub id: i64,
    pub version: i64,
    pub values: BTreeMap<String, String>,
}

/// The most keys one lookup may ask for.
pub const MAX_LOOKUP_KEYS: usize = 5_000;

/// `POST /api/projects/{id}/customers/lookup`: the customers that rows of a file
/// match, asked for with the rows' unique values only (never a whole row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerLookup {
    pub match_key: MatchKey,
    /// 1 to [`MAX_LOOKUP_KEYS`] rows' unique values, as checked (stored form).
    pub keys: Vec<LookupKey>,
}

/// One row's unique values: its match key's, and the other's, which tells a row that
/// would match two customers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LookupKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// What one key found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum KeyMatch {
    /// No customer has the key: the row would create one.
    New,
    /// The customer the row would update, as it is now.
    Existing { customer: CurrentCustomer },
    /// The key names one customer and the row's other unique value another
    /// (`value.matches_two_customers`).
    Two { customer_ids: [i64; 2] },
}

/// The answer to a [`CustomerLookup`]: one match per key, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerLookupResult {
    pub matches: Vec<KeyMatch>,
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
    /// The customer the row matched took its values: every field it changed.
    Updated {
        row: u64,
        customer_id: i64,
        changes: Vec<FieldChange>,
    },
    /// The customer the row matched already had its values.
    Unchanged {
        row: u64,
        customer_id: i64,
    },
    /// The customer changed (or appeared, or went) since the row was compared with it:
    /// nothing was written; here it is as it is now (`None`: gone) for a second look.
    ChangedSince {
        row: u64,
        current: Option<CurrentCustomer>,
    },
}

impl Verdict {
    /// The row's number in the file.
    pub fn row(&self) -> u64 {
        match self {
            Verdict::Created { row, .. }
            | Verdict::Rejected { row, .. }
            | Verdict::Updated { row, .. }
            | Verdict::Unchanged { row, .. }
            | Verdict::ChangedSince { row, .. } => *row,
        }
    }
}

/// The answer to an [`ImportChunk`]: a verdict for every row, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub batch_id: i64,
    pub verdicts: Vec<Verdict>,
}

/// One import of a project, as its history lists it (`GET /api/projects/{id}/imports`).
/// Times are unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    /// The batch's id, as in [`ImportResult::batch_id`].
    pub id: i64,
    pub user_name: String,
    pub user_email: String,
    pub created_at: i64,
    /// The file's name, when the client sent it.
    pub file_name: Option<String>,
    /// Rows that created a customer.
    pub created: i64,
    /// Rows that were refused (changed since they were checked included).
    pub rejected: i64,
    /// Rows that updated a customer, and rows whose customer had their values already.
    #[serde(default)]
    pub updated: i64,
    #[serde(default)]
    pub unchanged: i64,
    /// Customers of this import still in the project.
    pub present: i64,
    /// Customers removed by undoing this import.
    pub removed: i64,
    /// Customers of this import removed by other means than the undo (deleted in the
    /// portal); the detail names them.
    pub missing: i64,
    /// What the browser told: the file's rows, those its checks held back (never
    /// sent), and those the user left out. `None` from clients that do not tell.
    pub file_rows: Option<i64>,
    pub held_back: Option<i64>,
    pub left_out: Option<i64>,
    /// When the import was undone, and by whom (name); `None` while it stands.
    pub undone_at: Option<i64>,
    pub undone_by: Option<String>,
    /// Until when it may be undone (the server's `--undo-days` after `created_at`).
    pub undo_until: i64,
    /// Whether the caller may undo it now: an organization admin or the user who made
    /// it, not undone yet, and not past `undo_until`.
    pub can_undo: bool,
    /// In an import of several files ([`ImportChunk::files`]): each file in the order the
    /// user chose them, with what its rows did. Empty for an import of one file.
    #[serde(default)]
    pub files: Vec<ImportFileCounts>,
}

/// One file of an import of several, as its history lists it: what the rows sent from
/// it did when they were imported. Like the import's own `created` and `rejected`, these
/// stay as they were when the import is undone (its `removed` says what the undo did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportFileCounts {
    /// The file's name as stored (only its name); `None` when nothing of it was usable.
    pub name: Option<String>,
    /// How many rows the browser said it had to import.
    pub rows: i64,
    pub created: i64,
    /// Refused (changed since they were checked included).
    pub rejected: i64,
    pub updated: i64,
    pub unchanged: i64,
}

/// `GET /api/projects/{id}/imports`: a page of the project's imports, newest first,
/// and the cursor of the next (older) page: `?before=` it. `None`: this was the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPage {
    pub items: Vec<ImportSummary>,
    pub next_before: Option<i64>,
    /// Whether the organization's portal hears of its customers by webhook: it was
    /// told of an import's customers as they were created, and an undo tells it of
    /// their removal.
    #[serde(default)]
    pub portal_told: bool,
}

/// Why a customer an import created is no longer in the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// Removed by undoing its import.
    Undone,
    /// Not in the project any more, removed by other means than this service's undo.
    Missing,
}

/// What became of one row of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowOutcome {
    /// The row's number in the file.
    pub row: u64,
    /// The customer it created; `None` when it was refused.
    pub customer_id: Option<i64>,
    /// Why it was refused; empty when it created a customer.
    pub errors: Vec<crate::validate::FieldError>,
    /// Set when the customer it created has been removed since.
    pub removed: Option<RemovalReason>,
    /// What the row did: `created`, `rejected`, `updated`, `unchanged` or
    /// `changed_since` (as its verdict's `status`).
    #[serde(default)]
    pub status: RowStatus,
    /// For an updated row: every field it changed, old → new (the old values are what
    /// an undo puts back).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
}

/// What one row of an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    #[default]
    Created,
    Rejected,
    Updated,
    Unchanged,
    ChangedSince,
}

/// `GET /api/projects/{id}/imports/{batch}`: one import and a page of its rows'
/// outcomes: the rows of its chunks as they were counted in, by row number within the
/// page. `next_from`: the `?from=` of the next page; `None` on the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportDetail {
    pub import: ImportSummary,
    pub rows: Vec<RowOutcome>,
    #[serde(default)]
    pub next_from: Option<u64>,
}

/// A customer of the import that an undo did not remove, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotRemoved {
    pub row: u64,
    pub customer_id: i64,
    pub reason: RemovalReason,
}

/// A customer the import updated that its undo left as it is: changed again since the
/// import (`current_version` is past the import's), or gone (`None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotRestored {
    pub row: u64,
    pub customer_id: i64,
    pub current_version: Option<i64>,
}

/// `POST /api/projects/{id}/imports/{batch}/undo`: what the undo removed, in one
/// transaction, and the import's customers that were already gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UndoResult {
    pub batch_id: i64,
    /// How many customers were removed, and their ids.
    pub removed: i64,
    pub removed_ids: Vec<i64>,
    pub already_removed: Vec<NotRemoved>,
    /// How many customers the import updated got their previous values back, and
    /// their ids.
    #[serde(default)]
    pub restored: i64,
    #[serde(default)]
    pub restored_ids: Vec<i64>,
    /// Customers the import updated that changed again since (or were removed): left
    /// as they are, not overwritten.
    #[serde(default)]
    pub not_restored: Vec<NotRestored>,
    pub undone_at: i64,
    /// The name of who undid it (the caller).
    pub undone_by: String,
}

/// `PUT /api/mappings/{signature}`: the mapping chosen for a layout of headings,
/// shared with the organization. `signature` is [`crate::mapping::signature`] of the
/// file's headings, worked out in the browser: the headings themselves stay there, as
/// every column the user did not map does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SharedMappingSave {
    /// How many columns the file has.
    #[serde(deserialize_with = "whole::number")]
    pub columns: u32,
    pub mapping: crate::mapping::Mapping,
}

/// `GET /api/mappings/{signature}`: the mapping a colleague (or the caller) last
/// saved for this layout of headings in the organization, and who and when, so the
/// app can say where its suggestion comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedMapping {
    pub signature: String,
    /// How many columns the file has.
    pub columns: u32,
    pub mapping: crate::mapping::Mapping,
    /// The name of who saved it.
    pub saved_by: String,
    /// Whether that was the caller.
    pub saved_by_me: bool,
    /// Unix seconds.
    pub saved_at: i64,
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
