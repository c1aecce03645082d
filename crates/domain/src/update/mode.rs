//! The choice made once per import: create only, create and update, update only; and
//! the value a row is matched by.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::validate::Customer;

/// What an import does with a row whose customer exists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Every row creates a customer; one whose e-mail or customer number the project
    /// has is refused (the behaviour before issue 28, and the default).
    #[default]
    CreateOnly,
    /// A row that matches a customer updates it; any other creates one.
    CreateAndUpdate,
    /// A row that matches a customer updates it; any other is refused.
    UpdateOnly,
}

impl ImportMode {
    /// Whether rows are matched against existing customers at all.
    pub fn updates(self) -> bool {
        self != ImportMode::CreateOnly
    }

    /// Whether a row that matches no customer creates one.
    pub fn creates(self) -> bool {
        self != ImportMode::UpdateOnly
    }

    pub fn is_create_only(&self) -> bool {
        *self == ImportMode::CreateOnly
    }
}

/// The value that names a customer within its project: a unique one. The customer
/// number (`external_id`, also the id a portal provisioning its own ids gives its
/// customers) when the file maps it, else the e-mail (compared whatever its case, as
/// the project's unique index does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchKey {
    ExternalId,
    Email,
}

impl MatchKey {
    /// The key of a file whose mapping fills the fields for which `mapped` is true:
    /// customer number before e-mail; `None` when it maps neither (no row can match).
    pub fn for_fields(mapped: impl Fn(&str) -> bool) -> Option<MatchKey> {
        if mapped("external_id") {
            Some(MatchKey::ExternalId)
        } else if mapped("email") {
            Some(MatchKey::Email)
        } else {
            None
        }
    }

    /// The field the key is.
    pub fn field(self) -> &'static str {
        match self {
            MatchKey::ExternalId => "external_id",
            MatchKey::Email => "email",
        }
    }

    /// The other unique field: a row whose value there belongs to another customer
    /// than its key's matches two.
    pub fn other(self) -> MatchKey {
        match self {
            MatchKey::ExternalId => MatchKey::Email,
            MatchKey::Email => MatchKey::ExternalId,
        }
    }

    /// `value` in the form keys are compared in: an e-mail in lower case (ASCII, as
    /// both databases' `lower` take it: a stored e-mail's domain is punycode), a
    /// customer number as it is.
    pub fn comparable(self, value: &str) -> String {
        match self {
            MatchKey::ExternalId => value.to_owned(),
            MatchKey::Email => value.to_ascii_lowercase(),
        }
    }

    /// The customer's value of this key, comparable; `None` when it has none.
    pub fn of(self, customer: &Customer) -> Option<String> {
        let value = match self {
            MatchKey::ExternalId => customer.external_id.as_deref(),
            MatchKey::Email => customer.email.as_deref(),
        };
        value.map(|v| self.comparable(v))
    }

    /// The same, of a customer as field key → value.
    pub fn of_values(self, values: &BTreeMap<String, String>) -> Option<String> {
        values.get(self.field()).map(|v| self.comparable(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_only_is_the_default_and_what_each_mode_does() {
        assert_eq!(ImportMode::default(), ImportMode::CreateOnly);
        let does = |m: ImportMode| (m.creates(), m.updates());
        assert_eq!(does(ImportMode::CreateOnly), (true, false));
        assert_eq!(does(ImportMode::CreateAndUpdate), (true, true));
        assert_eq!(does(ImportMode::UpdateOnly), (false, true));
        assert_eq!(
            serde_json::to_string(&ImportMode::CreateAndUpdate).unwrap(),
            "\"create_and_update\""
        );
    }

    #[test]
    fn the_customer_number_is_the_key_when_mapped_else_the_email() {
        let mapping = |fields: &'static [&'static str]| {
            MatchKey::for_fields(move |f: &str| fields.contains(&f))
        };
        assert_eq!(
            mapping(&["name", "email", "external_id"]),
            Some(MatchKey::ExternalId)
        );
        assert_eq!(mapping(&["name", "email"]), Some(MatchKey::Email));
        assert_eq!(mapping(&["name", "phone"]), None);
    }

    #[test]
    fn emails_match_whatever_their_case_numbers_exactly() {
        let c = Customer {
            email: Some("Ase@Example.no".to_owned()),
            external_id: Some("K-1a".to_owned()),
            ..Customer::default()
        };
        assert_eq!(MatchKey::Email.of(&c).as_deref(), Some("ase@example.no"));
        assert_eq!(MatchKey::ExternalId.of(&c).as_deref(), Some("K-1a"));
        assert_eq!(MatchKey::Email.of(&Customer::default()), None);
        let values = c.to_values();
        assert_eq!(
            MatchKey::Email.of_values(&values).as_deref(),
            Some("ase@example.no")
        );
    }
}
