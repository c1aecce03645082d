//! A table that renders only the rows in view, for lists of a million rows. Every row
//! has the same height, so the rows in view follow from the scroll position alone;
//! spacer rows above and below keep the scroll bar true to the whole list.
//!
//! Browsers cap an element's height (Firefox near 17.9M px, Chromium near 33.5M), and a
//! million 76 px rows are 76M: past [`MAX_SCROLL_HEIGHT`] the scroll space is scaled,
//! so the scroll bar's whole length still runs from the first row to the last
//! ([`Scroll`]).
//!
//! Rows are keyed by their position, so a row that stays in view keeps its DOM (and
//! the focus inside it) while its contents update. Contents may come later than the
//! row (from a worker): the row renders what it has and updates when they arrive.

use leptos::prelude::*;

/// Rows rendered beyond the visible ones on each side, so fast scrolling does not
/// show blank space.
const OVERSCAN: usize = 8;

/// The most scroll space the rows take, in pixels: well under every browser's cap on an
/// element's height.
pub const MAX_SCROLL_HEIGHT: f64 = 8_000_000.0;

/// Where a scrollable list of `count` rows of `row_height` pixels is, and what to render
/// for it. Its rows take `count × row_height` pixels, or [`MAX_SCROLL_HEIGHT`] when that
/// is more: the scroll position then maps linearly onto the rows, so the end of the
/// scroll bar shows the last row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scroll {
    pub count: usize,
    pub row_height: f64,
    /// The scrolled element's `scrollTop`, `clientHeight` and `scrollHeight`, in pixels;
    /// the height of what is above the rows (a table's heading) is what `scrollHeight`
    /// has beyond the rows' scroll space.
    pub top: f64,
    pub client: f64,
    pub scroll_height: f64,
}

/// What to render: rows `start..end`, after a spacer of `above` pixels and before one
/// of `below`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rendered {
    pub start: usize,
    pub end: usize,
    pub above: f64,
    pub below: f64,
}

impl Scroll {
    /// The height of every row together.
    fn rows_height(&self) -> f64 {
        self.count as f64 * self.row_height
    }

    /// The scroll space the rows take: their height, at most [`MAX_SCROLL_HEIGHT`].
    pub fn space(&self) -> f64 {
        self.rows_height().min(MAX_SCROLL_HEIGHT)
    }

    /// The part of the view the rows can be seen in: below the table's heading,
    /// which stays on top.
    fn view(&self) -> f64 {
        let space = self.space();
        let above_rows = (self.scroll_height - space).max(0.0);
        (self.client - above_rows).clamp(0.0, space)
    }

    /// How far into the rows the view is, in pixels of their true height.
    pub fn offset(&self) -> f64 {
        let top = self.top.max(0.0);
        let (space, height) = (self.space(), self.rows_height());
        if height <= space {
            return top;
        }
        let view = self.view();
        let fraction = (top / (space - view).max(1.0)).min(1.0);
        fraction * (height - view)
    }

    /// The scroll position at which the view is `offset` pixels into the rows: the
    /// inverse of [`Scroll::offset`].
    fn top_for(&self, offset: f64) -> f64 {
        let (space, height) = (self.space(), self.rows_height());
        if height <= space {
            return offset.max(0.0);
        }
        let view = self.view();
        let fraction = (offset / (height - view).max(1.0)).clamp(0.0, 1.0);
        fraction * (space - view).max(1.0)
    }

    /// The scroll position that shows the row at `position` whole, nearest to the
    /// current one; `None` when it is in view already.
    pub fn reveal(&self, position: usize) -> Option<f64> {
        let row_top = position as f64 * self.row_height;
        let row_bottom = row_top + self.row_height;
        let (offset, view) = (self.offset(), self.view());
        if row_top < offset {
            // Rounded so the row ends up inside, not a pixel under the heading.
            Some(self.top_for(row_top).floor())
        } else if row_bottom > offset + view {
            Some(self.top_for(row_bottom - view).ceil())
        } else {
            None
        }
    }

    /// How many rows are in view whole: what Page Down moves by.
    pub fn rows_in_view(&self) -> usize {
        ((self.view() / self.row_height).floor() as usize).max(1)
    }

    /// The first row in view whole.
    pub fn first_in_view(&self) -> usize {
        let first = (self.offset() / self.row_height).ceil() as usize;
        first.min(self.count.saturating_sub(1))
    }

    /// The rows to render and the spacers around them.
    pub fn rendered(&self) -> Rendered {
        let offset = self.offset();
        let (start, end) = window(self.count, self.row_height, self.client, offset);
        let space = self.space();
        // Scaled, the rows in view sit where the scroll position puts them: the first
        // one's top is as far above the view's top as it is above `offset`.
        let above = if self.rows_height() <= space {
            start as f64 * self.row_height
        } else {
            (self.top.max(0.0) + start as f64 * self.row_height - offset).clamp(0.0, space)
        };
        let rows = (end - start) as f64 * self.row_height;
        Rendered {
            start,
            end,
            above,
            below: (space - above - rows).max(0.0),
        }
    }
}

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

/// The most height a list takes to fill the room left in the window: `inner` is the
/// window's height, `top` where the list starts on the page and `below` what the page
/// has under it. At least `least`: in a small window the page scrolls instead. (A
/// short list takes less: this is its `max-height`.)
pub fn fitted_height(inner: f64, top: f64, below: f64, least: f64) -> f64 {
    (inner - top - below).max(least)
}

/// How far to scroll sideways so that `span` (a cell's left and right edge) is in
/// `view` (what the sticky columns leave of the area): to the nearest edge, and to
/// the cell's start when it is wider than the view.
pub fn nearest_delta(span: (f64, f64), view: (f64, f64)) -> f64 {
    if span.0 < view.0 {
        span.0 - view.0
    } else if span.1 > view.1 {
        (span.1 - view.1).min(span.0 - view.0)
    } else {
        0.0
    }
}

/// A list's length and scroll position: which rows are in view follows from it, for the
/// table that renders them and for whoever fetches their contents.
#[derive(Clone, Copy)]
pub struct Viewport {
    pub count: Signal<usize>,
    /// Height of every row, in pixels.
    pub row_height: f64,
    /// The most height the scrollable area takes, in pixels.
    pub height: Signal<f64>,
    /// The scrolled element's `scrollTop`, `clientHeight` and `scrollHeight` when it
    /// last scrolled.
    scrolled: RwSignal<(f64, f64, f64)>,
    /// Whether the table reaches past the view on the left and on the right.
    sideways: RwSignal<(bool, bool)>,
    element: NodeRef<leptos::html::Div>,
}

impl Viewport {
    pub fn new(
        count: impl Into<Signal<usize>>,
        row_height: f64,
        height: impl Into<Signal<f64>>,
    ) -> Viewport {
        let height = height.into();
        Viewport {
            count: count.into(),
            row_height,
            height,
            scrolled: RwSignal::new((0.0, height.get_untracked(), 0.0)),
            sideways: RwSignal::new((false, false)),
            element: NodeRef::new(),
        }
    }

    /// Where the list is scrolled to now.
    pub fn scroll(&self) -> Scroll {
        let (top, client, scroll_height) = self.scrolled.get();
        Scroll {
            count: self.count.get(),
            row_height: self.row_height,
            top,
            client,
            scroll_height,
        }
    }

    /// The positions to render now, `start..end`.
    pub fn range(&self) -> (usize, usize) {
        let r = self.scroll().rendered();
        (r.start, r.end)
    }

    /// The scrolled element, once it is on the page.
    pub fn element(&self) -> Option<web_sys::HtmlDivElement> {
        self.element.get_untracked()
    }

    /// Whether the scrolled element is on the page; tracked.
    pub fn mounted(&self) -> bool {
        self.element.get().is_some()
    }

    /// Takes the scroll position and sizes from the page: after a scroll, and when
    /// the area or the table changed size.
    pub fn measure(&self) {
        let Some(e) = self.element() else {
            return;
        };
        let top = f64::from(e.scroll_top());
        let client = f64::from(e.client_height());
        let height = f64::from(e.scroll_height());
        if self.scrolled.get_untracked() != (top, client, height) {
            self.scrolled.set((top, client, height));
        }
        let left = f64::from(e.scroll_left());
        let width = f64::from(e.client_width());
        let sideways = (left > 1.0, left + width < f64::from(e.scroll_width()) - 1.0);
        if self.sideways.get_untracked() != sideways {
            self.sideways.set(sideways);
        }
    }

    /// Scrolls the row at `position` into view whole, if it is not, and renders the
    /// rows around it at once.
    pub fn reveal(&self, position: usize) {
        let Some(e) = self.element() else {
            return;
        };
        self.measure();
        let scroll = self
            .scrolled
            .with_untracked(|&(top, client, scroll_height)| Scroll {
                count: self.count.get_untracked(),
                row_height: self.row_height,
                top,
                client,
                scroll_height,
            });
        if let Some(top) = scroll.reveal(position) {
            e.set_scroll_top(top as i32);
            self.measure();
        }
    }

    /// How many rows are in view whole, and the first of them.
    pub fn in_view(&self) -> (usize, usize) {
        let s = self.scroll();
        (s.rows_in_view(), s.first_in_view())
    }
}

/// Keeps the list's `height` the room left in the window under it (see
/// [`fitted_height`]), as the window, or what is around the list in its nearest
/// ancestor matching `root` (the app's root), changes size.
pub fn fill_window(viewport: Viewport, height: RwSignal<f64>, root: &'static str) {
    use wasm_bindgen::{JsCast, closure::Closure};

    let root_of = move |list: &web_sys::HtmlDivElement| list.closest(root).ok().flatten();
    let fit = move || {
        let Some(list) = viewport.element() else {
            return;
        };
        let (Some(page), Some(root)) = (web_sys::window(), root_of(&list)) else {
            return;
        };
        let inner = page
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0);
        let scrolled = page.scroll_y().unwrap_or(0.0);
        let (list_box, root_box) = (
            list.get_bounding_client_rect(),
            root.get_bounding_client_rect(),
        );
        let top = list_box.top() + scrolled;
        let below = (root_box.bottom() - list_box.bottom()).max(0.0);
        let fitted = fitted_height(inner, top, below, (inner * 0.4).max(280.0));
        if (fitted - height.get_untracked()).abs() >= 1.0 {
            height.set(fitted.round());
        }
        viewport.measure();
    };
    let resized = window_event_listener(leptos::ev::resize, move |_| fit());
    // A frame later: a size set while the observer reports would be reported again at
    // once, which browsers take for a loop.
    let observed = Closure::<dyn FnMut()>::new(move || request_animation_frame(fit));
    let observer = web_sys::ResizeObserver::new(observed.as_ref().unchecked_ref()).ok();
    let observer = StoredValue::new_local(observer);
    let observed = StoredValue::new_local(observed);
    Effect::new(move || {
        // The list and its surroundings are on the page.
        if let Some(list) = viewport.element.get()
            && let Some(root) = root_of(&list)
        {
            observer.with_value(|o| {
                if let Some(o) = o {
                    o.observe(&root);
                }
            });
            fit();
        }
    });
    on_cleanup(move || {
        resized.remove();
        observer.with_value(|o| {
            if let Some(o) = o {
                o.disconnect();
            }
        });
        observed.dispose();
    });
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
    let fetched = fetch_in_view(viewport, key, fetch);
    move |position| fetched.at(position)
}

/// The rows [`fetched_in_view`] has, as one window of the list.
pub struct Fetched<K: Send + Sync + 'static, T: 'static> {
    key: Memo<K>,
    window: LocalResource<Option<(K, usize, Vec<T>)>>,
}

impl<K: Send + Sync, T> Clone for Fetched<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Send + Sync, T> Copy for Fetched<K, T> {}

impl<K, T> Fetched<K, T>
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Clone + 'static,
{
    /// The row at `position`, if it was fetched for the list as it is now.
    pub fn at(&self, position: usize) -> Option<T> {
        self.with(|start, rows| rows.get(position.checked_sub(start)?).cloned())
            .flatten()
    }

    /// Runs `f` on the rows fetched for the list as it is now, and the position of
    /// the first.
    pub fn with<R>(&self, f: impl FnOnce(usize, &[T]) -> R) -> Option<R> {
        let now = self.key.get();
        self.window.with(|w| {
            let (k, start, rows) = w.as_ref()?.as_ref()?;
            (*k == now).then(|| f(*start, rows))
        })
    }
}

/// Like [`fetched_in_view`], keeping the whole window fetched at hand.
pub fn fetch_in_view<K, T, F, Fut>(
    viewport: Viewport,
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: F,
) -> Fetched<K, T>
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
    Fetched { key, window }
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
    /// The table's least width (CSS), when its columns are sized: it scrolls sideways
    /// rather than squeeze them.
    #[prop(optional, into)]
    min_width: MaybeProp<String>,
    /// A WAI-ARIA grid, whose cells take the focus (the rows say their
    /// `aria-rowindex`, the heading's row being the first): the area itself is then
    /// no tab stop.
    #[prop(optional)]
    grid: bool,
) -> impl IntoView
where
    H: Fn() -> HV + Send + Sync + 'static,
    HV: IntoView + 'static,
    R: Fn(usize) -> RV + Clone + Send + Sync + 'static,
    RV: IntoView + 'static,
{
    let row_height = viewport.row_height;
    let rendered = Memo::new(move |_| viewport.scroll().rendered());
    let shown = move || {
        let r = rendered.get();
        r.start..r.end
    };
    let spacer = move |height: f64| {
        view! { <tr class="virtual__spacer" aria-hidden="true" style:height=format!("{height}px")></tr> }
    };
    let above = move || spacer(rendered.get().above);
    let below = move || spacer(rendered.get().below);
    // The table's new width shows whether it reaches past the view.
    Effect::new(move || {
        let _ = min_width.get();
        viewport.measure();
    });
    let label_of_area = move || (!grid).then(|| label.get());
    let label_of_grid = move || grid.then(|| label.get());
    view! {
        <div
            class="virtual"
            class:virtual--more-left=move || viewport.sideways.get().0
            class:virtual--more-right=move || viewport.sideways.get().1
            node_ref=viewport.element
            role=(!grid).then_some("region")
            tabindex=(!grid).then_some("0")
            aria-label=label_of_area
            style:max-height=move || format!("{}px", viewport.height.get())
            on:scroll=move |_| viewport.measure()
        >
            <table
                class="virtual__table"
                style:width=move || min_width.get()
                role=grid.then_some("grid")
                aria-label=label_of_grid
                aria-rowcount=move || grid.then(|| (viewport.count.get() + 1).to_string())
            >
                // The closure itself, not its result, so the headings follow a change
                // of language.
                <thead>
                    <tr aria-rowindex=grid.then_some("1")>{header}</tr>
                </thead>
                // Set through the CSSOM: the page's CSP refuses `style` attributes.
                <tbody style:--row-height=format!("{row_height}px")>
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
    use super::{
        MAX_SCROLL_HEIGHT, Rendered, Scroll, fetch_window, fitted_height, nearest_delta, window,
    };

    /// A list of `count` rows of 76 px scrolled to `top` in a 520 px view under a
    /// 44 px heading, as the browser would report it.
    fn scrolled(count: usize, top: f64) -> Scroll {
        let mut s = Scroll {
            count,
            row_height: 76.0,
            top,
            client: 520.0,
            scroll_height: 0.0,
        };
        s.scroll_height = 44.0 + s.space();
        s
    }

    #[test]
    fn a_short_list_scrolls_row_for_row() {
        let s = scrolled(1_000, 76.0 * 100.0);
        assert_eq!(s.space(), 76_000.0);
        assert_eq!(s.offset(), 7_600.0);
        let r = s.rendered();
        assert_eq!((r.start, r.end), window(1_000, 76.0, 520.0, 7_600.0));
        assert_eq!(r.above, r.start as f64 * 76.0);
        assert_eq!(
            r.above + (r.end - r.start) as f64 * 76.0 + r.below,
            76_000.0
        );
    }

    #[test]
    fn a_million_rows_fit_the_capped_scroll_space_and_the_end_shows_the_last_row() {
        let count = 1_000_000;
        let top = scrolled(count, 0.0);
        assert_eq!(top.space(), MAX_SCROLL_HEIGHT);
        let first = top.rendered();
        assert_eq!((first.start, first.above), (0, 0.0));

        // Scrolled to the end, as far as the browser lets it go.
        let end = scrolled(count, 44.0 + MAX_SCROLL_HEIGHT - 520.0);
        let Rendered {
            start,
            end: last,
            above,
            below,
        } = end.rendered();
        assert_eq!(last, count);
        assert_eq!(below, 0.0);
        // The last row's bottom is the view's bottom: heading, spacer and rows fill
        // exactly what the browser scrolled through.
        assert_eq!(
            44.0 + above + (count - start) as f64 * 76.0,
            end.top + end.client
        );

        // Half way down the scroll bar is half way down the rows, and every spacer
        // stays within the scroll space.
        let half = scrolled(count, (MAX_SCROLL_HEIGHT - 476.0) / 2.0).rendered();
        assert!((half.start as i64 - 500_000).abs() < 20, "{half:?}");
        for step in 0..=1_000 {
            let top = (MAX_SCROLL_HEIGHT - 476.0) * f64::from(step) / 1_000.0;
            let r = scrolled(count, top).rendered();
            let rows = (r.end - r.start) as f64 * 76.0;
            assert!(r.above >= 0.0 && r.below >= 0.0, "{r:?}");
            assert!(
                r.above + rows + r.below <= MAX_SCROLL_HEIGHT + 76.0 * 40.0,
                "{r:?}"
            );
        }
    }

    #[test]
    fn a_row_out_of_view_is_scrolled_to_the_nearest_edge() {
        // 1,000 rows: row 100 is at the view's top.
        let s = scrolled(1_000, 76.0 * 100.0);
        assert_eq!(s.rows_in_view(), 6, "476 px under the heading");
        assert_eq!(s.first_in_view(), 100);
        assert_eq!(s.reveal(100), None);
        assert_eq!(s.reveal(105), None, "its bottom at 456 of 476");
        assert_eq!(s.reveal(99), Some(76.0 * 99.0), "above: to the top");
        // Below: its bottom at the view's bottom.
        assert_eq!(s.reveal(106), Some(76.0 * 107.0 - 476.0));
        assert_eq!(s.reveal(500), Some(76.0 * 501.0 - 476.0));
    }

    #[test]
    fn a_row_of_a_million_is_revealed_through_the_scaled_scroll_space() {
        let count = 1_000_000;
        for position in [0, 1, 250_000, 500_000, 999_990, count - 1] {
            let s = scrolled(count, 0.0);
            let Some(top) = s.reveal(position) else {
                assert!(position < 6, "{position}");
                continue;
            };
            let there = scrolled(count, top);
            let r = there.rendered();
            assert!((r.start..r.end).contains(&position), "{position}: {r:?}");
            assert_eq!(there.reveal(position), None, "{position} in view whole");
        }
    }

    #[test]
    fn a_cell_is_scrolled_sideways_to_the_nearest_edge() {
        let view = (200.0, 1_000.0);
        assert_eq!(nearest_delta((300.0, 500.0), view), 0.0);
        assert_eq!(nearest_delta((1_200.0, 1_400.0), view), 400.0);
        assert_eq!(
            nearest_delta((100.0, 300.0), view),
            -100.0,
            "under the row's column"
        );
        // Wider than the view: its start shows.
        assert_eq!(nearest_delta((900.0, 2_000.0), view), 700.0);
    }

    #[test]
    fn a_list_takes_the_room_left_in_the_window() {
        // 900 px window, list starting at 330, 120 below it: 450 px.
        assert_eq!(fitted_height(900.0, 330.0, 120.0, 360.0), 450.0);
        // A small window: the least, and the page scrolls.
        assert_eq!(fitted_height(500.0, 330.0, 120.0, 280.0), 280.0);
    }

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
