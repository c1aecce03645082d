//! Saving a file on the user's machine from bytes the app holds: the failed rows it
//! made, or a file it fetched from the API with the user's token.

use wasm_bindgen::JsCast;

/// Offers `text` for download as `name`.
pub fn download_text(name: &str, mime: &str, text: &str) -> Option<()> {
    save(name, mime, &wasm_bindgen::JsValue::from_str(text))
}

/// Offers `bytes` for download as `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Option<()> {
    save(name, mime, &js_sys::Uint8Array::from(bytes))
}

fn save(name: &str, mime: &str, content: &wasm_bindgen::JsValue) -> Option<()> {
    let parts = js_sys::Array::of1(content);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Some browsers start reading the blob only after `click` returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)
        .ok()?;
    Some(())
}
