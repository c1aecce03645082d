//! Part of the import history: the rows of one import that updated a customer, each
//! with its changes old → new, and the rows that created no customer, each with its
//! reasons in the user's language, read from the server when asked for.

use leptos::prelude::*;

use crate::{
    api::Api,
    i18n::use_i18n,
    steps::{
        project::history::lines::{not_created, updated},
        review::grid_row::change_text,
    },
};

#[component]
pub fn ImportRows(project: i64, batch: i64) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let detail = LocalResource::new(move || {
        let api = api.clone();
        async move { api.import_detail(project, batch).await }
    });
    view! {
        <div class="history__rows" data-testid="history-rows">
            <Transition fallback=move || view! { <p class="muted">{move || i18n.t("history.rows_loading")}</p> }>
                {move || {
                    detail
                        .get()
                        .map(|result| match result {
                            Ok(detail) => {
                                let changed: Vec<(u64, Vec<_>)> = updated(&detail)
                                    .into_iter()
                                    .map(|r| (r.row, r.changes.clone()))
                                    .collect();
                                let changed = (!changed.is_empty()).then(|| view! {
                                    <h4>{move || i18n.t("history.rows_updated_heading")}</h4>
                                    <ul class="history__changes" data-testid="history-updated-rows">
                                        {changed
                                            .into_iter()
                                            .map(|(row, changes)| view! {
                                                <li>{move || {
                                                    let locale = i18n.locale();
                                                    let changes: Vec<String> = changes
                                                        .iter()
                                                        .map(|c| format!(
                                                            "{}: {}",
                                                            locale.text(&format!("field.{}", c.field)),
                                                            change_text(locale, c.old.as_deref(), c.new.as_deref()),
                                                        ))
                                                        .collect();
                                                    i18n.format(
                                                        "history.row_changes",
                                                        &[
                                                            ("row", row.to_string().into()),
                                                            ("changes", changes.join(" · ").into()),
                                                        ],
                                                    )
                                                }}</li>
                                            })
                                            .collect_view()}
                                    </ul>
                                });
                                let rows: Vec<(u64, Vec<_>)> = not_created(&detail)
                                    .into_iter()
                                    .map(|r| (r.row, r.errors.clone()))
                                    .collect();
                                if rows.is_empty() {
                                    return view! {
                                        {changed}
                                        <p class="muted">{move || i18n.t("history.rows_all_created")}</p>
                                    }
                                    .into_any();
                                }
                                view! {
                                    {changed}
                                    <h4>{move || i18n.t("history.rows_heading")}</h4>
                                    <ul class="history__problems">
                                        {rows
                                            .into_iter()
                                            .map(|(row, errors)| {
                                                view! {
                                                    <li>
                                                        {move || {
                                                            let locale = i18n.locale();
                                                            let problems: Vec<String> = errors
                                                                .iter()
                                                                .map(|e| locale.problem(e))
                                                                .collect();
                                                            i18n.format(
                                                                "history.row_problems",
                                                                &[
                                                                    ("row", row.to_string().into()),
                                                                    ("problems", problems.join(" ").into()),
                                                                ],
                                                            )
                                                        }}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(failure) => {
                                let key = failure.key().to_owned();
                                view! { <p class="notice notice--error" role="alert">{move || i18n.t(&key)}</p> }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </div>
    }
}
