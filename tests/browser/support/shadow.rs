//! The wizard as a portal embeds it, inside a shadow root: waiting for it, finding
//! and clicking in it, picking a file in it, and going through its steps as a user
//! of the portal does.

use anyhow::Context;
use fantoccini::{
    Locator,
    elements::{Element, ShadowRoot},
};

use super::{
    browser::{Page, until},
    journey::Step,
};

/// The wizard's shadow root on `#customer-import`, once it is attached.
pub async fn shadow(page: &Page) -> anyhow::Result<ShadowRoot> {
    let host = page.element("#customer-import").await?;
    until(async || {
        Ok(host
            .shadow_root()
            .await
            .map_err(|_| "the wizard never attached its shadow root".to_owned()))
    })
    .await
}

/// Waits for `css` inside the wizard, showing `text`.
pub async fn inside(root: &ShadowRoot, css: &str, text: &str) -> anyhow::Result<Element> {
    let mut last = String::new();
    until(async || {
        if let Ok(el) = root.find(Locator::Css(css)).await {
            last = el.text().await.unwrap_or_default();
            if last.contains(text) {
                return Ok(Ok(el));
            }
        }
        Ok(Err(format!(
            "{css} in the wizard never showed {text:?}; last: {last:?}"
        )))
    })
    .await
}

/// Clicks `css` inside the wizard once it is shown.
pub async fn click(root: &ShadowRoot, css: &str) -> anyhow::Result<()> {
    Ok(inside(root, css, "").await?.click().await?)
}

pub async fn next(root: &ShadowRoot) -> anyhow::Result<()> {
    let button = until(async || {
        let button = inside(root, "#next", "").await?;
        Ok(match button.is_enabled().await.unwrap_or(false) {
            true => Ok(button),
            false => Err("#next stayed disabled".to_owned()),
        })
    })
    .await?;
    button.click().await.context("continue")
}

/// Saves from the review (Continue) and waits until the end says `created` customers
/// were created.
pub async fn saved(root: &ShadowRoot, created: usize) -> anyhow::Result<()> {
    next(root).await?;
    let end =
        format!("[data-testid=end-counts] dd[data-outcome='end.created'][data-n='{created}']");
    inside(root, &end, "").await.map(drop)
}

/// Replaces the value of `css`'s input in the wizard, as the user types it, and
/// leaves it (Tab).
pub async fn type_into(root: &ShadowRoot, css: &str, text: &str) -> anyhow::Result<()> {
    let input = inside(root, css, "").await?;
    input.clear().await?;
    input.send_keys(&format!("{text}\u{e004}")).await?; // Tab
    Ok(())
}

/// Picks `file` in the wizard's file input.
pub async fn pick_file(root: &ShadowRoot, file: &std::path::Path) -> anyhow::Result<()> {
    let input = root.find(Locator::Css("input[type=file]")).await?;
    input
        .send_keys(&file.canonicalize()?.display().to_string())
        .await
        .context("pick file")
}

/// Waits for `step`'s heading, in the wizard's language.
async fn opened(root: &ShadowRoot, step: Step) -> anyhow::Result<()> {
    let app = root.find(Locator::Css(".app")).await?;
    let language = app.attr("lang").await?.unwrap_or_default();
    let words = step.heading(&language).unwrap_or_default();
    inside(root, &format!("#{}", step.heading_id()), words)
        .await
        .map(drop)
}

/// From the project step (its project chosen), picks `file` and goes on to the
/// review, waiting at each step for what the user sees: the file's summary naming it,
/// the header's counts showing `counts`, the mapping, the review's counts.
pub async fn to_review(
    root: &ShadowRoot,
    file: &std::path::Path,
    counts: &str,
) -> anyhow::Result<()> {
    let name = file.file_name().context("a file name")?.to_string_lossy();
    next(root).await?;
    opened(root, Step::File).await?;
    pick_file(root, file).await?;
    inside(root, "[data-testid=file-summary]", &name).await?;
    for step in [Step::Header, Step::Mapping, Step::Review] {
        next(root).await?;
        opened(root, step).await?;
        let shown = if step == Step::Header { counts } else { "" };
        inside(root, step.done().unwrap_or("body"), shown).await?;
    }
    Ok(())
}
