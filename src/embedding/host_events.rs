//! The DOM events a portal receives on the element it mounted the wizard in. They
//! bubble, so a portal may listen on the element or any ancestor. Names and payloads
//! are documented in the README ("Embedding in a portal") and typed in the npm package
//! (`packages/customer-import/src/types.ts`, kept in step by a test below); change
//! them only with both.

use serde_json::{Value, json};

use crate::wizard::step::Step;

/// Where events go: the host element when embedded, nowhere on the app's own page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostEvents {
    target: Option<web_sys::EventTarget>,
}

impl HostEvents {
    pub fn new(target: web_sys::EventTarget) -> HostEvents {
        HostEvents {
            target: Some(target),
        }
    }

    /// `customer-import:step`, `{ step: "file" }`.
    pub fn step(&self, step: Step) {
        self.dispatch("customer-import:step", step_detail(step));
    }

    /// `customer-import:finished`, `{ batchId, created, rejected }`: every row sent has
    /// an answer. Counts are of the whole import so far, retries included.
    pub fn finished(&self, batch_id: Option<i64>, created: usize, rejected: usize) {
        self.dispatch(
            "customer-import:finished",
            finished_detail(batch_id, created, rejected),
        );
    }

    /// `customer-import:error`, `{ code }`: saving stopped on an answer retrying will
    /// not change (`auth.unauthenticated`, `net.failed`, …).
    pub fn error(&self, code: &str) {
        self.dispatch("customer-import:error", json!({ "code": code }));
    }

    fn dispatch(&self, name: &str, detail: Value) {
        let Some(target) = &self.target else { return };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        if let Ok(detail) = js_sys::JSON::parse(&detail.to_string()) {
            init.set_detail(&detail);
        }
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = target.dispatch_event(&event);
        }
    }
}

fn step_detail(step: Step) -> Value {
    json!({ "step": step.name() })
}

fn finished_detail(batch_id: Option<i64>, created: usize, rejected: usize) -> Value {
    json!({ "batchId": batch_id, "created": created, "rejected": rejected })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_have_the_documented_shape() {
        assert_eq!(
            step_detail(Step::Review).to_string(),
            r#"{"step":"review"}"#
        );
        assert_eq!(
            finished_detail(Some(7), 3, 1).to_string(),
            r#"{"batchId":7,"created":3,"rejected":1}"#
        );
    }

    #[test]
    fn the_npm_package_types_every_event_step_and_field() {
        use crate::embedding::options::tests::{NPM_TYPES, declaration};
        let events = declaration(NPM_TYPES, "export interface CustomerImportEventMap", "}");
        for (event, detail) in [
            ("customer-import:step", "StepDetail"),
            ("customer-import:finished", "FinishedDetail"),
            ("customer-import:error", "ErrorDetail"),
        ] {
            assert!(
                events.contains(&format!("\"{event}\": CustomEvent<{detail}>;")),
                "{events}"
            );
        }
        assert_eq!(events.matches("CustomEvent<").count(), 3, "{events}");
        let steps = declaration(NPM_TYPES, "export type Step =", ";");
        for step in Step::ALL {
            assert!(steps.contains(&format!("\"{}\"", step.name())), "{steps}");
        }
        assert_eq!(steps.matches('|').count() + 1, Step::ALL.len(), "{steps}");
        let finished = declaration(NPM_TYPES, "export interface FinishedDetail", "}");
        let payload = finished_detail(Some(7), 3, 1);
        for field in payload.as_object().into_iter().flat_map(|o| o.keys()) {
            assert!(finished.contains(&format!("  {field}: ")), "{field}");
        }
        let error = declaration(NPM_TYPES, "export interface ErrorDetail", "}");
        assert!(error.contains("  code: "), "{error}");
    }
}
