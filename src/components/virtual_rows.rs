//! A table that renders only the rows in view, for lists of a million rows. Every row
//! has the same height, so the rows in view follow from the scroll position alone;
//! spacer rows above and below keep the scroll bar true to the whole list.
//!
//! Rows are keyed by their position, so a row that stays in view keeps its DOM (and
//! the focus inside it) while its contents update. Contents may come later than the
//! row (from a worker): the row renders what it has and updates when they arrive.

use leptos::prelude::*;

/// Rows rendered beyond the visible ones on each side, so fast scrolling does not
/// show blank space.
const OVERSCAN: usize = 8;

/// Which positions of a list of `count` rows of `row_height` pixels to render when
/// scrolled to `scroll_top` in a viewport of `viewport` pixels.
pub fn window(count: usize, row_height: f64, viewport: f64, scroll_top: f64) -> (usize, usize) {
    if count == 0 || row_height <= 0.0 {
        return (0, 0);
    }
    let first = (scroll_top.max(0.0) / row_height) as usize;
    let visible = (viewport / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(count);
    let end = first
        .saturating_add(visible)
        .saturating_add(OVERSCAN)
        .min(count);
    (start, end)
}

/// Which positions to fetch for the rendered rows `first..last` of a list of `count`:
/// at least as many again on each side, so rows scrolled into view are already there
/// while the next ones are fetched. The window moves in steps of the rendered rows'
/// number, so scrolling within a step asks for nothing: a fast scroll sends the
/// worker a request a screen, not one a row.
pub fn fetch_window(first: usize, last: usize, count: usize) -> (usize, usize) {
    let span = last.saturating_sub(first).max(1);
    let step = first / span;
    let start = step.saturating_sub(1) * span;
    let end = step.saturating_add(3).saturating_mul(span).min(count);
    (start.min(end), end)
}

/// A list's length and scroll position: which rows are in view follows from it, for the
/// table that renders them and for whoever fetches their contents.
#[derive(Clone, Copy)]
pub struct Viewport {
    pub count: Signal<usize>,
    /// Height of every row, in pixels.
    pub row_height: f64,
    /// Height of the scrollable area, in pixels.
    pub height: f64,
    scroll_top: RwSignal<f64>,
}

impl Viewport {
    pub fn new(count: impl Into<Signal<usize>>, row_height: f64, height: f64) -> Viewport {
        Viewport {
            count: count.into(),
            row_height,
            height,
            scroll_top: RwSignal::new(0.0),
        }
    }

    /// The positions to render now, `start..end`.
    pub fn range(&self) -> (usize, usize) {
        window(
            self.count.get(),
            self.row_height,
            self.height,
            self.scroll_top.get(),
        )
    }
}

/// The rows in view of a list whose contents come later (from a worker), and a screen
/// around them: fetched again whenever the list (its `key`) or the rows in view
/// change. The answer is the row at a position, if it was fetched for the list as it
/// is now; until then, the old rows stay on screen for the old list only.
pub fn fetched_in_view<K, T, F, Fut>(
    viewport: Viewport,
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: F,
) -> impl Fn(usize) -> Option<T> + Copy + Send + Sync + 'static
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Clone + 'static,
    F: Fn(K, usize, usize) -> Fut + 'static,
    Fut: std::future::Future<Output = Option<Vec<T>>> + 'static,
{
    let key = Memo::new(move |_| key());
    // A memo: the window changes (and is fetched) only when the view leaves its step.
    let span = Memo::new(move |_| {
        let (first, last) = viewport.range();
        fetch_window(first, last, viewport.count.get())
    });
    let window = LocalResource::new(move || {
        let k = key.get();
        let (start, end) = span.get();
        let rows = fetch(k.clone(), start, end - start);
        async move { rows.await.map(|rows| (k, start, rows)) }
    });
    move |position| {
        let now = key.get();
        window.with(|w| {
            let (k, start, rows) = w.as_ref()?.as_ref()?;
            (*k == now).then(|| rows.get(position.checked_sub(*start)?).cloned())?
        })
    }
}

#[component]
pub fn VirtualRows<H, HV, R, RV>(
    /// Accessible name of the scrollable region.
    #[prop(into)]
    label: Signal<String>,
    /// How many rows, and which are in view.
    viewport: Viewport,
    /// Renders the header cells (`<th>`s).
    header: H,
    /// Renders the row (`<tr>`) at one position.
    row: R,
) -> impl IntoView
where
    H: Fn() -> HV + Send + Sync + 'static,
    HV: IntoView + 'static,
    R: Fn(usize) -> RV + Clone + Send + Sync + 'static,
    RV: IntoView + 'static,
{
    let row_height = viewport.row_height;
    let range = Memo::new(move |_| viewport.range());
    let shown = move || {
        let (start, end) = range.get();
        start..end
    };
    let spacer = move |height: f64| {
        view! { <tr class="virtual__spacer" aria-hidden="true" style:height=format!("{height}px")></tr> }
    };
    let above = move || spacer(range.get().0 as f64 * row_height);
    let below = move || {
        let (_, end) = range.get();
        spacer(viewport.count.get().saturating_sub(end) as f64 * row_height)
    };
    view! {
        <div
            class="virtual"
            role="region"
            tabindex="0"
            aria-label=move || label.get()
            style:max-height=format!("{}px", viewport.height)
            on:scroll=move |ev| {
                let top = event_target::<web_sys::Element>(&ev).scroll_top();
                viewport.scroll_top.set(f64::from(top));
            }
        >
            <table class="virtual__table">
                <thead>
                    <tr>{header()}</tr>
                </thead>
                <tbody style=format!("--row-height: {row_height}px")>
                    {above}
                    <For each=shown key=|position| *position children=row.clone() />
                    {below}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{fetch_window, window};

    #[test]
    fn fetched_rows_reach_a_screen_past_the_view_and_move_in_steps() {
        let count = 1_000_000;
        let span = 27;
        let mut requests = std::collections::HashSet::new();
        for first in 0..10_000 {
            let last = first + span;
            let (start, end) = fetch_window(first, last, count);
            assert!(start <= first.saturating_sub(span), "{first}: {start}");
            assert!(end >= last + span, "{first}: {end}");
            requests.insert((start, end));
        }
        // One request a screen scrolled, not one a row.
        assert_eq!(requests.len(), 10_000 / span + 1);
        // Near the end of the list the window stops at its last row.
        assert_eq!(fetch_window(count - span, count, count).1, count);
        assert_eq!(fetch_window(0, 0, 0), (0, 0));
        assert_eq!(fetch_window(3, 5, 4), (0, 4));
    }

    #[test]
    fn only_rows_near_the_viewport_are_rendered() {
        assert_eq!(window(0, 40.0, 400.0, 0.0), (0, 0));
        assert_eq!(window(5, 40.0, 400.0, 0.0), (0, 5));
        assert_eq!(window(1_000_000, 40.0, 400.0, 0.0), (0, 11 + 8));
        assert_eq!(
            window(1_000_000, 40.0, 400.0, 40.0 * 500_000.0),
            (500_000 - 8, 500_000 + 11 + 8)
        );
        // Scrolled past the end (the list shrank under the scroll position).
        assert_eq!(window(10, 40.0, 400.0, 1e9), (10, 10));
        assert_eq!(window(10, 40.0, 400.0, -5.0), (0, 10));
    }
}
