//! The wizard's steps: their order, and the names a portal and the page see.

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Project,
    File,
    Header,
    Mapping,
    Review,
    Save,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Project,
        Step::File,
        Step::Header,
        Step::Mapping,
        Step::Review,
        Step::Save,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The step's name in the events a portal receives, and in its heading's id.
    pub fn name(self) -> &'static str {
        match self {
            Step::Project => "project",
            Step::File => "file",
            Step::Header => "header",
            Step::Mapping => "mapping",
            Step::Review => "review",
            Step::Save => "save",
        }
    }

    /// The id of the step's heading, which takes the focus when the step opens.
    pub fn heading_id(self) -> String {
        format!("{}-heading", self.name())
    }

    pub fn previous(self) -> Option<Step> {
        Step::ALL.get(self.index().checked_sub(1)?).copied()
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }
}

/// What the wizard is doing that limits where the user may go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Busy {
    /// Rows are being sent.
    pub saving: bool,
    /// Rows were sent and their answer is awaited: the review holding them must stay
    /// (rebuilding it, or choosing another project, could create them twice).
    pub awaiting: bool,
    /// Rows of this review were created: a review built again from the same reading
    /// (another header row or mapping) would offer them as ready and send them again,
    /// so header and mapping close. Project and file stay open: choosing them starts
    /// another import on purpose.
    pub created: bool,
}

/// Whether the user may go from `here` back to `to`, by Back or the step bar: only to
/// a step already done, never while saving, not behind the review while rows await
/// their answer, and not to header or mapping once some were created.
pub fn may_go_back(here: Step, to: Step, busy: Busy) -> bool {
    let rebuilds_this_review = matches!(to, Step::Header | Step::Mapping);
    to < here
        && !busy.saving
        && (!busy.awaiting || to >= Step::Review)
        && !(busy.created && rebuilds_this_review)
}

/// What the review's Continue does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReviewNext {
    /// Saves this many rows.
    Save(usize),
    /// Nothing is left to send, but this review was saved: shows how that went.
    Result,
    /// Nothing to send, nothing saved yet.
    #[default]
    Nothing,
}

impl ReviewNext {
    pub fn of(to_send: usize, saved: bool) -> ReviewNext {
        match (to_send, saved) {
            (0, true) => ReviewNext::Result,
            (0, false) => ReviewNext::Nothing,
            (n, _) => ReviewNext::Save(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_steps_are_reachable_unless_saving_or_rows_await_their_answer() {
        let idle = Busy::default();
        assert!(may_go_back(Step::Save, Step::Project, idle));
        assert!(may_go_back(Step::Review, Step::Mapping, idle));
        assert!(!may_go_back(Step::Review, Step::Save, idle), "not forward");
        assert!(!may_go_back(Step::Review, Step::Review, idle));
        let saving = Busy {
            saving: true,
            awaiting: true,
            created: false,
        };
        assert!(!may_go_back(Step::Save, Step::Review, saving));
        let awaiting = Busy {
            saving: false,
            awaiting: true,
            created: false,
        };
        assert!(may_go_back(Step::Save, Step::Review, awaiting));
        assert!(!may_go_back(Step::Save, Step::Mapping, awaiting));
        assert!(!may_go_back(Step::Review, Step::File, awaiting));
        // Once rows were created, a review built again would send them again.
        let created = Busy {
            created: true,
            ..Busy::default()
        };
        assert!(may_go_back(Step::Save, Step::Review, created));
        assert!(!may_go_back(Step::Save, Step::Mapping, created));
        assert!(!may_go_back(Step::Review, Step::Header, created));
        // Another file or another project is another import.
        assert!(may_go_back(Step::Save, Step::File, created));
        assert!(may_go_back(Step::Save, Step::Project, created));
    }

    #[test]
    fn a_saved_review_with_nothing_left_leads_to_its_result() {
        assert_eq!(ReviewNext::of(3, true), ReviewNext::Save(3));
        assert_eq!(ReviewNext::of(0, true), ReviewNext::Result);
        assert_eq!(ReviewNext::of(0, false), ReviewNext::Nothing);
    }

    #[test]
    fn steps_follow_one_another_in_order() {
        assert_eq!(Step::Project.previous(), None);
        assert_eq!(Step::Project.next(), Some(Step::File));
        assert_eq!(Step::Review.previous(), Some(Step::Mapping));
        assert_eq!(Step::Save.next(), None);
        for (i, step) in Step::ALL.into_iter().enumerate() {
            assert_eq!(step.index(), i);
        }
        assert_eq!(Step::Mapping.heading_id(), "mapping-heading");
    }
}
