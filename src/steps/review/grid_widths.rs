//! The customers grid's column widths in the page: the texts of the rows fetched,
//! measured in the grid's own fonts, summed up by [`column_width`]. A column only
//! grows while the same review is shown in the same language, so columns do not jump
//! back and forth while the user scrolls.

use customer_import_worker::protocol::RowView;
use leptos::prelude::*;

use crate::{
    components::{
        text_width::TextWidth,
        virtual_rows::{Fetched, Viewport},
    },
    i18n::{Locale, use_i18n},
    steps::review::{
        changes::cell_change,
        column_width::{Seen, Text, width_px},
        grid_row::{ListKey, Named, change_text},
    },
    wizard::state::ImportState,
};

/// The font of each kind of text in the grid, as `style/main.css` sets it: its weight
/// and its size as a share of the grid's.
fn font(kind: Text) -> (&'static str, f64) {
    match kind {
        Text::Heading => ("600", 0.85),
        Text::Source => ("400", 0.85 * 0.9),
        Text::Value => ("400", 0.95),
        Text::Note => ("400", 0.78),
    }
}

/// What the widest texts seen were seen in: a review, a language, its columns.
type SeenKey = (u64, Locale, usize);

/// Each mapped column's width in pixels, from the texts of the rows fetched so far in
/// the grid's fonts; a column only grows while the same review is shown in the same
/// language.
pub fn column_widths(
    viewport: Viewport,
    fetched: Fetched<ListKey, RowView>,
    named: Memo<Vec<Named>>,
) -> Memo<Vec<f64>> {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let measurer = StoredValue::new_local(None::<TextWidth>);
    let measure = move |kind: Text, text: &str| {
        measurer.with_value(|m| match m {
            Some(m) => {
                let (weight, scale) = font(kind);
                m.measure(weight, scale, text)
            }
            // Until the grid is on the page: a guess at a digit's width.
            None => text.chars().count() as f64 * 9.0,
        })
    };
    let seen = Memo::new(move |previous: Option<&(SeenKey, Vec<Seen>)>| {
        let locale = i18n.locale();
        if viewport.mounted()
            && measurer.with_value(Option::is_none)
            && let Some(element) = viewport.element()
        {
            measurer.set_value(TextWidth::new(&element));
        }
        let fields: Vec<_> = named.with(|n| n.iter().map(|n| n.field.clone()).collect());
        let language = locale.language();
        let mut seen = vec![Seen::default(); fields.len()];
        fetched.with(|_, rows| {
            for row in rows {
                for ((cell, seen), field) in row.cells.iter().zip(&mut seen).zip(&fields) {
                    seen.value(&measure, &cell.value);
                    if let Some(stored) = &cell.stored {
                        seen.stored(&measure, &format!("→ {stored}"));
                    }
                    if let Some(change) = cell_change(&row.changes, &field.key) {
                        let text =
                            change_text(locale, change.old.as_deref(), change.new.as_deref());
                        seen.stored(&measure, &text);
                    }
                    if !cell.problems.is_empty() {
                        let text = cell
                            .problems
                            .iter()
                            .map(|e| language.problem_in(e, std::slice::from_ref(field)))
                            .collect::<Vec<_>>()
                            .join(" ");
                        seen.note(&measure, &text);
                    }
                }
            }
        });
        let key = (state.review_generation.get(), locale, fields.len());
        match previous {
            Some((k, old)) if *k == key => {
                let grown = old.iter().zip(seen).map(|(a, b)| a.max(b)).collect();
                (key, grown)
            }
            _ => (key, seen),
        }
    });
    Memo::new(move |_| {
        named.with(|named| {
            seen.with(|(_, seen)| {
                named
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        let seen = seen.get(i).copied().unwrap_or_default();
                        width_px(&measure, &n.label, &n.heading, &seen)
                    })
                    .collect()
            })
        })
    })
}
