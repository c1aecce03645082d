//! A mapped column's spellings that name no item of its field's list, and the user's
//! choice for each applied to every row holding it (issue 29; the matching itself is
//! `customer_import_domain::mapping::list_values`). A spelling mapped to an item is a
//! whole-cell replace, as [`super::bulk::BulkEdit`] makes one but for every spelling in
//! one pass over the rows (ten thousand spellings are not ten thousand passes): the rows
//! change as an edit would change them, are checked again, and keep the fix when left
//! out and taken back in.

use std::collections::HashMap;

use customer_import_domain::mapping::{
    Source,
    list_values::{FieldChoices, Spelling, ValueChoice, index_for, spellings},
};

use super::Review;

impl Review {
    /// The spellings in `column` that its field's list has no item for, the most rows
    /// first, each with its suggestion; empty when the field takes no list the project
    /// gives, or the column is a value for the whole file.
    pub fn spellings(&self, column: usize) -> Vec<Spelling> {
        let Some(c) = self.values.columns.get(column) else {
            return Vec::new();
        };
        if !matches!(c.source, Source::Column(_)) {
            return Vec::new();
        }
        let Some(index) = index_for(&c.field, &self.setup.lists) else {
            return Vec::new();
        };
        let values = (0..self.rows.len()).map(|row| self.value(row, column));
        spellings(values, &index)
    }

    /// Applies `choices` to `column`: every row spelled as a choice mapped to an item
    /// takes the item. Returns how many cells changed.
    pub fn choose_values(&mut self, column: usize, choices: &FieldChoices) -> usize {
        // Spaces around a cell's value aside, as a whole-cell replace matches; in one
        // pass over the rows, whatever the number of spellings.
        let items: HashMap<&str, &str> = choices
            .iter()
            .filter_map(|(spelling, choice)| match choice {
                ValueChoice::Item(item) => Some((spelling.trim(), item.as_str())),
                ValueChoice::Create | ValueChoice::Leave => None,
            })
            .collect();
        if items.is_empty() {
            return 0;
        }
        self.edit_cells(column, |value| {
            let item = items.get(value.trim())?;
            (*item != value).then(|| (*item).to_owned())
        })
    }
}
