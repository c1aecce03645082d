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
        blob_source::BlobSource,
        protocol::{Call, MemoryUsed, Message, Open, Refusal, Request, reply},
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

    /// `data` is `[json]`, or `[json, file]` for [`Open`].
    fn handle(scope: &DedicatedWorkerGlobalScope, data: JsValue) {
        let parts: js_sys::Array = data.unchecked_into();
        let call = Call::read(&parts.get(0).as_string().unwrap_or_default());
        let Call { id, request } = match call {
            Ok(call) => call,
            Err((id, refusal)) => {
                post(
                    scope,
                    &Message::Answer {
                        id,
                        answer: Err(refusal),
                    },
                );
                return;
            }
        };
        let mut progress = |progress| post(scope, &Message::Progress { id, progress });
        let answer = match request {
            Request::Open(open) => {
                let mut preview = |rows, text| post(scope, &Message::Preview { id, rows, text });
                let opened = match picked(parts.get(1)) {
                    Some(file) => SESSION.with_borrow_mut(|session| {
                        session.open(open, file, &mut progress, &mut preview)
                    }),
                    None => Err(Refusal::NoFile),
                };
                reply::<Open>(opened)
            }
            Request::MemoryUsed(_) => {
                let bytes = wasm_bindgen::memory()
                    .unchecked_into::<js_sys::WebAssembly::Memory>()
                    .buffer()
                    .unchecked_into::<js_sys::ArrayBuffer>()
                    .byte_length();
                reply::<MemoryUsed>(Ok(u64::from(bytes)))
            }
            request => SESSION.with_borrow_mut(|session| session.handle(request, &mut progress)),
        };
        post(scope, &Message::Answer { id, answer });
    }

    /// The file that came with the call, to be read where it lies.
    fn picked(file: JsValue) -> Option<BlobSource> {
        let blob = file.dyn_into::<Blob>().ok()?;
        Some(BlobSource::new(blob, FileReaderSync::new().ok()?))
    }

    fn post(scope: &DedicatedWorkerGlobalScope, message: &Message) {
        if let Ok(json) = serde_json::to_string(message) {
            let _ = scope.post_message(&JsValue::from_str(&json));
        }
    }
}
