//! The cells and merged regions of an xlsx worksheet, read from its XML by a byte
//! scanner. calamine's event reader spends most of the time of reading a large sheet
//! on XML events; the cells Excel and the common writers produce have a handful of
//! shapes (`<c r="B2" s="3" t="s"><f>…</f><v>12</v></c>`) that a scanner reads several
//! times faster. It reads exactly what calamine's cell reader reads, and on anything
//! else (inline strings, CDATA, `_x000D_` escapes, unknown elements, cells out of
//! order) it gives up, and the caller reads the sheet with calamine instead.
//!
//! The XML is read as it inflates, a [`XmlWindow`] at a time, never whole. The scanner
//! reads one unit at a time (a tag, or a whole cell with its value) and changes
//! nothing before the unit is complete, so a unit cut by the window's end is read
//! again from its start once the window holds more.

use std::io::Read;

use calamine::{CellErrorType, Dimensions, ExcelDateTime, ExcelDateTimeType};

use super::{
    cell_text::Value,
    in_order::InOrderSheet,
    xml_tags::{Stop, Tag, Xml, attr, attributes, find, next_tag},
    xml_window::XmlWindow,
};
use crate::read::error::ReadError;

/// What the workbook tells about its cells.
pub struct Context<'a> {
    pub strings: &'a [String],
    /// Whether a style (`s` attribute; `None` without one) shows dates or durations.
    pub date_type: &'a dyn Fn(Option<usize>) -> Option<ExcelDateTimeType>,
    pub is_1904: bool,
}

/// Reads every cell of the XML in `window` into `sheet` and returns the merged
/// regions; `Ok(None)` if the sheet has something this scanner does not read (then
/// `sheet` holds part of it and must be dropped). `declared` is the XML's size as the
/// zip declares it, for `sheet` to reserve room ahead.
pub fn scan<R: Read>(
    window: &mut XmlWindow<R>,
    declared: u64,
    ctx: &Context<'_>,
    sheet: &mut InOrderSheet,
) -> Result<Option<Vec<Dimensions>>, ReadError> {
    let mut scanner = Scanner::default();
    let mut consumed = 0;
    loop {
        window.advance(consumed)?;
        let xml = Xml {
            bytes: window.data(),
            last: window.is_last(),
        };
        let mut at = 0;
        loop {
            let unit = at;
            match scanner.step(xml, &mut at, ctx, sheet) {
                Ok(false) => {}
                Ok(true) => return Ok(Some(scanner.merged)),
                // Never at the end of the XML, where nothing more can come; were it
                // asked for there, the sheet is left to calamine rather than loop.
                Err(Stop::NeedMore) if xml.last => return Ok(None),
                Err(Stop::NeedMore) => {
                    at = unit;
                    break;
                }
                Err(Stop::Unsupported) => return Ok(None),
                Err(Stop::Refused(e)) => return Err(e),
            }
        }
        consumed = at;
        sheet.reserve_projected(window.inflated(), declared);
    }
}

/// Where in the sheet's XML the scanner is.
#[derive(Default)]
enum Part {
    /// Before `<sheetData>`.
    #[default]
    Head,
    /// Within `<sheetData>`.
    Cells,
    /// After it, where the merged regions are listed.
    Tail,
}

#[derive(Default)]
struct Scanner {
    part: Part,
    /// 0-based row and column of the next cell without a reference.
    row: u32,
    column: u32,
    merged: Vec<Dimensions>,
}

impl Scanner {
    /// Reads one unit from `at`: `Ok(true)` at the end of the XML.
    fn step(
        &mut self,
        xml: Xml<'_>,
        at: &mut usize,
        ctx: &Context<'_>,
        sheet: &mut InOrderSheet,
    ) -> Result<bool, Stop> {
        let tag = next_tag(xml, at)?;
        match self.part {
            Part::Head => match tag {
                None => return Ok(true),
                Some(tag) if tag.local == b"sheetData" && !tag.closing => {
                    self.part = if tag.empty { Part::Tail } else { Part::Cells };
                }
                Some(_) => {}
            },
            Part::Cells => self.cells(xml, at, tag.ok_or(Stop::Unsupported)?, ctx, sheet)?,
            Part::Tail => match tag {
                None => return Ok(true),
                Some(tag) if tag.local == b"mergeCell" && !tag.closing => self.merged.push(
                    attr(tag.attrs, b"ref")
                        .and_then(range)
                        .ok_or(Stop::Unsupported)?,
                ),
                Some(_) => {}
            },
        }
        Ok(false)
    }

    /// A unit within `<sheetData>`, starting with `tag`.
    fn cells(
        &mut self,
        xml: Xml<'_>,
        at: &mut usize,
        tag: Tag<'_>,
        ctx: &Context<'_>,
        sheet: &mut InOrderSheet,
    ) -> Result<(), Stop> {
        match (tag.local, tag.closing) {
            (b"row", false) => {
                if let Some(r) = attr(tag.attrs, b"r") {
                    self.row = number(r)
                        .and_then(|r| r.checked_sub(1))
                        .ok_or(Stop::Unsupported)?;
                }
                if tag.empty {
                    self.row = self.row.saturating_add(1);
                    self.column = 0;
                }
            }
            (b"row", true) => {
                self.row = self.row.saturating_add(1);
                self.column = 0;
            }
            (b"c", false) => {
                let [reference, style, kind] = attributes(tag.attrs, [b"r", b"s", b"t"]);
                let (r, c) = match reference {
                    Some(r) => cell_reference(r).ok_or(Stop::Unsupported)?,
                    None => (self.row, self.column),
                };
                let (raw, formula) = if tag.empty {
                    (None, false)
                } else {
                    cell_content(xml, at)?
                };
                // The whole cell is in the window: from here on the unit is read.
                self.column = c;
                // Saved by a program that does not calculate: no `<v>` (converters) or
                // an empty `<v/>` (openpyxl). Excel would show a result, we have none.
                // An empty text result (`t="str"`) is a value.
                let no_value = match raw {
                    None => true,
                    Some(v) => v.is_empty() && !matches!(kind, Some(b"str" | b"s")),
                };
                if formula && no_value {
                    sheet.formula_without_value(r, c);
                }
                let style = match style {
                    Some(s) => Some(number(s).ok_or(Stop::Unsupported)? as usize),
                    None => None,
                };
                let placed = match value(raw, kind, style, ctx)? {
                    Cell::Value(v) => sheet.push(r, c, &v)?,
                    Cell::Error(e) => sheet.push(r, c, &Value::Error(&e))?,
                };
                if !placed {
                    return Err(Stop::Unsupported);
                }
                self.column = self.column.saturating_add(1);
            }
            (b"sheetData", true) => self.part = Part::Tail,
            _ => return Err(Stop::Unsupported),
        }
        Ok(())
    }
}

/// A cell's `<v>` text, if it has one, and whether it is a formula. Leaves `at` after
/// `</c>`.
fn cell_content<'x>(xml: Xml<'x>, at: &mut usize) -> Result<(Option<&'x [u8]>, bool), Stop> {
    let bytes = xml.bytes;
    let mut v = None;
    let mut formula = false;
    loop {
        let tag = next_tag(xml, at)?.ok_or(Stop::Unsupported)?;
        if tag.local == b"f" && !tag.closing {
            formula = true;
        }
        match (tag.local, tag.closing) {
            (b"c", true) => return Ok((v, formula)),
            (b"v", false) if tag.empty => v = Some(&bytes[0..0]),
            (b"v", false) => {
                let end = find(&bytes[*at..], b'<').map_or(bytes.len(), |i| *at + i);
                let text = &bytes[*at..end];
                *at = end;
                match next_tag(xml, at)? {
                    Some(Tag {
                        local: b"v",
                        closing: true,
                        ..
                    }) => v = Some(text),
                    _ => return Err(Stop::Unsupported),
                }
            }
            // A formula: its cached value is in `<v>`, which Excel writes after it.
            (b"f", false) if tag.empty => v = None,
            (b"f", false) => match next_tag(xml, at)? {
                // Its text is skipped with the tags it is between.
                Some(Tag {
                    local: b"f",
                    closing: true,
                    ..
                }) => v = None,
                _ => return Err(Stop::Unsupported),
            },
            _ => return Err(Stop::Unsupported),
        }
    }
}

enum Cell<'a> {
    Value(Value<'a>),
    Error(CellErrorType),
}

/// The cell's value as calamine's reader gives it. Whatever calamine reads otherwise
/// or refuses (entities, escapes, line ends, unknown types, a string index out of
/// range) is left to it.
fn value<'a>(
    raw: Option<&'a [u8]>,
    kind: Option<&[u8]>,
    style: Option<usize>,
    ctx: &Context<'a>,
) -> Result<Cell<'a>, Stop> {
    let Some(raw) = raw else {
        return Ok(Cell::Value(Value::Empty));
    };
    if let Some(b"s") = kind {
        // The common case first: an index into the shared strings.
        if raw.is_empty() {
            return Ok(Cell::Value(Value::Empty));
        }
        let text = number(raw)
            .and_then(|i| ctx.strings.get(i as usize))
            .ok_or(Stop::Unsupported)?;
        return Ok(Cell::Value(Value::Text(text)));
    }
    let escaped = raw.windows(2).any(|w| w == b"_x");
    if escaped || raw.iter().any(|b| matches!(b, b'&' | b'\r')) {
        return Err(Stop::Unsupported);
    }
    let text = std::str::from_utf8(raw).map_err(|_| Stop::Unsupported)?;
    let value = match kind {
        Some(b"b") => match text {
            "1" => Value::Bool(true),
            "0" => Value::Bool(false),
            _ => return Err(Stop::Unsupported),
        },
        Some(b"d") => Value::DateIso(text),
        Some(b"e") => return text.parse().map(Cell::Error).map_err(|_| Stop::Unsupported),
        Some(b"str") => Value::Text(text),
        Some(b"n") | None if text.is_empty() => Value::Empty,
        Some(b"n") | None => match text.parse::<f64>() {
            Ok(n) => match (ctx.date_type)(style) {
                Some(date) => Value::Date(ExcelDateTime::new(n, date, ctx.is_1904)),
                None => Value::Float(n),
            },
            Err(_) if kind.is_none() => Value::Text(text),
            Err(_) => return Err(Stop::Unsupported),
        },
        Some(_) => return Err(Stop::Unsupported),
    };
    Ok(Cell::Value(value))
}

/// A positive decimal number of ASCII digits.
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

/// `B12` → (row 11, column 1).
fn cell_reference(r: &[u8]) -> Option<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let column = r[..letters]
        .iter()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    let row = number(&r[letters..])?.checked_sub(1)?;
    Some((row, column - 1))
}

/// `A1:C2`, or one cell `A1`.
fn range(r: &[u8]) -> Option<Dimensions> {
    let (start, end) = match find(r, b':') {
        Some(colon) => (&r[..colon], &r[colon + 1..]),
        None => (r, r),
    };
    Some(Dimensions {
        start: cell_reference(start)?,
        end: cell_reference(end)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_ranges() {
        assert_eq!(cell_reference(b"A1"), Some((0, 0)));
        assert_eq!(cell_reference(b"AB12"), Some((11, 27)));
        assert_eq!(cell_reference(b"XFD1048576"), Some((1_048_575, 16_383)));
        for bad in [&b"1A"[..], b"A0", b"a1", b"A", b"ABCD1", b"A1x"] {
            assert_eq!(cell_reference(bad), None, "{bad:?}");
        }
        let merged = range(b"B2:C3").map(|d| (d.start, d.end));
        assert_eq!(merged, Some(((1, 1), (2, 2))));
    }

    /// A sheet with what a window may cut: tags and attribute values, entities
    /// (`&amp;` in formulas, in a comment and in the header after the cells), UTF-8
    /// characters of two and three bytes, a vertical merge and a formula without value.
    const SHEET: &str = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        r#"<dimension ref="A1:D4"/><cols><col min="1" max="1" width="12.5" customWidth="1"/></cols>"#,
        "\n<sheetData>\n",
        r#"<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>"#,
        r#"<c r="C1" t="str"><v>Øvrebø – «x»</v></c><c r="D1" s="1"><v>45366</v></c></row>"#,
        "\n",
        r#"<row r="2"><c r="A2" t="str"><f>"Ærlig"&amp;"?"</f><v>Ærlig?</v></c><c r="B2" t='b'><v>1</v></c>"#,
        r#"<c r="C2"><v>4791234567</v></c><c r="D2" t="e"><v>#N/A</v></c></row>"#,
        "\n<!-- a comment with <tags> &amp; more -->\n",
        r#"<row r="4"><c r="B4"><f>SUM(C2:C3)</f><v>4791234567</v></c>"#,
        r#"<c r="C4" t="str"><f>A1</f><v></v></c><c r="D4" s="1"><f>NOW()</f></c></row>"#,
        "\n</sheetData>\n",
        r#"<mergeCells count="1"><mergeCell ref="A2:A4"/></mergeCells>"#,
        r#"<headerFooter><oddHeader>&amp;C&amp;"Calibri,Bold"Kunder &amp; boliger</oddHeader></headerFooter>"#,
        "</worksheet>"
    );

    /// `xml` read through a window of `piece` bytes, as text to compare.
    fn read(xml: &str, piece: usize) -> String {
        let date_type =
            |style: Option<usize>| (style == Some(1)).then_some(ExcelDateTimeType::DateTime);
        let strings = ["Åse".to_owned(), "Tromsø".to_owned()];
        let context = Context {
            strings: &strings,
            date_type: &date_type,
            is_1904: false,
        };
        let mut window = XmlWindow::new(xml.as_bytes(), piece, u64::MAX);
        let mut sheet = InOrderSheet::new(crate::read::limits::Limits::default());
        let read = scan(&mut window, xml.len() as u64, &context, &mut sheet)
            .map(|merged| merged.map(|merged| sheet.finish(&merged)));
        format!("{read:?}")
    }

    #[test]
    fn the_sample_sheet_is_read_by_the_scanner() {
        let date_type =
            |style: Option<usize>| (style == Some(1)).then_some(ExcelDateTimeType::DateTime);
        let strings = ["Åse".to_owned(), "Tromsø".to_owned()];
        let context = Context {
            strings: &strings,
            date_type: &date_type,
            is_1904: false,
        };
        let mut window = XmlWindow::new(SHEET.as_bytes(), SHEET.len(), u64::MAX);
        let mut sheet = InOrderSheet::new(crate::read::limits::Limits::default());
        let merged = scan(&mut window, 0, &context, &mut sheet)
            .unwrap()
            .expect("read by the scanner");
        let sheet = sheet.finish(&merged).unwrap();
        let rows: Vec<Vec<&str>> = (0..sheet.rows())
            .map(|r| sheet.row(r).map(|c| c.text).collect())
            .collect();
        assert_eq!(
            rows,
            [
                ["Åse", "Tromsø", "Øvrebø – «x»", "15.03.2024"],
                ["Ærlig?", "TRUE", "4791234567", "#N/A"],
                ["Ærlig?", "", "", ""],
                ["Ærlig?", "4791234567", "", ""],
            ]
        );
        assert_eq!(sheet.losses().formulas_without_value, 1);
    }

    /// Whatever size the window has, and so wherever it ends (inside a tag, an
    /// attribute value, an entity, a character of several bytes), the sheet reads as
    /// it does whole.
    #[test]
    fn a_sheet_cut_anywhere_by_the_window_reads_as_whole() {
        let whole = read(SHEET, SHEET.len());
        assert!(whole.starts_with("Ok(Some(Ok("), "{whole}");
        for piece in 1..SHEET.len() {
            assert_eq!(read(SHEET, piece), whole, "window of {piece} bytes");
        }
    }

    /// A value the scanner does not read (an entity in `<v>`) is left to calamine
    /// whichever window sees it, also one that ends inside the entity.
    #[test]
    fn a_sheet_left_to_calamine_is_left_whatever_the_window() {
        let unusual = SHEET.replace("<v>Ærlig?</v>", "<v>Ærlig &amp; ?</v>");
        assert_eq!(read(&unusual, unusual.len()), "Ok(None)");
        for piece in 1..unusual.len() {
            assert_eq!(read(&unusual, piece), "Ok(None)", "window of {piece} bytes");
        }
    }
}
