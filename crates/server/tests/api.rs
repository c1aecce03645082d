//! The HTTP surface driven through the router with `oneshot`, against a real SQLite
//! database in a temporary folder, seeded with the demo data.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use customer_import_domain::wire::{ApiError, Me, ProjectSummary, Role};
use customer_import_server::{AppState, Db, DemoUsers, app, demo, static_site::StaticSite};
use http_body_util::BodyExt;
use tower::ServiceExt;

struct TestApp {
    router: Router,
    users: DemoUsers,
    _dir: tempfile::TempDir,
}

async fn test_app(site: Option<StaticSite>) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let db = Db::connect(&url).await.unwrap();
    let users = demo::seed(&db).await.unwrap();
    TestApp {
        router: app(AppState { db }, site),
        users,
        _dir: dir,
    }
}

async fn get(
    router: &Router,
    uri: &str,
    token: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let mut req = Request::get(uri);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let res = router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

fn project_names(body: &[u8]) -> Vec<String> {
    let projects: Vec<ProjectSummary> = serde_json::from_slice(body).unwrap();
    projects.into_iter().map(|p| p.name).collect()
}

#[tokio::test]
async fn healthz_answers_ok() {
    let t = test_app(None).await;
    let (status, _, body) = get(&t.router, "/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"ok");
}

#[tokio::test]
async fn api_requires_a_valid_token() {
    let t = test_app(None).await;
    for token in [None, Some("cit_not-a-real-token"), Some("")] {
        let (status, headers, body) = get(&t.router, "/api/projects", token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "token {token:?}");
        assert_eq!(headers[header::WWW_AUTHENTICATE], "Bearer");
        let err: ApiError = serde_json::from_slice(&body).unwrap();
        assert_eq!(err.code, "auth.unauthenticated");
    }
}

#[tokio::test]
async fn reseeding_revokes_old_demo_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let db = Db::connect(&url).await.unwrap();
    let first = demo::seed(&db).await.unwrap();
    let second = demo::seed(&db).await.unwrap();
    let router = app(AppState { db }, None);
    assert_eq!(
        get(&router, "/api/me", Some(&first.admin.token)).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, _, body) = get(&router, "/api/projects", Some(&second.admin.token)).await;
    assert_eq!(status, StatusCode::OK);
    // Seeding twice created no second copy of anything.
    assert_eq!(project_names(&body), ["Fjordparken", "Koivuranta"]);
}

#[tokio::test]
async fn me_describes_the_caller() {
    let t = test_app(None).await;
    let (status, headers, body) =
        get(&t.router, "/api/me", Some(&t.users.case_handler.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let me: Me = serde_json::from_slice(&body).unwrap();
    assert_eq!(me.email, "saksbehandler@nordbygg.example");
    assert_eq!(me.role, Role::Member);
    assert_eq!(me.organization, demo::ORGANIZATION);
}

#[tokio::test]
async fn projects_follow_the_access_rules() {
    let t = test_app(None).await;
    let cases = [
        (&t.users.admin.token, vec!["Fjordparken", "Koivuranta"]),
        (&t.users.case_handler.token, vec!["Fjordparken"]),
        (&t.users.outsider.token, vec![]),
        (&t.users.other_admin.token, vec!["Solsiden"]),
    ];
    for (token, expected) in cases {
        let (status, _, body) = get(&t.router, "/api/projects", Some(token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(project_names(&body), expected);
    }
    let (_, _, body) = get(&t.router, "/api/projects", Some(&t.users.admin.token)).await;
    let projects: Vec<ProjectSummary> = serde_json::from_slice(&body).unwrap();
    assert_eq!(projects[0].unit_count, 8);
}

#[tokio::test]
async fn unknown_api_path_is_a_json_404() {
    let t = test_app(None).await;
    let (status, _, body) = get(&t.router, "/api/nope", Some(&t.users.admin.token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let err: ApiError = serde_json::from_slice(&body).unwrap();
    assert_eq!(err.code, "not_found");
}

#[tokio::test]
async fn static_app_is_served_with_a_strict_csp() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<html><script type=\"module\">boot()</script></html>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app.js"), "export {}").unwrap();
    let t = test_app(Some(StaticSite::load(dist.path()).unwrap())).await;

    let (status, headers, body) = get(&t.router, "/", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(body).unwrap().contains("boot()"));
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");

    let (status, headers, _) = get(&t.router, "/app.js", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("javascript")
    );

    // Deep links fall back to the app; the API keeps its own 404.
    let (status, _, body) = get(&t.router, "/some/deep/link", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(body).unwrap().contains("boot()"));
    assert_eq!(
        get(&t.router, "/api/missing", None).await.0,
        StatusCode::NOT_FOUND
    );
}
