//! The import's files and the layouts of their headings (issue 29): which files are
//! read and how they group, which layout the header and mapping steps show and what
//! was left of the others, and every file's table and mapping for the review.

use std::collections::BTreeMap;

use customer_import_domain::{
    mapping::several_files::{fields_of_all, file_mapping},
    wire::ImportFile,
};
use customer_import_worker::protocol::{self, TableChoice};
use leptos::prelude::*;

use super::{ImportState, LayoutChoice, MappingInEffect};
use crate::wizard::more_files::OtherFile;

impl ImportState {
    /// Where each file after the first stands, in order.
    pub fn other_files(&self) -> Vec<OtherFile> {
        self.more.states()
    }

    /// The import's files by layout of headings, each layout's first file first: the
    /// layout of the first file, then others in the order picked.
    pub fn layout_groups(&self) -> Vec<Vec<usize>> {
        self.more.groups()
    }

    /// Shows the layout whose first file is `lead` on the header and mapping steps,
    /// keeping the one shown until now as the user left it.
    pub fn view_layout(&self, lead: usize) {
        let here = self.in_view.get_untracked();
        if here == lead {
            return;
        }
        let left = LayoutChoice {
            sheet: self.sheet_choice.get_untracked(),
            skip: self.skip_choice.get_untracked(),
            has_headers: self.has_headers.get_untracked(),
            mapping_choice: self.mapping_choice.get_untracked(),
            seen: untrack(|| self.mapping())
                .map(|effect| (self.table_key.get_untracked().choice, effect)),
        };
        let next = self.layouts.with_untracked(|l| l.get(&lead).cloned());
        let next = next.unwrap_or_default();
        self.layouts.update(|l| {
            l.insert(here, left);
        });
        self.sheet_choice.set(next.sheet);
        self.skip_choice.set(next.skip);
        self.has_headers.set(next.has_headers);
        self.mapping_choice.set(next.mapping_choice);
        self.in_view.set(lead);
    }

    /// Whether the layout whose first file is `lead` was shown and left (or is shown).
    pub fn layout_seen(&self, lead: usize) -> bool {
        lead == self.in_view.get()
            || self
                .layouts
                .with(|l| l.get(&lead).is_some_and(|c| c.seen.is_some()))
    }

    /// The files of the layout the steps show, by index, with their names.
    pub fn files_in_view(&self) -> Vec<(usize, String)> {
        let here = self.in_view.get();
        let group = self
            .layout_groups()
            .into_iter()
            .find(|g| g.contains(&here))
            .unwrap_or_else(|| vec![here]);
        self.named(group)
    }

    /// The first file of a layout the steps have not shown yet, if any.
    pub fn unseen_layout(&self) -> Option<usize> {
        let here = self.in_view.get_untracked();
        let groups = untrack(|| self.layout_groups());
        self.layouts.with_untracked(|l| {
            groups
                .iter()
                .map(|g| g[0])
                .find(|lead| *lead != here && l.get(lead).is_none_or(|c| c.seen.is_none()))
        })
    }

    /// Every layout's first file, its table and its mapping in effect, the one in view
    /// as it stands; `None` while a layout was never shown.
    pub(super) fn seen_layouts(&self) -> Option<Vec<(usize, TableChoice, MappingInEffect)>> {
        let here = self.in_view.get_untracked();
        let groups = untrack(|| self.layout_groups());
        groups
            .iter()
            .map(|g| {
                let lead = g[0];
                if lead == here {
                    let effect = untrack(|| self.mapping())?;
                    return Some((lead, self.table_key.get_untracked().choice, effect));
                }
                let seen = self
                    .layouts
                    .with_untracked(|l| l.get(&lead)?.seen.clone())?;
                Some((lead, seen.0, seen.1))
            })
            .collect()
    }

    /// Every file's table and the mapping its rows are read with, in file order: its
    /// layout's header choice (on its own sheet) and mapping, with its own values for
    /// the whole file; every file with every field any file's mapping or values give,
    /// and what the import does with customers that exist as `chosen` says.
    pub(super) fn review_files(
        &self,
        layouts: &[(usize, TableChoice, MappingInEffect)],
        chosen: &MappingInEffect,
    ) -> Vec<protocol::ReviewFile> {
        let groups = untrack(|| self.layout_groups());
        let values = self.file_values.get_untracked();
        let all = fields_of_all(layouts.iter().map(|(_, _, e)| &e.mapping))
            .into_iter()
            .chain(values.iter().flat_map(|v| v.keys().cloned()))
            .collect();
        let no_values = BTreeMap::new();
        let mut files: Vec<protocol::ReviewFile> = groups
            .iter()
            .zip(layouts)
            .flat_map(|(group, (lead, choice, effect))| {
                group
                    .iter()
                    .map(move |&file| (file, *lead, *choice, effect))
            })
            .map(|(file, lead, choice, effect)| {
                let sheet = if file == lead {
                    choice.sheet
                } else {
                    self.default_sheet(file)
                };
                let mut mapping = file_mapping(
                    &effect.mapping,
                    values.get(file).unwrap_or(&no_values),
                    &all,
                );
                mapping.mode = chosen.mapping.mode;
                protocol::ReviewFile {
                    choice: TableChoice {
                        file,
                        sheet,
                        ..choice
                    },
                    mapping,
                }
            })
            .collect();
        files.sort_by_key(|f| f.choice.file);
        files
    }

    /// The sheet the wizard reads of the import's `file`th file.
    fn default_sheet(&self, file: usize) -> usize {
        let summary = match file {
            0 => untrack(|| self.opened()),
            _ => untrack(|| self.more.summary(file)).and_then(Result::ok),
        };
        summary.map_or(0, |s| s.default_sheet)
    }

    fn named(&self, files: impl IntoIterator<Item = usize>) -> Vec<(usize, String)> {
        self.files.with(|picked| {
            files
                .into_iter()
                .filter_map(|i| Some((i, picked.get(i)?.name.clone())))
                .collect()
        })
    }

    /// The files of the review with their rows, for the import's history, when it has
    /// several; none with one.
    pub fn reviewed_file_rows(&self) -> Vec<ImportFile> {
        let files = self.reviewed_files();
        if files.len() < 2 {
            return Vec::new();
        }
        let rows = self.file_rows.get_value();
        files
            .into_iter()
            .zip(rows)
            .map(|((_, name), rows)| ImportFile {
                name,
                rows: rows as u64,
            })
            .collect()
    }

    /// The files of the review, by index, with their names, in file order.
    pub fn reviewed_files(&self) -> Vec<(usize, String)> {
        let files = self
            .review_inputs
            .with_value(|i| {
                i.as_ref()
                    .map(|i| i.files.iter().map(|f| f.choice.file).collect())
            })
            .unwrap_or_else(|| vec![0]);
        self.named(files)
    }
}
