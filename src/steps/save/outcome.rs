//! How an import stands after saving: the counts the save step and its end show, when
//! the import is over, and the summary the user takes away.

use customer_import_worker::protocol::Counts;

use crate::{
    i18n::Locale,
    steps::save::save_loop::{Phase, Progress},
};

/// Every row of the file in one of four outcomes; "not created" in its two kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub created: usize,
    /// Rows that updated their customer, and rows whose customer had their values
    /// already (issue 28): saved, counted apart from created.
    pub updated: usize,
    pub unchanged: usize,
    /// Refused by the browser's checks or by the server: their reasons are known.
    pub not_created: usize,
    /// Of those, refused by the server (sent, and answered with reasons).
    pub refused: usize,
    /// Of those, held back by the browser's checks: never sent.
    pub held_back: usize,
    /// Ready, or sent without an answer yet: sending (again) settles them.
    pub not_sent: usize,
    /// Left out by the user.
    pub left_out: usize,
}

impl From<Counts> for Tally {
    fn from(c: Counts) -> Tally {
        Tally {
            created: c.created,
            updated: c.updated,
            unchanged: c.unchanged,
            not_created: c.problems + c.rejected,
            refused: c.rejected,
            held_back: c.problems,
            not_sent: c.ready + c.sent,
            left_out: c.excluded,
        }
    }
}

impl Tally {
    /// The one-line count under the progress bar while the import is not over (the
    /// end's list takes its place then): refused and held back apart, as the end has them.
    pub fn line(&self, locale: Locale) -> String {
        let key = if self.updated + self.unchanged > 0 {
            "save.summary_updating"
        } else {
            "save.summary"
        };
        locale.format(
            key,
            &[
                ("created", self.created.into()),
                ("updated", self.updated.into()),
                ("unchanged", self.unchanged.into()),
                ("refused", self.refused.into()),
                ("held_back", self.held_back.into()),
                ("unsent", self.not_sent.into()),
            ],
        )
    }

    /// Each outcome with its name, in the order the end and its summary list them:
    /// rows refused by the server apart from rows held back unsent; "left out" only
    /// when the user left rows out, updated and unchanged only when there are any.
    /// Each is named by its text key (`end.created`, …).
    pub fn rows(&self) -> Vec<(&'static str, usize)> {
        let mut rows = vec![("end.created", self.created)];
        if self.updated + self.unchanged > 0 {
            rows.push(("end.updated", self.updated));
            rows.push(("end.unchanged", self.unchanged));
        }
        rows.extend([
            ("end.refused", self.refused),
            ("end.held_back", self.held_back),
            ("end.not_sent", self.not_sent),
        ]);
        if self.left_out > 0 {
            rows.push(("end.left_out", self.left_out));
        }
        rows
    }
}

impl Tally {
    /// The count named `key`, one of [`Tally::rows`]' names.
    pub fn count(&self, key: &str) -> usize {
        match key {
            "end.created" => self.created,
            "end.updated" => self.updated,
            "end.unchanged" => self.unchanged,
            "end.refused" => self.refused,
            "end.held_back" => self.held_back,
            "end.not_sent" => self.not_sent,
            "end.left_out" => self.left_out,
            _ => 0,
        }
    }
}

/// The import is over when a run has ended and no row is left to send: what is not
/// created now needs the user (fixing, or taking the failed rows away).
pub fn is_over(progress: &Progress, counts: Counts) -> bool {
    !progress.is_running() && progress.phase != Phase::Idle && counts.ready + counts.sent == 0
}

/// The line under the progress bar: how many rows are answered, and how the run
/// stands (retrying, stopped, failed and why); nothing before the first run.
pub fn status_line(locale: Locale, progress: &Progress) -> String {
    let answered = locale.format(
        "save.progress",
        &[
            ("done", progress.done.into()),
            ("total", progress.total.into()),
        ],
    );
    match &progress.phase {
        Phase::Idle => String::new(),
        Phase::Sending => answered,
        Phase::Retrying => format!("{answered} {}", locale.text("save.retrying")),
        Phase::Cancelled => format!("{answered} {}", locale.text("save.cancelled")),
        Phase::Finished => locale.text("save.finished"),
        Phase::Failed(key) => format!("{answered} {}", locale.text(key)),
    }
}

/// The button that sends what is left: corrected rows, or (when answers were lost)
/// the same rows again.
pub fn send_again_text(locale: Locale, counts: Counts) -> String {
    let key = if counts.sent > 0 {
        "save.resume"
    } else {
        "save.send_again"
    };
    locale.format(key, &[("n", (counts.ready + counts.sent).into())])
}

/// What was imported, as a text file to keep: project, file, when, and the counts.
pub fn summary_text(
    locale: Locale,
    project: &str,
    file: &str,
    saved_at: &str,
    tally: Tally,
) -> String {
    let mut lines = vec![
        locale.text("end.summary_title"),
        String::new(),
        format!("{}: {project}", locale.text("end.project")),
        format!("{}: {file}", locale.text("end.file")),
        format!("{}: {saved_at}", locale.text("end.saved_at")),
        String::new(),
    ];
    lines.extend(
        tally
            .rows()
            .into_iter()
            .map(|(key, n)| format!("{}: {}", locale.text(key), locale.number(n as u64))),
    );
    // CRLF and a final line end, as Notepad expects.
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> Counts {
        Counts {
            ready: 2,
            problems: 1,
            excluded: 0,
            sent: 1,
            created: 5,
            rejected: 1,
            ..Counts::default()
        }
    }

    #[test]
    fn unsent_refused_and_held_back_rows_are_counted_apart() {
        let tally = Tally::from(counts());
        assert_eq!(
            tally,
            Tally {
                created: 5,
                updated: 0,
                unchanged: 0,
                not_created: 2,
                refused: 1,
                held_back: 1,
                not_sent: 3,
                left_out: 0
            }
        );
        assert_eq!(
            tally.line(Locale::En),
            "5 created · 1 refused · 1 to fix · 3 not sent"
        );
    }

    #[test]
    fn updated_and_unchanged_rows_are_counted_apart_from_created_when_there_are_any() {
        let tally = Tally::from(Counts {
            created: 1,
            updated: 3,
            unchanged: 96,
            ..Counts::default()
        });
        assert_eq!(
            tally.line(Locale::En),
            "1 created · 3 updated · 96 unchanged · 0 refused · 0 to fix · 0 not sent"
        );
        let names: Vec<_> = tally.rows().into_iter().map(|(k, _)| k).collect();
        assert_eq!(names[..3], ["end.created", "end.updated", "end.unchanged"]);
        assert!(
            !Tally::from(counts())
                .rows()
                .iter()
                .any(|(k, _)| *k == "end.updated")
        );
    }

    #[test]
    fn the_import_is_over_once_a_run_ended_with_nothing_left_to_send() {
        let ended = |phase| Progress {
            phase,
            total: 3,
            done: 3,
        };
        let settled = Counts {
            ready: 0,
            sent: 0,
            ..counts()
        };
        assert!(is_over(&ended(Phase::Finished), settled));
        assert!(is_over(&ended(Phase::Cancelled), settled));
        assert!(
            !is_over(&ended(Phase::Cancelled), counts()),
            "rows still to send"
        );
        assert!(!is_over(&ended(Phase::Sending), settled));
        assert!(!is_over(&Progress::default(), settled), "never saved");
    }

    #[test]
    fn the_status_says_how_the_run_stands_and_the_button_what_it_sends() {
        let at = |phase| Progress {
            phase,
            total: 4,
            done: 2,
        };
        assert_eq!(status_line(Locale::En, &Progress::default()), "");
        assert_eq!(
            status_line(Locale::En, &at(Phase::Sending)),
            "2 of 4 rows answered."
        );
        assert_eq!(
            status_line(Locale::En, &at(Phase::Retrying)),
            "2 of 4 rows answered. No answer yet; trying again…"
        );
        assert_eq!(status_line(Locale::En, &at(Phase::Finished)), "Done.");
        assert_eq!(
            status_line(Locale::En, &at(Phase::Failed("save.rows_not_taken".into()))),
            "2 of 4 rows answered. Some ready rows could not be prepared for sending. \
             Reload the page and try again."
        );
        let corrected = Counts {
            sent: 0,
            ..counts()
        };
        assert_eq!(
            send_again_text(Locale::En, corrected),
            "Send 2 corrected rows"
        );
        assert_eq!(
            send_again_text(Locale::En, counts()),
            "Send again (3 rows)",
            "rows whose answer was lost go again"
        );
    }

    #[test]
    fn the_summary_names_the_project_the_file_and_every_outcome() {
        let tally = Tally {
            created: 3,
            updated: 0,
            unchanged: 0,
            not_created: 1,
            refused: 1,
            held_back: 0,
            not_sent: 0,
            left_out: 2,
        };
        let text = summary_text(
            Locale::Nb,
            "Fjordparken",
            "kunder.csv",
            "30.11.2026 05:00",
            tally,
        );
        assert_eq!(
            text,
            "Kundeimport – sammendrag\r\n\r\n\
             Prosjekt: Fjordparken\r\n\
             Fil: kunder.csv\r\n\
             Lagret: 30.11.2026 05:00\r\n\r\n\
             Opprettet: 3\r\n\
             Avvist av serveren: 1\r\n\
             Holdt tilbake, må rettes: 0\r\n\
             Ikke sendt: 0\r\n\
             Utelatt: 2\r\n"
        );
    }
}
