//! The customers table of the review and save steps: one row per customer with its
//! state, every mapped value editable in place (checked again at once), the value as
//! it will be stored, every problem in words on its cell, and whether to import it.

use customer_import_domain::{
    review::{Review, RowState},
    validate::FieldError,
};
use leptos::prelude::*;

use crate::{components::virtual_rows::VirtualRows, i18n::use_i18n, state::ImportState};

const ROW_HEIGHT: f64 = 76.0;
const VIEWPORT: f64 = 520.0;

/// What one table row shows, taken from the review in one go so that the row's cells
/// update together and only when the row itself changed.
#[derive(Debug, Clone, PartialEq)]
struct RowView {
    number: u64,
    state: RowState,
    /// Per column: the value, the stored value when it differs, the problems.
    cells: Vec<(String, Option<String>, Vec<FieldError>)>,
    /// Problems of the row not tied to one of its columns (e.g. "needs a name").
    other: Vec<FieldError>,
}

impl RowView {
    fn of(review: &Review, row: usize) -> RowView {
        let stored = review.customer(row).map(|c| c.to_values()).ok();
        let problems = review.problems(row);
        let cells = review
            .columns()
            .iter()
            .enumerate()
            .map(|(c, column)| {
                let value = review.value(row, c).to_owned();
                let as_stored = stored
                    .as_ref()
                    .and_then(|s| s.get(&column.field.key))
                    .filter(|s| **s != value)
                    .cloned();
                let mine = problems
                    .iter()
                    .filter(|e| e.field == column.field.key)
                    .map(|e| (*e).clone())
                    .collect();
                (value, as_stored, mine)
            })
            .collect();
        let other = problems
            .iter()
            .filter(|e| !review.columns().iter().any(|c| c.field.key == e.field))
            .map(|e| (*e).clone())
            .collect();
        RowView {
            number: review.row_number(row),
            state: review.state(row),
            cells,
            other,
        }
    }
}

fn state_key(state: RowState) -> &'static str {
    match state {
        RowState::Ready => "rows.ready",
        RowState::Problems => "rows.problems",
        RowState::Excluded => "rows.excluded",
        RowState::Created => "rows.created",
        RowState::Rejected => "rows.rejected",
    }
}

#[component]
pub fn CustomerRows(
    /// The review rows to list, in order.
    #[prop(into)]
    items: Signal<Vec<usize>>,
    /// False while rows are being sent: nothing may change under the save.
    #[prop(into)]
    editable: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let review = state.review;
    let headings = move || {
        let locale = i18n.locale();
        let columns: Vec<(String, String)> = review.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.columns()
                        .iter()
                        .map(|c| (locale.text(&c.field.label).to_owned(), c.heading.clone()))
                        .collect()
                })
                .unwrap_or_default()
        });
        view! {
            <th scope="col" class="rows__row">{locale.text("rows.row").to_owned()}</th>
            {columns
                .into_iter()
                .map(|(label, heading)| view! {
                    <th scope="col">
                        {label}
                        {(!heading.is_empty()).then(|| view! { <span class="rows__source">{heading}</span> })}
                    </th>
                })
                .collect_view()}
            <th scope="col" class="rows__import">{locale.text("rows.import").to_owned()}</th>
        }
    };

    let row = move |index: usize| {
        let view_of =
            Memo::new(move |_| review.with(|r| r.as_ref().map(|r| RowView::of(r, index))));
        let width = review.with_untracked(|r| r.as_ref().map_or(0, |r| r.columns().len()));
        let class = move || {
            let s = view_of.with(|v| v.as_ref().map(|v| v.state));
            match s {
                Some(RowState::Created) => "rows__tr rows__tr--created",
                Some(RowState::Rejected | RowState::Problems) => "rows__tr rows__tr--problems",
                Some(RowState::Excluded) => "rows__tr rows__tr--excluded",
                _ => "rows__tr",
            }
        };
        let number = move || view_of.with(|v| v.as_ref().map_or(0, |v| v.number));
        let locked = move || {
            !editable.get()
                || view_of.with(|v| v.as_ref().is_some_and(|v| v.state == RowState::Created))
        };
        let first = move || {
            let locale = i18n.locale();
            view_of.with(|v| {
                let v = v.as_ref()?;
                let other = v.other.iter().map(|e| locale.problem(e)).collect::<Vec<_>>().join(" ");
                Some(view! {
                    <span class="rows__number">{v.number}</span>
                    <span class="badge" data-state=state_key(v.state)>{locale.text(state_key(v.state)).to_owned()}</span>
                    {(!other.is_empty()).then(|| view! { <span class="cell__problem" title=other.clone()>{other.clone()}</span> })}
                })
            })
        };
        let cells = (0..width)
            .map(|c| {
                let problem_id = move || format!("problem-{index}-{c}");
                let value = move || view_of.with(|v| v.as_ref().and_then(|v| v.cells.get(c)).map(|cell| cell.0.clone()).unwrap_or_default());
                let problems = move || {
                    let locale = i18n.locale();
                    view_of.with(|v| {
                        v.as_ref()
                            .and_then(|v| v.cells.get(c))
                            .map(|cell| cell.2.iter().map(|e| locale.problem(e)).collect::<Vec<_>>().join(" "))
                            .unwrap_or_default()
                    })
                };
                let stored = move || view_of.with(|v| v.as_ref().and_then(|v| v.cells.get(c)).and_then(|cell| cell.1.clone()));
                let label = move || {
                    let locale = i18n.locale();
                    let field = review.with(|r| {
                        r.as_ref()
                            .and_then(|r| r.columns().get(c))
                            .map(|col| locale.text(&col.field.label).to_owned())
                            .unwrap_or_default()
                    });
                    locale.format("rows.cell", &[("row", &number().to_string()), ("field", &field)])
                };
                let on_change = move |ev| {
                    let text = event_target_value(&ev);
                    review.update(|r| {
                        if let Some(r) = r.as_mut() {
                            r.edit(index, c, &text);
                        }
                    });
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
            let include = event_target_checked(&ev);
            review.update(|r| {
                if let Some(r) = r.as_mut() {
                    r.set_excluded(index, !include);
                }
            });
        };
        let include_label = move || i18n.format("rows.include", &[("row", &number().to_string())]);
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
        <VirtualRows
            label=Signal::derive(move || i18n.t("rows.label"))
            items=items
            row_height=ROW_HEIGHT
            viewport=VIEWPORT
            header=headings
            row=row
        />
    }
}
