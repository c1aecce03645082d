//! The wizard around the steps: the step bar, the step open now, Back and Continue.
//! The import in progress that the steps share is [`state`]; the steps' order and
//! where the user may go back to, [`step`]; what Continue offers and does,
//! [`navigation`].

pub mod host_check;
pub mod host_checks;
pub mod keyed;
pub mod more_files;
pub mod navigation;
pub mod state;
pub mod step;

use leptos::prelude::*;

use self::{
    host_checks::HostChecks,
    navigation::{ContinueLabel, Forward, Readiness, can_continue, forward},
    state::ImportState,
    step::{Busy, ReviewNext, Step, may_go_back},
};
use crate::{
    api::Api,
    components::app_root::AppRoot,
    components::step_indicator::StepIndicator,
    embedding::{host_events::HostEvents, row_hook::RowHook},
    i18n::use_i18n,
    steps::{
        file::FileStep,
        header::HeaderStep,
        mapping::MappingStep,
        project::{ProjectDetails, ProjectRef, ProjectStep, Projects, offered},
        review::ReviewStep,
        save::{SaveStep, save_loop::Phase, saving::Saver},
    },
};

const STEP_KEYS: [&str; 6] = [
    "steps.project",
    "steps.file",
    "steps.header",
    "steps.mapping",
    "steps.review",
    "steps.save",
];

#[component]
pub fn Wizard(
    api: Api,
    only_project: Option<ProjectRef>,
    /// The portal's own checks of the rows (issue 30), when it passed a row hook.
    #[prop(default = None)]
    row_hook: Option<RowHook>,
) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(api.clone());
    let mut state = ImportState::new(api.clone());
    state.host_checks = row_hook.is_some();
    provide_context(state);
    let host_checks = row_hook.map(|hook| HostChecks::start(hook, state));
    provide_context(host_checks);
    let saver = Saver::new();
    provide_context(saver);
    // The worker and the file's memory in it go with the wizard (`unmount` included).
    let worker = state.worker;
    on_cleanup(move || worker.cancel());
    let step = state.step;
    let steps = Signal::derive(move || STEP_KEYS.iter().map(|k| i18n.t(k)).collect::<Vec<_>>());
    let current = Signal::derive(move || step.get().index());
    move_focus_to_new_steps(step);
    tell_the_host(step, saver, state);
    let projects: Projects = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.projects().await }
        }
    });
    // A user who may import into no project (or whom the server refused) is only told
    // so: no steps to follow, no buttons that lead nowhere.
    // Stored, so the closures that ask it stay `Copy`.
    let only = StoredValue::new(only_project.clone());
    let no_wizard = move || {
        projects.with(|p| match p {
            Some(Ok(list)) => only.with_value(|o| offered(list.clone(), o.as_ref()).is_empty()),
            Some(Err(_)) => true,
            None => false,
        })
    };
    let busy = move || Busy {
        saving: saver.progress.with(|p| p.is_running()),
        awaiting: state.counts.with(|c| c.sent > 0),
        created: state.counts.with(|c| c.saved() > 0),
    };
    let review_next = move || {
        let to_send = state.counts.with(|c| c.ready + c.sent);
        ReviewNext::of(to_send, saver.saved(state.review_generation.get()))
    };

    // Only the open step's facts are read: the others' changes do not concern it.
    let continue_enabled = move || {
        let here = step.get();
        let mut ready = Readiness::default();
        match here {
            Step::Project => ready.project_chosen = state.project.with(Option::is_some),
            Step::File => {
                // Every file read, or known to be unreadable: a file still being read
                // would be left out of the import.
                let others_read = !state
                    .other_files()
                    .contains(&crate::wizard::more_files::OtherFile::Reading);
                ready.file_opened = state.opened().is_some() && others_read;
            }
            Step::Header => {
                ready.table_read = state.table().is_some_and(|t| t.is_ok());
                ready.headings_in_doubt = state.headings_in_doubt();
            }
            Step::Mapping => {
                ready.mapping_usable = matches!(state.schema.get(), Some(Some(Ok(_))))
                    && !state.checking.get()
                    && state.mapping().is_some_and(|m| {
                        !m.mapping.fields.is_empty()
                            && crate::steps::mapping::updating::can_match(&m.mapping)
                    });
            }
            Step::Review => {
                ready.review_next = review_next();
                ready.saving = busy().saving;
                ready.awaiting_host = state.counts.with(|c| c.awaiting_host > 0);
            }
            Step::Save => {}
        }
        can_continue(here, ready)
    };
    let next_label = move || {
        let review = if step.get() == Step::Review {
            review_next()
        } else {
            ReviewNext::Nothing
        };
        let awaiting = state.counts.with(|c| c.awaiting_host);
        match ContinueLabel::of(step.get(), review, awaiting) {
            ContinueLabel::AwaitingHost(n) => i18n.format("nav.awaiting_host", &[("n", n.into())]),
            ContinueLabel::Continue => i18n.t("nav.continue"),
            ContinueLabel::Result => i18n.t("nav.result"),
            ContinueLabel::Save(n) => i18n.format("nav.save", &[("n", n.into())]),
        }
    };
    let go_next = {
        let api = api.clone();
        move |_| {
            let here = step.get_untracked();
            let review = if here == Step::Review {
                review_next()
            } else {
                ReviewNext::Nothing
            };
            let layout_left = here == Step::Mapping && state.unseen_layout().is_some();
            match forward(here, review, layout_left) {
                None => {}
                Some(Forward::Open(next)) => step.set(next),
                Some(Forward::NextLayout(next)) => {
                    if let Some(lead) = state.unseen_layout() {
                        state.view_layout(lead);
                    }
                    step.set(next);
                }
                Some(Forward::CheckThenOpen(next)) => {
                    leptos::task::spawn_local(async move {
                        if state.build_review().await {
                            step.set(next);
                        }
                    });
                }
                Some(Forward::SaveThenOpen(next)) => {
                    saver.start(api.clone(), state);
                    step.set(next);
                }
            }
        }
    };
    let go_back = move |_| {
        if let Some(previous) = step.get_untracked().previous() {
            step.set(previous);
        }
    };
    let has_next = move || step.get().next().is_some() && !no_wizard();
    let has_back = move || {
        let here = step.get();
        here.previous()
            .is_some_and(|to| may_go_back(here, to, busy()))
    };
    let reachable = Callback::new(move |i: usize| {
        Step::ALL
            .get(i)
            .is_some_and(|&to| may_go_back(step.get(), to, busy()))
    });
    let go_to = Callback::new(move |i: usize| {
        if let Some(&to) = Step::ALL.get(i)
            && may_go_back(step.get_untracked(), to, busy())
        {
            step.set(to);
        }
    });

    view! {
        <Show when=move || !no_wizard()>
            <StepIndicator
                label=Signal::derive(move || i18n.t("steps.label"))
                steps=steps
                current=current
                reachable=reachable
                on_pick=go_to
            />
        </Show>
        {move || match step.get() {
            Step::Project => view! { <ProjectStep projects=projects selected=state.project only=only_project.clone() /> }.into_any(),
            Step::File => view! { <FileStep /> }.into_any(),
            Step::Header => view! { <HeaderStep /> }.into_any(),
            Step::Mapping => view! { <MappingStep /> }.into_any(),
            Step::Review => view! { <ReviewStep /> }.into_any(),
            Step::Save => view! { <SaveStep /> }.into_any(),
        }}
        <nav class="wizard-nav" aria-label=move || i18n.t("nav.label")>
            <Show when=has_back>
                <button type="button" id="back" class="button button--quiet" on:click=go_back>
                    {move || i18n.t("nav.back")}
                </button>
            </Show>
            <Show when=has_next>
                <button
                    type="button"
                    id="next"
                    class="button"
                    prop:disabled=move || !continue_enabled()
                    on:click=go_next.clone()
                >
                    {next_label}
                </button>
            </Show>
        </nav>
        <Show when=move || step.get() == Step::Project>
            <ProjectDetails selected=state.project />
        </Show>
    }
}

/// When the step changes, the focus moves to the new step's heading, so keyboard and
/// screen-reader users start reading where the new step begins.
fn move_focus_to_new_steps(step: RwSignal<Step>) {
    let AppRoot(root) = expect_context::<AppRoot>();
    Effect::new(move |previous: Option<Step>| {
        let now = step.get();
        if previous.is_some_and(|p| p != now) {
            request_animation_frame(move || {
                let heading = root
                    .get_untracked()
                    .and_then(|r| {
                        r.query_selector(&format!("#{}", now.heading_id()))
                            .ok()
                            .flatten()
                    })
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
                if let Some(h) = heading {
                    let _ = h.focus();
                }
            });
        }
        now
    });
}

/// Tells an embedding portal what happens: each step entered, and how saving ended.
fn tell_the_host(step: RwSignal<Step>, saver: Saver, state: ImportState) {
    let events = use_context::<HostEvents>().unwrap_or_default();
    let on_step = events.clone();
    Effect::new(move || on_step.step(step.get()));
    Effect::new(move |previous: Option<Phase>| {
        let phase = saver.progress.with(|p| p.phase.clone());
        if previous.as_ref() != Some(&phase) {
            match &phase {
                Phase::Finished => {
                    let counts = state.counts.get_untracked();
                    events.finished(saver.batch_id(), counts.created, counts.rejected);
                }
                Phase::Failed(code) => events.error(code),
                _ => {}
            }
        }
        phase
    });
}
