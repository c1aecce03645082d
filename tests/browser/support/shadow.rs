//! The wizard as a portal embeds it, inside a shadow root: waiting for it, finding
//! and clicking in it, picking a file in it.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use fantoccini::{
    Locator,
    elements::{Element, ShadowRoot},
};

use super::browser::Page;

/// The wizard's shadow root on `#customer-import`, once it is attached.
pub async fn shadow(page: &Page) -> anyhow::Result<ShadowRoot> {
    let host = page.element("#customer-import").await?;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(root) = host.shadow_root().await {
            return Ok(root);
        }
        if Instant::now() > deadline {
            bail!("the wizard never attached its shadow root");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits for `css` inside the wizard, showing `text`.
pub async fn inside(root: &ShadowRoot, css: &str, text: &str) -> anyhow::Result<Element> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = String::new();
    loop {
        if let Ok(el) = root.find(Locator::Css(css)).await {
            last = el.text().await.unwrap_or_default();
            if last.contains(text) {
                return Ok(el);
            }
        }
        if Instant::now() > deadline {
            bail!("{css} in the wizard never showed {text:?}; last: {last:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn next(root: &ShadowRoot) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let button = inside(root, "#next", "").await?;
        if button.is_enabled().await.unwrap_or(false) {
            return button.click().await.context("continue");
        }
        if Instant::now() > deadline {
            bail!("#next stayed disabled");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Picks `file` in the wizard's file input.
pub async fn pick_file(root: &ShadowRoot, file: &std::path::Path) -> anyhow::Result<()> {
    let input = root.find(Locator::Css("input[type=file]")).await?;
    input
        .send_keys(&file.canonicalize()?.display().to_string())
        .await
        .context("pick file")
}
