//! The wasm module's entry points. On the app's own page (`index.html`, whose body is
//! marked `data-customer-import="standalone"`) the app mounts itself; loaded by a
//! portal it waits for the portal to call `mount`.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    let standalone = document()
        .body()
        .and_then(|b| b.get_attribute("data-customer-import"))
        .is_some_and(|v| v == "standalone");
    if standalone {
        leptos::mount::mount_to_body(|| view! { <customer_import::App /> });
    }
}

/// Mounts the wizard into `host`: see the README, "Embedding in a portal".
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, options: JsValue) -> Result<(), JsError> {
    customer_import::embedding::mount::mount(host, options)
}

/// Removes the wizard mounted into `host`, with everything it added.
#[wasm_bindgen]
pub fn unmount(host: &web_sys::HtmlElement) {
    customer_import::embedding::mount::unmount(host);
}
