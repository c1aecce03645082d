//! The customers table of the review and save steps: one row per customer with its
//! state, every mapped value editable in place (checked again at once), the value as
//! it will be stored, every problem in words on its cell, and whether to import it.
//! The rows live in the worker; the table asks it for the ones in view.

use customer_import_worker::protocol::{Edit, Exclude, ListFilter, Locked, RowState, Rows};
use leptos::prelude::*;

use crate::{
    components::virtual_rows::{Viewport, VirtualRows, fetched_in_view},
    i18n::use_i18n,
    steps::review::{
        column_width::width_ch,
        row_look::{is_locked, locked_key, row_class, state_key},
    },
    wizard::state::ImportState,
};

/// Room for a value and two lines of its error or stored form.
const ROW_HEIGHT: f64 = 84.0;
const VIEWPORT: f64 = 520.0;
/// A `ch` in rem, in the table's font: column widths are set in rem so the heading's
/// smaller font does not narrow them.
const CH_REM: f64 = 0.55;
/// The row (number, status) and import columns, in rem.
const FIXED_REM: f64 = 11.0 + 4.5;

/// Widths of the mapped columns, in rem, for their fields' names and the file's
/// headings.
fn widths(columns: &[(String, String, String)]) -> Vec<f64> {
    columns
        .iter()
        .map(|(key, label, heading)| f64::from(width_ch(key, label, heading)) * CH_REM)
        .collect()
}

#[component]
pub fn CustomerRows(
    /// Which rows to list.
    #[prop(into)]
    filter: Signal<ListFilter>,
    /// Changes when the list is to be made again (rows stay listed until then, so a
    /// row just fixed stays in view).
    #[prop(into)]
    relist: Signal<u64>,
    /// False while rows are being sent: nothing may change under the save.
    #[prop(into)]
    editable: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let list_key = Memo::new(move |_| (filter.get(), relist.get(), state.review_generation.get()));
    let listed = LocalResource::new(move || {
        let key = list_key.get();
        async move { (key, state.list(key.0).await) }
    });
    let count = Signal::derive(move || {
        let key = list_key.get();
        listed.with(|l| match l {
            Some((k, n)) if *k == key => *n,
            _ => 0,
        })
    });
    let viewport = Viewport::new(count, ROW_HEIGHT, VIEWPORT);
    let row_at = fetched_in_view(
        viewport,
        move || list_key.get(),
        move |key, start, len| {
            // Rows in view are asked again after every change, keeping the list.
            let _ = state.review_version.get();
            async move {
                let question = Rows {
                    filter: key.0,
                    start,
                    len,
                };
                state.worker.ask(question).await?.ok()
            }
        },
    );
    let columns = state.review;
    // (field key, field name, file's heading) of each mapped column.
    let named = Memo::new(move |_| {
        let locale = i18n.locale();
        columns.with(|c| {
            c.iter()
                .flatten()
                .map(|c| {
                    let label = locale.language().field_label(&c.field).into_owned();
                    (c.field.key.clone(), label, c.heading.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    let table_width = Signal::derive(move || {
        let total: f64 = named.with(|n| widths(n).iter().sum());
        format!("{:.1}rem", total + FIXED_REM)
    });
    let headings = move || {
        let locale = i18n.locale();
        let named = named.get();
        let widths = widths(&named);
        view! {
            <th scope="col" class="rows__row">{locale.text("rows.row")}</th>
            {named
                .into_iter()
                .zip(widths)
                .map(|((_, label, heading), width)| view! {
                    <th scope="col" style:width=format!("{width:.1}rem")>
                        {label}
                        {(!heading.is_empty()).then(|| view! { <span class="rows__source">{heading}</span> })}
                    </th>
                })
                .collect_view()}
            <th scope="col" class="rows__import">{locale.text("rows.import")}</th>
        }
    };

    let row = move |position: usize| {
        let view_of = Memo::new(move |_| row_at(position));
        let width = columns.with_untracked(|c| c.as_ref().map_or(0, Vec::len));
        let class = move || row_class(view_of.with(|v| v.as_ref().map(|v| v.state)));
        let number = move || view_of.with(|v| v.as_ref().map_or(0, |v| v.number));
        let index = move || view_of.with_untracked(|v| v.as_ref().map(|v| v.row));
        let locked = move || {
            !editable.get() || view_of.with(|v| v.as_ref().is_none_or(|v| is_locked(v.state)))
        };
        let first = move || {
            let locale = i18n.locale();
            view_of.with(|v| {
                let v = v.as_ref()?;
                let mut other = v.other.iter().map(|e| locale.problem(e)).collect::<Vec<_>>();
                if v.state == RowState::Sent {
                    other.push(locale.text(locked_key(Locked::AwaitingAnswer)));
                }
                let other = other.join(" ");
                Some(view! {
                    <span class="rows__number">{v.number}</span>
                    <span class="badge" data-state=state_key(v.state)>{locale.text(state_key(v.state))}</span>
                    // Focusable, so the whole text opens for the keyboard too.
                    {(!other.is_empty()).then(|| view! { <span class="cell__problem" tabindex="0" title=other.clone()>{other.clone()}</span> })}
                })
            })
        };
        let cells = (0..width)
            .map(|c| {
                let problem_id = move || format!("problem-{position}-{c}");
                let value = move || view_of.with(|v| v.as_ref().and_then(|v| v.cells.get(c)).map(|cell| cell.value.clone()).unwrap_or_default());
                let problems = move || {
                    let language = i18n.locale().language();
                    let field = columns.with(|cols| cols.as_ref().and_then(|cols| cols.get(c)).map(|col| col.field.clone()));
                    let fields = field.as_slice();
                    view_of.with(|v| {
                        v.as_ref()
                            .and_then(|v| v.cells.get(c))
                            .map(|cell| cell.problems.iter().map(|e| language.problem_in(e, fields)).collect::<Vec<_>>().join(" "))
                            .unwrap_or_default()
                    })
                };
                let stored = move || view_of.with(|v| v.as_ref().and_then(|v| v.cells.get(c)).and_then(|cell| cell.stored.clone()));
                let label = move || {
                    let locale = i18n.locale();
                    let field = columns.with(|cols| {
                        cols.as_ref()
                            .and_then(|cols| cols.get(c))
                            .map(|col| locale.language().field_label(&col.field).into_owned())
                            .unwrap_or_default()
                    });
                    locale.format("rows.cell", &[("row", number().to_string().into()), ("field", field.into())])
                };
                let on_change = move |ev| {
                    if let Some(row) = index() {
                        let text = event_target_value(&ev);
                        state.change_review(Edit { row, column: c, text });
                    }
                };
                let note = move || {
                    let text = problems();
                    if !text.is_empty() {
                        return Some(view! { <span class="cell__problem" id=problem_id() title=text.clone()>{text.clone()}</span> }.into_any());
                    }
                    stored().map(|s| view! { <span class="cell__stored">"→ " {s}</span> }.into_any())
                };
                view! {
                    <td class="cell" class:cell--problem=move || !problems().is_empty()>
                        <input
                            type="text"
                            class="cell__input"
                            aria-label=label
                            aria-invalid=move || (!problems().is_empty()).then_some("true")
                            aria-describedby=move || (!problems().is_empty()).then(problem_id)
                            prop:value=value
                            disabled=locked
                            on:change=on_change
                        />
                        {note}
                    </td>
                }
            })
            .collect_view();
        let included =
            move || view_of.with(|v| v.as_ref().is_some_and(|v| v.state != RowState::Excluded));
        let on_include = move |ev| {
            if let Some(row) = index() {
                let excluded = !event_target_checked(&ev);
                state.change_review(Exclude { row, excluded });
            }
        };
        let include_label =
            move || i18n.format("rows.include", &[("row", number().to_string().into())]);
        view! {
            <tr class=class data-row=number>
                <th scope="row" class="rows__row">{first}</th>
                {cells}
                <td class="rows__import">
                    <input type="checkbox" aria-label=include_label prop:checked=included disabled=locked on:change=on_include />
                </td>
            </tr>
        }
    };

    view! {
        // A change the review refused (the row's view was older than its lock).
        {move || state.refused.get().map(|why| view! {
            <p class="notice notice--warning" role="alert" data-testid="change-refused">
                {move || i18n.t(locked_key(why))}
            </p>
        })}
        <VirtualRows
            label=Signal::derive(move || i18n.t("rows.label"))
            viewport=viewport
            header=headings
            row=row
            min_width=table_width
        />
    }
}
