//! A few rows of text shown whole in a table with a caption, numbered from 1: for a
//! glimpse of data, not for browsing it (that is `virtual_rows`).

use leptos::prelude::*;

#[component]
pub fn TextTable(
    #[prop(into)] caption: Signal<String>,
    rows: Vec<Vec<String>>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, mut cells)| {
            cells.resize(width, String::new());
            view! {
                <tr>
                    <th scope="row">{i + 1}</th>
                    {cells.into_iter().map(|cell| { let title = cell.clone(); view! { <td title=title>{cell}</td> } }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="text-table" data-testid=testid>
            <table>
                <caption>{move || caption.get()}</caption>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
