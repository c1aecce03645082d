//! The target fields of an import: what each field holds, whether it is required,
//! and the message keys of its label and one-line explanation. The server owns the
//! schema and sends it; a project may add its own fields ([`CustomField`]), declared by
//! its portal with a type the browser and the server check alike.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{
    mapping::fold::fold,
    texts::language::Language,
    validate::{
        pattern::{PATTERN_SIZE, PATTERNS_SIZE, compiled_size, whole_match},
        storable,
        text::normalize_text,
    },
};

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
    /// A project's own field: its labels per language and the type of its values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<CustomField>,
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
            custom: None,
        }
    }

    pub fn is_custom(&self) -> bool {
        self.key.starts_with("custom.")
    }
}

/// The fields of docs/SPEC.md. `name` or `company_name` is needed on every row; that rule
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

/// A project's own text field, labelled in one language.
pub fn custom_field(name: &str, label: &str, help: &str) -> Field {
    CustomField {
        name: name.to_owned(),
        label: LocalText::One(label.to_owned()),
        help: LocalText::One(help.to_owned()),
        value: ValueType::Text,
        required: false,
    }
    .field()
}

/// Custom fields one project may declare.
pub const MAX_CUSTOM_FIELDS: usize = 50;
/// Choices one `one_of` field may list.
pub const MAX_OPTIONS: usize = 1_000;

/// A field a project's portal declares for its customers (a parking space, a move-in
/// date, a contract type), stored with the customer and delivered with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Not `deny_unknown_fields`: serde cannot have it with the flattened type.
pub struct CustomField {
    /// 1–40 of `a`–`z`, `0`–`9` and `_`, starting with a letter; the field's key is
    /// `custom.<name>`.
    pub name: String,
    /// What the wizard calls it: one text, or one per language tag (`nb`, `fi`, `en`,
    /// `sv`).
    pub label: LocalText,
    /// One line that explains it, likewise.
    #[serde(default)]
    pub help: LocalText,
    #[serde(flatten)]
    pub value: ValueType,
    #[serde(default)]
    pub required: bool,
}

/// What a custom field's values must be, and how they are stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ValueType {
    /// One line of text.
    Text,
    /// A decimal number, written with a comma or a point and any thousands spaces;
    /// stored as `-1234.5`.
    Number,
    /// A date, written as dates are in the Nordics or in ISO; stored as ISO 8601.
    Date,
    /// One of `options`, however it is cased or accented; stored as the option reads.
    OneOf { options: Vec<String> },
    /// Text matching `pattern` as a whole (a regular expression, linear time), such as
    /// `P-[0-9]{3}`; `example` is shown to the user and must match it.
    Pattern { pattern: String, example: String },
}

/// A text the portal gives in one language or in several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum LocalText {
    One(String),
    /// By language tag.
    PerLanguage(BTreeMap<String, String>),
}

impl Default for LocalText {
    fn default() -> LocalText {
        LocalText::One(String::new())
    }
}

impl LocalText {
    /// The text for a reader of `language`: theirs, else English, else the first given.
    pub fn get(&self, language: Language) -> &str {
        match self {
            LocalText::One(text) => text,
            LocalText::PerLanguage(texts) => texts
                .get(language.tag())
                .or_else(|| texts.get(Language::En.tag()))
                .or_else(|| texts.values().next())
                .map_or("", String::as_str),
        }
    }

    fn texts(&self) -> impl Iterator<Item = &str> {
        let (one, many) = match self {
            LocalText::One(text) => (Some(text.as_str()), None),
            LocalText::PerLanguage(texts) => (None, Some(texts.values().map(String::as_str))),
        };
        one.into_iter().chain(many.into_iter().flatten())
    }
}

/// Why a portal's declaration of custom fields is refused. A declaration's problem
/// names the field by the name it was declared with (`name`, as sent, even when the
/// name itself is the problem) and by its place in the list (`index`, for the JSON
/// Pointer of an error answer).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DefinitionError {
    #[error(
        "custom field {name:?}: the name must be 1–40 of a–z, 0–9 and _, starting with a letter"
    )]
    Name { index: usize, name: String },
    #[error("custom field {name:?}: the name is used twice")]
    NameTwice { index: usize, name: String },
    #[error("custom field {name:?}: a label is empty, too long, or holds a hidden character")]
    Label { index: usize, name: String },
    #[error("custom field {name:?}: an unknown language tag (use nb, fi, en or sv)")]
    Language { index: usize, name: String },
    #[error("custom field {name:?}: one_of needs 1–1000 options, each unique and storable")]
    Options { index: usize, name: String },
    #[error("custom field {name:?}: the pattern is not a valid regular expression ({reason})")]
    Pattern {
        index: usize,
        name: String,
        reason: String,
    },
    #[error(
        "custom field {name:?}: the pattern compiles to {size} bytes, more than {PATTERN_SIZE}: \
         its values would be slow to check (write `x*` rather than `x{{0,255}}`: values are \
         at most 255 characters anyway)"
    )]
    SlowPattern {
        index: usize,
        name: String,
        size: usize,
    },
    #[error(
        "the patterns compile to {size} bytes together, more than {PATTERNS_SIZE}: \
         each row would be slow to check"
    )]
    SlowPatterns { size: usize },
    #[error("custom field {name:?}: the example does not match the pattern")]
    Example { index: usize, name: String },
    #[error("more than 50 custom fields")]
    TooMany,
}

impl DefinitionError {
    /// The declaration at fault, by its place in the list and its name; `None` for a
    /// problem of the list as a whole.
    pub fn field(&self) -> Option<(usize, &str)> {
        use DefinitionError as E;
        match self {
            E::Name { index, name }
            | E::NameTwice { index, name }
            | E::Label { index, name }
            | E::Language { index, name }
            | E::Options { index, name }
            | E::Pattern { index, name, .. }
            | E::SlowPattern { index, name, .. }
            | E::Example { index, name } => Some((*index, name)),
            E::SlowPatterns { .. } | E::TooMany => None,
        }
    }

    /// The member of the declaration at fault, as a JSON Pointer's last part (`value`
    /// members are flattened into the declaration); `None` for the whole declaration.
    pub fn member(&self) -> Option<&'static str> {
        use DefinitionError as E;
        match self {
            E::Name { .. } | E::NameTwice { .. } => Some("name"),
            E::Options { .. } => Some("options"),
            E::Pattern { .. } | E::SlowPattern { .. } => Some("pattern"),
            E::Example { .. } => Some("example"),
            E::Label { .. } | E::Language { .. } | E::SlowPatterns { .. } | E::TooMany => None,
        }
    }
}

/// A customer's values of a project's own fields on the wire: keyed by the declared
/// name (`areal`) in what the server answers, delivers and lets be pulled, while rows,
/// the database and the checks key them by field (`custom.areal`), the form an import
/// chunk's `values` need beside the built-in fields. Reading takes either form.
pub mod custom_values {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    const PREFIX: &str = "custom.";

    /// The declared name of a field key: `custom.areal` → `areal`.
    pub fn name(key: &str) -> &str {
        key.strip_prefix(PREFIX).unwrap_or(key)
    }

    /// The field key of a declared name (or of a key): `areal` → `custom.areal`.
    pub fn key(name: &str) -> String {
        if name.starts_with(PREFIX) {
            name.to_owned()
        } else {
            format!("{PREFIX}{name}")
        }
    }

    /// Values by field key → values by declared name.
    pub fn by_name(values: &BTreeMap<String, String>) -> BTreeMap<&str, &str> {
        values.iter().map(|(k, v)| (name(k), v.as_str())).collect()
    }

    pub fn serialize<S: Serializer>(
        values: &BTreeMap<String, String>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        by_name(values).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, String>, D::Error> {
        Ok(BTreeMap::<String, String>::deserialize(deserializer)?
            .into_iter()
            .map(|(k, v)| (key(&k), v))
            .collect())
    }
}

impl CustomField {
    pub fn key(&self) -> String {
        format!("custom.{}", self.name)
    }

    /// The field the wizard maps and the validator checks.
    pub fn field(&self) -> Field {
        Field {
            key: self.key(),
            kind: Kind::Text,
            required: self.required,
            file_wide: false,
            label: self.label.get(Language::En).to_owned(),
            help: self.help.get(Language::En).to_owned(),
            custom: Some(self.clone()),
        }
    }

    /// Every label it is given, for recognising a column's heading.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.label.texts().filter(|l| !l.trim().is_empty())
    }

    /// Checks a project's declarations: what the server stores is always usable, and
    /// its rows quick to check. Time linear in the declarations' size.
    pub fn check_all(fields: &[CustomField]) -> Result<(), DefinitionError> {
        if fields.len() > MAX_CUSTOM_FIELDS {
            return Err(DefinitionError::TooMany);
        }
        let mut names = HashSet::new();
        let mut size = 0;
        for (index, field) in fields.iter().enumerate() {
            if !names.insert(field.name.as_str()) {
                return Err(DefinitionError::NameTwice {
                    index,
                    name: field.name.clone(),
                });
            }
            size += field.check(index)?;
        }
        if size > PATTERNS_SIZE {
            return Err(DefinitionError::SlowPatterns { size });
        }
        Ok(())
    }

    /// Checks one declaration; answers the size its pattern compiles to (0 for other
    /// types).
    fn check(&self, index: usize) -> Result<usize, DefinitionError> {
        let name_ok = (1..=40).contains(&self.name.len())
            && self.name.starts_with(|c: char| c.is_ascii_lowercase())
            && self
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !name_ok {
            return Err(DefinitionError::Name {
                index,
                name: self.name.clone(),
            });
        }
        for (text, may_be_empty) in [(&self.label, false), (&self.help, true)] {
            if let LocalText::PerLanguage(texts) = text
                && texts
                    .keys()
                    .any(|tag| Language::from_tag(tag).map(Language::tag) != Some(tag))
            {
                return Err(DefinitionError::Language {
                    index,
                    name: self.name.clone(),
                });
            }
            let fits = |t: &str| {
                (may_be_empty || !t.trim().is_empty()) && storable::is_storable_line(t, "")
            };
            let empty_map = matches!(text, LocalText::PerLanguage(t) if t.is_empty());
            if (empty_map && !may_be_empty) || !text.texts().all(fits) {
                return Err(DefinitionError::Label {
                    index,
                    name: self.name.clone(),
                });
            }
        }
        match &self.value {
            ValueType::OneOf { options } => {
                // A set, not every option against every other: 1,000 options took
                // half a second a field that way.
                let mut folded = HashSet::with_capacity(options.len());
                let unique = options.iter().all(|o| folded.insert(fold(o)));
                let fit = options
                    .iter()
                    .all(|o| !o.trim().is_empty() && storable::is_storable_line(o, ""));
                if options.is_empty() || options.len() > MAX_OPTIONS || !unique || !fit {
                    return Err(DefinitionError::Options {
                        index,
                        name: self.name.clone(),
                    });
                }
            }
            ValueType::Pattern { pattern, example } => {
                let invalid = |reason: regex_lite::Error| DefinitionError::Pattern {
                    index,
                    name: self.name.clone(),
                    reason: reason.to_string(),
                };
                let size = compiled_size(pattern).map_err(invalid)?;
                if size > PATTERN_SIZE {
                    return Err(DefinitionError::SlowPattern {
                        index,
                        name: self.name.clone(),
                        size,
                    });
                }
                let regex = whole_match(pattern).map_err(invalid)?;
                if !regex.is_match(&normalize_text(example)) {
                    return Err(DefinitionError::Example {
                        index,
                        name: self.name.clone(),
                    });
                }
                return Ok(size);
            }
            ValueType::Text | ValueType::Number | ValueType::Date => {}
        }
        Ok(0)
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
