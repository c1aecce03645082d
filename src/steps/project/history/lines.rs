//! The project's import history as the project step shows it (issue 20): what each
//! import's line says about undoing it, what an undo did, and which rows of an import
//! were not created. Plain data from the server's answers, tested natively; the
//! components only render it.

use customer_import_domain::wire::{
    ImportDetail, ImportSummary, RowOutcome, RowStatus, UndoResult,
};

use crate::i18n::Locale;

/// Whether an import may be undone now, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undoable {
    /// The caller may remove the customers it created.
    Yes,
    /// Already undone, when (unix seconds) and by whom.
    Undone { at: i64, by: String },
    /// The server does not undo imports (`--undo-days 0`).
    Off,
    /// Made longer ago than the server allows: `days` is the limit.
    TooOld { days: u64 },
    /// Someone else's import, and the caller is no organization admin.
    NotYours,
    /// The import created and updated no customer: there is nothing to undo.
    NothingCreated,
}

/// What the history says about undoing `import` at `now` (unix seconds). The server's
/// `can_undo` decides; the reason is told from the rest, in the server's order.
pub fn undoable(import: &ImportSummary, now: i64) -> Undoable {
    if let Some(at) = import.undone_at {
        return Undoable::Undone {
            at,
            by: import.undone_by.clone().unwrap_or_default(),
        };
    }
    if import.created == 0 && import.updated == 0 {
        return Undoable::NothingCreated;
    }
    if import.can_undo && now <= import.undo_until {
        return Undoable::Yes;
    }
    if import.undo_until <= import.created_at {
        Undoable::Off
    } else if now > import.undo_until {
        Undoable::TooOld {
            days: undo_days(import),
        }
    } else {
        Undoable::NotYours
    }
}

/// The server's limit in days, as the import's window shows it.
pub fn undo_days(import: &ImportSummary) -> u64 {
    u64::try_from((import.undo_until - import.created_at) / 86_400).unwrap_or(0)
}

/// A count from the server as the texts take it (never negative).
pub fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// What became of an import's rows, as the save step counted them: the history tells
/// the same numbers the user saw when saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowCounts {
    pub created: u64,
    /// Rows that updated their customer, and rows whose customer had their values.
    pub updated: u64,
    pub unchanged: u64,
    /// Refused by the server, or held back by the browser's checks (never sent).
    pub not_created: u64,
    /// Left out by the user.
    pub left_out: u64,
    /// Customers removed by undoing the import.
    pub removed: u64,
    /// Customers of the import removed by other means (the detail names them).
    pub missing: u64,
}

impl RowCounts {
    pub fn of(import: &ImportSummary) -> RowCounts {
        RowCounts {
            created: count(import.created),
            updated: count(import.updated),
            unchanged: count(import.unchanged),
            not_created: count(import.rejected) + count(import.held_back.unwrap_or(0)),
            left_out: count(import.left_out.unwrap_or(0)),
            removed: count(import.removed),
            missing: count(import.missing),
        }
    }
}

/// One file of an import of several, as its line under the import says it: its place
/// among the import's files, its name, and what its rows did (what the browser held back
/// or the user left out, and what an undo removed, the import's line tells in total).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLine {
    /// From 1, in the order the user chose the files.
    pub number: u64,
    pub name: Option<String>,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Refused by the server.
    pub not_created: u64,
}

/// The lines of an import's files; none for an import of one file.
pub fn file_lines(import: &ImportSummary) -> Vec<FileLine> {
    (1..)
        .zip(&import.files)
        .map(|(number, file)| FileLine {
            number,
            name: file.name.clone(),
            created: count(file.created),
            updated: count(file.updated),
            unchanged: count(file.unchanged),
            not_created: count(file.rejected),
        })
        .collect()
}

/// What an undo did, in counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UndoReport {
    /// Customers this undo removed.
    pub removed: u64,
    /// Customers of the import that were already gone (removed by other means, or
    /// by an earlier undo, which the server refuses before this can happen).
    pub already_removed: u64,
    /// Customers the import updated that got their previous values back.
    pub restored: u64,
    /// The rows whose customers the import updated that changed again since (or are
    /// gone): left as they are, not overwritten.
    pub not_restored: usize,
}

impl UndoReport {
    pub fn of(result: &UndoResult) -> UndoReport {
        UndoReport {
            removed: count(result.removed),
            already_removed: result.already_removed.len() as u64,
            restored: count(result.restored),
            not_restored: result.not_restored.len(),
        }
    }

    /// What the undo did, in words: removed, and already gone when any were; put
    /// back, and not put back (changed again since), when it updated any.
    pub fn text(&self, locale: Locale) -> String {
        let mut parts = Vec::new();
        if self.removed != 0 || self.restored == 0 {
            parts.push(locale.format("undo.removed", &[("n", self.removed.into())]));
        }
        if self.restored != 0 {
            parts.push(locale.format("undo.restored", &[("n", self.restored.into())]));
        }
        let mut text = parts.join(" ");
        if self.not_restored != 0 {
            text.push(' ');
            text.push_str(&locale.format("undo.not_restored", &[("n", self.not_restored.into())]));
        }
        if self.already_removed != 0 {
            text.push(' ');
            text.push_str(&locale.format(
                "undo.already_removed",
                &[("n", self.already_removed.into())],
            ));
        }
        text
    }
}

/// The undo dialog's heading: the question, then whether the server undid it
/// (`answered`: `Some(true)` when it did).
pub fn undo_heading_key(answered: Option<bool>) -> &'static str {
    match answered {
        None => "undo.heading",
        Some(true) => "undo.done_heading",
        Some(false) => "undo.refused_heading",
    }
}

/// The undo dialog's question, for an import with `present` customers left and
/// `updated` customers whose previous values it would put back.
pub fn undo_question(locale: Locale, present: u64, updated: u64) -> String {
    if updated > 0 && present == 0 {
        locale.format("undo.confirm_restore", &[("updated", updated.into())])
    } else if updated > 0 {
        locale.format(
            "undo.confirm_updating",
            &[("n", present.into()), ("updated", updated.into())],
        )
    } else if present == 0 {
        locale.text("undo.none_left")
    } else {
        locale.format("undo.confirm", &[("n", present.into())])
    }
}

/// The rows of an import that updated a customer, with their changes, by row number.
pub fn updated(detail: &ImportDetail) -> Vec<&RowOutcome> {
    let mut rows: Vec<&RowOutcome> = detail
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Updated)
        .collect();
    rows.sort_by_key(|r| r.row);
    rows
}

/// The rows of an import that created no customer, by row number.
pub fn not_created(detail: &ImportDetail) -> Vec<&RowOutcome> {
    let mut rows: Vec<&RowOutcome> = detail
        .rows
        .iter()
        .filter(|r| r.customer_id.is_none() && r.status != RowStatus::Unchanged)
        .collect();
    rows.sort_by_key(|r| r.row);
    rows
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use customer_import_domain::wire::{NotRemoved, RemovalReason, RowStatus};

    use super::*;

    const DAY: i64 = 86_400;

    fn import() -> ImportSummary {
        ImportSummary {
            id: 4,
            user_name: "Ada Admin".into(),
            user_email: "ada@example.no".into(),
            created_at: 1_000 * DAY,
            file_name: Some("kunder.csv".into()),
            created: 3,
            rejected: 1,
            updated: 0,
            unchanged: 0,
            present: 3,
            removed: 0,
            missing: 0,
            file_rows: Some(4),
            held_back: Some(0),
            left_out: Some(0),
            undone_at: None,
            undone_by: None,
            undo_until: 1_014 * DAY,
            can_undo: true,
            files: Vec::new(),
        }
    }

    #[test]
    fn an_import_is_undoable_within_its_days_and_says_why_not_after() {
        let now = 1_001 * DAY;
        assert_eq!(undoable(&import(), now), Undoable::Yes);
        assert_eq!(
            undoable(&import(), 1_015 * DAY),
            Undoable::TooOld { days: 14 }
        );
        let theirs = ImportSummary {
            can_undo: false,
            ..import()
        };
        assert_eq!(undoable(&theirs, now), Undoable::NotYours);
        let undone = ImportSummary {
            undone_at: Some(now),
            undone_by: Some("Kari".into()),
            can_undo: false,
            present: 0,
            removed: 3,
            ..import()
        };
        assert_eq!(
            undoable(&undone, 1_020 * DAY),
            Undoable::Undone {
                at: now,
                by: "Kari".into()
            }
        );
    }

    #[test]
    fn an_import_that_created_nobody_offers_no_undo() {
        let nobody = ImportSummary {
            created: 0,
            present: 0,
            rejected: 4,
            ..import()
        };
        assert_eq!(undoable(&nobody, 1_001 * DAY), Undoable::NothingCreated);
    }

    #[test]
    fn undo_turned_off_on_the_server_is_told_as_such() {
        let off = ImportSummary {
            undo_until: 1_000 * DAY,
            can_undo: false,
            ..import()
        };
        assert_eq!(undoable(&off, 1_000 * DAY), Undoable::Off);
        assert_eq!(undoable(&off, 1_001 * DAY), Undoable::Off);
    }

    #[test]
    fn the_history_counts_rows_as_the_save_step_did() {
        let told = ImportSummary {
            created: 900,
            rejected: 20,
            held_back: Some(80),
            left_out: Some(7),
            removed: 0,
            missing: 2,
            ..import()
        };
        assert_eq!(
            RowCounts::of(&told),
            RowCounts {
                created: 900,
                updated: 0,
                unchanged: 0,
                not_created: 100,
                left_out: 7,
                removed: 0,
                missing: 2,
            }
        );
        // A client that told nothing: what the server knows.
        let silent = ImportSummary {
            held_back: None,
            left_out: None,
            ..told
        };
        assert_eq!(RowCounts::of(&silent).not_created, 20);
        assert_eq!(RowCounts::of(&silent).left_out, 0);
    }

    #[test]
    fn an_undo_counts_what_it_removed_and_what_was_gone_already() {
        let result = UndoResult {
            batch_id: 4,
            removed: 2,
            removed_ids: vec![1, 2],
            already_removed: vec![NotRemoved {
                row: 4,
                customer_id: 3,
                reason: RemovalReason::Missing,
            }],
            restored: 0,
            restored_ids: Vec::new(),
            not_restored: Vec::new(),
            undone_at: 0,
            undone_by: "Ada".into(),
        };
        assert_eq!(
            UndoReport::of(&result),
            UndoReport {
                removed: 2,
                already_removed: 1,
                restored: 0,
                not_restored: 0,
            }
        );
        assert_eq!(
            UndoReport::of(&result).text(Locale::En),
            "2 customers were removed. 1 customer had already been removed."
        );
        let clean = UndoReport {
            removed: 1,
            ..UndoReport::default()
        };
        assert_eq!(clean.text(Locale::En), "1 customer was removed.");
    }

    #[test]
    fn the_undo_dialog_asks_then_says_what_came_of_it() {
        assert_eq!(undo_heading_key(None), "undo.heading");
        assert_eq!(undo_heading_key(Some(true)), "undo.done_heading");
        assert_eq!(undo_heading_key(Some(false)), "undo.refused_heading");
        assert_eq!(
            undo_question(Locale::En, 2, 0),
            "Remove the 2 customers this import created?"
        );
        assert!(undo_question(Locale::En, 0, 0).starts_with("None of the customers"));
    }

    #[test]
    fn an_undo_of_updates_says_what_it_put_back_and_what_changed_again() {
        let updating = ImportSummary {
            created: 0,
            present: 0,
            updated: 3,
            unchanged: 97,
            ..import()
        };
        assert_eq!(undoable(&updating, 1_001 * DAY), Undoable::Yes);
        let counts = RowCounts::of(&updating);
        assert_eq!((counts.updated, counts.unchanged), (3, 97));
        assert_eq!(
            undo_question(Locale::En, 0, 3),
            "Put back the previous values of the 3 customers this import updated?"
        );
        assert_eq!(
            undo_question(Locale::En, 1, 2),
            "Remove the 1 customer this import created and put back the previous values of the 2 customers it updated?"
        );
        let report = UndoReport {
            restored: 2,
            not_restored: 1,
            ..UndoReport::default()
        };
        assert_eq!(
            report.text(Locale::En),
            "2 customers got their previous values back. \
             1 customer was changed again since and was left as it is."
        );
    }

    #[test]
    fn rows_not_created_are_listed_in_file_order() {
        let row = |row, customer_id: Option<i64>| RowOutcome {
            row,
            customer_id,
            errors: Vec::new(),
            removed: None,
            status: if customer_id.is_some() {
                RowStatus::Created
            } else {
                RowStatus::Rejected
            },
            changes: Vec::new(),
        };
        let detail = ImportDetail {
            import: import(),
            rows: vec![row(5, None), row(2, Some(1)), row(3, None)],
            next_from: None,
        };
        let rows: Vec<u64> = not_created(&detail).iter().map(|r| r.row).collect();
        assert_eq!(rows, [3, 5]);
    }

    #[test]
    fn an_import_of_several_files_lists_each_with_its_counts_in_the_users_order() {
        use customer_import_domain::wire::ImportFileCounts;
        assert_eq!(file_lines(&import()), [], "one file: no lines of files");
        let file = |name: Option<&str>, created, rejected, updated| ImportFileCounts {
            name: name.map(str::to_owned),
            rows: created + rejected + updated,
            created,
            rejected,
            updated,
            unchanged: 1,
        };
        let several = ImportSummary {
            files: vec![file(Some("vest.csv"), 2, 1, 0), file(None, 0, 0, 3)],
            ..import()
        };
        assert_eq!(
            file_lines(&several),
            [
                FileLine {
                    number: 1,
                    name: Some("vest.csv".into()),
                    created: 2,
                    updated: 0,
                    unchanged: 1,
                    not_created: 1,
                },
                FileLine {
                    number: 2,
                    name: None,
                    created: 0,
                    updated: 3,
                    unchanged: 1,
                    not_created: 0,
                },
            ]
        );
    }
}
