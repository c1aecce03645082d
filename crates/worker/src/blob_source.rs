//! A `Blob` (the picked `File`) as `Read + Seek`, read slice by slice with
//! `FileReaderSync`: the one reader every file is opened from (`open`). A zip workbook
//! is read where its parts are, so its bytes never sit in the worker's memory whole
//! beside the sheets made of them. Every read here is a call into the browser, so
//! small reads want a `BufReader`; a large one is cut into slices of [`SLICE`], so
//! that the browser never holds a copy of the whole file beside the worker's.

use std::io::{self, Read, Seek, SeekFrom};

use wasm_bindgen::JsValue;
use web_sys::{Blob, FileReaderSync};

/// The most one read takes from the browser.
pub const SLICE: u64 = 8 << 20;

pub struct BlobSource {
    blob: Blob,
    reader: FileReaderSync,
    size: u64,
    at: u64,
}

impl BlobSource {
    pub fn new(blob: Blob, reader: FileReaderSync) -> BlobSource {
        let size = blob.size() as u64;
        BlobSource {
            blob,
            reader,
            size,
            at: 0,
        }
    }
}

/// The browser's refusal (the file changed or went away since it was picked).
fn refused(error: JsValue) -> io::Error {
    io::Error::other(format!("{error:?}"))
}

impl Read for BlobSource {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = (buf.len() as u64).min(SLICE);
        let end = self.size.min(self.at.saturating_add(want));
        if end <= self.at {
            return Ok(0);
        }
        let slice = self
            .blob
            .slice_with_f64_and_f64(self.at as f64, end as f64)
            .map_err(refused)?;
        let buffer = self.reader.read_as_array_buffer(&slice).map_err(refused)?;
        let view = js_sys::Uint8Array::new(&buffer);
        let n = (view.length() as usize).min(buf.len());
        view.subarray(0, n as u32).copy_to(&mut buf[..n]);
        self.at += n as u64;
        Ok(n)
    }
}

impl Seek for BlobSource {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let at = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(delta) => self.size.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.at.checked_add_signed(delta),
        };
        self.at = at.ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
        Ok(self.at)
    }
}
