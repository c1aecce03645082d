//! The end of an import of several files (issue 29): each file with its outcomes
//! (created, refused, to fix, not sent), as the seeds' administrators check a file
//! per customer group, and each file's rows not created as a file of its own kind
//! to fix in Excel.

use customer_import_worker::protocol::{AddedHeadings, FailedRows, FileCounts};
use leptos::prelude::*;

use crate::{
    download::download_bytes,
    i18n::{Locale, use_i18n},
    steps::save::outcome::Tally,
    wizard::state::ImportState,
};

/// Downloads the rows of the import's `file`th file that were not created, in the
/// kind of file it was, with a column of reasons in the user's language; `named`
/// after the file when the import has several.
pub fn download_failed_rows(
    state: ImportState,
    locale: Locale,
    file: usize,
    named: Option<String>,
) {
    let question = FailedRows {
        file,
        language: locale.language(),
        added: AddedHeadings {
            row: locale.text("save.row_column"),
            reasons: locale.text("save.error_column"),
        },
        sheet: locale.text("save.failed_sheet"),
    };
    leptos::task::spawn_local(async move {
        if let Some(Ok(failed)) = state.worker.ask(question).await {
            let stem = locale.text("save.failed_file");
            let stem = match named {
                Some(name) => {
                    let name = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                    format!("{stem}-{name}")
                }
                None => stem,
            };
            let name = format!("{stem}.{}", failed.kind.extension());
            let _ = download_bytes(&name, failed.kind.mime(), &failed.bytes);
        }
    });
}

#[component]
pub fn PerFile() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let files = Memo::new(move |_| {
        let _ = state.review_generation.get();
        state.reviewed_files()
    });
    // Asked again whenever the review's counts change.
    let per_file = LocalResource::new(move || {
        let _ = state.counts.get();
        async move { state.worker.ask(FileCounts {}).await.and_then(Result::ok) }
    });
    // The outcomes the import's own count lists, for every file alike.
    let keys = Memo::new(move |_| {
        let total = Tally::from(state.counts.get());
        total
            .rows()
            .into_iter()
            .map(|(key, _)| key)
            .collect::<Vec<_>>()
    });
    let rows = move || {
        let locale = i18n.locale();
        let counts = per_file.get().flatten().unwrap_or_default();
        files
            .get()
            .into_iter()
            .filter_map(|(file, name)| {
                let tally = Tally::from(*counts.get(file)?);
                let cells = keys
                    .get()
                    .into_iter()
                    .map(|key| {
                        let n = tally.count(key);
                        view! { <td data-outcome=key data-n=n>{locale.number(n as u64)}</td> }
                    })
                    .collect_view();
                let download = {
                    let name = name.clone();
                    move |_| download_failed_rows(state, locale, file, Some(name.clone()))
                };
                let label = locale.format("end.download_file_failed", &[("file", name.clone().into())]);
                let shown = name.clone();
                Some(view! {
                    <tr data-testid="file-outcome" data-file=name>
                        <th scope="row">{shown}</th>
                        {cells}
                        <td>
                            {(tally.not_created > 0).then(|| view! {
                                <button type="button" class="button button--quiet" on:click=download aria-label=label>
                                    {locale.text("end.download_file_failed_short")}
                                </button>
                            })}
                        </td>
                    </tr>
                })
            })
            .collect_view()
    };
    let head = move || {
        let locale = i18n.locale();
        keys.get()
            .into_iter()
            .map(|key| view! { <th scope="col">{locale.text(key)}</th> })
            .collect_view()
    };
    view! {
        <Show when=move || files.with(|f| f.len() > 1)>
            <table class="end__files" data-testid="end-files">
                <caption>{move || i18n.t("end.per_file")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("end.file")}</th>
                        {head}
                        <td></td>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </Show>
    }
}
