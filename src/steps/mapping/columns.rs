//! The mapping seen from the file's side, as plain Rust: every column of the file with
//! where it goes, the columns left behind, and what giving a column a field another
//! column had takes from that column (so the step can say so and undo it). The step
//! renders these; the choices themselves are the rules crate's `Mapping`.

use customer_import_domain::mapping::{Mapping, Source};

/// What giving a column a field changed besides that column: the field came from
/// another column, which is now not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Takeover {
    pub field: String,
    /// The column the field came from.
    pub from: usize,
    /// The column it comes from now.
    pub to: usize,
    /// The mapping before, which undoing restores.
    pub before: Mapping,
}

/// Sends `column` to `field` (`None`: not imported). A column serves one field and a
/// field takes one column: a field another column had is taken from it, which the
/// answer tells. A field given one value for the whole file gets the column instead.
pub fn assign(
    mapping: &Mapping,
    column: usize,
    field: Option<&str>,
) -> (Mapping, Option<Takeover>) {
    let mut next = mapping.clone();
    if let Some(old) = mapping.field_of_column(column) {
        next.clear(old);
    }
    let Some(field) = field else {
        return (next, None);
    };
    let takeover = mapping
        .column_of(field)
        .filter(|&from| from != column)
        .map(|from| Takeover {
            field: field.to_owned(),
            from,
            to: column,
            before: mapping.clone(),
        });
    next.set_column(field, column);
    (next, takeover)
}

/// The file's columns that no field takes, in the file's order.
pub fn not_imported(mapping: &Mapping, columns: usize) -> Vec<usize> {
    (0..columns)
        .filter(|&c| mapping.field_of_column(c).is_none())
        .collect()
}

/// The required fields (of `required`, in that order) that get no value: neither a
/// column nor one value for the whole file.
pub fn required_missing<'a>(
    mapping: &Mapping,
    required: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    required
        .into_iter()
        .filter(|f| !mapping.fields.contains_key(*f))
        .collect()
}

/// The value a file-wide field takes for every row, when it takes one.
pub fn whole_file_value<'a>(mapping: &'a Mapping, field: &str) -> Option<&'a str> {
    match mapping.fields.get(field) {
        Some(Source::Fixed(v)) => Some(v),
        _ => None,
    }
}

/// `mapping` with `field` given `value` for every row (`None`: no value). A column
/// that fed the field is left alone unless a value replaces it.
pub fn with_whole_file_value(mapping: &Mapping, field: &str, value: Option<&str>) -> Mapping {
    let mut next = mapping.clone();
    match value {
        Some(v) => next.set_fixed(field, v),
        None if whole_file_value(mapping, field).is_some() => next.clear(field),
        None => {}
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(pairs: &[(&str, usize)]) -> Mapping {
        let mut m = Mapping::default();
        for (field, column) in pairs {
            m.set_column(field, *column);
        }
        m
    }

    #[test]
    fn a_field_taken_from_another_column_is_told_and_can_be_undone() {
        let m = mapped(&[("name", 0), ("email", 1)]);
        let (next, takeover) = assign(&m, 2, Some("name"));
        assert_eq!(next.column_of("name"), Some(2));
        assert_eq!(next.field_of_column(0), None, "column 0 is left behind");
        let takeover = takeover.expect("the field came from column 0");
        assert_eq!(
            (takeover.field.as_str(), takeover.from, takeover.to),
            ("name", 0, 2)
        );
        assert_eq!(takeover.before, m, "undo restores the mapping before");
        assert_eq!(not_imported(&next, 3), [0]);
    }

    #[test]
    fn a_column_given_another_field_lets_its_old_field_go_without_a_takeover() {
        let m = mapped(&[("name", 0), ("email", 1)]);
        let (next, takeover) = assign(&m, 1, Some("phone"));
        assert_eq!(takeover, None);
        assert_eq!(next.column_of("phone"), Some(1));
        assert_eq!(next.column_of("email"), None);
        let (same, takeover) = assign(&next, 1, Some("phone"));
        assert_eq!(
            (same, takeover),
            (next.clone(), None),
            "choosing again changes nothing"
        );
        let (none, _) = assign(&next, 1, None);
        assert_eq!(not_imported(&none, 2), [1]);
    }

    #[test]
    fn whole_file_values_and_required_fields() {
        let m = mapped(&[("email", 1)]);
        assert_eq!(required_missing(&m, ["name", "email"]), ["name"]);
        let m = with_whole_file_value(&m, "customer_group", Some("Kjøpere"));
        assert_eq!(whole_file_value(&m, "customer_group"), Some("Kjøpere"));
        let (m, takeover) = assign(&m, 0, Some("customer_group"));
        assert_eq!(takeover, None, "a value for the whole file is not a column");
        assert_eq!(m.column_of("customer_group"), Some(0));
        let kept = with_whole_file_value(&m, "customer_group", None);
        assert_eq!(
            kept.column_of("customer_group"),
            Some(0),
            "no value leaves the column"
        );
        let m = with_whole_file_value(&m, "customer_group", Some("Leietakere"));
        assert_eq!(not_imported(&m, 2), [0]);
        assert!(
            required_missing(&with_whole_file_value(&m, "name", Some("x")), ["name"]).is_empty()
        );
    }
}
