//! Part of the project step: the project's earlier imports (issue 20). Who imported
//! which file when, how many rows were created and not, how many customers were
//! removed by undoing it; the rows not created on demand, and an Undo button where the
//! server says the user may undo. What each line says is [`crate::history`]'s.

use customer_import_domain::wire::ImportSummary;
use leptos::prelude::*;

use super::{import_rows::ImportRows, undo_dialog::UndoDialog};
use crate::{
    api::{Api, ApiFailure},
    history::{Undoable, count, undoable},
    i18n::{Arg, Locale, use_i18n},
};

/// The imports of `pages` pages of the history, newest first, and whether older ones
/// are left.
async fn load(
    api: &Api,
    project: i64,
    pages: usize,
) -> Result<(Vec<ImportSummary>, bool), ApiFailure> {
    let mut items = Vec::new();
    let mut before = None;
    for _ in 0..pages {
        let page = api.imports(project, before).await?;
        items.extend(page.items);
        before = page.next_before;
        if before.is_none() {
            break;
        }
    }
    Ok((items, before.is_some()))
}

/// A moment (unix seconds) as the user's language writes a date and time, in the
/// browser's time zone.
pub fn local_time(locale: Locale, seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(locale.tag(), &options).into()
}

/// A day (unix seconds) as the user's language writes a date.
fn local_date(locale: Locale, seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    date.to_locale_date_string(locale.tag(), &options).into()
}

/// Now, in unix seconds.
fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

#[component]
pub fn ImportHistory(project: i64) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let pages = RwSignal::new(1usize);
    let reloads = RwSignal::new(0u32);
    let history = LocalResource::new(move || {
        let api = api.clone();
        let pages = pages.get();
        reloads.track();
        async move { load(&api, project, pages).await }
    });
    // The import whose undo is being asked about, and the one whose rows are shown.
    let undoing = RwSignal::new(None::<ImportSummary>);
    let rows_of = RwSignal::new(None::<i64>);
    let heading = NodeRef::<leptos::html::H3>::new();
    let changed = Callback::new(move |()| reloads.update(|n| *n += 1));
    let closed = Callback::new(move |()| {
        undoing.set(None);
        // The line's Undo button is gone once the list is made again.
        if let Some(h) = heading.get_untracked() {
            let _ = h.focus();
        }
    });

    let line = move |import: ImportSummary| {
        let id = import.id;
        let file = import.file_name.clone();
        let status = undoable(&import, now());
        let show_rows = move |_| rows_of.update(|open| *open = (*open != Some(id)).then_some(id));
        let rows_open = move || rows_of.get() == Some(id);
        let asked = import.clone();
        let created_at = import.created_at;
        // The buttons of a line say which import they are for.
        let file_cell = format!("history-file-{id}");
        let (created, rejected, removed) = (
            count(import.created),
            count(import.rejected),
            count(import.removed),
        );
        view! {
            <tr data-testid="history-row" data-batch=id.to_string()>
                <td class="history__when">{move || local_time(i18n.locale(), created_at)}</td>
                <td class="history__who">{import.user_name.clone()}</td>
                <td class="history__file" data-testid="history-file" id=file_cell.clone()>
                    {match file {
                        Some(name) => name.into_any(),
                        None => view! { <span class="muted">{move || i18n.t("history.no_file")}</span> }.into_any(),
                    }}
                </td>
                <td class="history__count" data-testid="history-created">
                    {move || i18n.locale().number(created)}
                </td>
                <td class="history__count" data-testid="history-rejected">
                    {move || i18n.locale().number(rejected)}
                </td>
                <td class="history__count" data-testid="history-removed">
                    {move || i18n.locale().number(removed)}
                </td>
                <td class="history__actions">
                    {match status {
                        Undoable::Yes => {
                            let until = import.undo_until;
                            view! {
                                <span class="history__status muted">
                                    {move || {
                                        i18n.format(
                                            "history.undo_until",
                                            &[("when", local_date(i18n.locale(), until).into())],
                                        )
                                    }}
                                </span>
                                <button
                                    type="button"
                                    class="button button--quiet"
                                    data-testid="undo"
                                    aria-describedby=file_cell.clone()
                                    on:click=move |_| undoing.set(Some(asked.clone()))
                                >
                                    {move || i18n.t("history.undo")}
                                </button>
                            }
                                .into_any()
                        }
                        Undoable::Undone { at, by } => {
                            view! {
                                <span class="history__status" data-testid="history-status">
                                    {move || {
                                        i18n.format(
                                            "history.undone",
                                            &[
                                                ("when", local_time(i18n.locale(), at).into()),
                                                ("by", by.as_str().into()),
                                            ],
                                        )
                                    }}
                                </span>
                            }
                                .into_any()
                        }
                        Undoable::TooOld { days } => {
                            view! {
                                <span class="history__status muted" data-testid="history-status">
                                    {move || i18n.format("history.too_old", &[("days", Arg::Count(days))])}
                                </span>
                            }
                                .into_any()
                        }
                        Undoable::NotYours => {
                            view! {
                                <span class="history__status muted" data-testid="history-status">
                                    {move || i18n.t("history.not_yours")}
                                </span>
                            }
                                .into_any()
                        }
                    }}
                    <button
                        type="button"
                        class="button button--quiet"
                        data-testid="show-rows"
                        aria-describedby=file_cell
                        aria-expanded=move || rows_open().to_string()
                        on:click=show_rows
                    >
                        {move || i18n.t(if rows_open() { "history.hide_rows" } else { "history.show_rows" })}
                    </button>
                </td>
            </tr>
            <Show when=rows_open>
                <tr class="history__detail">
                    <td colspan="7">
                        <ImportRows project=project batch=id />
                    </td>
                </tr>
            </Show>
        }
    };

    let list = move |items: Vec<ImportSummary>, more: bool| {
        if items.is_empty() {
            return view! { <p class="muted" data-testid="history-empty">{move || i18n.t("history.empty")}</p> }
                .into_any();
        }
        view! {
            <div class="history__scroll">
                <table class="history__table" data-testid="history">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("history.when")}</th>
                            <th scope="col">{move || i18n.t("history.who")}</th>
                            <th scope="col">{move || i18n.t("history.file")}</th>
                            <th scope="col" class="history__count">{move || i18n.t("history.created")}</th>
                            <th scope="col" class="history__count">{move || i18n.t("history.not_created")}</th>
                            <th scope="col" class="history__count">{move || i18n.t("history.removed")}</th>
                            <th scope="col">{move || i18n.t("history.undo_column")}</th>
                        </tr>
                    </thead>
                    <tbody>{items.into_iter().map(line).collect_view()}</tbody>
                </table>
            </div>
            <Show when=move || more>
                <button
                    type="button"
                    class="button button--quiet history__more"
                    data-testid="history-more"
                    on:click=move |_| pages.update(|n| *n += 1)
                >
                    {move || i18n.t("history.more")}
                </button>
            </Show>
        }
        .into_any()
    };

    view! {
        <section class="history" aria-labelledby="history-heading">
            <h3 id="history-heading" tabindex="-1" node_ref=heading>
                {move || i18n.t("history.heading")}
            </h3>
            <Transition fallback=move || view! { <p class="muted">{move || i18n.t("history.loading")}</p> }>
                {move || {
                    history
                        .get()
                        .map(|result| match result {
                            Ok((items, more)) => list(items, more),
                            Err(failure) => {
                                let key = failure.key().to_owned();
                                view! { <p class="notice notice--error" role="alert">{move || i18n.t(&key)}</p> }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
            {move || {
                undoing
                    .get()
                    .map(|import| {
                        view! { <UndoDialog project=project import=import on_changed=changed on_close=closed /> }
                    })
            }}
        </section>
    }
}
