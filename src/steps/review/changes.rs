//! Where a row's changes to its customer show in the grid, as plain Rust: a change of
//! a field the grid has a column for shows on that column's cell (old → new); the
//! others (the name first and last name make, a value blanked by a column not
//! imported) show beside the row's state, so none goes unseen.

use customer_import_domain::update::FieldChange;

/// The change of the field `key` among `changes`.
pub fn cell_change<'a>(changes: &'a [FieldChange], key: &str) -> Option<&'a FieldChange> {
    changes.iter().find(|c| c.field == key)
}

/// The changes of fields without a column among `columns` (field keys).
pub fn other_changes<'a>(
    changes: &'a [FieldChange],
    columns: &'a [&'a str],
) -> impl Iterator<Item = &'a FieldChange> + 'a {
    changes
        .iter()
        .filter(move |c| !columns.contains(&c.field.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(field: &str, old: Option<&str>, new: Option<&str>) -> FieldChange {
        FieldChange {
            field: field.into(),
            old: old.map(Into::into),
            new: new.map(Into::into),
        }
    }

    #[test]
    fn a_change_shows_on_its_column_or_else_beside_the_row() {
        let changes = [
            change("name", Some("Ola"), Some("Ola Nord")),
            change("phone", Some("+4791234567"), None),
        ];
        let columns = ["first_name", "last_name", "phone"];
        assert_eq!(cell_change(&changes, "phone"), Some(&changes[1]));
        assert_eq!(cell_change(&changes, "first_name"), None);
        let others: Vec<_> = other_changes(&changes, &columns).collect();
        assert_eq!(others, [&changes[0]]);
    }
}
