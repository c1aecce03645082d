//! Element tags read from a window of worksheet XML by a byte scanner (see
//! [`super::xlsx_cells`] for why not an XML library). The window may end anywhere,
//! inside a tag, an attribute value or a character: whatever runs past its end is
//! [`Stop::NeedMore`], and the caller reads it again once more XML is in the window.
//! At the end of the XML it is what it always was: markup this scanner does not read.

use memchr::memmem;

use crate::read::error::ReadError;

/// XML read so far.
#[derive(Clone, Copy)]
pub struct Xml<'x> {
    pub bytes: &'x [u8],
    /// True when `bytes` runs to the end of the XML: nothing more will come.
    pub last: bool,
}

impl Xml<'_> {
    /// Why something was not found in the window.
    pub fn missing(&self) -> Stop {
        if self.last {
            Stop::Unsupported
        } else {
            Stop::NeedMore
        }
    }
}

/// Why a scan stopped early.
#[derive(Debug)]
pub enum Stop {
    /// The window ends inside the element being read: read it again with more XML.
    NeedMore,
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

pub struct Tag<'x> {
    /// The name without its namespace prefix.
    pub local: &'x [u8],
    pub attrs: &'x [u8],
    /// `</name>`.
    pub closing: bool,
    /// `<name/>`.
    pub empty: bool,
}

/// The next element tag from `at`, skipping text, comments and processing
/// instructions; `None` at the end of the XML. CDATA and DOCTYPE are not read.
pub fn next_tag<'x>(xml: Xml<'x>, at: &mut usize) -> Result<Option<Tag<'x>>, Stop> {
    let bytes = xml.bytes;
    loop {
        let Some(lt) = find(bytes.get(*at..).unwrap_or_default(), b'<').map(|i| *at + i) else {
            if !xml.last {
                return Err(Stop::NeedMore);
            }
            *at = bytes.len();
            return Ok(None);
        };
        let rest = &bytes[lt + 1..];
        let skip_to = |end: &[u8]| {
            memmem::find(rest, end)
                .map(|i| lt + 1 + i + end.len())
                .ok_or_else(|| xml.missing())
        };
        match rest.first() {
            Some(b'?') => {
                *at = skip_to(b"?>")?;
                continue;
            }
            Some(b'!') if rest.starts_with(b"!--") => {
                *at = skip_to(b"-->")?;
                continue;
            }
            // `<!-` or `<!` at the window's end may yet be a comment.
            Some(b'!') if rest.len() < 3 && b"!--".starts_with(rest) => {
                return Err(xml.missing());
            }
            Some(b'!') => return Err(Stop::Unsupported),
            None => return Err(xml.missing()),
            _ => {}
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
            .ok_or_else(|| xml.missing())?;
        let name = &bytes[name_start..name_start + name_len];
        let local = match find(name, b':') {
            Some(colon) => &name[colon + 1..],
            None => name,
        };
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut end = name_start + name_len;
        loop {
            end += bytes[end..]
                .iter()
                .position(|b| matches!(b, b'>' | b'"' | b'\''))
                .ok_or_else(|| xml.missing())?;
            match bytes[end] {
                b'>' => break,
                quote => {
                    end += 1 + find(&bytes[end + 1..], quote).ok_or_else(|| xml.missing())? + 1
                }
            }
        }
        let empty = bytes[end - 1] == b'/' && end > name_start + name_len;
        let attrs = &bytes[name_start + name_len..end - usize::from(empty)];
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
pub fn attr<'x>(attrs: &'x [u8], name: &[u8]) -> Option<&'x [u8]> {
    let [value] = attributes(attrs, [name]);
    value
}

/// The values of the attributes `names`, in one pass over the tag.
pub fn attributes<'x, const N: usize>(attrs: &'x [u8], names: [&[u8]; N]) -> [Option<&'x [u8]>; N] {
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
pub fn find(bytes: &[u8], byte: u8) -> Option<usize> {
    bytes.iter().position(|&b| b == byte)
}

/// Byte-slice equality for names of a few bytes, without a call to `memcmp`.
fn is(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(bytes: &[u8]) -> Xml<'_> {
        Xml { bytes, last: true }
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
        let tag = next_tag(whole(xml), &mut at)
            .ok()
            .flatten()
            .map(|t| (t.local, t.empty, t.attrs));
        assert_eq!(tag, Some((&b"c"[..], true, &br#" r="A1" t='a>b'"#[..])));
        assert!(next_tag(whole(xml), &mut at).ok().flatten().is_none());
    }

    /// Cut anywhere before its end, a tag asks for more XML; at the end of the XML the
    /// same cut is markup not read.
    #[test]
    fn a_tag_cut_by_the_window_asks_for_more() {
        let xml = br#"<?xml version="1.0"?><!-- c --><x:c r="A1" t='a>b'/>"#;
        for cut in 0..xml.len() {
            let part = Xml {
                bytes: &xml[..cut],
                last: false,
            };
            let mut at = 0;
            assert!(
                matches!(next_tag(part, &mut at), Err(Stop::NeedMore)),
                "cut at {cut}"
            );
            let mut at = 0;
            assert!(
                matches!(
                    next_tag(whole(&xml[..cut]), &mut at),
                    Err(Stop::Unsupported) | Ok(None)
                ),
                "cut at {cut}"
            );
        }
    }
}
