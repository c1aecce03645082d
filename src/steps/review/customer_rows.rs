//! The customers grid of the review and save steps: one row per customer with its
//! state and its problems summed up, every mapped value editable in place (checked
//! again at once), the value as it will be stored, every problem in words on its cell,
//! and whether to import it. The rows live in the worker; the grid asks it for the
//! ones in view.
//!
//! It is a WAI-ARIA data grid with one tab stop (`grid`), whose columns are as wide as
//! what they hold (`grid_widths`); "next problem" (a button, and F8 anywhere in the
//! grid) walks through the problems in `problems`' order; the line under the grid
//! says the whole of the active cell's problem.

use customer_import_worker::protocol::{Edit, Exclude, ListFilter, RowState, RowView};
use leptos::prelude::*;

use crate::{
    components::virtual_rows::{Viewport, VirtualRows, fetch_in_view, fill_window},
    i18n::use_i18n,
    steps::review::{
        choices,
        finding::first_to_fix,
        grid::{Grid, Hooks},
        grid_keys::{Cell, Shape},
        grid_row::{ListKey, Named, Rows},
        grid_widths::column_widths,
        problems::{next_among, next_in_row},
        row_look::{badge_key, is_locked, locked_key, sent_note_key},
    },
    wizard::state::ImportState,
};

/// Room for a value and two lines of its error or stored form.
const ROW_HEIGHT: f64 = 60.0;
/// The row's own column and the import column, in pixels.
const HEAD_PX: f64 = 200.0;
const IMPORT_PX: f64 = 96.0;

#[component]
pub fn CustomerRows(
    /// Which rows to list.
    #[prop(into)]
    filter: Signal<ListFilter>,
    /// Changes when the list is to be made again (rows stay listed until then, so a
    /// row just fixed stays in view).
    #[prop(into)]
    relist: Signal<u64>,
    /// True while rows are being sent: nothing may change under the save, and a sent
    /// row is waiting for its answer rather than without one.
    #[prop(into)]
    saving: Signal<bool>,
    /// Only the rows of this file (its index among the import's); all with `None`.
    #[prop(optional, into)]
    file: Signal<Option<usize>>,
    /// Tools shown above the grid, after "next problem".
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let list_key = Memo::new(move |_| {
        let generation = state.review_generation.get();
        (filter.get(), file.get(), relist.get(), generation)
    });
    let listed = LocalResource::new(move || {
        let key = list_key.get();
        async move { (key, state.list(key.0, key.1).await) }
    });
    let count = Signal::derive(move || {
        let key = list_key.get();
        listed.with(|l| match l {
            Some((k, n)) if *k == key => *n,
            _ => 0,
        })
    });
    let height = RwSignal::new(480.0);
    let viewport = Viewport::new(count, ROW_HEIGHT, height);
    fill_window(viewport, height, ".app");
    let fetched = fetch_in_view(
        viewport,
        move || list_key.get(),
        move |key: ListKey, start, len| {
            // Rows in view are asked again after every change, keeping the list.
            let _ = state.review_version.get();
            state.review_rows(key.0, key.1, start, len)
        },
    );
    // Each mapped column's field, its name and the file's heading.
    let named = Memo::new(move |_| {
        let language = i18n.locale().language();
        state.review.with(|c| {
            c.iter()
                .flatten()
                .map(|c| Named {
                    label: language.field_label(&c.field).into_owned(),
                    field: c.field.clone(),
                    heading: c.heading.clone(),
                })
                .collect::<Vec<_>>()
        })
    });
    let choices = Signal::derive(move || {
        let language = i18n.locale().language();
        let schema = state.schema.get().flatten().and_then(Result::ok);
        named.with(|named| {
            named
                .iter()
                .map(|n| {
                    schema
                        .as_ref()
                        .and_then(|s| choices::for_field(s, &n.field, language))
                })
                .collect::<Vec<_>>()
        })
    });
    let shape = Signal::derive(move || Shape::with_mapped(count.get(), named.with(Vec::len)));
    let row_at = move |position: usize| fetched.at(position);
    // The three changes a user makes in the grid, as the worker is asked them.
    let commit = Callback::new(move |(cell, text): (Cell, String)| {
        let column = shape.get_untracked().mapped(cell.col);
        let row = row_at(cell.row).map(|v| v.row);
        if let (Some(column), Some(row)) = (column, row) {
            state.change_review(Edit { row, column, text });
        }
    });
    let include = Callback::new(move |(row, included): (usize, bool)| {
        state.change_review(Exclude {
            row,
            excluded: !included,
        });
    });
    let may_edit = Callback::new(move |cell: Cell| {
        !saving.get_untracked() && row_at(cell.row).is_some_and(|v| !is_locked(v.state))
    });
    let grid = Grid::new(
        viewport,
        shape,
        Hooks {
            choices,
            may_edit,
            commit,
        },
    );

    let widths = column_widths(viewport, fetched, named);
    let table_width = Signal::derive(move || {
        let total: f64 = widths.with(|w| w.iter().sum());
        format!("{:.0}px", total + HEAD_PX + IMPORT_PX)
    });
    let headings = move || {
        let locale = i18n.locale();
        let named = named.get();
        let widths = widths.get();
        view! {
            <th scope="col" class="rows__row" style:width=format!("{HEAD_PX}px")>{locale.text("rows.row")}</th>
            {named
                .into_iter()
                .enumerate()
                .map(|(i, n)| {
                    let width = widths.get(i).copied().unwrap_or(120.0);
                    view! {
                        <th scope="col" style:width=format!("{width:.0}px")>
                            {n.label}
                            {(!n.heading.is_empty()).then(|| view! { <span class="rows__source">{n.heading}</span> })}
                        </th>
                    }
                })
                .collect_view()}
            <th scope="col" class="rows__import" style:width=format!("{IMPORT_PX}px")>{locale.text("rows.import")}</th>
        }
    };

    // "Next problem": among the rows fetched, else asked of the worker, from the
    // active cell on and then from the top.
    let notice = RwSignal::new(None::<&'static str>);
    let next_problem = move || {
        let from = grid.active.get_untracked();
        let near = fetched
            .with(|start, rows| {
                next_among(rows.iter().enumerate().map(|(i, r)| (start + i, r)), from)
            })
            .flatten();
        if let Some(cell) = near {
            notice.set(None);
            grid.go(cell);
            return;
        }
        let (start, end) = fetched
            .with(|start, rows| (start, start + rows.len()))
            .unwrap_or((0, 0));
        let after = if from.row + 1 < start {
            from.row + 1
        } else {
            end.max(from.row + 1)
        };
        let (filter, file, count) = (
            filter.get_untracked(),
            file.get_untracked(),
            count.get_untracked(),
        );
        notice.set(Some("rows.searching"));
        leptos::task::spawn_local(async move {
            let found = match first_to_fix(state, filter, file, count, after).await {
                Some(found) => Some(found),
                None => first_to_fix(state, filter, file, count, 0).await,
            };
            match found.and_then(|(position, row)| next_in_row(&row, position, None)) {
                Some(cell) => {
                    notice.set(None);
                    grid.go(cell);
                }
                None => notice.set(Some("rows.no_problems")),
            }
        });
    };
    let problems_left = move || state.counts.with(|c| c.problems + c.rejected > 0);

    let rows = Rows {
        i18n,
        grid,
        fetched,
        named,
        choices,
        saving,
        include,
    };
    let detail = move || {
        let locale = i18n.locale();
        let cell = shape.get().clamp(grid.active.get());
        let v = row_at(cell.row)?;
        let (place, what, problem) = describe(&v, cell, shape.get(), named, locale, saving.get());
        Some(view! {
            <span class="grid__place">{place}</span>
            <span class="grid__what" class:grid__what--problem=problem>{what}</span>
        })
    };

    view! {
        // A change the review refused (the row's view was older than its lock).
        {move || state.refused.get().map(|why| view! {
            <p class="notice notice--warning" role="alert" data-testid="change-refused">
                {move || i18n.t(locked_key(why))}
            </p>
        })}
        <div class="grid-bar">
            <button
                type="button"
                id="next-problem"
                class="button button--quiet"
                aria-keyshortcuts="F8"
                disabled=move || !problems_left()
                on:click=move |_| next_problem()
            >
                {move || i18n.t("rows.next_problem")}
                " "
                <kbd>"F8"</kbd>
            </button>
            {children.map(|c| c())}
            <span class="grid-bar__notice" role="status" data-testid="grid-notice">
                {move || notice.get().map(|key| i18n.t(key))}
            </span>
        </div>
        <div
            class="grid"
            on:keydown=move |ev| {
                if grid.on_keydown(&ev) {
                    next_problem();
                }
            }
            on:focusin=move |ev| grid.on_focusin(&ev)
            on:focusout=move |ev| grid.on_focusout(&ev)
        >
            <VirtualRows
                label=Signal::derive(move || i18n.t("rows.label"))
                viewport=viewport
                header=headings
                row=move |position| rows.row(position)
                min_width=table_width
                grid=true
            />
            <div class="grid__detail" data-testid="cell-detail">
                <p class="grid__active">{detail}</p>
                <p class="grid__keys">{move || i18n.t("rows.keys")}</p>
            </div>
        </div>
    }
}

/// The active cell in words for the line under the grid: where it is, what it says
/// in full, and whether that is a problem.
fn describe(
    v: &RowView,
    cell: Cell,
    shape: Shape,
    named: Memo<Vec<Named>>,
    locale: crate::i18n::Locale,
    saving: bool,
) -> (String, String, bool) {
    let row = format!("{} {}", locale.text("rows.row"), v.number);
    let state = locale.text(badge_key(v, saving));
    match shape.mapped(cell.col) {
        Some(c) => {
            let Some(cells) = v.cells.get(c) else {
                return (row, state, false);
            };
            let (label, field) = named.with_untracked(|n| {
                n.get(c)
                    .map(|n| (n.label.clone(), vec![n.field.clone()]))
                    .unwrap_or_default()
            });
            let place = locale.format(
                "rows.cell",
                &[
                    ("row", v.number.to_string().into()),
                    ("field", label.into()),
                ],
            );
            let language = locale.language();
            let problems: Vec<String> = cells
                .problems
                .iter()
                .map(|e| language.problem_in(e, &field))
                .collect();
            if !problems.is_empty() {
                (place, problems.join(" "), true)
            } else if let Some(change) = v
                .changes
                .iter()
                .find(|ch| field.first().is_some_and(|f| f.key == ch.field))
            {
                let text = super::grid_row::change_text(
                    locale,
                    change.old.as_deref(),
                    change.new.as_deref(),
                );
                (place, text, false)
            } else if let Some(stored) = &cells.stored {
                (place, format!("{} → {stored}", cells.value), false)
            } else {
                (place, cells.value.clone(), false)
            }
        }
        None => {
            let mut other: Vec<String> = v.other.iter().map(|e| locale.problem(e)).collect();
            if v.state == RowState::Sent {
                other.push(locale.text(sent_note_key(saving)));
            }
            let problem = !other.is_empty();
            let what = if cell.col == 0 && problem {
                other.join(" ")
            } else {
                state
            };
            (row, what, problem)
        }
    }
}
