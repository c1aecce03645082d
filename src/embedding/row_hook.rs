//! The portal's row hook (issue 30): an async function passed to `mount` as `rowHook`,
//! called with a batch of rows (`{ rows: [{ file, row, values }], locale }`, only the
//! mapped fields, keyed by field key) and answering the problems it finds, each on a
//! cell: `[{ file, row, field, message }]`, the message in the user's language. Only
//! the batch crosses from the worker; a hook that throws, rejects, answers something
//! else or takes longer than its time per batch is a [`HookFailure`].

use customer_import_worker::protocol::{HostProblem, HostRow};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};

use crate::wizard::host_check::HookFailure;

/// The time a batch is given by default, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

#[derive(Debug, Clone, PartialEq)]
pub struct RowHook {
    pub function: js_sys::Function,
    /// How long one batch may take before it counts as failed.
    pub timeout_ms: u32,
}

impl RowHook {
    /// Asks the hook about `rows`, in the language tagged `locale`.
    pub async fn check(
        &self,
        rows: &[HostRow],
        locale: &str,
    ) -> Result<Vec<HostProblem>, HookFailure> {
        let input = input(rows, locale);
        let returned = self
            .function
            .call1(&JsValue::NULL, &input)
            .map_err(|e| HookFailure::Threw(message_of(&e)))?;
        let answer = js_sys::Promise::resolve(&returned);
        let late = js_sys::Object::new();
        let timer = {
            let late = late.clone();
            let ms = i32::try_from(self.timeout_ms).unwrap_or(i32::MAX);
            js_sys::Promise::new(&mut move |resolve, _| {
                let late = late.clone();
                let fire = Closure::once_into_js(move || {
                    let _ = resolve.call1(&JsValue::NULL, &late);
                });
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        fire.unchecked_ref(),
                        ms,
                    );
                }
            })
        };
        let race = js_sys::Promise::race(&js_sys::Array::of2(&answer, &timer));
        let value = wasm_bindgen_futures::JsFuture::from(race)
            .await
            .map_err(|e| HookFailure::Threw(message_of(&e)))?;
        if value == JsValue::from(late) {
            return Err(HookFailure::TimedOut);
        }
        problems_of(&value).ok_or(HookFailure::BadAnswer)
    }
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

fn input(rows: &[HostRow], locale: &str) -> js_sys::Object {
    let list = js_sys::Array::new();
    for row in rows {
        let values = js_sys::Object::new();
        for (field, value) in &row.values {
            set(&values, field, &JsValue::from_str(value));
        }
        let item = js_sys::Object::new();
        set(&item, "file", &JsValue::from_f64(row.file as f64));
        set(&item, "row", &JsValue::from_f64(row.number as f64));
        set(&item, "values", &values);
        list.push(&item);
    }
    let input = js_sys::Object::new();
    set(&input, "rows", &list);
    set(&input, "locale", &JsValue::from_str(locale));
    input
}

/// `[{ file, row, field, message }]`; `undefined` or `null` is no problem at all.
fn problems_of(value: &JsValue) -> Option<Vec<HostProblem>> {
    if value.is_undefined() || value.is_null() {
        return Some(Vec::new());
    }
    let list: &js_sys::Array = value.dyn_ref()?;
    list.iter()
        .map(|item| {
            let get = |key: &str| js_sys::Reflect::get(&item, &JsValue::from_str(key)).ok();
            let whole = |v: JsValue| v.as_f64().filter(|n| n.fract() == 0.0 && *n >= 0.0);
            Some(HostProblem {
                // One file's import may leave the file out.
                file: match get("file").filter(|v| !v.is_undefined()) {
                    Some(v) => whole(v)? as usize,
                    None => 0,
                },
                row: whole(get("row")?)? as u64,
                field: get("field")?.as_string()?,
                message: get("message")?.as_string()?,
            })
        })
        .collect()
}

/// What a thrown value says: an `Error`'s message, a string, or nothing.
fn message_of(thrown: &JsValue) -> String {
    if let Some(error) = thrown.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    thrown.as_string().unwrap_or_default()
}
