//! Moments the server names (unix seconds) as the user's language writes them, in the
//! browser's time zone: the history's and the undo dialog's dates.

use crate::i18n::Locale;

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
pub fn local_date(locale: Locale, seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    date.to_locale_date_string(locale.tag(), &options).into()
}
