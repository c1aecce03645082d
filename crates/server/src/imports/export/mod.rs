//! A project's customers in the import layout, and the blank templates: the same
//! columns under the same headings the wizard suggests a mapping for, so an export
//! serves as an example file and comes back in unchanged. Written as CSV (Nordic Excel
//! dialect) or XLSX; every value passes `write::cell_text` on the way out (formulas
//! neutralised, what no spreadsheet holds replaced, cut to Excel's cell limit).

mod xlsx;

use std::collections::BTreeMap;

use customer_import_domain::{
    schema::{CustomField, Field, default_fields},
    texts::Language,
    write::ExcelCsv,
};
use sqlx::Row;

use crate::{db::Db, imports::refs};

pub use xlsx::{customers_xlsx, template_xlsx};

/// The columns of the layout, each field with where its value is stored: every field
/// but the two halves of `name`, in the schema's order.
const COLUMNS: [(&str, &str); 16] = [
    ("name", "c.name"),
    ("email", "c.email"),
    ("phone", "c.phone"),
    ("birth_date", "c.birth_date"),
    ("address", "c.address"),
    ("postal_code", "c.postal_code"),
    ("city", "c.city"),
    ("country", "c.country"),
    ("unit", "u.code"),
    ("company_name", "c.company_name"),
    ("business_id", "c.business_id"),
    ("company_type", "t.key"),
    ("customer_group", "g.name"),
    ("account_manager", "m.email"),
    ("external_id", "c.external_id"),
    ("notes", "c.notes"),
];

/// The built-in columns, then the project's own fields.
pub fn layout(custom: &[CustomField]) -> Vec<Field> {
    let fields = default_fields();
    COLUMNS
        .iter()
        .filter_map(|(key, _)| fields.iter().find(|f| f.key == *key).cloned())
        .chain(custom.iter().map(CustomField::field))
        .collect()
}

pub fn headings(fields: &[Field], language: Language) -> Vec<String> {
    fields
        .iter()
        .map(|f| language.field_label(f).into_owned())
        .collect()
}

/// The project's customers, oldest first, one value per column of `layout(custom)`.
pub async fn customer_rows(
    db: &Db,
    organization: i64,
    project: i64,
    custom: &[CustomField],
    language: Language,
) -> Result<Vec<Vec<String>>, sqlx::Error> {
    // Each column under its field's key, read by that name below.
    let selected: Vec<String> = COLUMNS
        .iter()
        .map(|(key, column)| format!("{column} AS \"{key}\""))
        .chain(["c.custom_fields".to_owned()])
        .collect();
    let rows = sqlx::query(&format!(
        "SELECT {}
         FROM customers c
         LEFT JOIN units u ON u.id = c.unit_id
         LEFT JOIN company_types t ON t.id = c.company_type_id
         LEFT JOIN customer_groups g ON g.id = c.customer_group_id
         LEFT JOIN users m ON m.id = c.account_manager_id
         WHERE c.project_id = $1
         ORDER BY c.id",
        selected.join(", ")
    ))
    .bind(project)
    .fetch_all(&db.pool)
    .await?;
    let mut conn = db.pool.acquire().await?;
    let (_, lists) = refs::load(&mut conn, organization, project).await?;
    // Company types go out under their name in the file's language; the import takes
    // any of the names or the key.
    let type_name = |key: &str| -> String {
        lists
            .company_types
            .iter()
            .flatten()
            .find(|t| t.key == key)
            .map_or(key, |t| t.name(language))
            .to_owned()
    };
    rows.iter()
        .map(|row| {
            let mut values = COLUMNS
                .iter()
                .map(|(key, _)| {
                    let value: Option<String> = row.try_get(*key)?;
                    let value = value.unwrap_or_default();
                    Ok(match *key {
                        "company_type" if !value.is_empty() => type_name(&value),
                        _ => value,
                    })
                })
                .collect::<Result<Vec<String>, sqlx::Error>>()?;
            // Values of fields the project no longer declares are left out, as
            // archived things are.
            let stored: Option<String> = row.try_get("custom_fields")?;
            let mut stored: BTreeMap<String, String> = stored
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default();
            values.extend(
                custom
                    .iter()
                    .map(|c| stored.remove(&c.key()).unwrap_or_default()),
            );
            Ok(values)
        })
        .collect()
}

pub fn customers_csv(headings: &[String], rows: &[Vec<String>]) -> String {
    let mut csv = ExcelCsv::new();
    csv.record(headings.iter().map(String::as_str));
    for row in rows {
        csv.record(row.iter().map(String::as_str));
    }
    csv.finish()
}

/// The headings alone: a CSV cannot hold explanations without them being read as a
/// customer, so they live in the XLSX template and in the wizard.
pub fn template_csv(headings: &[String]) -> String {
    customers_csv(headings, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_has_every_stored_field_once() {
        let keys: Vec<String> = layout(&[]).into_iter().map(|f| f.key).collect();
        assert_eq!(keys.len(), COLUMNS.len(), "every column is a schema field");
        let expected: Vec<String> = default_fields()
            .into_iter()
            .map(|f| f.key)
            .filter(|k| k != "first_name" && k != "last_name")
            .collect();
        assert_eq!(keys, expected);
    }
}
