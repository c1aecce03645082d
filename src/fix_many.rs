//! The review's "fix many rows at once" form (issue 20.4), as plain Rust: which
//! columns it offers and what its fields ask the worker to do. The change itself is
//! the reading crate's (`customer_import_reading::review::bulk::BulkEdit`, run in the worker).

use customer_import_domain::mapping::Source;
use customer_import_worker::protocol::{Column, bulk::BulkEdit};

/// The review's columns whose cells come from the file, by their index in the
/// review: a value chosen for the whole file is changed in the mapping instead.
pub fn columns_offered(columns: &[Column]) -> Vec<usize> {
    columns
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.source, Source::Column(_)))
        .map(|(i, _)| i)
        .collect()
}

/// Find and replace as typed (spaces included: they may be what is to be fixed);
/// nothing to find asks for nothing.
pub fn replace(find: &str, with: &str, whole_cell: bool) -> Option<BulkEdit> {
    (!find.is_empty()).then(|| BulkEdit::Replace {
        find: find.to_owned(),
        with: with.to_owned(),
        whole_cell,
    })
}

/// Fill empty cells with `value`, trimmed; an empty value asks for nothing.
pub fn fill_empty(value: &str) -> Option<BulkEdit> {
    let value = value.trim();
    (!value.is_empty()).then(|| BulkEdit::FillEmpty {
        value: value.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use customer_import_domain::schema::default_fields;

    use super::*;

    #[test]
    fn only_file_columns_are_offered_and_empty_requests_ask_nothing() {
        let field = |key: &str| default_fields().into_iter().find(|f| f.key == key).unwrap();
        let columns = vec![
            Column {
                field: field("name"),
                source: Source::Column(0),
                heading: "Navn".into(),
            },
            Column {
                field: field("customer_group"),
                source: Source::Fixed("Kjøpere".into()),
                heading: String::new(),
            },
            Column {
                field: field("unit"),
                source: Source::Column(3),
                heading: "Bolig".into(),
            },
        ];
        assert_eq!(columns_offered(&columns), [0, 2]);
        assert_eq!(replace("", "B-", false), None);
        assert_eq!(
            replace("b-", "B-", true),
            Some(BulkEdit::Replace {
                find: "b-".into(),
                with: "B-".into(),
                whole_cell: true
            })
        );
        assert_eq!(fill_empty("  "), None);
        assert_eq!(
            fill_empty(" NO "),
            Some(BulkEdit::FillEmpty { value: "NO".into() })
        );
    }
}
