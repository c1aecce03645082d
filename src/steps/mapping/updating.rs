//! The import's choice for customers that exist (issue 28), as plain Rust: its mode,
//! which column finds a row's customer, and the columns whose empty cells blank a
//! stored value. The choice lives in the mapping, so it is saved and shared with it;
//! the step's radio group and checkboxes render these.

use customer_import_domain::{
    mapping::Mapping,
    update::{ImportMode, MatchKey},
};

/// The modes in the order the step offers them, with their texts' keys.
pub const MODES: [(ImportMode, &str); 3] = [
    (ImportMode::CreateOnly, "mapping.mode.create_only"),
    (
        ImportMode::CreateAndUpdate,
        "mapping.mode.create_and_update",
    ),
    (ImportMode::UpdateOnly, "mapping.mode.update_only"),
];

/// The radio button's value for `mode` (also its id's end).
pub fn mode_value(mode: ImportMode) -> &'static str {
    match mode {
        ImportMode::CreateOnly => "create_only",
        ImportMode::CreateAndUpdate => "create_and_update",
        ImportMode::UpdateOnly => "update_only",
    }
}

/// The mode whose radio value is `value`.
pub fn mode_of(value: &str) -> Option<ImportMode> {
    MODES
        .iter()
        .map(|(m, _)| *m)
        .find(|m| mode_value(*m) == value)
}

/// `mapping` with `mode`; a mode that creates only keeps no blanking choice.
pub fn with_mode(mapping: &Mapping, mode: ImportMode) -> Mapping {
    let mut next = mapping.clone();
    next.mode = mode;
    if !mode.updates() {
        next.blank.clear();
    }
    next
}

/// The field whose empty cells in `column` may blank a stored value: mapped from the
/// column, in an import that updates, and not the key (which finds the customer).
pub fn blankable(mapping: &Mapping, column: usize) -> Option<&str> {
    if !mapping.mode.updates() {
        return None;
    }
    let field = mapping.field_of_column(column)?;
    let key = mapping.match_key().map(MatchKey::field);
    (Some(field) != key).then_some(field)
}

/// `mapping` where empty cells of `field` blank (or keep) the stored value.
pub fn with_blank(mapping: &Mapping, field: &str, blank: bool) -> Mapping {
    let mut next = mapping.clone();
    if blank {
        next.blank.insert(field.to_owned());
    } else {
        next.blank.remove(field);
    }
    next
}

/// Whether the review can be built: an import that updates needs a key to find
/// customers by.
pub fn can_match(mapping: &Mapping) -> bool {
    !mapping.mode.updates() || mapping.match_key().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(fields: &[(&str, usize)]) -> Mapping {
        let mut m = Mapping::default();
        for (f, c) in fields {
            m.set_column(f, *c);
        }
        m
    }

    #[test]
    fn each_mode_has_its_radio_value_and_creating_only_blanks_nothing() {
        for (mode, _) in MODES {
            assert_eq!(mode_of(mode_value(mode)), Some(mode));
        }
        assert_eq!(mode_of("upsert"), None);
        let m = with_blank(
            &with_mode(&mapping(&[("phone", 1)]), ImportMode::UpdateOnly),
            "phone",
            true,
        );
        assert!(m.blank.contains("phone"));
        assert!(with_mode(&m, ImportMode::CreateOnly).blank.is_empty());
        assert!(!with_blank(&m, "phone", false).blank.contains("phone"));
    }

    #[test]
    fn a_mapped_column_but_the_key_may_blank_when_the_import_updates() {
        let m = mapping(&[("external_id", 0), ("name", 1), ("phone", 2)]);
        assert_eq!(blankable(&m, 2), None, "creating only");
        let m = with_mode(&m, ImportMode::CreateAndUpdate);
        assert_eq!(blankable(&m, 2), Some("phone"));
        assert_eq!(blankable(&m, 0), None, "the key");
        assert_eq!(blankable(&m, 3), None, "not imported");
    }

    #[test]
    fn updating_needs_a_customer_number_or_an_email() {
        let m = with_mode(&mapping(&[("name", 0)]), ImportMode::CreateAndUpdate);
        assert!(!can_match(&m));
        assert!(can_match(&with_mode(&m, ImportMode::CreateOnly)));
        assert!(can_match(&with_mode(
            &mapping(&[("email", 1)]),
            ImportMode::UpdateOnly
        )));
    }
}
