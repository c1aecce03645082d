//! How a review row looks and whether it can change, as plain Rust: its state's name,
//! its class, and why a row is locked. The customers table renders these.

use customer_import_worker::protocol::{Locked, RowState};

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
        Locked::AwaitingAnswer => "rows.locked.sent",
    }
}

/// The row's class: its colour and strike-through follow its state.
pub fn row_class(state: Option<RowState>) -> &'static str {
    match state {
        Some(RowState::Created) => "rows__tr rows__tr--created",
        Some(RowState::Rejected | RowState::Problems) => "rows__tr rows__tr--problems",
        Some(RowState::Excluded) => "rows__tr rows__tr--excluded",
        Some(RowState::Sent) => "rows__tr rows__tr--sent",
        _ => "rows__tr",
    }
}

/// A created row never changes, and one awaiting its answer may already be created.
pub fn is_locked(state: RowState) -> bool {
    matches!(state, RowState::Created | RowState::Sent)
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
