//! The real server, started in-process on a free loopback port with a fresh SQLite file
//! and the demo data, serving the release build of the app from `dist/`.
//!
//! Every request that reaches it is recorded (method, path, idempotency key, body), so
//! tests can check on the server side what the app sent. A test can also make the
//! server's answers to imports get lost after the import was done, as when a
//! connection drops: the app must then send the same chunk again with the same key;
//! or hold imports until several have arrived together, which only an app with
//! several chunks in flight gets past.

use std::{
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU32, AtomicUsize, Ordering},
    },
};

use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::StatusCode,
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow};
use customer_import_server::{Db, DemoUsers, Server, Settings};
use tokio::sync::{Barrier, oneshot};

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub idempotency_key: Option<String>,
    /// The page's origin, when a browser sent one.
    pub origin: Option<String>,
    pub body: Vec<u8>,
    /// The answer's status, once given (the app's, before a lost answer's 503).
    pub status: Option<u16>,
}

impl Recorded {
    /// Whether this is an import (`POST …/import`).
    pub fn is_import(&self) -> bool {
        self.method == "POST" && self.path.ends_with("/import")
    }

    /// The import chunk the request carried.
    pub fn chunk(&self) -> ImportChunk {
        serde_json::from_slice(&self.body).expect("an import chunk")
    }
}

#[derive(Default)]
pub struct Recorder {
    requests: Mutex<Vec<Recorded>>,
    /// Import answers still to lose; `u32::MAX`: every one until told otherwise.
    answers_to_lose: AtomicU32,
    /// Run (off the async threads) when the first import arrives, before it is handled.
    before_first_import: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    /// Imports received so far.
    imports: AtomicUsize,
    /// Holds the imports after the first until this many of them have arrived.
    together: Mutex<Option<(usize, Arc<Barrier>)>>,
    /// Requests for this path are answered 503, as by a server restarting.
    failing: Mutex<Option<String>>,
}

impl Recorder {
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// The imports received, in order.
    pub fn imports(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(Recorded::is_import)
            .collect()
    }

    /// The next import is carried out, but the app is told 503 instead of the answer.
    pub fn lose_next_import_answer(&self) {
        self.answers_to_lose.store(1, Ordering::SeqCst);
    }

    /// Every import is carried out (or replayed), and every answer is lost, until
    /// [`Recorder::deliver_import_answers`].
    pub fn lose_import_answers(&self) {
        self.answers_to_lose.store(u32::MAX, Ordering::SeqCst);
    }

    pub fn deliver_import_answers(&self) {
        self.answers_to_lose.store(0, Ordering::SeqCst);
    }

    /// Answers every request for `path` (`/customer-import_bg.wasm`) 503 until
    /// [`Recorder::stop_failing`]: a download of the app cut off.
    pub fn fail_requests_for(&self, path: &str) {
        if let Ok(mut failing) = self.failing.lock() {
            *failing = Some(path.to_owned());
        }
    }

    pub fn stop_failing(&self) {
        if let Ok(mut failing) = self.failing.lock() {
            *failing = None;
        }
    }

    /// Runs `act` when the first import request arrives, before the server handles it:
    /// a fault that strikes in the middle of saving, at a moment the test knows.
    pub fn before_first_import(&self, act: impl FnOnce() + Send + 'static) {
        if let Ok(mut slot) = self.before_first_import.lock() {
            *slot = Some(Box::new(act));
        }
    }

    /// The `n` imports after the first are handled only once all `n` have arrived:
    /// an app that waits for one answer before sending the next chunk gets none.
    pub fn hold_imports_until_together(&self, n: usize) {
        if let Ok(mut together) = self.together.lock() {
            *together = Some((n, Arc::new(Barrier::new(n))));
        }
    }

    /// The barrier the `ordinal`th import (1 = the first) waits at, if any.
    fn barrier_for(&self, ordinal: usize) -> Option<Arc<Barrier>> {
        let (n, barrier) = self.together.lock().ok()?.clone()?;
        (2..=n + 1).contains(&ordinal).then_some(barrier)
    }

    /// Whether to lose this answer, counting it.
    fn lose_answer(&self) -> bool {
        self.answers_to_lose
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| match n {
                0 => None,
                u32::MAX => Some(n),
                n => Some(n - 1),
            })
            .is_ok()
    }
}

async fn record(recorder: Arc<Recorder>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024 * 1024).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let path = parts.uri.path().to_owned();
    if recorder
        .failing
        .lock()
        .is_ok_and(|f| f.as_deref() == Some(path.as_str()))
    {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let is_import = parts.method == "POST" && path.ends_with("/import");
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let index = recorder.requests.lock().ok().map(|mut requests| {
        requests.push(Recorded {
            method: parts.method.to_string(),
            path,
            idempotency_key: header("idempotency-key"),
            origin: header("origin"),
            body: bytes.to_vec(),
            status: None,
        });
        requests.len() - 1
    });
    let act = is_import
        .then(|| recorder.before_first_import.lock().ok()?.take())
        .flatten();
    if let Some(act) = act {
        let _ = tokio::task::spawn_blocking(act).await;
    }
    if is_import {
        let ordinal = recorder.imports.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(barrier) = recorder.barrier_for(ordinal) {
            barrier.wait().await;
        }
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if let (Some(index), Ok(mut requests)) = (index, recorder.requests.lock()) {
        requests[index].status = Some(response.status().as_u16());
    }
    if is_import && recorder.lose_answer() {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    response
}

pub struct TestServer {
    pub url: String,
    pub users: DemoUsers,
    pub recorder: Arc<Recorder>,
    database_url: String,
    stop: Option<oneshot::Sender<()>>,
    _data: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_for_portals(Vec::new()).await
    }

    /// A server whose API and app the pages of `portal_origins` may use.
    pub async fn start_for_portals(portal_origins: Vec<String>) -> TestServer {
        TestServer::start_with(portal_origins, None, |_| {}).await
    }

    /// A server on the database at `url` (e.g. a PostgreSQL of the test's own).
    pub async fn start_on(url: String) -> TestServer {
        TestServer::start_with(Vec::new(), Some(url), |_| {}).await
    }

    /// A server with settings beyond the usual ones (e.g. trusting a portal's tokens).
    pub async fn start_configured(configure: impl FnOnce(&mut Settings)) -> TestServer {
        TestServer::start_with(Vec::new(), None, configure).await
    }

    async fn start_with(
        portal_origins: Vec<String>,
        database: Option<String>,
        configure: impl FnOnce(&mut Settings),
    ) -> TestServer {
        let data = tempfile::tempdir().expect("temporary folder");
        let database = database
            .unwrap_or_else(|| format!("sqlite://{}", data.path().join("test.db").display()));
        let mut settings = Settings {
            dist: Some(built_app()),
            demo: true,
            portal_origins,
            ..Settings::new("127.0.0.1:0".parse().expect("address"), database)
        };
        configure(&mut settings);
        let recorder = Arc::new(Recorder::default());
        let layer_recorder = recorder.clone();
        let server = Server::prepare(&settings)
            .await
            .expect("server starts")
            .map_router(move |router| {
                router.layer(middleware::from_fn(move |request: Request, next: Next| {
                    record(layer_recorder.clone(), request, next)
                }))
            });
        let url = format!("http://{}", server.local_addr().expect("bound address"));
        let users = server.demo.clone().expect("demo users");
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(server.serve(async {
            let _ = stopped.await;
        }));
        TestServer {
            url,
            users,
            recorder,
            database_url: settings.database.url,
            stop: Some(stop),
            _data: data,
        }
    }

    /// A second connection to the server's database, to check what the import did.
    pub async fn db(&self) -> Db {
        Db::connect(&self.database_url).await.expect("database")
    }

    /// The app's address signed in with `token`, in language `lang`.
    pub fn app_url(&self, lang: &str, token: &str) -> String {
        format!("{}/?lang={lang}#token={token}", self.url)
    }

    /// The id of the demo project called `name`.
    pub async fn project_id(&self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM projects WHERE name = $1")
            .bind(name)
            .fetch_one(&self.db().await.pool)
            .await
            .expect("a demo project")
    }

    /// The e-mails of the project's customers, in order, as many times as stored.
    pub async fn emails(&self, project: i64) -> Vec<String> {
        sqlx::query_scalar("SELECT email FROM customers WHERE project_id = $1 ORDER BY email")
            .bind(project)
            .fetch_all(&self.db().await.pool)
            .await
            .expect("customers")
    }

    /// The API as another client than the app uses it (another tab, a script), signed
    /// in with `token`.
    pub fn api(&self, token: &str) -> Api {
        Api {
            url: self.url.clone(),
            token: token.to_owned(),
        }
    }
}

/// The server's API over HTTP, as a client other than the app uses it.
pub struct Api {
    url: String,
    token: String,
}

impl Api {
    /// Imports `chunk` into `project` with the idempotency key `key`; fails the test
    /// unless it is answered 200.
    pub async fn import(&self, project: i64, key: &str, chunk: &ImportChunk) -> ImportResult {
        let answer = reqwest::Client::new()
            .post(format!("{}/api/projects/{project}/import", self.url))
            .bearer_auth(&self.token)
            .header("Idempotency-Key", key)
            .json(chunk)
            .send()
            .await
            .expect("the server answers");
        assert!(answer.status().is_success(), "{}", answer.status());
        answer.json().await.expect("an import result")
    }

    /// Undoes import `batch`: the answer's status and error code (empty on success).
    pub async fn undo(&self, project: i64, batch: i64) -> (u16, String) {
        let answer = reqwest::Client::new()
            .post(format!(
                "{}/api/projects/{project}/imports/{batch}/undo",
                self.url
            ))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("the server answers");
        let status = answer.status().as_u16();
        let body: serde_json::Value = answer.json().await.unwrap_or_default();
        (status, body["code"].as_str().unwrap_or_default().to_owned())
    }
}

/// A chunk of one customer, `name` with `email`, as row `row` of its file.
pub fn one_customer(row: u64, name: &str, email: &str) -> ImportChunk {
    ImportChunk {
        files: Vec::new(),
        file: None,
        batch_id: None,
        create_missing_groups: false,
        file_name: None,
        file_rows: None,
        held_back: None,
        left_out: None,
        update: None,
        rows: vec![ImportRow {
            row,
            values: [("name", name), ("email", email)]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .into(),
            version: None,
        }],
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The example portal (`examples/portal`), served on its own port: another origin than
/// the import server's. Stops when dropped.
pub struct PortalSite {
    pub url: String,
    stop: Option<oneshot::Sender<()>>,
}

impl PortalSite {
    /// Binds first, so the import server can be told the portal's origin.
    pub async fn bind() -> (tokio::net::TcpListener, String) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("portal port");
        let url = format!("http://{}", listener.local_addr().expect("portal address"));
        (listener, url)
    }

    /// Serves the example portal (`examples/portal`).
    pub fn serve(listener: tokio::net::TcpListener, url: String) -> PortalSite {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/portal");
        PortalSite::serve_dir(listener, url, dir)
    }

    /// Serves the files in `dir` as a portal's site, e.g. a built portal app.
    pub fn serve_dir(listener: tokio::net::TcpListener, url: String, dir: PathBuf) -> PortalSite {
        let router = axum::Router::new().fallback_service(tower_http::services::ServeDir::new(dir));
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        PortalSite {
            url,
            stop: Some(stop),
        }
    }
}

impl Drop for PortalSite {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The release build of the app. A missing build fails the test: browser tests never
/// pass by skipping.
pub fn built_app() -> PathBuf {
    let dist = std::env::var_os("CUSTOMER_IMPORT_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    let has_wasm = std::fs::read_dir(&dist)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "wasm"))
        })
        .unwrap_or(false);
    assert!(
        has_wasm && dist.join("index.html").is_file(),
        "the web app is not built in {}: run scripts/test.sh, which builds it with `trunk build --release`",
        dist.display()
    );
    dist
}
