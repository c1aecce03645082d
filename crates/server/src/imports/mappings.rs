//! Mappings shared in an organization (issue 20): the mapping last saved for a layout
//! of headings, offered to every colleague whose file has the same headings.
//!
//! A layout is named by `customer_import_domain::mapping::signature(headings)`, the
//! same name under which the app keeps its own copy in the browser
//! (`src/steps/mapping/browser_copy.rs`, which stays as the offline fallback), and the
//! body is the app's `Mapping` as is.
//! One mapping per organization and signature: the last save wins. Saved and read by
//! every user of the organization (members too: they import as well); never seen by
//! another organization. The headings never leave the browser (a column the user did
//! not map is no one else's business): the app sends their signature and how many
//! columns there are. A save is checked: each field is one of the built-in fields or a
//! custom field of one of the organization's projects (the mapping is the
//! organization's, not a project's), a column is within the file's and serves one
//! field, and a value for the whole file goes only to a field that takes one. The app still fits the mapping to the project at hand (the
//! worker drops what does not fit), as it does with its own remembered one.

use std::collections::{HashMap, HashSet};

use customer_import_domain::{
    mapping::{Mapping, Source},
    schema::{CustomField, default_fields},
    wire::{SharedMapping, SharedMappingSave},
};
use sqlx::AnyConnection;

use crate::{
    basics::unix_now,
    db::{Db, json_text},
    error::AppError,
    identity::outside_text,
    identity::user::CurrentUser,
};

/// Columns a saved layout may have.
pub const MAX_COLUMNS: usize = 1_000;
/// Characters of a value for the whole file.
pub const MAX_TEXT: usize = 500;

/// Whether `text` can be a signature: 16 lower-case hexadecimal digits.
pub fn is_signature(text: &str) -> bool {
    text.len() == 16
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The mapping the organization has for `signature`.
pub async fn get(db: &Db, user: &CurrentUser, sig: &str) -> Result<SharedMapping, AppError> {
    let row: StoredMapping = sqlx::query_as(
        "SELECT m.columns, m.mapping, u.name AS saved_by, m.user_id, m.saved_at
         FROM shared_mappings m JOIN users u ON u.id = m.user_id
         WHERE m.organization_id = $1 AND m.signature = $2",
    )
    .bind(user.organization_id)
    .bind(sig)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let corrupt = |e: serde_json::Error| AppError::Corrupt(format!("shared mapping {sig}: {e}"));
    Ok(SharedMapping {
        signature: sig.to_owned(),
        columns: u32::try_from(row.columns).unwrap_or_default(),
        mapping: serde_json::from_str(&row.mapping).map_err(corrupt)?,
        saved_by: row.saved_by,
        saved_by_me: row.user_id == user.id,
        saved_at: row.saved_at,
    })
}

/// A shared mapping as stored, with the name of who saved it.
#[derive(sqlx::FromRow)]
struct StoredMapping {
    columns: i64,
    mapping: String,
    saved_by: String,
    user_id: i64,
    saved_at: i64,
}

struct Save<'a> {
    user: &'a CurrentUser,
    signature: &'a str,
    columns: i64,
    mapping: String,
    now: i64,
}

/// Stores `save` as the organization's mapping for `sig`, replacing any.
pub async fn put(
    db: &Db,
    user: &CurrentUser,
    sig: &str,
    save: &SharedMappingSave,
) -> Result<SharedMapping, AppError> {
    check_shape(sig, save)?;
    {
        let mut conn = db.pool.acquire().await?;
        check_fields(&mut conn, user.organization_id, &save.mapping).await?;
    }
    let input = Save {
        user,
        signature: sig,
        columns: i64::from(save.columns),
        mapping: json_text(&save.mapping)?,
        now: unix_now(),
    };
    db.write(&input, |conn, input| {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO shared_mappings
                     (organization_id, signature, columns, mapping, user_id, saved_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (organization_id, signature) DO UPDATE SET
                     columns = excluded.columns, mapping = excluded.mapping,
                     user_id = excluded.user_id, saved_at = excluded.saved_at",
            )
            .bind(input.user.organization_id)
            .bind(input.signature)
            .bind(input.columns)
            .bind(&input.mapping)
            .bind(input.user.id)
            .bind(input.now)
            .execute(&mut *conn)
            .await?;
            Ok(())
        })
    })
    .await?;
    Ok(SharedMapping {
        signature: sig.to_owned(),
        columns: save.columns,
        mapping: save.mapping.clone(),
        saved_by: user.name.clone(),
        saved_by_me: true,
        saved_at: input.now,
    })
}

/// What can be checked without the database.
fn check_shape(sig: &str, save: &SharedMappingSave) -> Result<(), AppError> {
    if !is_signature(sig) {
        return Err(AppError::BadRequest("mapping.invalid_signature"));
    }
    if save.columns == 0 || save.columns as usize > MAX_COLUMNS {
        return Err(AppError::Unprocessable("mapping.columns_count"));
    }
    let mut columns = HashSet::new();
    for source in save.mapping.fields.values() {
        match source {
            Source::Column(c) => {
                if *c >= save.columns as usize {
                    return Err(AppError::Unprocessable("mapping.column_out_of_range"));
                }
                if !columns.insert(*c) {
                    return Err(AppError::Unprocessable("mapping.column_mapped_twice"));
                }
            }
            Source::Fixed(value) => {
                if value.chars().count() > MAX_TEXT {
                    return Err(AppError::Unprocessable("mapping.text_too_long"));
                }
                // Shown to every colleague who opens a file with these headings.
                if outside_text::has_hidden(value) {
                    return Err(AppError::Unprocessable("mapping.hidden_character"));
                }
            }
        }
    }
    Ok(())
}

/// Every field is the organization's, and a value for the whole file goes to a field
/// that takes one.
async fn check_fields(
    conn: &mut AnyConnection,
    organization: i64,
    mapping: &Mapping,
) -> Result<(), AppError> {
    // Field key → whether it takes a value for the whole file.
    let mut known: HashMap<String, bool> = default_fields()
        .into_iter()
        .map(|f| (f.key, f.file_wide))
        .collect();
    if mapping.fields.keys().any(|k| !known.contains_key(k)) {
        let declared: Vec<String> =
            sqlx::query_scalar("SELECT custom_fields FROM projects WHERE organization_id = $1")
                .bind(organization)
                .fetch_all(&mut *conn)
                .await?;
        for json in declared {
            let custom: Vec<CustomField> = serde_json::from_str(&json)
                .map_err(|e| AppError::Corrupt(format!("custom fields: {e}")))?;
            known.extend(custom.iter().map(|c| {
                let f = c.field();
                (f.key, f.file_wide)
            }));
        }
    }
    for (key, source) in &mapping.fields {
        match (known.get(key), source) {
            (None, _) => return Err(AppError::Unprocessable("mapping.unknown_field")),
            (Some(false), Source::Fixed(_)) => {
                return Err(AppError::Unprocessable("mapping.not_file_wide"));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use customer_import_domain::mapping::signature;

    use super::*;

    #[test]
    fn a_signature_is_sixteen_hex_digits() {
        assert!(is_signature(&signature(&["Navn", "E-post"])));
        assert!(!is_signature("0123456789ABCDEF"));
        assert!(!is_signature("0123456789abcde"));
        assert!(!is_signature("../../etc/passwd"));
    }
}
