//! What Continue offers and does on each step, as plain Rust: whether it may be
//! pressed, what it says, and where it leads. The wizard's component only asks.

use super::step::{ReviewNext, Step};

/// What the wizard knows about the import when it decides whether Continue may be
/// pressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Readiness {
    pub project_chosen: bool,
    pub file_opened: bool,
    /// The sheet and header choice make a table.
    pub table_read: bool,
    /// The row taken as headings reads like a customer, and the user has not said
    /// whether it is headings.
    pub headings_in_doubt: bool,
    /// The project's fields are known, no check is running and some field is mapped.
    pub mapping_usable: bool,
    pub review_next: ReviewNext,
    /// Rows are being sent.
    pub saving: bool,
    /// Rows wait for the portal's own check (issue 30): they are not sent before it
    /// answered, so saving waits.
    pub awaiting_host: bool,
}

/// Whether Continue may be pressed on `step`.
pub fn can_continue(step: Step, ready: Readiness) -> bool {
    match step {
        Step::Project => ready.project_chosen,
        Step::File => ready.file_opened,
        Step::Header => ready.table_read && !ready.headings_in_doubt,
        Step::Mapping => ready.mapping_usable,
        Step::Review => {
            ready.review_next != ReviewNext::Nothing && !ready.saving && !ready.awaiting_host
        }
        Step::Save => false,
    }
}

/// What Continue says: the review's names what it will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContinueLabel {
    Continue,
    /// "Save N customers".
    Save(usize),
    /// "See the result": saved already, nothing left to send.
    Result,
    /// "Waiting for the portal's check of N rows": saving waits for it.
    AwaitingHost(usize),
}

impl ContinueLabel {
    /// `awaiting`: rows the portal's own check has not answered for.
    pub fn of(step: Step, review_next: ReviewNext, awaiting: usize) -> ContinueLabel {
        match (step, review_next) {
            (Step::Review, ReviewNext::Save(_) | ReviewNext::Nothing) if awaiting > 0 => {
                ContinueLabel::AwaitingHost(awaiting)
            }
            (Step::Review, ReviewNext::Save(n)) => ContinueLabel::Save(n),
            (Step::Review, ReviewNext::Nothing) => ContinueLabel::Save(0),
            (Step::Review, ReviewNext::Result) => ContinueLabel::Result,
            _ => ContinueLabel::Continue,
        }
    }
}

/// What pressing Continue does, and the step it leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forward {
    /// Opens the step.
    Open(Step),
    /// Checks every row in the worker; the step opens once they are checked.
    CheckThenOpen(Step),
    /// Shows the next layout of headings not mapped yet (several files, issue 29) on
    /// the step: its header, then its mapping.
    NextLayout(Step),
    /// Starts saving and opens the step that shows it.
    SaveThenOpen(Step),
}

/// Where Continue leads from `here`; `None` on the last step. From the mapping, a
/// layout of the import's files not mapped yet (`layout_left`) comes before the review.
pub fn forward(here: Step, review_next: ReviewNext, layout_left: bool) -> Option<Forward> {
    let next = here.next()?;
    Some(match here {
        Step::Mapping if layout_left => Forward::NextLayout(Step::Header),
        Step::Mapping => Forward::CheckThenOpen(next),
        // Saved already with nothing left: the result is shown, nothing sent.
        Step::Review if review_next == ReviewNext::Result => Forward::Open(next),
        Step::Review => Forward::SaveThenOpen(next),
        _ => Forward::Open(next),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continue_waits_for_what_each_step_needs() {
        let none = Readiness::default();
        for step in Step::ALL {
            assert!(!can_continue(step, none), "{step:?} with nothing done");
        }
        let done = Readiness {
            project_chosen: true,
            file_opened: true,
            table_read: true,
            headings_in_doubt: false,
            mapping_usable: true,
            review_next: ReviewNext::Save(3),
            saving: false,
            awaiting_host: false,
        };
        for step in [
            Step::Project,
            Step::File,
            Step::Header,
            Step::Mapping,
            Step::Review,
        ] {
            assert!(can_continue(step, done), "{step:?}");
        }
        assert!(
            !can_continue(Step::Save, done),
            "the last step has no Continue"
        );
        let saving = Readiness {
            saving: true,
            ..done
        };
        assert!(
            !can_continue(Step::Review, saving),
            "not while rows are sent"
        );
        let awaiting = Readiness {
            awaiting_host: true,
            ..done
        };
        assert!(
            !can_continue(Step::Review, awaiting),
            "not before the portal's check answered"
        );
        let result = Readiness {
            review_next: ReviewNext::Result,
            ..done
        };
        assert!(
            can_continue(Step::Review, result),
            "to see how the save went"
        );
    }

    #[test]
    fn the_reviews_continue_says_and_does_what_is_left() {
        assert_eq!(
            ContinueLabel::of(Step::Review, ReviewNext::Save(20), 0),
            ContinueLabel::Save(20)
        );
        assert_eq!(
            ContinueLabel::of(Step::Review, ReviewNext::Nothing, 0),
            ContinueLabel::Save(0)
        );
        assert_eq!(
            ContinueLabel::of(Step::Review, ReviewNext::Result, 0),
            ContinueLabel::Result
        );
        assert_eq!(
            ContinueLabel::of(Step::Review, ReviewNext::Save(20), 3),
            ContinueLabel::AwaitingHost(3)
        );
        assert_eq!(
            ContinueLabel::of(Step::File, ReviewNext::Save(20), 0),
            ContinueLabel::Continue
        );
        assert_eq!(
            forward(Step::Review, ReviewNext::Save(2), false),
            Some(Forward::SaveThenOpen(Step::Save))
        );
        assert_eq!(
            forward(Step::Review, ReviewNext::Result, false),
            Some(Forward::Open(Step::Save))
        );
        assert_eq!(
            forward(Step::Mapping, ReviewNext::Nothing, false),
            Some(Forward::CheckThenOpen(Step::Review))
        );
        assert_eq!(
            forward(Step::Project, ReviewNext::Nothing, false),
            Some(Forward::Open(Step::File))
        );
        assert_eq!(forward(Step::Save, ReviewNext::Nothing, false), None);
        assert_eq!(
            forward(Step::Mapping, ReviewNext::Nothing, true),
            Some(Forward::NextLayout(Step::Header)),
            "another file's headings are mapped before the review"
        );
        assert_eq!(
            forward(Step::Header, ReviewNext::Nothing, true),
            Some(Forward::Open(Step::Mapping))
        );
    }
}
