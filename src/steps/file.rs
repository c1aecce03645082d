//! Step 2: pick or drop the file. The bytes stay in the browser; the domain crate tells
//! what kind of file it is, or why it cannot be read.

use customer_import_domain::format::{FileFormat, sniff};
use leptos::prelude::*;

use crate::{
    components::drop_zone::{DropZone, PickedFile},
    i18n::use_i18n,
};

/// What the file picker accepts; content decides in the end (see `format::sniff`).
const ACCEPT: &str = ".csv,.txt,.tsv,.xlsx,.xlsm,.xls,.ods,text/csv,text/plain";

#[component]
pub fn FileStep(
    /// The file the user picked, as bytes.
    picked: RwSignal<Option<PickedFile>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let read_failed = RwSignal::new(false);
    let on_file = Callback::new(move |file: PickedFile| {
        read_failed.set(false);
        picked.set(Some(file));
    });
    let on_read_error = Callback::new(move |()| {
        picked.set(None);
        read_failed.set(true);
    });
    // Derived, not stored: the format follows the bytes.
    let format = Memo::new(move |_| picked.with(|p| p.as_ref().map(|f| sniff(&f.bytes, &f.name))));

    let summary = move || {
        let locale = i18n.locale();
        let file = picked.get()?;
        let heading = locale.format(
            "file.picked",
            &[
                ("name", &file.name),
                ("size", &locale.file_size(file.bytes.len() as u64)),
            ],
        );
        let (class, detail) = match format.get()? {
            Ok(f) => ("notice notice--ok", locale.text(format_key(f)).to_owned()),
            Err(e) => ("notice notice--error", locale.text(e.key()).to_owned()),
        };
        Some(view! {
            <div class=class role="status" data-testid="file-summary">
                <strong>{heading}</strong>
                <span>{detail}</span>
            </div>
        })
    };

    view! {
        <section class="step" aria-labelledby="file-heading">
            <h2 id="file-heading">{move || i18n.t("file.heading")}</h2>
            <DropZone
                label=Signal::derive(move || i18n.t("file.drop"))
                hint=Signal::derive(move || i18n.t("file.formats"))
                reading_label=Signal::derive(move || i18n.t("file.reading"))
                accept=ACCEPT
                on_file=on_file
                on_read_error=on_read_error
            />
            {summary}
            <Show when=move || read_failed.get()>
                <p class="notice notice--error" role="alert">{move || i18n.t("file.read_failed")}</p>
            </Show>
            <p class="muted privacy">{move || i18n.t("app.privacy")}</p>
        </section>
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
