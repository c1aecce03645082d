//! The worker's entry point: takes each message from the page, answers it from the
//! one [`Session`] this worker keeps, and posts progress and the answer back.
//! Requests run one at a time, in the order sent; the page cancels a long one by
//! ending the worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    glue::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("customer-import-worker runs in a browser's Web Worker; build it with Trunk");
}

#[cfg(target_arch = "wasm32")]
mod glue {
    use std::{cell::RefCell, io::BufReader};

    use customer_import_reading::read::is_zip_workbook;
    use customer_import_worker::{
        blob_source::BlobSource,
        protocol::{Answer, Call, Message, OpenOptions, Progress, Request},
        session::Session,
    };
    use wasm_bindgen::{JsCast, prelude::*};
    use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

    thread_local! {
        static SESSION: RefCell<Session> = RefCell::new(Session::default());
    }

    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let post_scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            handle(&post_scope, event.data());
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        // Tells the page the worker is listening; calls sent before were queued.
        post(&scope, &Message::Ready);
    }

    /// `data` is `[json]` or `[json, file]`.
    fn handle(scope: &DedicatedWorkerGlobalScope, data: JsValue) {
        let parts: js_sys::Array = data.unchecked_into();
        let call: Option<Call> = parts
            .get(0)
            .as_string()
            .and_then(|json| serde_json::from_str(&json).ok());
        let Some(Call { id, request }) = call else {
            post(
                scope,
                &Message::Answer {
                    id: 0,
                    answer: Answer::BadRequest,
                },
            );
            return;
        };
        if request == Request::MemoryUsed {
            let bytes = wasm_bindgen::memory()
                .unchecked_into::<js_sys::WebAssembly::Memory>()
                .buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length();
            let answer = Answer::MemoryUsed(u64::from(bytes));
            post(scope, &Message::Answer { id, answer });
            return;
        }
        let blob = parts.get(1).dyn_into::<web_sys::Blob>().ok();
        if let Some(answer) = blob
            .as_ref()
            .and_then(|b| Session::refuse_size(b.size() as u64))
        {
            post(scope, &Message::Answer { id, answer });
            return;
        }
        let mut progress = |progress| post(scope, &Message::Progress { id, progress });
        let answer = match (request, blob) {
            (Request::Open { name, options }, Some(blob)) => {
                open(scope, id, &name, options, &blob, &mut progress)
            }
            // Only `Open` comes with a file; `Open` without one is refused.
            (request, _) => {
                SESSION.with_borrow_mut(|session| session.handle(request, None, &mut progress))
            }
        };
        post(scope, &Message::Answer { id, answer });
    }

    /// Opens the picked file. Its first 64 KiB come first, and their first rows go to
    /// the page at once, so that a large file shows its rows within milliseconds, not
    /// once the whole of it is read. A zip workbook is then read where it lies, in
    /// pieces (its parts are inflated from there); anything else is read whole into
    /// wasm memory, where delimited text is parsed in place.
    fn open(
        scope: &DedicatedWorkerGlobalScope,
        id: u32,
        name: &str,
        options: OpenOptions,
        blob: &Blob,
        progress: &mut dyn FnMut(Progress),
    ) -> Answer {
        const FIRST_SLICE: f64 = (64 << 10) as f64;
        /// Reads of a zip workbook's parts are buffered this much: each is a call into
        /// the browser.
        const PIECE: usize = 256 << 10;
        let size = blob.size();
        let Ok(reader) = FileReaderSync::new() else {
            return Answer::BadRequest;
        };
        let mut start = Vec::new();
        if append_slice(&reader, blob, 0.0, FIRST_SLICE.min(size), &mut start).is_none() {
            return Answer::BadRequest;
        }
        let complete = start.len() as f64 >= size;
        if let Some((rows, text)) = Session::preview(&start, complete, name, &options) {
            post(scope, &Message::Preview { id, rows, text });
        }
        if is_zip_workbook(&start, name) {
            let source = BufReader::with_capacity(PIECE, BlobSource::new(blob.clone(), reader));
            return SESSION.with_borrow_mut(|session| {
                session.open_zip_workbook(name, source, size as u64, &start, options, progress)
            });
        }
        let Some(bytes) = read_whole(&reader, blob, start) else {
            return Answer::BadRequest;
        };
        let open = Request::Open {
            name: name.to_owned(),
            options,
        };
        SESSION.with_borrow_mut(|session| session.handle(open, Some(bytes), progress))
    }

    /// The file whose first bytes are `start`, slice by slice straight into wasm
    /// memory: it is never held twice whole.
    fn read_whole(reader: &FileReaderSync, blob: &Blob, start: Vec<u8>) -> Option<Vec<u8>> {
        const SLICE: f64 = (8 << 20) as f64;
        let size = blob.size();
        let mut bytes = Vec::with_capacity(size as usize);
        bytes.extend_from_slice(&start);
        drop(start);
        let mut from = bytes.len() as f64;
        while from < size {
            let to = (from + SLICE).min(size);
            append_slice(reader, blob, from, to, &mut bytes)?;
            from = to;
        }
        Some(bytes)
    }

    /// Appends the blob's bytes `from..to` to `bytes`.
    fn append_slice(
        reader: &FileReaderSync,
        blob: &Blob,
        from: f64,
        to: f64,
        bytes: &mut Vec<u8>,
    ) -> Option<()> {
        let slice = blob.slice_with_f64_and_f64(from, to).ok()?;
        let buffer = reader.read_as_array_buffer(&slice).ok()?;
        let view = js_sys::Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + view.length() as usize, 0);
        view.copy_to(&mut bytes[at..]);
        Some(())
    }

    fn post(scope: &DedicatedWorkerGlobalScope, message: &Message) {
        if let Ok(json) = serde_json::to_string(message) {
            let _ = scope.post_message(&JsValue::from_str(&json));
        }
    }
}
