//! Shared by the server's test suites: a router over a fresh database (SQLite, or
//! PostgreSQL when `CUSTOMER_IMPORT_TEST_POSTGRES` names a server) with the demo data,
//! requests sent through it with `oneshot`, and a typed client of its API
//! ([`client`]).
#![allow(dead_code, clippy::unwrap_used)] // each suite uses part of it

pub mod client;
pub mod postgres;
pub mod process;

pub use client::{Client, chunk, created_ids, row};

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use customer_import_domain::wire::ProjectSummary;
use customer_import_server::{
    AppState, Db, DemoUsers, Origins, app, demo, http::static_site::StaticSite,
};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub users: DemoUsers,
    pub db: Db,
    _dir: tempfile::TempDir,
}

/// A fresh database: an SQLite file, or a new database on the PostgreSQL server named
/// by `CUSTOMER_IMPORT_TEST_POSTGRES` (scripts/test.sh runs this suite on both).
pub async fn fresh_database(dir: &tempfile::TempDir) -> String {
    let Ok(server) = std::env::var("CUSTOMER_IMPORT_TEST_POSTGRES") else {
        return format!("sqlite://{}", dir.path().join("test.db").display());
    };
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "t_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let admin = sqlx::PgPool::connect(&server)
        .await
        .expect("the PostgreSQL test server answers");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let (base, _) = server.rsplit_once('/').expect("a URL ending in /DATABASE");
    format!("{base}/{name}")
}

impl TestApp {
    /// The one number `sql` selects: a count, say.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.db.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The one number `sql` selects with `$1` bound to `bind`.
    pub async fn count_with(&self, sql: &str, bind: i64) -> i64 {
        sqlx::query_scalar(sql)
            .bind(bind)
            .fetch_one(&self.db.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The customers of import `batch` still in its project.
    pub async fn customers_in(&self, batch: i64) -> i64 {
        self.count_with("SELECT COUNT(*) FROM customers WHERE batch_id = $1", batch)
            .await
    }

    /// The same database and users behind a router of another state.
    pub fn with_state(mut self, state: AppState) -> TestApp {
        self.router = app(
            state.with_public(Origins::parse(&[PUBLIC_ORIGIN]).unwrap()),
            None,
        );
        self
    }
}

pub async fn test_app(site: Option<StaticSite>) -> TestApp {
    test_app_with(site, Origins::default()).await
}

/// The public address of test apps: requests that name a host must name this one.
pub const PUBLIC_ORIGIN: &str = "http://import.example";

/// A test app whose API and pages the given portals may use.
pub async fn test_app_with(site: Option<StaticSite>, portals: Origins) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(&dir).await;
    let db = Db::connect(&url).await.unwrap();
    let users = demo::seed(&db).await.unwrap();
    TestApp {
        router: app(
            AppState::new(db.clone())
                .with_portals(portals)
                .with_public(Origins::parse(&[PUBLIC_ORIGIN]).unwrap()),
            site,
        ),
        users,
        db,
        _dir: dir,
    }
}

pub async fn get(
    router: &Router,
    uri: &str,
    token: Option<&str>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut req = Request::get(uri);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    send(router, req.body(Body::empty()).unwrap()).await
}

/// Sends `request` through the router and collects the whole answer.
pub async fn send(router: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let res = router.clone().oneshot(request).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

pub fn project_names(body: &[u8]) -> Vec<String> {
    let projects: Vec<ProjectSummary> = serde_json::from_slice(body).unwrap();
    projects.into_iter().map(|p| p.name).collect()
}

/// The id of the demo project called `name`, as the admin of its organization sees it.
pub async fn project_id(t: &TestApp, token: &str, name: &str) -> i64 {
    let (_, _, body) = get(&t.router, "/api/projects", Some(token)).await;
    let projects: Vec<ProjectSummary> = serde_json::from_slice(&body).unwrap();
    projects.into_iter().find(|p| p.name == name).unwrap().id
}

/// Sends `body` as JSON with `POST`, with a bearer token and an idempotency key.
pub async fn post_json(
    router: &Router,
    uri: &str,
    token: &str,
    idempotency_key: Option<&str>,
    body: Vec<u8>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut req = Request::post(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(key) = idempotency_key {
        req = req.header("idempotency-key", key);
    }
    send(router, req.body(Body::from(body)).unwrap()).await
}
