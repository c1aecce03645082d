//! Step 2: pick or drop the file. The bytes stay in the browser and are read by the
//! reading crate (in the worker); the step shows what was found (format, encoding and delimiter, or the
//! sheets of a workbook) and lets the user correct it, or says why it cannot be read.

pub mod choices;
mod other_files;

use customer_import_worker::protocol::{FileFormat, FileSummary};
use leptos::prelude::*;

use crate::{
    components::{
        drop_zone::{DropZone, PickedFile},
        text_table::TextTable,
    },
    i18n::{I18n, use_i18n},
    steps::file::choices::{DELIMITERS, ENCODINGS, Overrides, error_text},
    steps::work_progress::WorkProgress,
    wizard::state::{FileState, ImportState},
};

/// What the file picker offers; content decides in the end (see `format::sniff`).
const ACCEPT: &str = ".csv,.txt,.tsv,.xlsx,.xlsm,.xls,.ods,text/csv,text/plain";

#[component]
pub fn FileStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    // The worker's code (the larger part of the app) loads while the user finds the file.
    state.worker.prepare();
    let on_files = Callback::new(move |files: Vec<PickedFile>| state.pick(files));
    let on_cancel = Callback::new(move |()| state.forget_file());

    // Shown as soon as the worker has read the file's start, and kept once it is read
    // if the whole file was read with the same encoding and delimiter (a byte far in
    // can make a file that starts as UTF-8 another encoding).
    let first_rows = move || {
        let (rows, text) = state.worker.preview.get()?;
        let read_otherwise = state
            .opened()
            .is_some_and(|summary| summary.text.as_ref() != Some(&text));
        if read_otherwise {
            return None;
        }
        Some(view! {
            <TextTable caption=Signal::derive(move || i18n.t("file.first_rows")) rows=rows testid="first-rows" />
        })
    };
    let summary = move || {
        let locale = i18n.locale();
        let (name, size) = state
            .file
            .with(|f| f.as_ref().map(|f| (f.name.clone(), f.size)))?;
        let heading = locale.format(
            "file.picked",
            &[
                ("name", name.into()),
                ("size", locale.file_size(size).into()),
            ],
        );
        Some(match state.file_state() {
            FileState::NotPicked => return None,
            FileState::Reading => view! {
                <div class="notice" data-testid="file-reading">
                    <strong>{heading}</strong>
                    <WorkProgress on_cancel=on_cancel />
                </div>
                {first_rows}
            }
            .into_any(),
            FileState::Read(Ok(summary)) => view! {
                <div class="notice notice--ok" role="status" data-testid="file-summary">
                    <strong>{heading}</strong>
                    <span>{locale.text(format_key(summary.format))}</span>
                </div>
                {layout_controls(i18n, state, &summary)}
                {losses_notices(i18n, state, summary)}
                {first_rows}
            }
            .into_any(),
            FileState::Read(Err(e)) => view! {
                <div class="notice notice--error" role="alert" data-testid="file-summary">
                    <strong>{heading}</strong>
                    <span>{error_text(locale, &e)}</span>
                </div>
            }
            .into_any(),
            FileState::Failed => view! {
                <p class="notice notice--error" role="alert" data-testid="file-summary">
                    {locale.text("file.read_failed")}
                </p>
            }
            .into_any(),
        })
    };

    view! {
        <section class="step" aria-labelledby="file-heading">
            <h2 id="file-heading" tabindex="-1">{move || i18n.t("file.heading")}</h2>
            <DropZone
                label=Signal::derive(move || i18n.t("file.drop"))
                hint=Signal::derive(move || i18n.t("file.formats"))
                accept=ACCEPT
                on_files=on_files
            />
            {summary}
            <other_files::OtherFiles />
            <p class="muted privacy">{move || i18n.t("app.privacy")}</p>
        </section>
    }
}

/// Encoding and delimiter for text; the sheet for workbooks.
fn layout_controls(i18n: I18n, state: ImportState, summary: &FileSummary) -> AnyView {
    let locale = i18n.locale();
    if let Some(layout) = summary.text.clone() {
        let detected = layout.encoding;
        let encoding_value = {
            let detected = detected.clone();
            move || {
                state
                    .overrides
                    .with(|o| o.encoding.clone())
                    .unwrap_or_else(|| detected.clone())
            }
        };
        let delimiter_value = move || {
            state
                .overrides
                .with(|o| o.delimiter)
                .unwrap_or(layout.delimiter)
                .to_string()
        };
        let set_encoding = move |ev| {
            let label = event_target_value(&ev);
            state
                .overrides
                .update(|o: &mut Overrides| o.encoding = Some(label));
        };
        let set_delimiter = move |ev| {
            if let Ok(d) = event_target_value(&ev).parse::<u8>() {
                state
                    .overrides
                    .update(|o: &mut Overrides| o.delimiter = Some(d));
            }
        };
        let mut encodings: Vec<String> = ENCODINGS.iter().map(|e| (*e).to_owned()).collect();
        if !encodings.iter().any(|e| e.eq_ignore_ascii_case(&detected)) {
            encodings.insert(0, detected);
        }
        return view! {
            <div class="field-row">
                <label class="field">
                    <span class="field__label">{locale.text("file.encoding")}</span>
                    <select id="encoding" on:change=set_encoding prop:value=encoding_value>
                        {encodings.into_iter().map(|e| view! { <option value=e.clone()>{e.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field__label">{locale.text("file.delimiter")}</span>
                    <select id="delimiter" on:change=set_delimiter prop:value=delimiter_value>
                        {DELIMITERS
                            .iter()
                            .map(|(d, key)| view! { <option value=d.to_string()>{locale.text(key)}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
        }
        .into_any();
    }
    let options: Vec<(usize, String)> = summary
        .sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut label = locale.format(
                "file.sheet_rows",
                &[("name", (&s.name).into()), ("rows", s.rows.into())],
            );
            if !s.visible {
                label = format!("{label} · {}", locale.text("file.hidden"));
            }
            (i, label)
        })
        .collect();
    let set_sheet = move |ev| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
            state.sheet_choice.set(Some(i));
            state.skip_choice.set(None);
        }
    };
    view! {
        <label class="field">
            <span class="field__label">{locale.text("file.sheet")}</span>
            <select id="sheet" on:change=set_sheet prop:value=move || state.sheet().to_string()>
                {options.into_iter().map(|(i, label)| view! { <option value=i.to_string()>{label}</option> }).collect_view()}
            </select>
        </label>
    }
    .into_any()
}

/// Formula cells named in the notice; the rest are counted.
const FORMULAS_NAMED: usize = 10;

/// What reading the chosen sheet lost: characters the encoding could not decode, and
/// formula cells saved without a result. Said here, where changing the encoding or
/// the sheet can still help, instead of surfacing as `Kj�rsti` or an empty cell later.
fn losses_notices(i18n: I18n, state: ImportState, summary: FileSummary) -> impl IntoView {
    move || {
        let locale = i18n.locale();
        let sheet = if summary.text.is_some() {
            0
        } else {
            state.sheet()
        };
        let losses = &summary.sheets.get(sheet)?.losses;
        let unreadable = losses.first_unreadable.map(|first| {
            locale.format(
                "file.unreadable",
                &[
                    ("count", losses.unreadable_chars.into()),
                    ("row", first.row.to_string().into()),
                    ("column", first.column_letter().into()),
                ],
            )
        });
        let formulas = (losses.formulas_without_value > 0).then(|| {
            let mut cells: Vec<String> = losses
                .formula_cells
                .iter()
                .take(FORMULAS_NAMED)
                .map(|p| format!("{}{}", p.column_letter(), p.row))
                .collect();
            if losses.formulas_without_value > cells.len() as u64 {
                cells.push("…".to_owned());
            }
            locale.format(
                "file.formulas_without_value",
                &[
                    ("count", losses.formulas_without_value.into()),
                    ("cells", cells.join(", ").into()),
                ],
            )
        });
        Some(
            [unreadable, formulas]
                .into_iter()
                .flatten()
                .map(|text| view! { <p class="notice notice--warning" role="status" data-testid="file-losses">{text}</p> })
                .collect_view(),
        )
    }
}

fn format_key(format: FileFormat) -> &'static str {
    match format {
        FileFormat::DelimitedText => "format.delimited_text",
        FileFormat::Xlsx => "format.xlsx",
        FileFormat::Xls => "format.xls",
        FileFormat::Ods => "format.ods",
    }
}
