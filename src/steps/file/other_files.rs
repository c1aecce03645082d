//! The files picked after the first (issue 29), each with where it stands: read with
//! the first file's headings (its rows), with other headings (its columns are mapped
//! after the first file's), or unreadable and why; one file's trouble never stops the
//! others.

use leptos::prelude::*;

use crate::{
    i18n::use_i18n,
    steps::file::choices::error_text,
    wizard::{more_files::OtherFile, state::ImportState},
};

#[component]
pub fn OtherFiles() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let rows = move || {
        let locale = i18n.locale();
        let first = state
            .file
            .with(|f| f.as_ref().map(|f| f.name.clone()))
            .unwrap_or_default();
        let names: Vec<String> = state
            .files
            .with(|f| f.iter().skip(1).map(|f| f.name.clone()).collect());
        names
            .into_iter()
            .zip(state.other_files())
            .map(|(name, other)| {
                let (class, status, text) = match other {
                    OtherFile::Reading => ("", "reading", locale.text("file.other_reading")),
                    OtherFile::Read {
                        rows,
                        same_as_first: true,
                    } => (
                        "notice--ok",
                        "joins",
                        locale.format(
                            "file.other_joins",
                            &[("rows", rows.into()), ("first", first.clone().into())],
                        ),
                    ),
                    OtherFile::Read {
                        same_as_first: false,
                        ..
                    } => (
                        "notice--warning",
                        "differs",
                        locale.format("file.other_differs", &[("first", first.clone().into())]),
                    ),
                    OtherFile::Unreadable(e) => (
                        "notice--error",
                        "unreadable",
                        match e {
                            Some(e) => error_text(locale, &e),
                            None => locale.text("file.read_failed"),
                        },
                    ),
                };
                view! {
                    <li class=format!("notice {class}") data-testid="other-file" data-status=status>
                        <strong>{name}</strong>
                        <span>{text}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let several = move || state.files.with(|f| f.len() > 1);
    view! {
        <Show when=several>
            <section class="other-files" aria-labelledby="other-files-heading">
                <h3 id="other-files-heading">{move || i18n.t("file.others")}</h3>
                <ul class="plain-list" data-testid="other-files">{rows}</ul>
            </section>
        </Show>
    }
}
