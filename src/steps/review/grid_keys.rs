//! How the customers grid answers the keyboard, as plain Rust: the WAI-ARIA data grid
//! pattern (one tab stop; arrows, Home/End, Page Up/Down and Control+Home/End move
//! between cells; Enter or F2 edits; Escape cancels the edit, Enter commits it; Tab
//! leaves the grid), plus F8 to go to the next problem. The grid's component turns key
//! events into [`Key`]s and does what [`in_cell`], [`in_editor`] and [`in_summary`]
//! say; [`Shape::moved`] says where a move lands.
//!
//! The grid's columns are the row's header (number, state, problems), the mapped
//! columns, and whether to import the row; its rows are the listed rows, of which only
//! those in view exist in the page.

/// A cell of the grid: the row's position in the list and the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
}

/// How many rows are listed and how many columns each has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub rows: usize,
    pub cols: usize,
}

/// A move of the active cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Left,
    Right,
    Up,
    Down,
    /// Home: the row's first cell.
    RowStart,
    /// End: the row's last cell.
    RowEnd,
    /// Control+Home: the first row's first cell.
    GridStart,
    /// Control+End: the last row's last cell.
    GridEnd,
    PageUp,
    PageDown,
}

impl Shape {
    /// The grid's number of columns for `mapped` mapped columns: the row's header
    /// before them and whether to import it after.
    pub fn with_mapped(rows: usize, mapped: usize) -> Shape {
        Shape {
            rows,
            cols: mapped + 2,
        }
    }

    /// The column of whether to import the row.
    pub fn include_col(self) -> usize {
        self.cols.saturating_sub(1)
    }

    /// The mapped column a grid column shows, if it shows one.
    pub fn mapped(self, col: usize) -> Option<usize> {
        (col >= 1 && col < self.include_col()).then(|| col - 1)
    }

    /// `cell`, or the nearest cell that still exists when the grid shrank.
    pub fn clamp(self, cell: Cell) -> Cell {
        Cell {
            row: cell.row.min(self.rows.saturating_sub(1)),
            col: cell.col.min(self.cols.saturating_sub(1)),
        }
    }

    /// Where `step` from `from` lands; `page` is how many rows a page moves. Moves
    /// stop at the grid's edges: they never wrap to another row.
    pub fn moved(self, from: Cell, step: Move, page: usize) -> Cell {
        if self.rows == 0 || self.cols == 0 {
            return Cell::default();
        }
        let from = self.clamp(from);
        let last_row = self.rows - 1;
        let last_col = self.cols - 1;
        let page = page.max(1);
        let (row, col) = match step {
            Move::Left => (from.row, from.col.saturating_sub(1)),
            Move::Right => (from.row, (from.col + 1).min(last_col)),
            Move::Up => (from.row.saturating_sub(1), from.col),
            Move::Down => ((from.row + 1).min(last_row), from.col),
            Move::RowStart => (from.row, 0),
            Move::RowEnd => (from.row, last_col),
            Move::GridStart => (0, 0),
            Move::GridEnd => (last_row, last_col),
            Move::PageUp => (from.row.saturating_sub(page), from.col),
            Move::PageDown => (from.row.saturating_add(page).min(last_row), from.col),
        };
        Cell { row, col }
    }
}

/// The one cell of the grid in the tab sequence: the active one while its row is in
/// the page, else the same column of the first row in view, so Tab always finds the
/// grid.
pub fn tab_stop(active: Cell, in_page: (usize, usize), first_in_view: usize) -> Cell {
    let (start, end) = in_page;
    if (start..end).contains(&active.row) || start == end {
        active
    } else {
        Cell {
            row: first_in_view.clamp(start, end - 1),
            col: active.col,
        }
    }
}

/// A key pressed, as the grid needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key<'a> {
    /// `KeyboardEvent.key`: "ArrowDown", "Enter", "a".
    pub key: &'a str,
    /// Control, or Command on a Mac.
    pub control: bool,
    pub alt: bool,
    pub shift: bool,
}

impl<'a> Key<'a> {
    pub fn plain(key: &'a str) -> Key<'a> {
        Key {
            key,
            control: false,
            alt: false,
            shift: false,
        }
    }

    /// A character typed, not a command: it starts editing a cell, as in a
    /// spreadsheet.
    fn is_character(&self) -> bool {
        !self.control && !self.alt && self.key.chars().count() == 1 && self.key != " "
    }
}

/// What a key does on a cell while moving between cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellAction {
    Move(Move),
    /// Enter or F2: edit the value, or go into the row's problems.
    Open,
    /// A character: edit the value, starting from that character.
    Type,
    NextProblem,
}

/// What `key` does on a cell; `None`: the browser's own (Tab leaves the grid, Space
/// ticks the include checkbox).
pub fn in_cell(key: Key<'_>) -> Option<CellAction> {
    if let Some(action) = anywhere(key) {
        return Some(action);
    }
    if key.alt {
        return None;
    }
    let step = match (key.key, key.control) {
        ("ArrowLeft", false) => Move::Left,
        ("ArrowRight", false) => Move::Right,
        ("ArrowUp", false) => Move::Up,
        ("ArrowDown", false) => Move::Down,
        ("Home", false) => Move::RowStart,
        ("End", false) => Move::RowEnd,
        ("Home", true) => Move::GridStart,
        ("End", true) => Move::GridEnd,
        ("PageUp", _) => Move::PageUp,
        ("PageDown", _) => Move::PageDown,
        ("Enter" | "F2", false) => return Some(CellAction::Open),
        _ if key.is_character() => return Some(CellAction::Type),
        _ => return None,
    };
    Some(CellAction::Move(step))
}

/// Keys that work wherever the focus is in the grid.
fn anywhere(key: Key<'_>) -> Option<CellAction> {
    (key.key == "F8" && !key.control && !key.alt && !key.shift).then_some(CellAction::NextProblem)
}

/// What a key does while a value is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditAction {
    /// Enter: keep the new value and go back to moving between cells.
    Commit,
    /// Escape: put the value back as it was.
    Cancel,
    /// The list of values: the next or previous one, or open it.
    ChoiceDown,
    ChoiceUp,
    NextProblem,
}

/// What `key` does in a cell's editor; `None`: the editor's own (arrows move the
/// caret, Tab keeps the value and leaves the grid).
pub fn in_editor(key: Key<'_>, has_choices: bool) -> Option<EditAction> {
    if anywhere(key).is_some() {
        return Some(EditAction::NextProblem);
    }
    match key.key {
        "Enter" if !key.control && !key.alt => Some(EditAction::Commit),
        "Escape" => Some(EditAction::Cancel),
        "ArrowDown" if has_choices => Some(EditAction::ChoiceDown),
        "ArrowUp" if has_choices => Some(EditAction::ChoiceUp),
        _ => None,
    }
}

/// What a key does among the buttons of a row's problems, and which button it
/// focuses of `count`; `None` when it leaves them for the row's cell (Escape).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryAction {
    Focus(usize),
    Leave,
    NextProblem,
}

pub fn in_summary(key: Key<'_>, at: usize, count: usize) -> Option<SummaryAction> {
    if anywhere(key).is_some() {
        return Some(SummaryAction::NextProblem);
    }
    let last = count.saturating_sub(1);
    let to = match key.key {
        "Escape" => return Some(SummaryAction::Leave),
        "ArrowRight" | "ArrowDown" => (at + 1).min(last),
        "ArrowLeft" | "ArrowUp" => at.saturating_sub(1),
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    Some(SummaryAction::Focus(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRID: Shape = Shape { rows: 100, cols: 8 };

    fn at(row: usize, col: usize) -> Cell {
        Cell { row, col }
    }

    #[test]
    fn arrows_move_one_cell_and_stop_at_the_edges() {
        assert_eq!(GRID.moved(at(5, 3), Move::Left, 10), at(5, 2));
        assert_eq!(GRID.moved(at(5, 3), Move::Right, 10), at(5, 4));
        assert_eq!(GRID.moved(at(5, 3), Move::Up, 10), at(4, 3));
        assert_eq!(GRID.moved(at(5, 3), Move::Down, 10), at(6, 3));
        assert_eq!(GRID.moved(at(0, 0), Move::Left, 10), at(0, 0));
        assert_eq!(GRID.moved(at(0, 0), Move::Up, 10), at(0, 0));
        assert_eq!(GRID.moved(at(99, 7), Move::Right, 10), at(99, 7));
        assert_eq!(GRID.moved(at(99, 7), Move::Down, 10), at(99, 7));
    }

    #[test]
    fn home_end_and_pages_jump_and_stay_inside() {
        assert_eq!(GRID.moved(at(5, 3), Move::RowStart, 10), at(5, 0));
        assert_eq!(GRID.moved(at(5, 3), Move::RowEnd, 10), at(5, 7));
        assert_eq!(GRID.moved(at(5, 3), Move::GridStart, 10), at(0, 0));
        assert_eq!(GRID.moved(at(5, 3), Move::GridEnd, 10), at(99, 7));
        assert_eq!(GRID.moved(at(5, 3), Move::PageDown, 10), at(15, 3));
        assert_eq!(GRID.moved(at(95, 3), Move::PageDown, 10), at(99, 3));
        assert_eq!(GRID.moved(at(5, 3), Move::PageUp, 10), at(0, 3));
        assert_eq!(
            GRID.moved(at(50, 3), Move::PageUp, 0),
            at(49, 3),
            "a page is a row at least"
        );
    }

    #[test]
    fn a_million_rows_and_a_grid_that_shrank_or_is_empty() {
        let big = Shape::with_mapped(1_000_000, 18);
        assert_eq!(big.cols, 20);
        assert_eq!(big.include_col(), 19);
        assert_eq!(big.mapped(0), None, "the row's header");
        assert_eq!(big.mapped(1), Some(0));
        assert_eq!(big.mapped(18), Some(17));
        assert_eq!(big.mapped(19), None, "include");
        assert_eq!(big.moved(at(5, 3), Move::GridEnd, 7), at(999_999, 19));
        // The list was made again, shorter: the active cell comes back inside.
        let small = Shape { rows: 3, cols: 8 };
        assert_eq!(small.clamp(at(50, 9)), at(2, 7));
        assert_eq!(small.moved(at(50, 2), Move::Up, 1), at(1, 2));
        let empty = Shape { rows: 0, cols: 8 };
        assert_eq!(empty.moved(at(4, 4), Move::Down, 1), at(0, 0));
    }

    #[test]
    fn the_grid_keeps_one_tab_stop_when_its_active_row_scrolled_away() {
        assert_eq!(tab_stop(at(5, 3), (0, 30), 0), at(5, 3));
        assert_eq!(tab_stop(at(5, 3), (400, 440), 408), at(408, 3));
        assert_eq!(tab_stop(at(500, 3), (400, 440), 408), at(408, 3));
        assert_eq!(tab_stop(at(5, 3), (0, 0), 0), at(5, 3), "nothing listed");
    }

    #[test]
    fn keys_on_a_cell_move_open_type_or_are_the_browsers() {
        let control = |key| Key {
            control: true,
            ..Key::plain(key)
        };
        assert_eq!(
            in_cell(Key::plain("ArrowDown")),
            Some(CellAction::Move(Move::Down))
        );
        assert_eq!(
            in_cell(Key::plain("Home")),
            Some(CellAction::Move(Move::RowStart))
        );
        assert_eq!(
            in_cell(control("Home")),
            Some(CellAction::Move(Move::GridStart))
        );
        assert_eq!(
            in_cell(control("End")),
            Some(CellAction::Move(Move::GridEnd))
        );
        assert_eq!(
            in_cell(Key::plain("PageDown")),
            Some(CellAction::Move(Move::PageDown))
        );
        assert_eq!(in_cell(Key::plain("Enter")), Some(CellAction::Open));
        assert_eq!(in_cell(Key::plain("F2")), Some(CellAction::Open));
        assert_eq!(in_cell(Key::plain("F8")), Some(CellAction::NextProblem));
        assert_eq!(in_cell(Key::plain("ø")), Some(CellAction::Type));
        assert_eq!(in_cell(Key::plain("7")), Some(CellAction::Type));
        // The browser's: Tab leaves the grid, Space ticks, shortcuts stay shortcuts.
        assert_eq!(in_cell(Key::plain("Tab")), None);
        assert_eq!(in_cell(Key::plain(" ")), None);
        assert_eq!(in_cell(control("c")), None);
        assert_eq!(
            in_cell(Key {
                alt: true,
                ..Key::plain("ArrowLeft")
            }),
            None
        );
        assert_eq!(in_cell(Key::plain("Shift")), None);
    }

    #[test]
    fn keys_in_an_editor_commit_cancel_or_pick_from_the_list() {
        assert_eq!(
            in_editor(Key::plain("Enter"), false),
            Some(EditAction::Commit)
        );
        assert_eq!(
            in_editor(Key::plain("Escape"), true),
            Some(EditAction::Cancel)
        );
        assert_eq!(
            in_editor(Key::plain("ArrowDown"), true),
            Some(EditAction::ChoiceDown)
        );
        assert_eq!(
            in_editor(Key::plain("ArrowUp"), true),
            Some(EditAction::ChoiceUp)
        );
        assert_eq!(
            in_editor(Key::plain("F8"), false),
            Some(EditAction::NextProblem)
        );
        // The caret's and the browser's.
        assert_eq!(in_editor(Key::plain("ArrowDown"), false), None);
        assert_eq!(in_editor(Key::plain("ArrowLeft"), true), None);
        assert_eq!(in_editor(Key::plain("Tab"), true), None);
        assert_eq!(in_editor(Key::plain("a"), true), None);
    }

    #[test]
    fn keys_among_a_rows_problems_move_between_them_or_leave() {
        assert_eq!(
            in_summary(Key::plain("ArrowRight"), 0, 3),
            Some(SummaryAction::Focus(1))
        );
        assert_eq!(
            in_summary(Key::plain("ArrowRight"), 2, 3),
            Some(SummaryAction::Focus(2))
        );
        assert_eq!(
            in_summary(Key::plain("ArrowLeft"), 0, 3),
            Some(SummaryAction::Focus(0))
        );
        assert_eq!(
            in_summary(Key::plain("End"), 0, 3),
            Some(SummaryAction::Focus(2))
        );
        assert_eq!(
            in_summary(Key::plain("Escape"), 1, 3),
            Some(SummaryAction::Leave)
        );
        assert_eq!(
            in_summary(Key::plain("Enter"), 1, 3),
            None,
            "the button's own"
        );
        assert_eq!(
            in_summary(Key::plain("F8"), 1, 3),
            Some(SummaryAction::NextProblem)
        );
    }
}
