//! The real server, started in-process on a free loopback port with a fresh SQLite file
//! and the demo data, serving the release build of the app from `dist/`.

use std::path::PathBuf;

use customer_import_server::{DemoUsers, Server, Settings};
use tokio::sync::oneshot;

pub struct TestServer {
    pub url: String,
    pub users: DemoUsers,
    stop: Option<oneshot::Sender<()>>,
    _data: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let data = tempfile::tempdir().expect("temporary folder");
        let settings = Settings {
            addr: "127.0.0.1:0".parse().expect("address"),
            database_url: format!("sqlite://{}", data.path().join("test.db").display()),
            dist: Some(built_app()),
            demo: true,
        };
        let server = Server::prepare(&settings).await.expect("server starts");
        let url = format!("http://{}", server.local_addr().expect("bound address"));
        let users = server.demo.clone().expect("demo users");
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(server.serve(async {
            let _ = stopped.await;
        }));
        TestServer {
            url,
            users,
            stop: Some(stop),
            _data: data,
        }
    }

    /// The app's address signed in with `token`, in language `lang`.
    pub fn app_url(&self, lang: &str, token: &str) -> String {
        format!("{}/?lang={lang}#token={token}", self.url)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The release build of the app. A missing build fails the test: browser tests never
/// pass by skipping.
fn built_app() -> PathBuf {
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
