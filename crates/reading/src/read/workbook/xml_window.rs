//! A worksheet's XML read piece by piece as it inflates, instead of whole: a sheet of
//! 100k rows is 34 MB of XML from a 5 MB file. The scanner reads the window's
//! complete elements, says where the first incomplete one starts, and the window
//! keeps that tail and reads the next piece after it.
//!
//! The zip guard refuses a workbook from its declared sizes, and the zip reader an
//! entry inflating past what it declares; the window counts what it inflated as well,
//! so the limit holds for the sheet's XML without relying on either.

use std::io::{ErrorKind, Read};

use crate::read::error::ReadError;

/// Bytes read at a time: large enough that the scanner seldom stops on a boundary,
/// small enough to stay in the CPU's cache while the scanner reads what was inflated.
pub const PIECE: usize = 64 * 1024;

pub struct XmlWindow<R> {
    source: R,
    /// `buffer[..filled]` holds XML not consumed yet.
    buffer: Vec<u8>,
    filled: usize,
    inflated: u64,
    limit: u64,
    ended: bool,
}

impl<R: Read> XmlWindow<R> {
    /// A window of `piece` bytes over `source`, refusing more than `limit` bytes in all.
    pub fn new(source: R, piece: usize, limit: u64) -> XmlWindow<R> {
        XmlWindow {
            source,
            buffer: vec![0; piece.max(1)],
            filled: 0,
            inflated: 0,
            limit,
            ended: false,
        }
    }

    /// The XML read and not consumed yet.
    pub fn data(&self) -> &[u8] {
        &self.buffer[..self.filled]
    }

    /// True when [`Self::data`] runs to the end of the XML.
    pub fn is_last(&self) -> bool {
        self.ended
    }

    /// Bytes inflated so far.
    pub fn inflated(&self) -> u64 {
        self.inflated
    }

    /// Drops the first `consumed` bytes of [`Self::data`] and reads after the rest until
    /// the window is full or the XML ends. The window grows only when the rest already
    /// fills it: one element longer than a piece.
    pub fn advance(&mut self, consumed: usize) -> Result<(), ReadError> {
        let consumed = consumed.min(self.filled);
        self.buffer.copy_within(consumed..self.filled, 0);
        self.filled -= consumed;
        if self.filled == self.buffer.len() {
            self.buffer.resize(2 * self.buffer.len(), 0);
        }
        while !self.ended && self.filled < self.buffer.len() {
            match self.source.read(&mut self.buffer[self.filled..]) {
                Ok(0) => self.ended = true,
                Ok(n) => {
                    self.filled += n;
                    self.inflated += n as u64;
                    if self.inflated > self.limit {
                        return Err(ReadError::InflatesTooBig { limit: self.limit });
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => {
                    return Err(ReadError::Corrupt {
                        detail: format!("xlsx: {e}"),
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that gives at most one byte a call, as a slow inflater might.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(out.len()).min(1);
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn pieces_follow_each_other_and_a_kept_tail_comes_first() {
        let mut window = XmlWindow::new(Trickle(b"abcdefgh"), 3, 100);
        window.advance(0).unwrap();
        assert_eq!(window.data(), b"abc");
        window.advance(2).unwrap();
        assert_eq!(window.data(), b"cde");
        // Nothing consumed: the window grows to hold more.
        window.advance(0).unwrap();
        assert_eq!(window.data(), b"cdefgh");
        assert!(!window.is_last());
        window.advance(6).unwrap();
        assert_eq!((window.data(), window.is_last()), (&b""[..], true));
        assert_eq!(window.inflated(), 8);
    }

    #[test]
    fn more_than_the_limit_is_refused() {
        let mut window = XmlWindow::new(&b"0123456789"[..], 4, 9);
        window.advance(0).unwrap();
        window.advance(4).unwrap();
        assert_eq!(
            window.advance(4),
            Err(ReadError::InflatesTooBig { limit: 9 })
        );
    }
}
