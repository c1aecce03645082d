//! Part of the project step: the project's files. Blank templates to fill in, and the
//! customers already in the project in the import layout, as an example. They are
//! fetched with the user's token (so a link could not be shared) and saved from memory.

use customer_import_domain::wire::ProjectSummary;
use leptos::{prelude::*, task::spawn_local};

use crate::{api::Api, download::download_bytes, i18n::use_i18n};

/// The files offered: (file on the server, label key, id).
const FILES: [(&str, &str, &str); 4] = [
    (
        "template.xlsx",
        "project.files.template_xlsx",
        "download-template-xlsx",
    ),
    (
        "template.csv",
        "project.files.template_csv",
        "download-template-csv",
    ),
    (
        "customers.xlsx",
        "project.files.customers_xlsx",
        "download-customers-xlsx",
    ),
    (
        "customers.csv",
        "project.files.customers_csv",
        "download-customers-csv",
    ),
];

#[component]
pub fn ProjectFiles(project: ProjectSummary) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let fetch = move |file: &'static str| {
        let api = api.clone();
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let lang = i18n.locale().tag();
            match api.project_file(project.id, file, lang).await {
                Ok(f) => {
                    if download_bytes(&f.name, &f.mime, &f.bytes).is_none() {
                        failure.set(Some("project.files.save_failed".to_owned()));
                    }
                }
                Err(e) => failure.set(Some(e.key().to_owned())),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="project-files" role="group" aria-labelledby="project-files-heading">
            <h3 id="project-files-heading">{move || i18n.t("project.files.heading")}</h3>
            <p class="muted">{move || i18n.t("project.files.hint")}</p>
            <div class="project-files__buttons">
                {FILES
                    .into_iter()
                    .map(|(file, label, id)| {
                        let fetch = fetch.clone();
                        view! {
                            <button
                                type="button"
                                class="button button--quiet"
                                id=id
                                disabled=move || busy.get()
                                on:click=move |_| fetch(file)
                            >
                                {move || i18n.t(label)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                failure
                    .get()
                    .map(|key| {
                        view! { <p class="notice notice--error" role="alert">{move || i18n.t(&key)}</p> }
                    })
            }}
        </div>
    }
}
