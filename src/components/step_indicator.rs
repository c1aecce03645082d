//! An ordered list of steps with the current one marked for sight and for screen
//! readers (`aria-current="step"`); steps the user may go back to are buttons.

use leptos::prelude::*;

#[component]
pub fn StepIndicator(
    /// Accessible name of the list.
    #[prop(into)]
    label: Signal<String>,
    /// The steps' names, in order.
    #[prop(into)]
    steps: Signal<Vec<String>>,
    /// Index of the current step.
    #[prop(into)]
    current: Signal<usize>,
    /// Whether the step at an index can be gone to now.
    reachable: Callback<usize, bool>,
    /// Goes to the step at an index.
    on_pick: Callback<usize>,
) -> impl IntoView {
    view! {
        <nav aria-label=move || label.get()>
            <ol class="steps">
                {move || {
                    let current = current.get();
                    steps
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, name)| {
                            let state = if i < current {
                                "steps__item steps__item--done"
                            } else if i == current {
                                "steps__item steps__item--current"
                            } else {
                                "steps__item"
                            };
                            let inner = view! {
                                <span class="steps__number">{i + 1}</span>
                                <span class="steps__name">{name}</span>
                            };
                            let content = if reachable.run(i) {
                                view! {
                                    <button
                                        type="button"
                                        class="steps__link"
                                        data-step=i
                                        on:click=move |_| on_pick.run(i)
                                    >
                                        {inner}
                                    </button>
                                }
                                    .into_any()
                            } else {
                                inner.into_any()
                            };
                            view! {
                                <li class=state aria-current=(i == current).then_some("step")>
                                    {content}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
    }
}
