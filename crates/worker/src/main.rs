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
    use std::cell::RefCell;

    use customer_import_worker::{
        protocol::{Answer, Call, Message, Request},
        session::Session,
    };
    use wasm_bindgen::{JsCast, prelude::*};
    use web_sys::{DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

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
        let bytes = blob.and_then(|blob| {
            read_blob(&blob, |start, complete| {
                let Request::Open { name, options } = &request else {
                    return;
                };
                if let Some(rows) = Session::preview(start, complete, name, options) {
                    post(scope, &Message::Preview { id, rows });
                }
            })
        });
        let answer = SESSION.with_borrow_mut(|session| {
            session.handle(request, bytes, &mut |progress| {
                post(scope, &Message::Progress { id, progress });
            })
        });
        post(scope, &Message::Answer { id, answer });
    }

    /// Slice by slice, straight into wasm memory: the file is never held twice whole.
    /// The first slice is small and goes to `first` (with whether it is the whole
    /// file) at once, so that the page can show the first rows of a large file within
    /// milliseconds, not after the whole of it is read.
    fn read_blob(blob: &web_sys::Blob, first: impl FnOnce(&[u8], bool)) -> Option<Vec<u8>> {
        const FIRST_SLICE: f64 = (64 << 10) as f64;
        const SLICE: f64 = (8 << 20) as f64;
        let reader = FileReaderSync::new().ok()?;
        let size = blob.size();
        let mut bytes = Vec::with_capacity(size as usize);
        let mut first = Some(first);
        let mut start = 0.0;
        while start < size {
            let slice = if first.is_some() { FIRST_SLICE } else { SLICE };
            let end = (start + slice).min(size);
            let slice = blob.slice_with_f64_and_f64(start, end).ok()?;
            let buffer = reader.read_as_array_buffer(&slice).ok()?;
            let view = js_sys::Uint8Array::new(&buffer);
            let at = bytes.len();
            bytes.resize(at + view.length() as usize, 0);
            view.copy_to(&mut bytes[at..]);
            start = end;
            if let Some(first) = first.take() {
                first(&bytes, end >= size);
            }
        }
        Some(bytes)
    }

    fn post(scope: &DedicatedWorkerGlobalScope, message: &Message) {
        if let Ok(json) = serde_json::to_string(message) {
            let _ = scope.post_message(&JsValue::from_str(&json));
        }
    }
}
