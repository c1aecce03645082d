//! Step 3: which row holds the headings. The user sets how many rows to skip (title
//! rows, a project name) and whether the next row is headers; the preview shows the
//! number of customers and fields and the first customer in full.

use customer_import_worker::protocol::TableRows;
use leptos::prelude::*;

use crate::{
    components::{
        checkbox::Checkbox,
        virtual_rows::{Viewport, VirtualRows, fetched_in_view},
    },
    i18n::use_i18n,
    steps::file::choices::error_text,
    wizard::state::ImportState,
};

#[component]
pub fn HeaderStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let table = Memo::new(move |_| state.table());
    let skip = move || {
        let suggested = table.with(|t| match t {
            Some(Ok(t)) => t.header.skip_rows,
            _ => 0,
        });
        state.skip_choice.get().unwrap_or(suggested).to_string()
    };
    let set_skip = move |ev| {
        if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
            state.skip_choice.set(Some(n));
        }
    };

    let body = move || {
        let locale = i18n.locale();
        Some(match table.get()? {
            Ok(p) => {
                let counts = locale.format(
                    "header.counts",
                    &[("rows", p.rows.into()), ("columns", p.headings.len().into())],
                );
                let ragged = p.ragged_rows.first().map(|first| {
                    locale.format(
                        "header.ragged",
                        // The count is every ragged row, not only those listed.
                        &[("count", p.ragged_total.into()), ("row", first.to_string().into())],
                    )
                });
                let doubt = p.headings_look_like_data.then(|| {
                    let row = p.header.skip_rows + 1;
                    let values = p.headings.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
                    view! { <HeadingsInDoubt row=row values=values /> }
                });
                view! {
                    {doubt}
                    <p class="counts" role="status" data-testid="counts">{counts}</p>
                    {ragged.map(|text| view! { <p class="notice notice--warning">{text}</p> })}
                    <h3>{locale.text("header.first_row")}</h3>
                    <dl class="first-row" data-testid="first-row">
                        {p.first_row
                            .into_iter()
                            .map(|(heading, value)| view! { <dt>{heading}</dt><dd>{value}</dd> })
                            .collect_view()}
                    </dl>
                    <h3>{locale.text("header.data")}</h3>
                    <DataTable />
                }
                .into_any()
            }
            Err(e) => view! {
                <p class="notice notice--error" role="alert" data-testid="header-error">{error_text(locale, &e)}</p>
            }
            .into_any(),
        })
    };

    view! {
        <Show when=move || state.opened().is_some()>
            <section class="step" aria-labelledby="header-heading">
                <h2 id="header-heading" tabindex="-1">{move || i18n.t("header.heading")}</h2>
                <crate::steps::layouts::LayoutSwitch />
                <div class="field-row">
                    <label class="field">
                        <span class="field__label">{move || i18n.t("header.skip")}</span>
                        <input id="skip-rows" type="number" min="0" inputmode="numeric" prop:value=skip on:input=set_skip />
                    </label>
                    <Checkbox
                        id="has-headers"
                        checked=state.has_headers
                        label=Signal::derive(move || i18n.t("header.has_headers"))
                    />
                </div>
                {body}
            </section>
        </Show>
    }
}

/// The row taken as headings reads like a customer: asked, not guessed, so that no
/// customer is lost (a file whose header row is empty or missing).
#[component]
fn HeadingsInDoubt(row: usize, values: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    view! {
        <Show when=move || state.headings_in_doubt()>
            <div class="notice notice--warning" role="group" aria-labelledby="headings-doubt" data-testid="headings-doubt">
                <p id="headings-doubt">
                    {let values = values.clone(); move || i18n.format("header.doubt", &[("row", row.into()), ("values", values.clone().into())])}
                </p>
                <div class="field-row">
                    <button type="button" id="headings-are-a-customer" class="button" on:click=move |_| state.has_headers.set(false)>
                        {move || i18n.format("header.doubt_customer", &[("row", row.into())])}
                    </button>
                    <button type="button" id="headings-are-headings" class="button button--quiet" on:click=move |_| state.confirm_headings()>
                        {move || i18n.format("header.doubt_headings", &[("row", row.into())])}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// Every row of the data under the header choices, scrollable; only rows in view exist,
/// and only their cells are asked of the worker.
#[component]
fn DataTable() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let shape = Memo::new(move |_| match state.table() {
        Some(Ok(t)) => (t.headings, t.rows),
        _ => (Vec::new(), 0),
    });
    let viewport = Viewport::new(Signal::derive(move || shape.with(|s| s.1)), 36.0, 360.0);
    let row_at = fetched_in_view(
        viewport,
        move || state.table_choice(),
        move |key, start, len| async move {
            let question = TableRows {
                choice: key.choice,
                start,
                len,
            };
            state.worker.ask(question).await?.ok()
        },
    );
    let header = move || {
        let headings = shape.with(|s| s.0.clone());
        view! {
            <th scope="col" class="rows__row">{i18n.t("rows.row")}</th>
            {headings.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
        }
    };
    let row = move |position: usize| {
        let width = shape.with_untracked(|s| s.0.len());
        let shown = Memo::new(move |_| row_at(position));
        let number = move || shown.with(|r| r.as_ref().map(|r| r.number));
        let cell = move |c: usize| {
            move || {
                shown.with(|r| {
                    r.as_ref()
                        .and_then(|r| r.cells.get(c).cloned())
                        .unwrap_or_default()
                })
            }
        };
        view! {
            <tr>
                <th scope="row" class="rows__row">{number}</th>
                {(0..width).map(|c| view! { <td class="data__cell">{cell(c)}</td> }).collect_view()}
            </tr>
        }
    };
    view! {
        <VirtualRows
            label=Signal::derive(move || i18n.t("header.data"))
            viewport=viewport
            header=header
            row=row
        />
    }
}
