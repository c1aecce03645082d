//! The shell: language, who is signed in, and the wizard's steps.

use leptos::prelude::*;

use crate::{
    api::{Api, Token},
    components::{language_picker::LanguagePicker, step_indicator::StepIndicator},
    embedding::host_events::HostEvents,
    embedding::options::Embedding,
    i18n::{Arg, I18n, initial_locale, provide_i18n, use_i18n},
    session,
    steps::save::save_loop::Phase,
    steps::save::saving::Saver,
    steps::{
        file::FileStep,
        header::HeaderStep,
        mapping::MappingStep,
        project::{ProjectDetails, ProjectStep, Projects, offered},
        review::ReviewStep,
        save::SaveStep,
    },
    wizard::state::ImportState,
    wizard::step::{Busy, ReviewNext, Step, may_go_back},
};

const STEP_KEYS: [&str; 6] = [
    "steps.project",
    "steps.file",
    "steps.header",
    "steps.mapping",
    "steps.review",
    "steps.save",
];

/// The whole app: on its own page (`embedding` absent: token from the address or the
/// sign-in form), or mounted in a portal with what the portal passed to `mount`.
#[component]
pub fn App(
    #[prop(optional)] embedding: Option<Embedding>,
    #[prop(optional)] events: HostEvents,
) -> impl IntoView {
    let embedded = embedding.is_some();
    let locale = embedding
        .as_ref()
        .and_then(|e| e.locale)
        .unwrap_or_else(initial_locale);
    let i18n = provide_i18n(locale);
    provide_context(events);
    // A portal's page keeps its own `<html lang>`; the wizard's root says its own.
    if !embedded {
        keep_document_language(i18n);
    }
    let root = NodeRef::<leptos::html::Div>::new();
    provide_context(AppRoot(root));
    let token = RwSignal::new(if embedded {
        None
    } else {
        session::load_token()
    });
    let sign_out = move |_| {
        session::forget_token();
        token.set(None);
    };

    view! {
        <div class="app" node_ref=root lang=move || i18n.locale().tag()>
            <header class="app__header">
                <h1>{move || i18n.t("app.title")}</h1>
                <div class="app__tools">
                    <LanguagePicker />
                    <Show when=move || !embedded && token.with(Option::is_some)>
                        <button type="button" class="button button--quiet" on:click=sign_out>
                            {move || i18n.t("app.sign_out")}
                        </button>
                    </Show>
                </div>
            </header>
            <main class="app__main">
                {move || match (&embedding, token.get()) {
                    (Some(e), _) => {
                        view! {
                            <Wizard api=Api::new(e.api_base.clone(), e.token.clone()) only_project=e.project />
                        }
                            .into_any()
                    }
                    (None, Some(t)) => {
                        view! { <Wizard api=Api::new("", Token::Fixed(t)) only_project=None /> }.into_any()
                    }
                    (None, None) => view! { <SignIn token=token /> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// Keeps `<html lang>` in step with the chosen language, for screen readers and
/// hyphenation.
fn keep_document_language(i18n: I18n) {
    Effect::new(move || {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.locale().tag());
        }
    });
}

/// The app's root element: the wizard looks up its own elements under it, which works
/// on its own page and inside a portal's shadow root alike.
#[derive(Clone, Copy)]
pub struct AppRoot(pub NodeRef<leptos::html::Div>);

#[component]
fn SignIn(token: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let value = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let entered = value.get_untracked().trim().to_owned();
        if !entered.is_empty() {
            session::store_token(&entered);
            token.set(Some(entered));
        }
    };
    view! {
        <form class="step sign-in" on:submit=on_submit>
            <h2>{move || i18n.t("signin.heading")}</h2>
            <p class="muted">{move || i18n.t("signin.explain")}</p>
            <label class="field">
                <span class="field__label">{move || i18n.t("signin.token")}</span>
                <input
                    type="password"
                    autocomplete="off"
                    required
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
            <button type="submit" class="button">{move || i18n.t("signin.submit")}</button>
        </form>
    }
}

#[component]
fn Wizard(api: Api, only_project: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(api.clone());
    let state = ImportState::new(api.clone());
    provide_context(state);
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
    let no_wizard = move || {
        projects.with(|p| match p {
            Some(Ok(list)) => offered(list.clone(), only_project).is_empty(),
            Some(Err(_)) => true,
            None => false,
        })
    };
    let busy = move || Busy {
        saving: saver.progress.with(|p| p.is_running()),
        awaiting: state.counts.with(|c| c.sent > 0),
        created: state.counts.with(|c| c.created > 0),
    };
    let review_next = move || {
        let to_send = state.counts.with(|c| c.ready + c.sent);
        ReviewNext::of(to_send, saver.saved(state.review_generation.get()))
    };

    let can_continue = move || match step.get() {
        Step::Project => state.project.with(Option::is_some),
        Step::File => state.opened().is_some(),
        Step::Header => state.table().is_some_and(|t| t.is_ok()),
        Step::Mapping => {
            matches!(state.schema.get(), Some(Some(Ok(_))))
                && !state.checking.get()
                && state
                    .mapping()
                    .is_some_and(|m| !m.mapping.fields.is_empty())
        }
        Step::Review => review_next() != ReviewNext::Nothing && !busy().saving,
        Step::Save => false,
    };
    let next_label = move || match step.get() {
        Step::Review => match review_next() {
            ReviewNext::Result => i18n.t("nav.result"),
            ReviewNext::Save(n) => i18n.format("nav.save", &[("n", n.into())]),
            ReviewNext::Nothing => i18n.format("nav.save", &[("n", Arg::Count(0))]),
        },
        _ => i18n.t("nav.continue"),
    };
    let go_next = {
        let api = api.clone();
        move |_| {
            let here = step.get_untracked();
            let Some(next) = here.next() else { return };
            match here {
                // The rows are checked in the worker; the step changes once they are.
                Step::Mapping => {
                    leptos::task::spawn_local(async move {
                        if state.build_review().await {
                            step.set(next);
                        }
                    });
                    return;
                }
                // Saved already with nothing left: the result is shown, nothing sent.
                Step::Review if review_next() == ReviewNext::Result => {}
                Step::Review => saver.start(api.clone(), state),
                _ => {}
            }
            step.set(next);
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
            Step::Project => view! { <ProjectStep projects=projects selected=state.project only=only_project /> }.into_any(),
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
                    prop:disabled=move || !can_continue()
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
