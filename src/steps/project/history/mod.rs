//! Part of the project step: the project's earlier imports (issue 20). Who imported
//! which file when, how many rows were created and not, how many customers were
//! removed by undoing it; the rows not created on demand, and an Undo button where the
//! server says the user may undo; an import of several files lists each file under its
//! line with its counts. What each line says is [`crate::steps::project::history::lines`]'s.

pub mod lines;
pub mod local_time;
pub mod rows_not_created;
pub mod undo_dialog;

use customer_import_domain::wire::ImportSummary;
use leptos::prelude::*;

use self::{
    local_time::{local_date, local_time},
    rows_not_created::ImportRows,
    undo_dialog::UndoDialog,
};
use crate::{
    api::{Api, ApiFailure},
    i18n::{Arg, I18n, Locale, use_i18n},
    steps::project::history::lines::{FileLine, RowCounts, Undoable, file_lines, undoable},
};

/// The imports of the pages read, newest first; whether older ones are left; whether
/// the organization's portal hears of customers by webhook.
#[derive(Clone)]
struct Loaded {
    items: Vec<ImportSummary>,
    more: bool,
    portal_told: bool,
}

/// The first `pages` pages of the history.
async fn load(api: &Api, project: i64, pages: usize) -> Result<Loaded, ApiFailure> {
    let mut loaded = Loaded {
        items: Vec::new(),
        more: false,
        portal_told: false,
    };
    let mut before = None;
    for _ in 0..pages {
        let page = api.imports(project, before).await?;
        loaded.items.extend(page.items);
        loaded.portal_told = page.portal_told;
        before = page.next_before;
        if before.is_none() {
            break;
        }
    }
    loaded.more = before.is_some();
    Ok(loaded)
}

/// The history's columns: text key, class.
const HEADINGS: [(&str, &str); 10] = [
    ("history.when", ""),
    ("history.who", ""),
    ("history.file", ""),
    ("history.created", "history__count"),
    ("history.updated", "history__count"),
    ("history.unchanged", "history__count"),
    ("history.not_created", "history__count"),
    ("history.left_out", "history__count"),
    ("history.removed", "history__count"),
    ("history.undo_column", ""),
];

/// What a line says about undoing its import: until when it may be, or why not.
fn status_line(locale: Locale, status: &Undoable, until: i64) -> String {
    match status {
        Undoable::Yes => locale.format(
            "history.undo_until",
            &[("when", local_date(locale, until).into())],
        ),
        Undoable::Undone { at, by } => locale.format(
            "history.undone",
            &[
                ("when", local_time(locale, *at).into()),
                ("by", by.as_str().into()),
            ],
        ),
        Undoable::Off => locale.text("history.undo_off"),
        Undoable::TooOld { days } => {
            locale.format("history.too_old", &[("days", Arg::Count(*days))])
        }
        Undoable::NotYours => locale.text("history.not_yours"),
        Undoable::NothingCreated => locale.text("history.nothing_created"),
    }
}

/// The lines under an import of several files: each file with its counts under the
/// import's, what the import tells in total (left out, removed, its status) left blank.
fn file_rows(i18n: I18n, files: Vec<FileLine>) -> impl IntoView {
    let of = files.len() as u64;
    files
        .into_iter()
        .map(|file| {
            let number = file.number;
            let name = file.name.clone();
            view! {
                <tr class="history__file-row" data-testid="history-file-row">
                    <td colspan="2" class="history__file-of muted">
                        {move || i18n.format("history.file_of", &[("n", number.into()), ("count", of.into())])}
                    </td>
                    <td class="history__file" data-testid="history-file-name">
                        {move || name.clone().unwrap_or_else(|| i18n.t("history.no_file"))}
                    </td>
                    {[
                        ("history-file-created", file.created),
                        ("history-file-updated", file.updated),
                        ("history-file-unchanged", file.unchanged),
                        ("history-file-rejected", file.not_created),
                    ]
                        .map(|(testid, n)| {
                            view! {
                                <td class="history__count" data-testid=testid>
                                    {move || i18n.locale().number(n)}
                                </td>
                            }
                        })
                        .collect_view()}
                    <td colspan="3"></td>
                </tr>
            }
        })
        .collect_view()
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
    // Read when an undo is asked about, untracked: the history read again after the
    // undo must not make the dialog (and its answer) anew.
    let portal_told = move || {
        history.with_untracked(|h| {
            matches!(
                h,
                Some(Ok(Loaded {
                    portal_told: true,
                    ..
                }))
            )
        })
    };
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
        let files = file_lines(&import);
        let several = files.len() as u64;
        let status = undoable(&import, now());
        let until = import.undo_until;
        let status_class = if matches!(status, Undoable::Undone { .. }) {
            "history__status"
        } else {
            "history__status muted"
        };
        let undo_button = (status == Undoable::Yes).then(|| {
            let asked = import.clone();
            view! {
                <button
                    type="button"
                    class="button button--quiet"
                    data-testid="undo"
                    aria-describedby=format!("history-file-{id}")
                    on:click=move |_| undoing.set(Some(asked.clone()))
                >
                    {move || i18n.t("history.undo")}
                </button>
            }
        });
        let show_rows = move |_| rows_of.update(|open| *open = (*open != Some(id)).then_some(id));
        let rows_open = move || rows_of.get() == Some(id);
        let created_at = import.created_at;
        // The buttons of a line say which import they are for.
        let file_cell = format!("history-file-{id}");
        let counts = RowCounts::of(&import);
        let missing = (counts.missing > 0).then(|| {
            view! {
                <span class="history__status muted" data-testid="history-missing">
                    {move || i18n.format("history.missing", &[("n", counts.missing.into())])}
                </span>
            }
        });
        view! {
            <tr data-testid="history-row" data-batch=id.to_string()>
                <td class="history__when">{move || local_time(i18n.locale(), created_at)}</td>
                <td class="history__who">{import.user_name.clone()}</td>
                <td class="history__file" data-testid="history-file" id=file_cell.clone()>
                    {move || {
                        if several > 0 {
                            i18n.format("history.files", &[("n", several.into())])
                        } else {
                            file.clone().unwrap_or_else(|| i18n.t("history.no_file"))
                        }
                    }}
                </td>
                {[
                    ("history-created", counts.created),
                    ("history-updated", counts.updated),
                    ("history-unchanged", counts.unchanged),
                    ("history-rejected", counts.not_created),
                    ("history-left-out", counts.left_out),
                    ("history-removed", counts.removed),
                ]
                    .map(|(testid, n)| {
                        view! {
                            <td class="history__count" data-testid=testid>
                                {move || i18n.locale().number(n)}
                            </td>
                        }
                    })
                    .collect_view()}
                <td class="history__actions">
                    <span class=status_class data-testid="history-status">
                        {move || status_line(i18n.locale(), &status, until)}
                    </span>
                    {missing}
                    {undo_button}
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
            {file_rows(i18n, files)}
            <Show when=rows_open>
                <tr class="history__detail">
                    <td colspan=HEADINGS.len().to_string()>
                        <ImportRows project=project batch=id />
                    </td>
                </tr>
            </Show>
        }
    };

    let list = move |Loaded { items, more, .. }: Loaded| {
        if items.is_empty() {
            return view! { <p class="muted" data-testid="history-empty">{move || i18n.t("history.empty")}</p> }
                .into_any();
        }
        view! {
            <div class="history__scroll">
                <table class="history__table" data-testid="history">
                    <thead>
                        <tr>
                            {HEADINGS
                                .map(|(key, class)| view! { <th scope="col" class=class>{move || i18n.t(key)}</th> })
                                .collect_view()}
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
                            Ok(loaded) => list(loaded),
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
                        view! {
                            <UndoDialog
                                project=project
                                import=import
                                portal_told=portal_told()
                                on_changed=changed
                                on_close=closed
                            />
                        }
                    })
            }}
        </section>
    }
}
