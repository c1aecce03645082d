//! What a row of the file changes in the customer it matches, field by field.
//!
//! Both sides are a customer as field key → value ([`Customer::to_values`]): the row
//! as checked (every value normalised as it will be stored) and the customer as
//! stored, with its references by the names a file uses (unit code, company type key,
//! group name, account manager's e-mail) and its own fields by `custom.<name>`. So
//! every kind of field compares alike: two values are the same when their stored
//! forms are. A field the row leaves empty (or does not map) keeps the stored value:
//! a spreadsheet of changes often has holes. Only a field the user chose to blank
//! ([`merged`]'s `blank`) is emptied by an empty cell.
//!
//! [`Customer::to_values`]: crate::validate::Customer::to_values

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// A customer as field key → value; empty values are absent.
pub type Values = BTreeMap<String, String>;

/// One field a row changes: its value before and after (`None`: empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The field a choice to blank `field` empties: first and last name are joined into
/// the name.
fn stored_field(field: &str) -> &str {
    match field {
        "first_name" | "last_name" => "name",
        other => other,
    }
}

/// The customer after the row: `stored` with every value the row has, and without
/// the fields in `blank` (field keys of the mapping) that the row leaves empty.
pub fn merged(stored: &Values, row: &Values, blank: &BTreeSet<String>) -> Values {
    let mut after = stored.clone();
    for field in blank.iter().map(|f| stored_field(f)) {
        if !row.contains_key(field) {
            after.remove(field);
        }
    }
    after.extend(row.iter().map(|(k, v)| (k.clone(), v.clone())));
    after
}

/// The fields whose values differ between `before` and `after`, by field key; empty
/// when the customer is unchanged.
pub fn changes(before: &Values, after: &Values) -> Vec<FieldChange> {
    let fields: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    fields
        .into_iter()
        .filter_map(|field| {
            let (old, new) = (before.get(field), after.get(field));
            (old != new).then(|| FieldChange {
                field: field.clone(),
                old: old.cloned(),
                new: new.cloned(),
            })
        })
        .collect()
}

/// What `row` changes in `stored` ([`merged`], then [`changes`]).
pub fn compare(stored: &Values, row: &Values, blank: &BTreeSet<String>) -> Vec<FieldChange> {
    changes(stored, &merged(stored, row, blank))
}

/// Whether a customer has what every customer needs: a person's name or a company
/// name. A row of changes need not have it when the customer it updates does.
pub fn has_name(values: &Values) -> bool {
    values.contains_key("name") || values.contains_key("company_name")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{country::Country, validate::Customer};

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn change(field: &str, old: Option<&str>, new: Option<&str>) -> FieldChange {
        FieldChange {
            field: field.to_owned(),
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
        }
    }

    fn none() -> BTreeSet<String> {
        BTreeSet::new()
    }

    /// A stored customer with a value in every kind of field.
    fn stored() -> Customer {
        let mut custom = BTreeMap::new();
        custom.insert("custom.parking".to_owned(), "P-12".to_owned());
        Customer {
            name: Some("Åse Øvrebø".to_owned()),
            email: Some("ase@example.no".to_owned()),
            phone: Some("+4791234567".to_owned()),
            birth_date: Some("1985-07-04".to_owned()),
            address: Some("Storgata 1".to_owned()),
            postal_code: Some("0150".to_owned()),
            city: Some("Oslo".to_owned()),
            country: Some(Country::Norway),
            unit: Some("A-101".to_owned()),
            company_name: Some("Nordbygg AS".to_owned()),
            business_id: Some("923609016".to_owned()),
            company_type: Some("customer".to_owned()),
            customer_group: Some("Vest".to_owned()),
            account_manager: Some("kari@nordbygg.example".to_owned()),
            external_id: Some("K-1".to_owned()),
            notes: Some("Ringer helst\netter fire".to_owned()),
            custom,
        }
    }

    #[test]
    fn a_row_with_the_stored_values_changes_nothing() {
        let s = stored().to_values();
        assert_eq!(compare(&s, &s, &none()), []);
        // Nor does a row with only some of them: the rest are not its business.
        let partial = values(&[("external_id", "K-1"), ("phone", "+4791234567")]);
        assert_eq!(compare(&s, &partial, &none()), []);
    }

    #[test]
    fn every_kind_of_field_is_compared_as_stored() {
        let s = stored().to_values();
        // One new value in every field of every kind (text, long text, e-mail, phone,
        // date, postal code, country, business id, the four lists, a project's own).
        let cases = [
            ("name", "Åse Berg"),
            ("email", "ase.berg@example.no"),
            ("phone", "+4798765432"),
            ("birth_date", "1986-01-31"),
            ("address", "Lillegata 2"),
            ("postal_code", "5003"),
            ("city", "Bergen"),
            ("country", "SE"),
            ("unit", "B-202"),
            ("company_name", "Sørbygg AS"),
            ("business_id", "5560360793"),
            ("company_type", "partner"),
            ("customer_group", "Øst"),
            ("account_manager", "per@nordbygg.example"),
            ("external_id", "K-2"),
            ("notes", "Ringer helst\nfør fire"),
            ("custom.parking", "P-13"),
        ];
        for (field, new) in cases {
            let row = values(&[(field, new)]);
            assert_eq!(
                compare(&s, &row, &none()),
                [change(field, s.get(field).map(String::as_str), Some(new))],
                "{field}"
            );
        }
        assert_eq!(cases.len(), s.len(), "every stored field was tried");
    }

    #[test]
    fn a_value_the_customer_lacked_is_added_and_several_changes_come_by_field() {
        let s = values(&[("name", "Ola"), ("email", "ola@example.no")]);
        let row = values(&[
            ("email", "ola@example.no"),
            ("phone", "+4791234567"),
            ("name", "Ola N"),
        ]);
        assert_eq!(
            compare(&s, &row, &none()),
            [
                change("name", Some("Ola"), Some("Ola N")),
                change("phone", None, Some("+4791234567")),
            ]
        );
    }

    #[test]
    fn an_e_mail_whose_case_changed_is_a_change_of_what_is_stored() {
        let s = values(&[("email", "ola@example.no")]);
        let row = values(&[("email", "Ola@example.no")]);
        assert_eq!(
            compare(&s, &row, &none()),
            [change(
                "email",
                Some("ola@example.no"),
                Some("Ola@example.no")
            )]
        );
    }

    #[test]
    fn empty_cells_keep_the_stored_values_unless_the_column_is_to_blank_them() {
        let s = stored().to_values();
        // The file maps phone, notes and a project's field, and leaves them empty.
        let row = values(&[("external_id", "K-1")]);
        assert_eq!(compare(&s, &row, &none()), []);
        let blank: BTreeSet<String> = ["phone", "notes", "custom.parking"]
            .map(str::to_owned)
            .into();
        assert_eq!(
            compare(&s, &row, &blank),
            [
                change("custom.parking", Some("P-12"), None),
                change("notes", Some("Ringer helst\netter fire"), None),
                change("phone", Some("+4791234567"), None),
            ]
        );
        // A cell with a value in a column to blank is just a new value.
        let row = values(&[("external_id", "K-1"), ("phone", "+4798765432")]);
        assert_eq!(
            compare(&s, &row, &blank),
            [
                change("custom.parking", Some("P-12"), None),
                change("notes", Some("Ringer helst\netter fire"), None),
                change("phone", Some("+4791234567"), Some("+4798765432")),
            ]
        );
        // Blanking what is already empty changes nothing.
        let bare = values(&[("external_id", "K-1")]);
        assert_eq!(compare(&bare, &row, &blank)[0].field, "phone");
        assert_eq!(compare(&bare, &bare, &blank), []);
    }

    #[test]
    fn blanking_first_or_last_name_blanks_the_name_they_make() {
        let s = values(&[("name", "Ola Nordmann"), ("company_name", "Nordbygg AS")]);
        let blank: BTreeSet<String> = ["last_name".to_owned()].into();
        assert_eq!(
            compare(&s, &values(&[]), &blank),
            [change("name", Some("Ola Nordmann"), None)]
        );
    }

    #[test]
    fn merged_is_what_the_customer_becomes_and_must_keep_a_name() {
        let s = values(&[("name", "Ola"), ("phone", "+4791234567")]);
        let blank: BTreeSet<String> = ["phone".to_owned(), "name".to_owned()].into();
        let after = merged(&s, &values(&[("city", "Oslo")]), &blank);
        assert_eq!(after, values(&[("city", "Oslo")]));
        assert!(!has_name(&after));
        assert!(has_name(&merged(&s, &values(&[]), &none())));
        assert!(has_name(&values(&[("company_name", "X AS")])));
    }
}
