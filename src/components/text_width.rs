//! How wide a text is in a font, in pixels, measured by a canvas: thousands of texts
//! a millisecond, without laying out the page.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

pub struct TextWidth {
    context: CanvasRenderingContext2d,
    /// The font family and size of the element measured for.
    family: String,
    size: f64,
}

impl TextWidth {
    /// Measures in the font of `element`; `None` where the page has no canvas.
    pub fn new(element: &Element) -> Option<TextWidth> {
        let style = web_sys::window()?.get_computed_style(element).ok()??;
        let family = style.get_property_value("font-family").ok()?;
        let size = style
            .get_property_value("font-size")
            .ok()?
            .trim_end_matches("px")
            .parse()
            .ok()?;
        let canvas: HtmlCanvasElement = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(TextWidth {
            context,
            family,
            size,
        })
    }

    /// The width of `text` in the element's font at `scale` times its size, of
    /// `weight` ("400", "600").
    pub fn measure(&self, weight: &str, scale: f64, text: &str) -> f64 {
        let font = format!("{weight} {:.2}px {}", self.size * scale, self.family);
        if self.context.font() != font {
            self.context.set_font(&font);
        }
        self.context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or_default()
    }
}
