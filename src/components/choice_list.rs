//! The list of values a text box offers while it is edited (a WAI-ARIA combobox's
//! listbox): the text box keeps the focus and names the highlighted option with
//! `aria-activedescendant`; a click picks an option.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the option at `index` of the list `id`.
pub fn option_id(id: &str, index: usize) -> String {
    format!("{id}-{index}")
}

#[component]
pub fn ChoiceList(
    /// The listbox's id, which the text box names in `aria-controls`.
    id: &'static str,
    /// Its accessible name: the field's.
    #[prop(into)]
    label: Signal<String>,
    /// The options' texts, in order.
    #[prop(into)]
    options: Signal<Vec<String>>,
    /// The option highlighted by the arrow keys.
    #[prop(into)]
    highlighted: Signal<Option<usize>>,
    /// Opens upwards, when there is no room below.
    #[prop(into)]
    upwards: Signal<bool>,
    /// Called with the option's index when it is clicked.
    on_pick: Callback<usize>,
) -> impl IntoView {
    let items = move || {
        options
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                view! {
                    <li
                        id=option_id(id, i)
                        role="option"
                        class="choices__option"
                        aria-selected=move || (highlighted.get() == Some(i)).to_string()
                        // The text box keeps the focus (and its edit) through the click.
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| on_pick.run(i)
                    >
                        {text}
                    </li>
                }
            })
            .collect_view()
    };
    // Keeps the highlighted option in view as the arrows move through a long list,
    // scrolling the list only (not the page or the grid around it).
    let list = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move || {
        let (Some(i), Some(list)) = (highlighted.get(), list.get()) else {
            return;
        };
        let Some(option) = list
            .children()
            .item(i as u32)
            .and_then(|o| o.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let (top, height) = (option.offset_top(), option.offset_height());
        if top < list.scroll_top() {
            list.set_scroll_top(top);
        } else if top + height > list.scroll_top() + list.client_height() {
            list.set_scroll_top(top + height - list.client_height());
        }
    });
    view! {
        <ul
            node_ref=list
            id=id
            role="listbox"
            class="choices"
            class:choices--up=move || upwards.get()
            aria-label=move || label.get()
        >
            {items}
        </ul>
    }
}
