//! One row of the customers grid: its own cell (number, state, and its problems as
//! buttons that go to them), a cell per mapped column (the value in a text box that
//! edits in place, with the project's values to pick from for a list field; the
//! error in words, or the value as it will be stored), and whether to import it.

use customer_import_domain::schema::Field;
use customer_import_worker::protocol::RowState;
use customer_import_worker::protocol::{ListFilter, RowView};

use crate::wizard::state::ImportState;
use leptos::prelude::*;

use crate::{
    components::{
        choice_list::{ChoiceList, option_id},
        virtual_rows::Fetched,
    },
    i18n::I18n,
    steps::review::{
        changes::{cell_change, other_changes},
        choices::Choice,
        grid::Grid,
        grid_keys::Cell,
        problems::{Spot, shown_spots, spots},
        row_look::{badge_key, is_locked, row_class, sent_note_key},
    },
};

/// The list the rows come from: what the grid was asked to list, and under which
/// review and relisting.
/// The filter, the file (all files' rows with `None`), when the list was last asked
/// to be made again, and the review it lists.
pub type ListKey = (ListFilter, Option<usize>, u64, u64);

/// Characters of field names that fit as buttons beside a row's state.
const SUMMARY_ROOM: usize = 26;
/// The one list of values open at a time.
const CHOICES_ID: &str = "cell-choices";

/// A mapped column as the grid names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub field: Field,
    /// The field's name in the user's language.
    pub label: String,
    /// The file's heading.
    pub heading: String,
}

/// What every row of the grid shares.
#[derive(Clone, Copy)]
pub struct Rows {
    pub i18n: I18n,
    pub grid: Grid,
    pub fetched: Fetched<ListKey, RowView>,
    pub named: Memo<Vec<Named>>,
    pub choices: Signal<Vec<Option<Vec<Choice>>>>,
    /// True while rows are being sent: nothing may change, and a sent row's answer
    /// may still come.
    pub saving: Signal<bool>,
    /// Whether to import the row with this index in the review.
    pub include: Callback<(usize, bool)>,
}

impl Rows {
    /// The row at `position`, rendered.
    pub fn row(self, position: usize) -> impl IntoView {
        let Rows {
            i18n,
            grid,
            fetched,
            named,
            saving,
            include,
            ..
        } = self;
        let view_of = Memo::new(move |_| fetched.at(position));
        let mapped = named.with_untracked(Vec::len);
        let include_col = mapped + 1;
        let class = move || row_class(view_of.with(|v| v.as_ref().map(|v| v.state)));
        let number = move || view_of.with(|v| v.as_ref().map_or(0, |v| v.number));
        let index = move || view_of.with_untracked(|v| v.as_ref().map(|v| v.row));
        let locked =
            move || saving.get() || view_of.with(|v| v.as_ref().is_none_or(|v| is_locked(v.state)));
        let tabindex = move |col| {
            move || {
                if grid.is_tab_stop(Cell { row: position, col }) {
                    "0"
                } else {
                    "-1"
                }
            }
        };
        let own_problems =
            move || view_of.with(|v| v.as_ref().is_some_and(|v| !v.other.is_empty()));
        let cells = (0..mapped)
            .map(|c| self.cell(position, c, view_of, locked))
            .collect_view();
        let included =
            move || view_of.with(|v| v.as_ref().is_some_and(|v| v.state != RowState::Excluded));
        let on_include = move |ev| {
            if let Some(row) = index() {
                include.run((row, event_target_checked(&ev)));
            }
        };
        let include_label =
            move || i18n.format("rows.include", &[("row", number().to_string().into())]);
        view! {
            <tr class=class data-row=number aria-rowindex=(position + 2).to_string()>
                <th
                    scope="row"
                    class="rows__row"
                    data-col="0"
                    tabindex=tabindex(0)
                    aria-describedby=move || own_problems().then(|| format!("row-problems-{position}"))
                >
                    {self.head(position, view_of)}
                </th>
                {cells}
                <td class="rows__import">
                    <input
                        type="checkbox"
                        data-col=include_col.to_string()
                        tabindex=tabindex(include_col)
                        aria-label=include_label
                        prop:checked=included
                        disabled=locked
                        on:change=on_include
                    />
                </td>
            </tr>
        }
    }

    /// The row's own cell: number, state, the columns with problems as buttons, and
    /// the problems tied to no column in words.
    fn head(self, position: usize, view_of: Memo<Option<RowView>>) -> impl IntoView {
        let Rows {
            i18n,
            grid,
            named,
            saving,
            ..
        } = self;
        move || {
            let locale = i18n.locale();
            let saving = saving.get();
            view_of.with(|v| {
                let v = v.as_ref()?;
                let mut other = v.other.iter().map(|e| locale.problem(e)).collect::<Vec<_>>();
                if v.state == RowState::Sent {
                    other.push(locale.text(sent_note_key(saving)));
                }
                if v.changed_since {
                    other.push(locale.text("rows.changed_since_note"));
                }
                let other = other.join(" ");
                // Changes of fields no column shows (a name made of first and last
                // name, a value blanked), old → new.
                let unseen = named.with(|named| {
                    let fields: Vec<&str> = named.iter().map(|n| n.field.key.as_str()).collect();
                    other_changes(&v.changes, &fields)
                        .map(|c| {
                            let label = locale.text(&format!("field.{}", c.field));
                            format!("{label}: {}", change_text(locale, c.old.as_deref(), c.new.as_deref()))
                        })
                        .collect::<Vec<_>>()
                        .join(" · ")
                });
                let columns: Vec<(Spot, String)> = named.with(|named| {
                    spots(v)
                        .into_iter()
                        .filter_map(|spot| match spot {
                            Spot::Column(c) => Some((spot, named.get(c)?.label.clone())),
                            Spot::Row => None,
                        })
                        .collect()
                });
                let (shown, more) = shown_spots(&columns, SUMMARY_ROOM);
                let go = move |spot: Spot| {
                    move |_| {
                        grid.go(Cell {
                            row: position,
                            col: spot.col(),
                        });
                    }
                };
                let buttons = columns[..shown]
                    .iter()
                    .map(|(spot, name)| {
                        view! {
                            <button type="button" class="rows__problem" tabindex="-1" on:click=go(*spot)>
                                {name.clone()}
                            </button>
                        }
                    })
                    .collect_view();
                let more = (more > 0).then(|| {
                    let label = locale.format("rows.more_problems", &[("n", more.into())]);
                    view! {
                        <button
                            type="button"
                            class="rows__problem rows__problem--more"
                            tabindex="-1"
                            aria-label=label
                            on:click=go(columns[shown].0)
                        >
                            {format!("+{more}")}
                        </button>
                    }
                });
                Some(view! {
                    <span class="rows__line">
                        {file_name(v.file).map(|name| view! { <span class="rows__file" title=name.clone()>{name.clone()}</span> })}
                        <span class="rows__number">{v.number}</span>
                        <span class="badge" data-state=badge_key(v, saving)>{locale.text(badge_key(v, saving))}</span>
                    </span>
                    {(!unseen.is_empty()).then(|| view! { <span class="rows__changes" data-testid="row-changes">{unseen}</span> })}
                    {(shown > 0).then(|| view! { <span class="rows__summary">{buttons}{more}</span> })}
                    {(!other.is_empty()).then(|| view! {
                        <span class="rows__other" id=format!("row-problems-{position}")>{other}</span>
                    })}
                })
            })
        }
    }

    /// The cell of mapped column `c`.
    fn cell(
        self,
        position: usize,
        c: usize,
        view_of: Memo<Option<RowView>>,
        locked: impl Fn() -> bool + Copy + Send + Sync + 'static,
    ) -> impl IntoView {
        let Rows {
            i18n,
            grid,
            named,
            choices,
            ..
        } = self;
        let cell = Cell {
            row: position,
            col: c + 1,
        };
        let problem_id = move || format!("problem-{position}-{c}");
        let input = NodeRef::<leptos::html::Input>::new();
        let value = move || {
            let value = view_of.with(|v| {
                v.as_ref()
                    .and_then(|v| v.cells.get(c))
                    .map(|cell| cell.value.clone())
                    .unwrap_or_default()
            });
            // Rows fetched again while the user types leave the text being typed.
            match input.get_untracked() {
                Some(box_) if grid.editing.get_untracked() == Some(cell) => box_.value(),
                _ => value,
            }
        };
        let problems = move || {
            let language = i18n.locale().language();
            named.with(|named| {
                let fields = named
                    .get(c)
                    .map(|n| std::slice::from_ref(&n.field))
                    .unwrap_or_default();
                view_of.with(|v| {
                    v.as_ref()
                        .and_then(|v| v.cells.get(c))
                        .map(|cell| {
                            cell.problems
                                .iter()
                                .map(|e| language.problem_in(e, fields))
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .unwrap_or_default()
                })
            })
        };
        let stored = move || {
            view_of.with(|v| {
                v.as_ref()
                    .and_then(|v| v.cells.get(c))
                    .and_then(|cell| cell.stored.clone())
            })
        };
        // What saving changes in this cell's field of the customer, old → new.
        let change = move || {
            let key = named.with(|n| n.get(c).map(|n| n.field.key.clone()))?;
            view_of.with(|v| {
                let v = v.as_ref()?;
                cell_change(&v.changes, &key).map(|ch| (ch.old.clone(), ch.new.clone()))
            })
        };
        let number = move || view_of.with(|v| v.as_ref().map_or(0, |v| v.number));
        let field_name =
            move || named.with(|n| n.get(c).map(|n| n.label.clone()).unwrap_or_default());
        let label = move || {
            i18n.format(
                "rows.cell",
                &[
                    ("row", number().to_string().into()),
                    ("field", field_name().into()),
                ],
            )
        };
        let listed = move || choices.with(|ch| ch.get(c).is_some_and(Option::is_some));
        // The values matching what was typed, while the cell is edited.
        let options = Signal::derive(move || {
            if grid.editing.get() != Some(cell) {
                return Vec::new();
            }
            let shown = grid.options(cell.col);
            choices.with(|ch| match ch.get(c) {
                Some(Some(choices)) => shown
                    .into_iter()
                    .filter_map(|i| choices.get(i).map(|choice| choice.label.clone()))
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            })
        });
        // A list with nothing in it is no list.
        let open = move || options.with(|o| !o.is_empty());
        let note = move || {
            let text = problems();
            if !text.is_empty() {
                return Some(
                    view! { <span class="cell__problem" id=problem_id()>{text}</span> }.into_any(),
                );
            }
            if let Some((old, new)) = change() {
                let text = change_text(i18n.locale(), old.as_deref(), new.as_deref());
                let field = named.with(|n| n.get(c).map(|n| n.field.key.clone()));
                return Some(
                    view! { <span class="cell__change" data-testid="cell-change" data-field=field>{text}</span> }
                        .into_any(),
                );
            }
            stored().map(|s| view! { <span class="cell__stored">"→ " {s}</span> }.into_any())
        };
        view! {
            <td
                class="cell"
                class:cell--problem=move || !problems().is_empty()
                class:cell--changed=move || change().is_some()
                data-col=(c + 1).to_string()
                tabindex=move || if grid.is_tab_stop(cell) { "0" } else { "-1" }
            >
                <input
                    type="text"
                    class="cell__input"
                    node_ref=input
                    tabindex="-1"
                    autocomplete="off"
                    role=move || listed().then_some("combobox")
                    aria-autocomplete=move || listed().then_some("list")
                    aria-expanded=move || listed().then(|| open().to_string())
                    aria-controls=move || open().then_some(CHOICES_ID)
                    aria-activedescendant=move || {
                        open().then(|| grid.highlighted.get().map(|h| option_id(CHOICES_ID, h))).flatten()
                    }
                    aria-label=label
                    aria-invalid=move || (!problems().is_empty()).then_some("true")
                    aria-describedby=move || (!problems().is_empty()).then(problem_id)
                    prop:value=value
                    disabled=locked
                    on:input=move |ev| grid.on_input(event_target_value(&ev))
                />
                {move || open().then(|| view! {
                    <ChoiceList
                        id=CHOICES_ID
                        label=Signal::derive(field_name)
                        options=options
                        highlighted=grid.highlighted
                        upwards=grid.upwards
                        on_pick=Callback::new(move |i| grid.pick(cell, i))
                    />
                })}
                {note}
            </td>
        }
    }
}

/// A change in words: "old → new", an empty side said as such.
pub fn change_text(locale: crate::i18n::Locale, old: Option<&str>, new: Option<&str>) -> String {
    let side = |v: Option<&str>| v.map_or_else(|| locale.text("rows.empty_value"), str::to_owned);
    format!("{} → {}", side(old), side(new))
}

/// The name of the import's `file`th file, when the review has several: a row's
/// number is its number in that file.
fn file_name(file: usize) -> Option<String> {
    let state = expect_context::<ImportState>();
    let files = state.reviewed_files();
    if files.len() < 2 {
        return None;
    }
    files.into_iter().find(|(f, _)| *f == file).map(|(_, n)| n)
}
