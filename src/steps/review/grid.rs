//! The customers grid's keyboard and focus, in the page: which cell is active, which
//! one is edited, and doing what a key means there. What a key means is
//! [`grid_keys`]'s; where the next problem is, the grid's component asks the rows.
//!
//! Every focusable cell carries `data-col`, its row `aria-rowindex` (the heading's row
//! is the first), so a cell is found from an event and an event from a cell. Only the
//! active cell is in the tab sequence; a cell of a row scrolled away is focused once
//! the row is in the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, FocusOptions, HtmlElement, HtmlInputElement, KeyboardEvent};

use crate::{
    components::virtual_rows::{Viewport, nearest_delta},
    steps::review::{
        choices::{Choice, matching},
        grid_keys::{
            Cell, CellAction, EditAction, Key, Shape, SummaryAction, in_cell, in_editor,
            in_summary, tab_stop,
        },
    },
};

/// What the grid asks of the component that shows it.
#[derive(Clone, Copy)]
pub struct Hooks {
    /// Per mapped column, the values to pick from, if it is a list field.
    pub choices: Signal<Vec<Option<Vec<Choice>>>>,
    /// Whether a cell's value may be changed now.
    pub may_edit: Callback<Cell, bool>,
    /// Keeps a new value.
    pub commit: Callback<(Cell, String)>,
}

#[derive(Clone, Copy)]
pub struct Grid {
    pub viewport: Viewport,
    pub shape: Signal<Shape>,
    pub active: RwSignal<Cell>,
    tab_stop: Memo<Cell>,
    /// The cell whose value is being edited.
    pub editing: RwSignal<Option<Cell>>,
    /// What the user typed in it, which filters its list of values; `None` until they
    /// type, so the whole list shows.
    pub typed: RwSignal<Option<String>>,
    /// The value of the list the arrows are on.
    pub highlighted: RwSignal<Option<usize>>,
    /// The list opens upwards: the cell is near the bottom of the view.
    pub upwards: RwSignal<bool>,
    /// The value as it was when the edit started, and whether Escape put it back.
    original: StoredValue<String>,
    cancelled: StoredValue<bool>,
    hooks: Hooks,
}

/// The cell an element is in, and the cell's own element.
fn cell_of(element: &Element) -> Option<(Cell, Element)> {
    let own = element.closest("[data-col]").ok()??;
    let col = own.get_attribute("data-col")?.parse().ok()?;
    let row = own.closest("tr").ok()??.get_attribute("aria-rowindex")?;
    let row = row.parse::<usize>().ok()?.checked_sub(2)?;
    Some((Cell { row, col }, own))
}

fn focus_still(element: &HtmlElement) {
    let options = FocusOptions::new();
    // The grid scrolls to the cell itself: a browser scrolling the scaled list of a
    // million rows would move it much further.
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

impl Grid {
    pub fn new(viewport: Viewport, shape: Signal<Shape>, hooks: Hooks) -> Grid {
        let active = RwSignal::new(Cell::default());
        let tab_stop = Memo::new(move |_| {
            let first = viewport.in_view().1;
            tab_stop(shape.get().clamp(active.get()), viewport.range(), first)
        });
        Grid {
            viewport,
            shape,
            active,
            tab_stop,
            editing: RwSignal::new(None),
            typed: RwSignal::new(None),
            highlighted: RwSignal::new(None),
            upwards: RwSignal::new(false),
            original: StoredValue::new(String::new()),
            cancelled: StoredValue::new(false),
            hooks,
        }
    }

    /// Whether `cell` is the grid's one tab stop.
    pub fn is_tab_stop(&self, cell: Cell) -> bool {
        self.tab_stop.get() == cell
    }

    /// The values of the list field shown in grid column `col`.
    fn choices(&self, col: usize) -> Option<Vec<Choice>> {
        let column = self.shape.get_untracked().mapped(col)?;
        self.hooks
            .choices
            .with_untracked(|c| c.get(column).cloned().flatten())
    }

    /// The list's values that match what was typed in column `col`, as indexes into
    /// its choices.
    pub fn options(&self, col: usize) -> Vec<usize> {
        let Some(column) = self.shape.get_untracked().mapped(col) else {
            return Vec::new();
        };
        let typed = self.typed.get().unwrap_or_default();
        self.hooks.choices.with(|c| match c.get(column) {
            Some(Some(choices)) => matching(choices, &typed),
            _ => Vec::new(),
        })
    }

    /// Makes `cell` the active one, scrolls it into view and focuses it.
    pub fn go(&self, cell: Cell) {
        let cell = self.shape.get_untracked().clamp(cell);
        self.active.set(cell);
        self.viewport.reveal(cell.row);
        self.try_focus(cell, 30);
    }

    /// The element of `cell` that takes the focus, if its row is in the page.
    fn element(&self, cell: Cell) -> Option<HtmlElement> {
        let css = format!(
            "tr[aria-rowindex='{}'] [data-col='{}']",
            cell.row + 2,
            cell.col
        );
        self.viewport
            .element()?
            .query_selector(&css)
            .ok()??
            .dyn_into()
            .ok()
    }

    /// Focuses `cell` once its row is in the page: a row scrolled to is drawn a moment
    /// later.
    fn try_focus(self, cell: Cell, attempts: u8) {
        if self.active.get_untracked() != cell {
            return;
        }
        match self.element(cell) {
            Some(element) => {
                focus_still(&element);
                self.reveal_sideways(&element, cell.col);
                self.viewport.reveal(cell.row);
            }
            None if attempts > 0 => {
                request_animation_frame(move || self.try_focus(cell, attempts - 1));
            }
            None => {}
        }
    }

    /// Scrolls sideways so the cell shows beside the sticky columns.
    fn reveal_sideways(&self, element: &Element, col: usize) {
        let shape = self.shape.get_untracked();
        let Some(area) = self.viewport.element() else {
            return;
        };
        if col == 0 || col == shape.include_col() {
            return;
        }
        let width_of = |css: &str| {
            area.query_selector(css)
                .ok()
                .flatten()
                .map_or(0.0, |e| e.get_bounding_client_rect().width())
        };
        let view = area.get_bounding_client_rect();
        let left = view.left() + width_of("thead .rows__row");
        let right = view.left() + f64::from(area.client_width()) - width_of("thead .rows__import");
        let cell = element.get_bounding_client_rect();
        let delta = nearest_delta((cell.left(), cell.right()), (left, right));
        if delta.abs() >= 1.0 {
            area.set_scroll_left(area.scroll_left() + delta.round() as i32);
            self.viewport.measure();
        }
    }

    /// The text box of the cell's value.
    fn input(&self, cell: Cell) -> Option<HtmlInputElement> {
        self.element(cell)?
            .query_selector(".cell__input")
            .ok()??
            .dyn_into()
            .ok()
    }

    /// Starts editing `cell`'s value, with `typed` in place of it when a character
    /// started the edit; on the row's own cell, goes to its problems.
    fn open(&self, cell: Cell, typed: Option<&str>) {
        if cell.col == 0 {
            if typed.is_none()
                && let Some(first) = self
                    .element(cell)
                    .and_then(|e| e.query_selector(".rows__problem").ok().flatten())
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = first.focus();
            }
            return;
        }
        if self.shape.get_untracked().mapped(cell.col).is_none() || !self.hooks.may_edit.run(cell) {
            return;
        }
        let Some(input) = self.input(cell) else {
            return;
        };
        focus_still(&input);
        match typed {
            Some(text) => {
                input.set_value(text);
                self.typed.set(Some(text.to_owned()));
            }
            None => input.select(),
        }
    }

    /// Back to moving between cells: the focus leaves the text box, which keeps its
    /// value or not (`on_focusout`).
    fn leave_editor(&self, cell: Cell) {
        if let Some(element) = self.element(cell) {
            focus_still(&element);
        }
    }

    /// Picks the value at `position` of the list offered in `cell`, and keeps it.
    pub fn pick(&self, cell: Cell, position: usize) {
        let options = self.options(cell.col);
        let (Some(choices), Some(input)) = (self.choices(cell.col), self.input(cell)) else {
            return;
        };
        if let Some(choice) = options.get(position).and_then(|&i| choices.get(i)) {
            input.set_value(&choice.value);
        }
        self.leave_editor(cell);
    }

    /// What the user typed in the cell's text box.
    pub fn on_input(&self, text: String) {
        self.typed.set(Some(text));
        self.highlighted.set(None);
    }

    /// Does what a key means in the grid; true when it asks for the next problem,
    /// which the grid's component looks for.
    pub fn on_keydown(&self, ev: &KeyboardEvent) -> bool {
        let name = ev.key();
        let key = Key {
            key: &name,
            control: ev.ctrl_key() || ev.meta_key(),
            alt: ev.alt_key(),
            shift: ev.shift_key(),
        };
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return false;
        };
        let classes = target.class_list();
        if classes.contains("cell__input") {
            self.in_editor(ev, key)
        } else if classes.contains("rows__problem") {
            self.in_summary(ev, key, &target)
        } else if target.has_attribute("data-col") {
            self.in_cell(ev, key)
        } else {
            false
        }
    }

    fn in_cell(&self, ev: &KeyboardEvent, key: Key<'_>) -> bool {
        let active = self.active.get_untracked();
        match in_cell(key) {
            Some(CellAction::Move(step)) => {
                ev.prevent_default();
                let page = self.viewport.in_view().0.saturating_sub(1);
                self.go(self.shape.get_untracked().moved(active, step, page));
            }
            Some(CellAction::Open) => {
                ev.prevent_default();
                self.open(active, None);
            }
            Some(CellAction::Type) if self.shape.get_untracked().mapped(active.col).is_some() => {
                ev.prevent_default();
                self.open(active, Some(key.key));
            }
            Some(CellAction::NextProblem) => {
                ev.prevent_default();
                return true;
            }
            Some(CellAction::Type) | None => {}
        }
        false
    }

    fn in_editor(&self, ev: &KeyboardEvent, key: Key<'_>) -> bool {
        let Some(cell) = self.editing.get_untracked() else {
            return false;
        };
        let listed = self.choices(cell.col).is_some();
        match in_editor(key, listed) {
            Some(EditAction::Commit) => {
                ev.prevent_default();
                match self.highlighted.get_untracked() {
                    Some(position) if listed => self.pick(cell, position),
                    _ => self.leave_editor(cell),
                }
            }
            Some(EditAction::Cancel) => {
                ev.prevent_default();
                self.cancelled.set_value(true);
                if let Some(input) = self.input(cell) {
                    input.set_value(&self.original.get_value());
                }
                self.leave_editor(cell);
            }
            Some(step @ (EditAction::ChoiceDown | EditAction::ChoiceUp)) => {
                ev.prevent_default();
                let count = self.options(cell.col).len();
                let down = step == EditAction::ChoiceDown;
                self.highlighted.update(|h| {
                    *h = match (*h, down) {
                        _ if count == 0 => None,
                        (None, _) => Some(0),
                        (Some(i), true) => Some((i + 1).min(count - 1)),
                        (Some(i), false) => Some(i.saturating_sub(1)),
                    }
                });
            }
            Some(EditAction::NextProblem) => {
                ev.prevent_default();
                self.leave_editor(cell);
                return true;
            }
            None => {}
        }
        false
    }

    fn in_summary(&self, ev: &KeyboardEvent, key: Key<'_>, target: &Element) -> bool {
        let Some((cell, own)) = cell_of(target) else {
            return false;
        };
        let Ok(buttons) = own.query_selector_all(".rows__problem") else {
            return false;
        };
        let count = buttons.length() as usize;
        let at = (0..count)
            .find(|&i| {
                buttons
                    .item(i as u32)
                    .is_some_and(|b| b.is_same_node(Some(target)))
            })
            .unwrap_or(0);
        match in_summary(key, at, count) {
            Some(SummaryAction::Focus(i)) => {
                ev.prevent_default();
                if let Some(button) = buttons
                    .item(i as u32)
                    .and_then(|b| b.dyn_into::<HtmlElement>().ok())
                {
                    let _ = button.focus();
                }
            }
            Some(SummaryAction::Leave) => {
                ev.prevent_default();
                self.leave_editor(cell);
            }
            Some(SummaryAction::NextProblem) => {
                ev.prevent_default();
                return true;
            }
            None => {}
        }
        false
    }

    /// The focus came to a cell (by key, click or Tab): it is the active one; in its
    /// text box, an edit starts.
    pub fn on_focusin(&self, ev: &web_sys::FocusEvent) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Some((cell, own)) = cell_of(&target) else {
            return;
        };
        if self.active.get_untracked() != cell {
            self.active.set(cell);
        }
        let Ok(input) = target.dyn_into::<HtmlInputElement>() else {
            return;
        };
        if !input.class_list().contains("cell__input") || self.editing.get_untracked() == Some(cell)
        {
            return;
        }
        self.original.set_value(input.value());
        self.cancelled.set_value(false);
        self.typed.set(None);
        self.highlighted.set(None);
        // The list opens where there is room for it.
        if let Some(area) = self.viewport.element() {
            let (view, at) = (
                area.get_bounding_client_rect(),
                own.get_bounding_client_rect(),
            );
            let (above, below) = (at.top() - view.top(), view.bottom() - at.bottom());
            self.upwards.set(below < 230.0 && above > below);
        }
        self.editing.set(Some(cell));
    }

    /// The focus left a text box: its new value is kept, unless Escape put the old
    /// one back.
    pub fn on_focusout(&self, ev: &web_sys::FocusEvent) {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .filter(|i| i.class_list().contains("cell__input"))
        else {
            return;
        };
        let Some(cell) = self.editing.get_untracked() else {
            return;
        };
        if cell_of(&input).map(|(c, _)| c) != Some(cell) {
            return;
        }
        let value = input.value();
        if !self.cancelled.get_value() && value != self.original.get_value() {
            self.hooks.commit.run((cell, value));
        }
        self.editing.set(None);
        self.typed.set(None);
        self.highlighted.set(None);
    }
}
