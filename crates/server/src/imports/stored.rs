//! Customers as stored, read for comparing with rows of a file (issue 28): by their
//! unique values (the lookup, and an import that updates) or by id, as field key →
//! value in the form an import row has them ([`StoredRow::values`]), with the raw
//! columns beside (ids of units, types, groups and users) that an update replaces and
//! an undo puts back. One query shape for all of them, so the browser's comparison
//! and the server's are made against the same values.

use std::collections::{BTreeMap, HashMap};

use customer_import_domain::{
    update::{MatchKey, Values},
    wire::CurrentCustomer,
};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

/// Keys or ids one query binds: far under both databases' limits on bound values, and
/// a plan the databases make quickly.
const PER_QUERY: usize = 500;

/// The columns every reading of a customer takes.
const SELECT: &str = "SELECT c.id, c.version, c.name, c.email, c.phone, c.birth_date, c.address,
        c.postal_code, c.city, c.country, c.company_name, c.business_id, c.external_id,
        c.notes, c.unit_id, u.code AS unit, c.company_type_id, t.key AS company_type,
        c.customer_group_id, g.name AS customer_group, c.account_manager_id,
        m.email AS account_manager, c.custom_fields
    FROM customers c
    LEFT JOIN units u ON u.id = c.unit_id
    LEFT JOIN company_types t ON t.id = c.company_type_id
    LEFT JOIN customer_groups g ON g.id = c.customer_group_id
    LEFT JOIN users m ON m.id = c.account_manager_id
    WHERE c.project_id = $1 AND ";

/// One customer as [`SELECT`] reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredRow {
    pub id: i64,
    pub version: i64,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    birth_date: Option<String>,
    address: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: Option<String>,
    company_name: Option<String>,
    business_id: Option<String>,
    external_id: Option<String>,
    notes: Option<String>,
    unit_id: Option<i64>,
    unit: Option<String>,
    company_type_id: Option<i64>,
    company_type: Option<String>,
    customer_group_id: Option<i64>,
    customer_group: Option<String>,
    account_manager_id: Option<i64>,
    account_manager: Option<String>,
    custom_fields: Option<String>,
}

/// A column's value as an update writes it and an undo puts it back: an id, a text,
/// or `None` for NULL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Column {
    Id(i64),
    Text(String),
}

/// Where a field is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A text column of the same name.
    Text(&'static str),
    /// A reference by id: the column, and the list the row names it from.
    Unit,
    CompanyType,
    Group,
    Manager,
    /// `custom_fields`, the JSON object of a project's own fields.
    Custom,
}

impl Target {
    /// Where `field` is stored; `None` for what no customer stores (first and last
    /// name are joined into the name before).
    pub fn of(field: &str) -> Option<Target> {
        const TEXT: [&str; 12] = [
            "name",
            "email",
            "phone",
            "birth_date",
            "address",
            "postal_code",
            "city",
            "country",
            "company_name",
            "business_id",
            "external_id",
            "notes",
        ];
        Some(match field {
            "unit" => Target::Unit,
            "company_type" => Target::CompanyType,
            "customer_group" => Target::Group,
            "account_manager" => Target::Manager,
            f if f.starts_with("custom.") => Target::Custom,
            f => Target::Text(TEXT.into_iter().find(|t| *t == f)?),
        })
    }

    /// The target whose column is `column` (as [`Target::column`] names it).
    pub fn of_column(column: &str) -> Option<Target> {
        Some(match column {
            "unit_id" => Target::Unit,
            "company_type_id" => Target::CompanyType,
            "customer_group_id" => Target::Group,
            "account_manager_id" => Target::Manager,
            "custom_fields" => Target::Custom,
            other => match Target::of(other)? {
                Target::Text(c) => Target::Text(c),
                _ => return None,
            },
        })
    }

    /// The column.
    pub fn column(self) -> &'static str {
        match self {
            Target::Text(c) => c,
            Target::Unit => "unit_id",
            Target::CompanyType => "company_type_id",
            Target::Group => "customer_group_id",
            Target::Manager => "account_manager_id",
            Target::Custom => "custom_fields",
        }
    }
}

impl StoredRow {
    /// The project's own fields' values.
    fn custom(&self) -> BTreeMap<String, String> {
        self.custom_fields
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default()
    }

    /// The customer as field key → value, as a row of the file would carry it.
    pub fn values(&self) -> Values {
        let fields = [
            ("name", &self.name),
            ("email", &self.email),
            ("phone", &self.phone),
            ("birth_date", &self.birth_date),
            ("address", &self.address),
            ("postal_code", &self.postal_code),
            ("city", &self.city),
            ("country", &self.country),
            ("unit", &self.unit),
            ("company_name", &self.company_name),
            ("business_id", &self.business_id),
            ("company_type", &self.company_type),
            ("customer_group", &self.customer_group),
            ("account_manager", &self.account_manager),
            ("external_id", &self.external_id),
            ("notes", &self.notes),
        ];
        fields
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_owned(), v.clone()?)))
            .chain(self.custom())
            .collect()
    }

    pub fn current(&self) -> CurrentCustomer {
        CurrentCustomer {
            id: self.id,
            version: self.version,
            values: self.values(),
        }
    }

    /// The stored value of `target`'s column.
    pub fn column(&self, target: Target) -> Option<Column> {
        let text = |v: &Option<String>| v.clone().map(Column::Text);
        let id = |v: Option<i64>| v.map(Column::Id);
        match target {
            Target::Text(c) => text(match c {
                "name" => &self.name,
                "email" => &self.email,
                "phone" => &self.phone,
                "birth_date" => &self.birth_date,
                "address" => &self.address,
                "postal_code" => &self.postal_code,
                "city" => &self.city,
                "country" => &self.country,
                "company_name" => &self.company_name,
                "business_id" => &self.business_id,
                "external_id" => &self.external_id,
                _ => &self.notes,
            }),
            Target::Unit => id(self.unit_id),
            Target::CompanyType => id(self.company_type_id),
            Target::Group => id(self.customer_group_id),
            Target::Manager => id(self.account_manager_id),
            Target::Custom => text(&self.custom_fields),
        }
    }
}

/// The project's customers whose `key` is one of `values` (in [`MatchKey::comparable`]
/// form), by that value.
pub async fn by_key(
    conn: &mut AnyConnection,
    project: i64,
    key: MatchKey,
    values: &[&str],
) -> Result<HashMap<String, StoredRow>, sqlx::Error> {
    // `email IS NOT NULL` lets both databases use the partial unique index (see
    // `import::taken_values`).
    let column = match key {
        MatchKey::Email => "c.email IS NOT NULL AND lower(c.email)",
        MatchKey::ExternalId => "c.external_id",
    };
    let mut found = HashMap::new();
    for part in values.chunks(PER_QUERY) {
        let sql = format!("{SELECT}{column} IN ({})", placeholders(part.len()));
        let mut query = sqlx::query_as::<_, StoredRow>(&sql).bind(project);
        for value in part {
            query = query.bind(*value);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let value = match key {
                MatchKey::Email => row.email.as_deref(),
                MatchKey::ExternalId => row.external_id.as_deref(),
            };
            if let Some(value) = value.map(|v| key.comparable(v)) {
                found.insert(value, row);
            }
        }
    }
    Ok(found)
}

/// The project's customer `id`, if it has it.
pub async fn by_id(
    conn: &mut AnyConnection,
    project: i64,
    id: i64,
) -> Result<Option<StoredRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT}c.id = $2"))
        .bind(project)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// `$2, $3, …` for `n` values after the project's `$1`.
fn placeholders(n: usize) -> String {
    (2..n + 2)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_a_customer_stores_has_its_column() {
        for (field, _) in customer_import_domain::schema::BUILTIN {
            let target = Target::of(field);
            assert_eq!(
                target.is_none(),
                matches!(field, "first_name" | "last_name"),
                "{field}"
            );
        }
        assert_eq!(Target::of("custom.parking"), Some(Target::Custom));
        assert_eq!(Target::of("unit").map(Target::column), Some("unit_id"));
        for field in [
            "name",
            "unit",
            "company_type",
            "customer_group",
            "account_manager",
            "custom.x",
        ] {
            let target = Target::of(field).unwrap();
            assert_eq!(Target::of_column(target.column()), Some(target), "{field}");
        }
        assert_eq!(Target::of_column("project_id"), None);
        assert_eq!(placeholders(3), "$2, $3, $4");
    }

    #[test]
    fn a_column_keeps_its_type_through_json() {
        let previous: BTreeMap<String, Option<Column>> = [
            ("unit_id".to_owned(), Some(Column::Id(7))),
            (
                "phone".to_owned(),
                Some(Column::Text("+4791234567".to_owned())),
            ),
            ("notes".to_owned(), None),
        ]
        .into();
        let json = serde_json::to_string(&previous).unwrap();
        assert_eq!(json, r#"{"notes":null,"phone":"+4791234567","unit_id":7}"#);
        let back: BTreeMap<String, Option<Column>> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, previous);
    }
}
