//! The page's side of the worker that reads and checks the file (`crates/worker`).
//!
//! Calls are JSON messages answered in the order sent; each `ask` resolves with the
//! answer its question names (or the worker's refusal), or `None` when the worker was
//! ended (cancel) or failed. The worker is started from a `blob:` script that loads its
//! code from the app's own server, so it runs the same on the app's page and inside a
//! portal on another origin.

use std::collections::HashMap;

use customer_import_worker::protocol::{
    Call, Message, Open, Progress, Question, Refusal, Reply, Request, TextSummary, answer_of,
};
use futures_channel::oneshot;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, prelude::*};
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker};

/// The worker's files as Trunk names them (`crates/worker`, `index.html`).
const SCRIPT: &str = "customer-import-worker.js";
const WASM: &str = "customer-import-worker_bg.wasm";

#[derive(Clone, Copy)]
pub struct WorkerClient {
    inner: StoredValue<Inner, LocalStorage>,
    /// How far the call being answered has come, while it reports progress.
    pub progress: RwSignal<Option<Progress>>,
    /// The first rows of the file last opened, as read from its start while the rest
    /// was read (delimited text only), with the encoding and delimiter they were read
    /// with.
    pub preview: RwSignal<Option<(Vec<Vec<String>>, TextSummary)>>,
    /// Counts the workers started: a new one knows nothing of the file read before.
    pub epoch: RwSignal<u64>,
}

struct Inner {
    /// Where the worker's files are served, absolute.
    script_url: String,
    wasm_url: String,
    running: Option<Running>,
    next_id: u32,
    /// The last `Open` call: only its first rows are shown, not those of a file
    /// picked before it whose start was still being read.
    last_open: Option<u32>,
}

struct Running {
    worker: Worker,
    /// Calls made before the worker listens: it would lose them.
    waiting: Option<Vec<js_sys::Array>>,
    pending: HashMap<u32, oneshot::Sender<Reply>>,
    blob_url: String,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl WorkerClient {
    /// `asset_url` makes the absolute address of one of the app's files.
    pub fn new(asset_url: impl Fn(&str) -> String) -> WorkerClient {
        WorkerClient {
            inner: StoredValue::new_local(Inner {
                script_url: asset_url(SCRIPT),
                wasm_url: asset_url(WASM),
                running: None,
                next_id: 1,
                last_open: None,
            }),
            progress: RwSignal::new(None),
            preview: RwSignal::new(None),
            epoch: RwSignal::new(0),
        }
    }

    /// Starts the worker if it is not running, so that its code is loaded by the time
    /// it is first asked something.
    pub fn prepare(self) {
        self.inner.update_value(|inner| {
            self.running(inner);
        });
    }

    /// Asks `question` and waits for its answer. Every question but [`Open`], which
    /// goes with its file ([`WorkerClient::open`]).
    pub async fn ask<Q: Question>(self, question: Q) -> Option<Result<Q::Answer, Refusal>> {
        let reply = self.call(question.into(), None).await?;
        Some(answer_of::<Q>(reply))
    }

    /// Has the worker read `file` as `open` says, and waits for the answer.
    pub async fn open(
        self,
        open: Open,
        file: &web_sys::File,
    ) -> Option<Result<<Open as Question>::Answer, Refusal>> {
        let reply = self.call(open.into(), Some(file)).await?;
        Some(answer_of::<Open>(reply))
    }

    /// Sends `request` (with the file, for [`Open`]) and waits for the reply.
    async fn call(self, request: Request, file: Option<&web_sys::File>) -> Option<Reply> {
        // The first rows shown are the import's first file's: the file step shows that
        // file, and the files after it are read behind it (issue 29).
        let opening = matches!(&request, Request::Open(open) if open.file == 0);
        if opening {
            self.preview.set(None);
        }
        let (sender, receiver) = oneshot::channel();
        let sent = self.inner.try_update_value(|inner| {
            let id = inner.next_id;
            inner.next_id = inner.next_id.wrapping_add(1).max(1);
            if opening {
                inner.last_open = Some(id);
            }
            let json = serde_json::to_string(&Call { id, request }).ok()?;
            let message = js_sys::Array::of1(&JsValue::from_str(&json));
            if let Some(file) = file {
                message.push(file);
            }
            let running = self.running(inner)?;
            running.pending.insert(id, sender);
            match running.waiting.as_mut() {
                Some(waiting) => waiting.push(message),
                None => running.worker.post_message(&message).ok()?,
            }
            Some(())
        });
        sent.flatten()?;
        receiver.await.ok()
    }

    /// Ends the worker and what it was doing; every call waiting gets `None`. The
    /// next call starts a new worker, which has to be told the file again.
    pub fn cancel(self) {
        let ended = self
            .inner
            .try_update_value(|inner| inner.running.take())
            .flatten();
        if let Some(running) = ended {
            running.worker.terminate();
            let _ = Url::revoke_object_url(&running.blob_url);
            self.progress.set(None);
            self.preview.set(None);
            self.epoch.update(|e| *e += 1);
            // Its handlers may be the caller (`onerror`): they are dropped after it returns.
            leptos::task::spawn_local(async move { drop(running) });
        }
    }

    /// The running worker, started if there is none (`None` if it cannot start).
    fn running(self, inner: &mut Inner) -> Option<&mut Running> {
        if inner.running.is_none() {
            inner.running = self.start(inner);
        }
        inner.running.as_mut()
    }

    fn start(self, inner: &Inner) -> Option<Running> {
        // `no-modules` output defines `wasm_bindgen` for `importScripts` workers.
        let script = format!(
            "importScripts({});\nwasm_bindgen({{ module_or_path: {} }});\n",
            serde_json::to_string(&inner.script_url).ok()?,
            serde_json::to_string(&inner.wasm_url).ok()?,
        );
        let options = BlobPropertyBag::new();
        options.set_type("text/javascript");
        let blob = Blob::new_with_str_sequence_and_options(
            &js_sys::Array::of1(&JsValue::from_str(&script)),
            &options,
        )
        .ok()?;
        let blob_url = Url::create_object_url_with_blob(&blob).ok()?;
        let worker = Worker::new(&blob_url).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let message = event
                .data()
                .as_string()
                .and_then(|json| serde_json::from_str::<Message>(&json).ok());
            if let Some(message) = message {
                self.receive(message);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The code could not be loaded or the worker broke: nothing it was asked will
        // be answered.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| self.cancel());
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Running {
            worker,
            waiting: Some(Vec::new()),
            pending: HashMap::new(),
            blob_url,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn receive(self, message: Message) {
        match message {
            Message::Ready => {
                self.inner.update_value(|inner| {
                    if let Some(running) = inner.running.as_mut() {
                        let _ = Url::revoke_object_url(&running.blob_url);
                        for call in running.waiting.take().unwrap_or_default() {
                            let _ = running.worker.post_message(&call);
                        }
                    }
                });
            }
            Message::Progress { progress, .. } => self.progress.set(Some(progress)),
            Message::Preview { id, rows, text } => {
                let current = self
                    .inner
                    .try_with_value(|inner| inner.last_open == Some(id))
                    .unwrap_or(false);
                if current {
                    self.preview.set(Some((rows, text)));
                }
            }
            Message::Answer { id, answer } => {
                let sender = self
                    .inner
                    .try_update_value(|inner| inner.running.as_mut()?.pending.remove(&id))
                    .flatten();
                self.progress.set(None);
                if let Some(sender) = sender {
                    let _ = sender.send(answer);
                }
            }
        }
    }
}
