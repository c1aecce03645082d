//! How a review row looks and whether it can change, as plain Rust: its state's name,
//! its class, and why a row is locked. The customers table renders these.

use customer_import_worker::protocol::{Locked, Plan, RowState, RowView};

/// The text key of a row's state, also its badge's `data-state`. A sent row is
/// "waiting for the answer" while the rows are being sent (`saving`), and "sent, no
/// answer" only once sending has stopped without one: a slow answer is not a lost one.
pub fn state_key(state: RowState, saving: bool) -> &'static str {
    match state {
        RowState::Ready => "rows.ready",
        RowState::Problems => "rows.problems",
        RowState::Excluded => "rows.excluded",
        RowState::Sent if saving => "rows.waiting",
        RowState::Sent => "rows.sent",
        RowState::Created => "rows.created",
        RowState::Rejected => "rows.rejected",
        RowState::Updated => "rows.updated",
        RowState::Unchanged => "rows.unchanged",
    }
}

/// The text key of a row's badge: its state's ([`state_key`]), except that a ready
/// row of an import that updates says what saving it will do, and a row whose
/// customer changed since it was compared says so.
pub fn badge_key(row: &RowView, saving: bool) -> &'static str {
    match (row.state, row.plan) {
        (RowState::Ready, Some(Plan::New)) => "rows.will_create",
        (RowState::Ready, Some(Plan::Update)) => "rows.will_update",
        (RowState::Ready, Some(Plan::Unchanged)) => "rows.will_stay",
        (RowState::Rejected, _) if row.changed_since => "rows.changed_since",
        (state, _) => state_key(state, saving),
    }
}

/// What a sent row says of itself beside its state, as [`state_key`] decides.
pub fn sent_note_key(saving: bool) -> &'static str {
    if saving {
        "rows.locked.waiting"
    } else {
        locked_key(Locked::AwaitingAnswer)
    }
}

/// Why a row cannot be changed, in words.
pub fn locked_key(why: Locked) -> &'static str {
    match why {
        Locked::Created => "rows.locked.created",
        Locked::Updated => "rows.locked.updated",
        Locked::AwaitingAnswer => "rows.locked.sent",
    }
}

/// The row's class: its colour and strike-through follow its state.
pub fn row_class(state: Option<RowState>) -> &'static str {
    match state {
        Some(RowState::Created | RowState::Updated | RowState::Unchanged) => {
            "rows__tr rows__tr--created"
        }
        Some(RowState::Rejected | RowState::Problems) => "rows__tr rows__tr--problems",
        Some(RowState::Excluded) => "rows__tr rows__tr--excluded",
        Some(RowState::Sent) => "rows__tr rows__tr--sent",
        _ => "rows__tr",
    }
}

/// A created row never changes, and one awaiting its answer may already be created.
pub fn is_locked(state: RowState) -> bool {
    matches!(
        state,
        RowState::Created | RowState::Sent | RowState::Updated | RowState::Unchanged
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_and_sent_rows_are_locked_and_say_so() {
        for state in [RowState::Created, RowState::Sent] {
            assert!(is_locked(state), "{state:?}");
        }
        for state in [
            RowState::Ready,
            RowState::Problems,
            RowState::Excluded,
            RowState::Rejected,
        ] {
            assert!(!is_locked(state), "{state:?}");
        }
        assert_eq!(
            row_class(Some(RowState::Rejected)),
            row_class(Some(RowState::Problems))
        );
        assert_eq!(row_class(None), "rows__tr");
        assert_eq!(locked_key(Locked::AwaitingAnswer), "rows.locked.sent");
    }

    #[test]
    fn a_ready_row_of_an_updating_import_says_what_saving_does() {
        let row = |state, plan, changed_since| RowView {
            file: 0,
            row: 0,
            number: 2,
            state,
            cells: Vec::new(),
            other: Vec::new(),
            plan,
            changes: Vec::new(),
            changed_since,
        };
        let badge = |state, plan| badge_key(&row(state, plan, false), false);
        assert_eq!(badge(RowState::Ready, None), "rows.ready");
        assert_eq!(badge(RowState::Ready, Some(Plan::New)), "rows.will_create");
        assert_eq!(
            badge(RowState::Ready, Some(Plan::Update)),
            "rows.will_update"
        );
        assert_eq!(
            badge(RowState::Ready, Some(Plan::Unchanged)),
            "rows.will_stay"
        );
        assert_eq!(
            badge(RowState::Problems, Some(Plan::Update)),
            "rows.problems"
        );
        assert_eq!(badge(RowState::Updated, Some(Plan::Update)), "rows.updated");
        assert_eq!(
            badge_key(&row(RowState::Rejected, Some(Plan::Update), true), false),
            "rows.changed_since"
        );
        for state in [RowState::Updated, RowState::Unchanged] {
            assert!(is_locked(state));
        }
    }

    #[test]
    fn a_sent_row_waits_while_saving_and_says_no_answer_only_after() {
        assert_eq!(state_key(RowState::Sent, true), "rows.waiting");
        assert_eq!(sent_note_key(true), "rows.locked.waiting");
        assert_eq!(state_key(RowState::Sent, false), "rows.sent");
        assert_eq!(sent_note_key(false), "rows.locked.sent");
        // Only a sent row's words depend on whether rows are being sent.
        for state in [RowState::Ready, RowState::Problems, RowState::Created] {
            assert_eq!(state_key(state, true), state_key(state, false));
        }
    }
}
