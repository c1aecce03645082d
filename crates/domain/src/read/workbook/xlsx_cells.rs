//! The cells and merged regions of an xlsx worksheet, read from its XML by a byte
//! scanner. calamine's event reader spends most of the time of reading a large sheet
//! on XML events; the cells Excel and the common writers produce have a handful of
//! shapes (`<c r="B2" s="3" t="s"><f>…</f><v>12</v></c>`) that a scanner reads several
//! times faster. It reads exactly what calamine's cell reader reads, and on anything
//! else (inline strings, CDATA, `_x000D_` escapes, unknown elements) it gives up, and
//! the caller reads the sheet with calamine instead.

use calamine::{CellErrorType, Dimensions, ExcelDateTime, ExcelDateTimeType};
use memchr::memmem;

use super::{cell_text::Value, sparse::SparseSheet};
use crate::read::ReadError;

/// What the workbook tells about its cells.
pub struct Context<'a> {
    pub strings: &'a [String],
    /// Whether a style (`s` attribute; `None` without one) shows dates or durations.
    pub date_type: &'a dyn Fn(Option<usize>) -> Option<ExcelDateTimeType>,
    pub is_1904: bool,
}

/// Why a scan stopped early.
enum Stop {
    /// Something this scanner does not read: calamine reads the sheet instead.
    Unsupported,
    /// A limit was reached: the sheet cannot be read by any reader.
    Refused(ReadError),
}

impl From<ReadError> for Stop {
    fn from(e: ReadError) -> Stop {
        Stop::Refused(e)
    }
}

/// Reads every cell of `xml` into `sheet` and returns the merged regions; `Ok(None)`
/// if the sheet has something this scanner does not read (then `sheet` holds part of
/// it and must be dropped).
pub fn scan(
    xml: &[u8],
    ctx: &Context<'_>,
    sheet: &mut SparseSheet,
) -> Result<Option<Vec<Dimensions>>, ReadError> {
    match cells(xml, ctx, sheet) {
        Ok(merged) => Ok(Some(merged)),
        Err(Stop::Unsupported) => Ok(None),
        Err(Stop::Refused(e)) => Err(e),
    }
}

fn cells(xml: &[u8], ctx: &Context<'_>, sheet: &mut SparseSheet) -> Result<Vec<Dimensions>, Stop> {
    let mut at = 0;
    // Up to the cells.
    loop {
        let Some(tag) = next_tag(xml, &mut at)? else {
            return Ok(Vec::new());
        };
        if tag.local == b"sheetData" && !tag.closing {
            if tag.empty {
                return merges(xml, at);
            }
            break;
        }
    }
    let (mut row, mut column) = (0u32, 0u32);
    loop {
        let tag = next_tag(xml, &mut at)?.ok_or(Stop::Unsupported)?;
        match (tag.local, tag.closing) {
            (b"row", false) => {
                if let Some(r) = attr(tag.attrs, b"r") {
                    row = number(r)
                        .and_then(|r| r.checked_sub(1))
                        .ok_or(Stop::Unsupported)?;
                }
                if tag.empty {
                    row = row.saturating_add(1);
                    column = 0;
                }
            }
            (b"row", true) => {
                row = row.saturating_add(1);
                column = 0;
            }
            (b"c", false) => {
                let [reference, style, kind] = attributes(tag.attrs, [b"r", b"s", b"t"]);
                let (r, c) = match reference {
                    Some(r) => cell_reference(r).ok_or(Stop::Unsupported)?,
                    None => (row, column),
                };
                column = c;
                let (raw, formula) = if tag.empty {
                    (None, false)
                } else {
                    cell_content(xml, &mut at)?
                };
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
                match value(raw, kind, style, ctx)? {
                    Cell::Value(v) => sheet.push(r, c, &v)?,
                    Cell::Error(e) => sheet.push(r, c, &Value::Error(&e))?,
                }
                column = column.saturating_add(1);
            }
            (b"sheetData", true) => return merges(xml, at),
            _ => return Err(Stop::Unsupported),
        }
    }
}

/// The merged regions listed after the cells.
fn merges(xml: &[u8], mut at: usize) -> Result<Vec<Dimensions>, Stop> {
    let mut regions = Vec::new();
    while let Some(tag) = next_tag(xml, &mut at)? {
        if tag.local == b"mergeCell" && !tag.closing {
            regions.push(
                attr(tag.attrs, b"ref")
                    .and_then(range)
                    .ok_or(Stop::Unsupported)?,
            );
        }
    }
    Ok(regions)
}

struct Tag<'x> {
    /// The name without its namespace prefix.
    local: &'x [u8],
    attrs: &'x [u8],
    /// `</name>`.
    closing: bool,
    /// `<name/>`.
    empty: bool,
}

/// The next element tag from `at`, skipping text, comments and processing
/// instructions; `None` at the end. CDATA and DOCTYPE are not read.
fn next_tag<'x>(xml: &'x [u8], at: &mut usize) -> Result<Option<Tag<'x>>, Stop> {
    loop {
        let Some(lt) = find(xml.get(*at..).unwrap_or_default(), b'<').map(|i| *at + i) else {
            *at = xml.len();
            return Ok(None);
        };
        let rest = &xml[lt + 1..];
        let skip_to = |end: &[u8]| memmem::find(rest, end).map(|i| lt + 1 + i + end.len());
        match rest.first() {
            Some(b'?') => {
                *at = skip_to(b"?>").ok_or(Stop::Unsupported)?;
                continue;
            }
            Some(b'!') if rest.starts_with(b"!--") => {
                *at = skip_to(b"-->").ok_or(Stop::Unsupported)?;
                continue;
            }
            Some(b'!') | None => return Err(Stop::Unsupported),
            _ => {}
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = xml[name_start..]
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
            .ok_or(Stop::Unsupported)?;
        let name = &xml[name_start..name_start + name_len];
        let local = match find(name, b':') {
            Some(colon) => &name[colon + 1..],
            None => name,
        };
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut end = name_start + name_len;
        loop {
            end += xml[end..]
                .iter()
                .position(|b| matches!(b, b'>' | b'"' | b'\''))
                .ok_or(Stop::Unsupported)?;
            match xml[end] {
                b'>' => break,
                quote => end += 1 + find(&xml[end + 1..], quote).ok_or(Stop::Unsupported)? + 1,
            }
        }
        let empty = xml[end - 1] == b'/' && end > name_start + name_len;
        let attrs = &xml[name_start + name_len..end - usize::from(empty)];
        *at = end + 1;
        return Ok(Some(Tag {
            local,
            attrs,
            closing,
            empty,
        }));
    }
}

/// The value of attribute `name` (unprefixed), as written.
fn attr<'x>(attrs: &'x [u8], name: &[u8]) -> Option<&'x [u8]> {
    let [value] = attributes(attrs, [name]);
    value
}

/// The values of the attributes `names`, in one pass over the tag.
fn attributes<'x, const N: usize>(attrs: &'x [u8], names: [&[u8]; N]) -> [Option<&'x [u8]>; N] {
    let mut found = [None; N];
    let mut rest = attrs;
    loop {
        rest = rest.trim_ascii_start();
        let Some(eq) = find(rest, b'=') else {
            return found;
        };
        let key = rest[..eq].trim_ascii();
        let after = rest[eq + 1..].trim_ascii_start();
        let Some(&quote) = after.first().filter(|q| matches!(q, b'"' | b'\'')) else {
            return found;
        };
        let Some(len) = find(&after[1..], quote) else {
            return found;
        };
        if let Some(i) = names.iter().position(|n| is(key, n)) {
            found[i] = Some(&after[1..1 + len]);
        }
        rest = &after[len + 2..];
    }
}

/// The first `byte` in `bytes`. Sheet XML is short runs between tags and within
/// them: a plain loop beats `memchr`'s set-up on a run of a few bytes.
fn find(bytes: &[u8], byte: u8) -> Option<usize> {
    bytes.iter().position(|&b| b == byte)
}

/// Byte-slice equality for names of a few bytes, without a call to `memcmp`.
fn is(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A cell's `<v>` text, if it has one, and whether it is a formula. Leaves `at` after
/// `</c>`.
fn cell_content<'x>(xml: &'x [u8], at: &mut usize) -> Result<(Option<&'x [u8]>, bool), Stop> {
    let mut v = None;
    let mut formula = false;
    loop {
        let tag = next_tag(xml, at)?.ok_or(Stop::Unsupported)?;
        if tag.local == b"f" && !tag.closing {
            formula = true;
        }
        match (tag.local, tag.closing) {
            (b"c", true) => return Ok((v, formula)),
            (b"v", false) if tag.empty => v = Some(&xml[0..0]),
            (b"v", false) => {
                let end = find(&xml[*at..], b'<').map_or(xml.len(), |i| *at + i);
                let text = &xml[*at..end];
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

    #[test]
    fn attributes_in_either_quote_with_space_around() {
        let attrs = br#" r="B2"  s = '3' t="s""#;
        assert_eq!(attr(attrs, b"r"), Some(&b"B2"[..]));
        assert_eq!(attr(attrs, b"s"), Some(&b"3"[..]));
        assert_eq!(attr(attrs, b"t"), Some(&b"s"[..]));
        assert_eq!(attr(attrs, b"x"), None);
    }

    #[test]
    fn a_tag_ends_at_the_first_unquoted_angle_bracket() {
        let xml = br#"<?xml version="1.0"?><!-- a > b --><x:c r="A1" t='a>b'/>"#;
        let mut at = 0;
        let tag = next_tag(xml, &mut at)
            .ok()
            .flatten()
            .map(|t| (t.local, t.empty, t.attrs));
        assert_eq!(tag, Some((&b"c"[..], true, &br#" r="A1" t='a>b'"#[..])));
        assert!(next_tag(xml, &mut at).ok().flatten().is_none());
    }
}
