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

/// The column the form works on: the user's pick while the review still offers it,
/// else the first offered (before any pick, or after the review changed).
pub fn column_in_use(offered: &[usize], picked: Option<usize>) -> Option<usize> {
    picked
        .filter(|c| offered.contains(c))
        .or_else(|| offered.first().copied())
}

/// A column as the picker names it: the field, and the file's heading when it says
/// something else.
pub fn column_name(field_label: String, heading: &str) -> String {
    if heading.is_empty() || heading == field_label {
        field_label
    } else {
        format!("{field_label} ({heading})")
    }
}

/// What the form says under it: working, or how many cells the last change made
/// (a change made in an earlier review says nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Working,
    NoneChanged,
    Changed(usize),
}

impl Outcome {
    /// `last`: the review generation a change was made in, and its count.
    pub fn of(busy: bool, last: Option<(u64, usize)>, generation: u64) -> Option<Outcome> {
        if busy {
            return Some(Outcome::Working);
        }
        let (made_in, n) = last?;
        (made_in == generation).then_some(if n == 0 {
            Outcome::NoneChanged
        } else {
            Outcome::Changed(n)
        })
    }
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
        assert_eq!(column_in_use(&[0, 2], None), Some(0));
        assert_eq!(column_in_use(&[0, 2], Some(2)), Some(2));
        assert_eq!(column_in_use(&[0, 2], Some(1)), Some(0), "a pick gone");
        assert_eq!(column_in_use(&[], Some(1)), None);
        assert_eq!(column_name("Bolig".into(), "Bolig"), "Bolig");
        assert_eq!(column_name("Unit".into(), "Leil.nr"), "Unit (Leil.nr)");
        assert_eq!(
            fill_empty(" NO "),
            Some(BulkEdit::FillEmpty { value: "NO".into() })
        );
    }

    #[test]
    fn the_outcome_speaks_of_the_review_it_was_made_in() {
        assert_eq!(Outcome::of(true, Some((1, 3)), 1), Some(Outcome::Working));
        assert_eq!(
            Outcome::of(false, Some((1, 3)), 1),
            Some(Outcome::Changed(3))
        );
        assert_eq!(
            Outcome::of(false, Some((1, 0)), 1),
            Some(Outcome::NoneChanged)
        );
        assert_eq!(Outcome::of(false, Some((1, 3)), 2), None, "an older review");
        assert_eq!(Outcome::of(false, None, 2), None);
    }
}
