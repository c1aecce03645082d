//! Step 3: which row holds the headings. The user sets how many rows to skip (title
//! rows, a project name) and whether the next row is headers; the preview shows the
//! number of customers and fields and the first customer in full.

use leptos::prelude::*;

use crate::{
    components::{checkbox::Checkbox, virtual_rows::VirtualRows},
    i18n::use_i18n,
    reading::error_text,
    state::ImportState,
};

#[component]
pub fn HeaderStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let preview = Memo::new(move |_| state.preview());
    let skip = move || state.header_options().skip_rows.to_string();
    let set_skip = move |ev| {
        if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
            state.skip_choice.set(Some(n));
        }
    };

    let body = move || {
        let locale = i18n.locale();
        Some(match preview.get()? {
            Ok(p) => {
                let counts = locale.format(
                    "header.counts",
                    &[("rows", &p.rows.to_string()), ("columns", &p.columns.to_string())],
                );
                let ragged = p.ragged_rows.first().map(|first| {
                    locale.format(
                        "header.ragged",
                        &[("count", &p.ragged_rows.len().to_string()), ("row", &first.to_string())],
                    )
                });
                view! {
                    <p class="counts" role="status" data-testid="counts">{counts}</p>
                    {ragged.map(|text| view! { <p class="notice notice--warning">{text}</p> })}
                    <h3>{locale.text("header.first_row").to_owned()}</h3>
                    <dl class="first-row" data-testid="first-row">
                        {p.first_row
                            .into_iter()
                            .map(|(heading, value)| view! { <dt>{heading}</dt><dd>{value}</dd> })
                            .collect_view()}
                    </dl>
                    <h3>{locale.text("header.data").to_owned()}</h3>
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
        <Show when=move || state.parsed.with(|p| p.as_ref().is_some_and(|p| p.0.is_ok()))>
            <section class="step" aria-labelledby="header-heading">
                <h2 id="header-heading" tabindex="-1">{move || i18n.t("header.heading")}</h2>
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

/// Every row of the data under the header choices, scrollable; only rows in view exist.
#[component]
fn DataTable() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let shape = Memo::new(move |_| {
        state
            .with_table(|t| {
                let headings: Vec<String> = t.headings().iter().map(|h| h.label.clone()).collect();
                (headings, t.rows())
            })
            .unwrap_or_default()
    });
    let items = Signal::derive(move || (0..shape.with(|s| s.1)).collect::<Vec<_>>());
    let header = move || {
        let headings = shape.with(|s| s.0.clone());
        view! {
            <th scope="col" class="rows__row">{i18n.t("rows.row")}</th>
            {headings.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
        }
    };
    let row = move |index: usize| {
        let (number, cells) = state
            .with_table(|t| {
                let cells: Vec<String> = (0..t.columns())
                    .map(|c| t.cell(index, c).text.to_owned())
                    .collect();
                (t.row_number(index), cells)
            })
            .unwrap_or_default();
        view! {
            <tr>
                <th scope="row" class="rows__row">{number}</th>
                {cells.into_iter().map(|c| view! { <td class="data__cell">{c}</td> }).collect_view()}
            </tr>
        }
    };
    view! {
        <VirtualRows
            label=Signal::derive(move || i18n.t("header.data"))
            items=items
            row_height=36.0
            viewport=360.0
            header=header
            row=row
        />
    }
}
