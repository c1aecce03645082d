//! Several files in one import (issue 29), as the seeds' administrators prepare them:
//! one file per customer group or account manager. Files whose headings have the same
//! layout ([`super::signature`]) share one header choice and one mapping; each file
//! may have its own values for the whole file (its customer group, its account
//! manager); and every file is reviewed with the same columns, so the review is one
//! list of rows whatever file they come from.

use std::collections::{BTreeMap, BTreeSet};

use super::{Mapping, Source};

/// The files, by their index, grouped by the layout of their headings, in the order
/// each layout first occurs; a file without a layout (it could not be read) is in no
/// group.
pub fn layout_groups<S: PartialEq>(layouts: &[Option<S>]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(&S, Vec<usize>)> = Vec::new();
    for (file, layout) in layouts.iter().enumerate() {
        let Some(layout) = layout else { continue };
        match groups.iter_mut().find(|(l, _)| *l == layout) {
            Some((_, files)) => files.push(file),
            None => groups.push((layout, vec![file])),
        }
    }
    groups.into_iter().map(|(_, files)| files).collect()
}

/// The fields any of `mappings` takes a value for: the columns every file of the
/// import is reviewed with.
pub fn fields_of_all<'a>(mappings: impl IntoIterator<Item = &'a Mapping>) -> BTreeSet<String> {
    mappings
        .into_iter()
        .flat_map(|m| m.fields.keys().cloned())
        .collect()
}

/// The mapping one file is reviewed with: its layout's `mapping`, with the file's own
/// values for the whole file in place of what the layout maps for those fields, and
/// every field of `all` the file has nothing for as an empty value for the whole file,
/// so that its rows have the column (to fill in by hand) like every other file's.
pub fn file_mapping(
    mapping: &Mapping,
    whole_file: &BTreeMap<String, String>,
    all: &BTreeSet<String>,
) -> Mapping {
    let mut file = mapping.clone();
    for (field, value) in whole_file {
        file.set_fixed(field, value);
    }
    for field in all {
        file.fields
            .entry(field.clone())
            .or_insert_with(|| Source::Fixed(String::new()));
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_one_layout_share_a_group_in_the_order_first_seen() {
        let layouts = [Some("a"), Some("b"), None, Some("a"), Some("c"), Some("b")];
        assert_eq!(
            layout_groups(&layouts),
            vec![vec![0, 3], vec![1, 5], vec![4]]
        );
        assert!(layout_groups::<&str>(&[None, None]).is_empty());
    }

    #[test]
    fn a_files_own_values_win_and_every_file_gets_every_column() {
        let mut shared = Mapping::default();
        shared.set_column("name", 0);
        shared.set_column("unit", 1);
        shared.set_column("customer_group", 2);
        let mut other = Mapping::default();
        other.set_column("name", 0);
        other.set_column("phone", 1);
        let all = fields_of_all([&shared, &other]);
        assert_eq!(
            all.iter().map(String::as_str).collect::<Vec<_>>(),
            ["customer_group", "name", "phone", "unit"]
        );
        let own = BTreeMap::from([
            ("customer_group".to_owned(), "Styret".to_owned()),
            ("account_manager".to_owned(), "Kari".to_owned()),
        ]);
        let file = file_mapping(&shared, &own, &all);
        assert_eq!(file.fields["name"], Source::Column(0));
        assert_eq!(file.fields["unit"], Source::Column(1));
        // The file's group is its own, not the layout's column.
        assert_eq!(
            file.fields["customer_group"],
            Source::Fixed("Styret".into())
        );
        assert_eq!(file.fields["account_manager"], Source::Fixed("Kari".into()));
        // A column the other layout maps is here, empty.
        assert_eq!(file.fields["phone"], Source::Fixed(String::new()));
        let bare = file_mapping(&other, &BTreeMap::new(), &all);
        assert_eq!(bare.fields["unit"], Source::Fixed(String::new()));
        assert_eq!(bare.fields["phone"], Source::Column(1));
    }
}
