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

#[cfg(test)]
mod tests {
    use super::*;

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
