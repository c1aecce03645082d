//! A row's problems as the customers grid sums them up and walks through them, as
//! plain Rust: where a row's problems are ([`spots`]), which of them fit beside its
//! state ([`shown_spots`]), and the order "next problem" visits them in, first among
//! the rows fetched ([`next_among`]), then, past them, through the worker
//! ([`Bisect`]).
//!
//! A row's problems are visited left to right (those not tied to a column first, on
//! the row's own cell), the rows top to bottom, and after the last one the search
//! starts again from the top.

use customer_import_worker::protocol::RowState;
use customer_import_worker::protocol::RowView;

use crate::steps::review::grid_keys::Cell;

/// Where a problem of a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spot {
    /// Not tied to one of the row's columns ("needs a name"): on the row's own cell.
    Row,
    /// On a mapped column.
    Column(usize),
}

impl Spot {
    /// The grid column the problem is shown in: the row's cell is the first, the
    /// mapped columns follow.
    pub fn col(self) -> usize {
        match self {
            Spot::Row => 0,
            Spot::Column(c) => c + 1,
        }
    }
}

/// Whether "next problem" stops at the row: rows still to fix, not those left out,
/// created or awaiting their answer.
pub fn to_fix(row: &RowView) -> bool {
    matches!(row.state, RowState::Problems | RowState::Rejected)
}

/// Where the row's problems are, in the order they are visited.
pub fn spots(row: &RowView) -> Vec<Spot> {
    let own = (!row.other.is_empty()).then_some(Spot::Row);
    let columns = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, cell)| !cell.problems.is_empty())
        .map(|(c, _)| Spot::Column(c));
    own.into_iter().chain(columns).collect()
}

/// Of the columns with problems, named by `names`, those whose names fit in `room`
/// characters beside the row's state (at least one), and how many more there are.
pub fn shown_spots(columns: &[(Spot, String)], room: usize) -> (usize, usize) {
    let mut used = 0;
    let mut shown = 0;
    for (_, name) in columns {
        // A button's name with its padding and the gap after it.
        let width = name.chars().count() + 3;
        if shown > 0 && used + width > room {
            break;
        }
        used += width;
        shown += 1;
    }
    (shown, columns.len() - shown)
}

/// The first problem of the row at `position` after column `after` (from its start
/// when `None`), as a cell.
pub fn next_in_row(row: &RowView, position: usize, after: Option<usize>) -> Option<Cell> {
    if !to_fix(row) {
        return None;
    }
    let spots = spots(row);
    let col = match after {
        None => spots.first().map(|s| s.col()).unwrap_or(0),
        Some(after) => spots.iter().map(|s| s.col()).find(|&c| c > after)?,
    };
    Some(Cell { row: position, col })
}

/// The next problem after `from` among the rows fetched (`(position, row)` in list
/// order), without going back to the start of the list.
pub fn next_among<'a>(
    rows: impl IntoIterator<Item = (usize, &'a RowView)>,
    from: Cell,
) -> Option<Cell> {
    rows.into_iter().find_map(|(position, row)| {
        if position < from.row {
            None
        } else if position == from.row {
            next_in_row(row, position, Some(from.col))
        } else {
            next_in_row(row, position, None)
        }
    })
}

/// Finds in a list of the rows with problems (by their index in the review,
/// ascending) the first at or after a review row, asking one entry at a time: a
/// million rows take twenty questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bisect {
    /// The answer lies in `low..=high`; `high` is the list's length when no entry is
    /// at or after the row.
    low: usize,
    high: usize,
    from: usize,
}

impl Bisect {
    /// For a list of `len` entries, the first entry whose row is `from` or later.
    pub fn new(len: usize, from: usize) -> Bisect {
        Bisect {
            low: 0,
            high: len,
            from,
        }
    }

    /// The list position to ask about next, or `None` once found.
    pub fn probe(&self) -> Option<usize> {
        (self.low < self.high).then(|| self.low + (self.high - self.low) / 2)
    }

    /// The review row of the entry at `probe`.
    pub fn answer(&mut self, probe: usize, row: usize) {
        if row >= self.from {
            self.high = probe;
        } else {
            self.low = probe + 1;
        }
    }

    /// The list position found: the list's length when no entry qualifies.
    pub fn found(&self) -> usize {
        self.low
    }
}

#[cfg(test)]
mod tests {
    use customer_import_domain::validate::{FieldError, Problem};
    use customer_import_worker::protocol::CellView;

    use super::*;

    fn error(field: &str) -> FieldError {
        FieldError::new(field, Problem::Required, "")
    }

    /// A row of four columns with problems in `columns`, and one not tied to a
    /// column if `other`.
    fn row(state: RowState, columns: &[usize], other: bool) -> RowView {
        RowView {
            file: 0,
            row: 0,
            number: 2,
            state,
            cells: (0..4)
                .map(|c| CellView {
                    problems: if columns.contains(&c) {
                        vec![error("email")]
                    } else {
                        Vec::new()
                    },
                    ..CellView::default()
                })
                .collect(),
            other: if other {
                vec![error("name")]
            } else {
                Vec::new()
            },
            plan: None,
            changes: Vec::new(),
            changed_since: false,
        }
    }

    fn at(row: usize, col: usize) -> Cell {
        Cell { row, col }
    }

    #[test]
    fn a_rows_problems_are_its_own_first_then_its_columns_left_to_right() {
        let r = row(RowState::Problems, &[3, 1], true);
        assert_eq!(spots(&r), vec![Spot::Row, Spot::Column(1), Spot::Column(3)]);
        assert_eq!(
            spots(&r).iter().map(|s| s.col()).collect::<Vec<_>>(),
            [0, 2, 4]
        );
        assert_eq!(spots(&row(RowState::Ready, &[], false)), vec![]);
    }

    #[test]
    fn the_names_that_fit_beside_the_state_and_how_many_more() {
        let named = |names: &[&str]| {
            names
                .iter()
                .enumerate()
                .map(|(c, n)| (Spot::Column(c), (*n).to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(shown_spots(&named(&["Telefon", "E-post"]), 24), (2, 0));
        assert_eq!(
            shown_spots(&named(&["Telefon", "E-post", "Fødselsdato"]), 24),
            (2, 1)
        );
        // One always shows, however long its name.
        assert_eq!(
            shown_spots(&named(&["Kundens fødselsdato i kontrakten"]), 10),
            (1, 0)
        );
        assert_eq!(shown_spots(&[], 24), (0, 0));
    }

    #[test]
    fn next_problem_goes_right_in_the_row_then_down_the_rows() {
        let rows = [
            (10, row(RowState::Problems, &[1, 3], false)),
            (11, row(RowState::Ready, &[], false)),
            // Left out: its problems do not hold the import up.
            (12, row(RowState::Excluded, &[0], false)),
            (13, row(RowState::Rejected, &[2], true)),
        ];
        let fetched = || rows.iter().map(|(p, r)| (*p, r));
        assert_eq!(next_among(fetched(), at(10, 0)), Some(at(10, 2)));
        assert_eq!(next_among(fetched(), at(10, 2)), Some(at(10, 4)));
        // Past the row's last problem: the next row's own problem, on its cell.
        assert_eq!(next_among(fetched(), at(10, 4)), Some(at(13, 0)));
        assert_eq!(next_among(fetched(), at(13, 0)), Some(at(13, 3)));
        // Nothing after the last one among those fetched: the worker is asked.
        assert_eq!(next_among(fetched(), at(13, 3)), None);
        // From above the rows fetched, their first problem.
        assert_eq!(next_among(fetched(), at(3, 5)), Some(at(10, 2)));
        // A row with problems but none shown on a cell goes to its own cell.
        let odd = row(RowState::Problems, &[], false);
        assert_eq!(next_in_row(&odd, 7, None), Some(at(7, 0)));
        assert_eq!(next_in_row(&odd, 7, Some(0)), None);
    }

    #[test]
    fn bisecting_a_million_rows_takes_twenty_questions() {
        // Every third row of a million has problems.
        let list: Vec<usize> = (0..1_000_000).filter(|r| r % 3 == 0).collect();
        for from in [0, 1, 2, 3, 500_000, 999_999, 1_000_000] {
            let mut search = Bisect::new(list.len(), from);
            let mut asked = 0;
            while let Some(probe) = search.probe() {
                search.answer(probe, list[probe]);
                asked += 1;
            }
            assert!(asked <= 20, "{asked}");
            let expected = list.iter().position(|&r| r >= from).unwrap_or(list.len());
            assert_eq!(search.found(), expected, "from {from}");
        }
        assert_eq!(Bisect::new(0, 5).probe(), None);
        assert_eq!(Bisect::new(0, 5).found(), 0);
    }
}
