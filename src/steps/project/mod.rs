//! Step 1: pick the project to import into, among those the server says this user may
//! import into. A user with none is told so in words instead of seeing an empty list.
//! Once one is chosen, its files and its earlier imports are shown below Continue.

pub mod files;
pub mod history;

use customer_import_domain::wire::ProjectSummary;
use leptos::prelude::*;

use self::{files::ProjectFiles, history::ImportHistory};
use crate::{api::ApiFailure, i18n::use_i18n};

/// The projects the server says the user may import into, as the wizard asked for them.
pub type Projects = LocalResource<Result<Vec<ProjectSummary>, ApiFailure>>;

/// A project a portal fixes with `mount({ project })`: the server's id (a number), or
/// the portal's own id as it provisioned the project (`"portal:p-elv"`), the form the
/// API's paths take too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectRef {
    Id(i64),
    Portal(String),
}

impl ProjectRef {
    /// `"portal:<id>"`, or a server's id written as a number.
    pub fn parse(text: &str) -> Option<ProjectRef> {
        match text.strip_prefix("portal:") {
            Some(id) if !id.trim().is_empty() => Some(ProjectRef::Portal(id.to_owned())),
            Some(_) => None,
            None => text.parse().ok().filter(|n| *n > 0).map(ProjectRef::Id),
        }
    }

    /// Whether this names `project`.
    pub fn names(&self, project: &ProjectSummary) -> bool {
        match self {
            ProjectRef::Id(id) => project.id == *id,
            ProjectRef::Portal(id) => project.portal_id.as_deref() == Some(id),
        }
    }
}

/// The projects offered: those of `list`, or only the one a portal fixed.
pub fn offered(mut list: Vec<ProjectSummary>, only: Option<&ProjectRef>) -> Vec<ProjectSummary> {
    if let Some(only) = only {
        list.retain(|p| only.names(p));
    }
    list
}

#[component]
pub fn ProjectStep(
    /// What the server answered.
    projects: Projects,
    /// The chosen project; `None` until the user picks one.
    selected: RwSignal<Option<ProjectSummary>>,
    /// A portal fixed the project: only it is offered (if the user may import into it).
    only: Option<ProjectRef>,
) -> impl IntoView {
    let i18n = use_i18n();

    let picker = move |list: Vec<ProjectSummary>| {
        let list = offered(list, only.as_ref());
        if list.is_empty() {
            return view! {
                <p class="notice notice--warning" role="alert" data-testid="no-access">
                    {move || i18n.t("project.no_access")}
                </p>
            }
            .into_any();
        }
        if list.len() == 1 && selected.get_untracked().is_none() {
            // One project: nothing to choose.
            selected.set(list.first().cloned());
        }
        let options = list.clone();
        let on_change = move |ev| {
            let id = event_target_value(&ev).parse::<i64>().ok();
            selected.set(list.iter().find(|p| Some(p.id) == id).cloned());
        };
        view! {
            <label class="field">
                <span class="field__label">{move || i18n.t("project.label")}</span>
                <select
                    id="project"
                    on:change=on_change
                    prop:value=move || selected.get().map(|p| p.id.to_string()).unwrap_or_default()
                >
                    <option value="">{move || i18n.t("project.choose")}</option>
                    {options
                        .into_iter()
                        .map(|p| {
                            let country_key = format!("country.{}", p.country.code());
                            let units = u64::try_from(p.unit_count).unwrap_or(0);
                            view! {
                                <option value=p.id.to_string()>
                                    {p.name.clone()} " · " {move || i18n.t(&country_key)} " · "
                                    {move || i18n.format("project.units", &[("n", units.into())])}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
        .into_any()
    };

    view! {
        <section class="step" aria-labelledby="project-heading">
            <h2 id="project-heading" tabindex="-1">{move || i18n.t("project.heading")}</h2>
            <Transition fallback=move || view! { <p class="muted">{move || i18n.t("project.loading")}</p> }>
                {move || {
                    projects
                        .get()
                        .map(|result| match result {
                            Ok(list) => picker(list),
                            Err(failure) => {
                                let key = failure.key().to_owned();
                                view! {
                                    <p class="notice notice--error" role="alert">{move || i18n.t(&key)}</p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

/// What the project step shows of the chosen project, below Back and Continue: its
/// files and its earlier imports. However long the history, the step's one question
/// and the way on come first, in view and first in the tab order.
#[component]
pub fn ProjectDetails(selected: RwSignal<Option<ProjectSummary>>) -> impl IntoView {
    move || {
        selected.get().map(|project| {
            let id = project.id;
            view! {
                <section class="step step--details">
                    <ProjectFiles project=project />
                    <ImportHistory project=id />
                </section>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use customer_import_domain::country::Country;

    use super::*;

    fn project(id: i64, portal_id: Option<&str>) -> ProjectSummary {
        ProjectSummary {
            id,
            portal_id: portal_id.map(str::to_owned),
            name: format!("P{id}"),
            country: Country::Norway,
            unit_count: 0,
        }
    }

    #[test]
    fn a_portal_fixes_the_project_by_our_id_or_its_own() {
        let list = vec![project(1, Some("p-elv")), project(2, None)];
        let only = |r: &str| {
            offered(list.clone(), ProjectRef::parse(r).as_ref())
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(only("portal:p-elv"), [1]);
        assert_eq!(only("2"), [2]);
        assert_eq!(only("portal:nope"), Vec::<i64>::new());
        assert_eq!(ProjectRef::parse("portal:"), None);
        assert_eq!(ProjectRef::parse("p-elv"), None);
        assert_eq!(offered(list.clone(), None).len(), 2);
    }
}
