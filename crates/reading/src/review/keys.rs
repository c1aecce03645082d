//! Where a row's e-mail and customer number are kept for finding repeats: a [`Span`]
//! of the sheet's own text when stored as the file wrote it, else of the review's keys.
//! A leaf: the review keeps spans as it checks rows ([`super`]) and finding repeats
//! reads them ([`super::repeats`]), and neither imports the other for it.

use std::num::NonZeroU32;

use crate::read::Sheet;

/// Where a row's unique value is: in the sheet's text when it is stored as the file
/// wrote it (nearly always, and then it costs no copy), else in the review's keys. The
/// sheet's text is under 2³¹ bytes ([`Limits`](crate::read::Limits)), so the top bit
/// of `start` can tell which. Never empty, so `Option<Span>` takes no more room than a
/// `Span`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    start: u32,
    end: NonZeroU32,
}

/// Set in [`Span::start`] for a value in the review's keys.
const IN_KEYS: u32 = 1 << 31;

/// Where the stored unique `value` of a row whose raw value is `raw` (a cell of `sheet`,
/// an edit or a value for the whole file) is kept: `raw` itself when they are equal and
/// `raw` is the sheet's, else a copy appended to `keys`. `None` for an empty value, which
/// repeats nothing.
pub(super) fn keep_key(keys: &mut String, sheet: &Sheet, raw: &str, value: &str) -> Option<Span> {
    if value.is_empty() {
        return None;
    }
    match (raw == value).then(|| sheet.text_range(raw)).flatten() {
        Some(range) => span(range.start, range.end, 0),
        None => push_key(keys, value),
    }
}

/// The text `span` points to, in `sheet` or in `keys`. Inlined: finding duplicates
/// reads every row's e-mail and customer number through it.
#[inline]
pub(super) fn text_of<'a>(span: Span, sheet: &'a Sheet, keys: &'a str) -> Option<&'a str> {
    let range = (span.start & !IN_KEYS) as usize..span.end.get() as usize;
    if span.start & IN_KEYS == 0 {
        sheet.text_in(range)
    } else {
        keys.get(range)
    }
}

/// Appends a row's unique value to the keys. They hold no more than the sheet's text
/// and the edits, so they fit below [`IN_KEYS`]; `None` if not.
fn push_key(keys: &mut String, value: &str) -> Option<Span> {
    let start = keys.len();
    keys.push_str(value);
    span(start, keys.len(), IN_KEYS)
}

/// The span `start..end` (never empty) with `flag` set; `None` if it does not fit.
fn span(start: usize, end: usize, flag: u32) -> Option<Span> {
    let start = u32::try_from(start).ok().filter(|s| s & IN_KEYS == 0)?;
    let end = NonZeroU32::new(u32::try_from(end).ok()?)?;
    Some(Span {
        start: start | flag,
        end,
    })
}
