//! The target fields of an import: what each field holds, whether it is required,
//! and the message keys of its label and one-line explanation. The server owns the
//! schema and sends it; a deployment may add custom text fields.

use serde::{Deserialize, Serialize};

/// How a field's value is normalised and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One line of text, white space folded.
    Text,
    /// Free text, kept as written (trimmed).
    LongText,
    Email,
    Phone,
    BirthDate,
    PostalCode,
    Country,
    BusinessId,
    /// One of a list the server knows (unit, company type, group, account manager).
    Choice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Field {
    /// Stable identifier: `email`, or `custom.<name>` for a deployment's own fields.
    pub key: String,
    pub kind: Kind,
    pub required: bool,
    /// May be chosen once for the whole file instead of mapped from a column.
    pub file_wide: bool,
    /// Message keys (`field.email`, `field.email.help`); custom fields carry their
    /// label as written instead.
    pub label: String,
    pub help: String,
}

impl Field {
    fn builtin(key: &str, kind: Kind) -> Field {
        Field {
            key: key.to_owned(),
            kind,
            required: false,
            file_wide: false,
            label: format!("field.{key}"),
            help: format!("field.{key}.help"),
        }
    }

    pub fn is_custom(&self) -> bool {
        self.key.starts_with("custom.")
    }
}

/// The fields of SPEC.md. `name` or `company_name` is needed on every row; that rule
/// belongs to the row, not to one field, so neither is marked required here.
/// `first_name` and `last_name` are mapping targets joined into `name`.
pub fn default_fields() -> Vec<Field> {
    let mut fields: Vec<Field> = BUILTIN
        .into_iter()
        .map(|(key, kind)| Field::builtin(key, kind))
        .collect();
    for field in &mut fields {
        field.file_wide = matches!(
            field.key.as_str(),
            "company_type" | "customer_group" | "account_manager"
        );
    }
    fields
}

/// The built-in fields' keys and kinds, in the order the wizard lists them.
pub const BUILTIN: [(&str, Kind); 18] = [
    ("name", Kind::Text),
    ("first_name", Kind::Text),
    ("last_name", Kind::Text),
    ("email", Kind::Email),
    ("phone", Kind::Phone),
    ("birth_date", Kind::BirthDate),
    ("address", Kind::Text),
    ("postal_code", Kind::PostalCode),
    ("city", Kind::Text),
    ("country", Kind::Country),
    ("unit", Kind::Choice),
    ("company_name", Kind::Text),
    ("business_id", Kind::BusinessId),
    ("company_type", Kind::Choice),
    ("customer_group", Kind::Choice),
    ("account_manager", Kind::Choice),
    ("external_id", Kind::Text),
    ("notes", Kind::LongText),
];

/// A deployment's own text field.
pub fn custom_field(name: &str, label: &str, help: &str) -> Field {
    Field {
        key: format!("custom.{name}"),
        kind: Kind::Text,
        required: false,
        file_wide: false,
        label: label.to_owned(),
        help: help.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_fields_are_unique_and_keyed_for_translation() {
        let fields = default_fields();
        let mut keys: Vec<_> = fields.iter().map(|f| f.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), fields.len());
        let email = fields.iter().find(|f| f.key == "email").unwrap();
        assert_eq!(
            (email.label.as_str(), email.help.as_str()),
            ("field.email", "field.email.help")
        );
        let file_wide: Vec<_> = fields
            .iter()
            .filter(|f| f.file_wide)
            .map(|f| f.key.as_str())
            .collect();
        assert_eq!(
            file_wide,
            ["company_type", "customer_group", "account_manager"]
        );
        assert!(custom_field("parking", "Parkering", "Plass nr.").is_custom());
    }
}
