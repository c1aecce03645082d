//! Mounting the wizard into a portal's page: `mount(element, options)` and
//! `unmount(element)`, exported to JavaScript.
//!
//! The wizard renders inside an open shadow root of the host element: the portal's CSS
//! cannot reach into it and the wizard's CSS cannot leak out. CSS custom properties
//! (`--ci-accent`, …) do cross that boundary, which is how a portal themes it. The
//! stylesheet is adopted (constructed by script), so a portal's CSP need not allow
//! inline styles.

use std::{any::Any, cell::RefCell};

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsError, JsValue};
use web_sys::HtmlElement;

use crate::{
    app::App,
    embedding::host_events::HostEvents,
    embedding::options::{Embedding, Theme, without_rem},
};

const STYLESHEET: &str = include_str!("../../style/main.css");

thread_local! {
    /// Each mounted wizard: its host and what unmounts it when dropped.
    static MOUNTED: RefCell<Vec<(HtmlElement, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
}

/// Mounts a wizard into `host`, replacing one mounted there before.
///
/// `options`: `{ apiBase, token | getToken, locale?, project?, theme? }`; see the
/// README's "Embedding in a portal".
pub fn mount(host: HtmlElement, options: JsValue) -> Result<(), JsError> {
    let embedding = Embedding::from_js(&options).map_err(|e| JsError::new(&e))?;
    unmount(&host);
    let shadow = match host.shadow_root() {
        Some(shadow) => shadow,
        None => host
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .map_err(|_| {
                JsError::new("customer-import: cannot attach a shadow root to this element")
            })?,
    };
    adopt_stylesheet(&shadow)?;
    for (name, value) in embedding.theme.declarations() {
        let _ = host.style().set_property(&name, &value);
    }
    let container: HtmlElement = document()
        .create_element("div")
        .map_err(|_| JsError::new("customer-import: cannot create an element"))?
        .unchecked_into();
    container.set_class_name("ci-embedded");
    shadow
        .append_child(&container)
        .map_err(|_| JsError::new("customer-import: cannot add to the shadow root"))?;
    let events = HostEvents::new(host.clone().into());
    let handle = leptos::mount::mount_to(container, move || {
        view! { <App embedding=embedding.clone() events=events.clone() /> }
    });
    MOUNTED.with(|m| m.borrow_mut().push((host, Box::new(handle))));
    Ok(())
}

/// Removes the wizard from `host`: its nodes, listeners, reactive state and theme.
/// Unmounting an element without a wizard does nothing.
pub fn unmount(host: &HtmlElement) {
    let found = MOUNTED.with(|m| {
        let mut mounted = m.borrow_mut();
        let index = mounted.iter().position(|(h, _)| h == host)?;
        Some(mounted.remove(index))
    });
    let Some((host, handle)) = found else { return };
    // Dropping the handle disposes the wizard's reactive owner and its DOM.
    drop(handle);
    if let Some(shadow) = host.shadow_root() {
        while let Some(child) = shadow.first_child() {
            let _ = shadow.remove_child(&child);
        }
        let _ = js_sys::Reflect::set(&shadow, &"adoptedStyleSheets".into(), &js_sys::Array::new());
    }
    for name in Theme::PROPERTIES.iter().map(|p| format!("--ci-{p}")) {
        let _ = host.style().remove_property(&name);
    }
}

fn adopt_stylesheet(shadow: &web_sys::ShadowRoot) -> Result<(), JsError> {
    let sheet = web_sys::CssStyleSheet::new().map_err(|_| {
        JsError::new("customer-import: constructable stylesheets are not supported")
    })?;
    sheet
        .replace_sync(&without_rem(STYLESHEET))
        .map_err(|_| JsError::new("customer-import: stylesheet"))?;
    js_sys::Reflect::set(
        shadow,
        &"adoptedStyleSheets".into(),
        &js_sys::Array::of1(&sheet),
    )
    .map_err(|_| JsError::new("customer-import: adoptedStyleSheets"))?;
    Ok(())
}
