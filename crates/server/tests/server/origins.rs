//! Other web origins: refused unless configured as a portal, which then gets CORS
//! answers and may frame the app.
#![allow(clippy::unwrap_used)]

use crate::common::{TestApp, project_id, send, test_app, test_app_with};
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use customer_import_domain::wire::ApiError;
use customer_import_server::{Origins, http::static_site::StaticSite};

const PORTAL: &str = "https://portal.example";

fn from_origin(method: &str, uri: &str, origin: &str, token: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "import.example")
        .header(header::ORIGIN, origin)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", "k-1")
        .body(Body::from(
            r#"{"rows":[{"row":2,"values":{"name":"Eve","email":"eve@example.com"}}]}"#,
        ))
        .unwrap()
}

async fn customer_count(t: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(&t.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_origin_not_configured_is_refused_before_anything_happens() {
    let t = test_app(None).await;
    let admin = &t.users.admin.token;
    let project = project_id(&t, admin, "Fjordparken").await;
    let import = format!("/api/projects/{project}/import");

    for origin in ["https://evil.example", "null", "http://import.example.evil"] {
        let (status, headers, body) =
            send(&t.router, from_origin("GET", "/api/me", origin, admin)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{origin}");
        let err: ApiError = serde_json::from_slice(&body).unwrap();
        assert_eq!(err.code, "auth.origin_not_allowed");
        assert!(!headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));

        let (status, _, _) = send(&t.router, from_origin("POST", &import, origin, admin)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{origin}");
    }
    assert_eq!(customer_count(&t).await, 0);

    // The app's own pages send their own origin, which is the host they addressed.
    let (status, _, _) = send(
        &t.router,
        from_origin("POST", &import, "http://import.example", admin),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(customer_count(&t).await, 1);
}

#[tokio::test]
async fn our_origin_is_our_configured_address_not_what_the_host_header_says() {
    let t = test_app(None).await;
    let admin = &t.users.admin.token;
    let project = project_id(&t, admin, "Fjordparken").await;
    let import = format!("/api/projects/{project}/import");
    let with_host = |host: &str, origin: Option<&str>, uri: &str| {
        let method = if uri == import { "POST" } else { "GET" };
        let mut r = from_origin(method, uri, origin.unwrap_or(""), admin);
        r.headers_mut().insert(header::HOST, host.parse().unwrap());
        if origin.is_none() {
            r.headers_mut().remove(header::ORIGIN);
        }
        r
    };

    // DNS rebinding: evil.example resolved to us, so its page is "same-origin" by
    // the Host header's word. Refused whatever it asks, with or without Origin.
    for origin in [Some("http://evil.example"), None] {
        let (status, _, body) = send(&t.router, with_host("evil.example", origin, &import)).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{origin:?}");
        let err: ApiError = serde_json::from_slice(&body).unwrap();
        assert_eq!(err.code, "request.unknown_host");
    }
    // Our host, but another scheme: not our origin.
    let (status, _, body) = send(
        &t.router,
        with_host("import.example", Some("https://import.example"), &import),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let err: ApiError = serde_json::from_slice(&body).unwrap();
    assert_eq!(err.code, "auth.origin_not_allowed");
    assert_eq!(customer_count(&t).await, 0);

    // A load balancer may probe /healthz under any name.
    let probe = axum::http::Request::get("/healthz")
        .header(header::HOST, "10.0.0.7:8080")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&t.router, probe).await.0, StatusCode::OK);

    // Our own page, addressed by its configured name (default port either way).
    for host in ["import.example", "import.example:80"] {
        let (status, _, _) = send(
            &t.router,
            with_host(host, Some("http://import.example"), "/api/me"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn a_configured_portal_gets_cors_answers_and_may_import() {
    let t = test_app_with(None, Origins::parse(&[PORTAL]).unwrap()).await;
    let admin = &t.users.admin.token;
    let project = project_id(&t, admin, "Fjordparken").await;
    let import = format!("/api/projects/{project}/import");

    let preflight = Request::builder()
        .method("OPTIONS")
        .uri(&import)
        .header(header::HOST, "import.example")
        .header(header::ORIGIN, PORTAL)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "authorization,content-type,idempotency-key",
        )
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(&t.router, preflight).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], PORTAL);
    let allowed = headers[header::ACCESS_CONTROL_ALLOW_HEADERS]
        .to_str()
        .unwrap();
    for h in ["authorization", "content-type", "idempotency-key"] {
        assert!(allowed.contains(h), "{allowed}");
    }
    assert!(
        headers[header::ACCESS_CONTROL_ALLOW_METHODS]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    // Every method the API uses passes the browser's preflight: the wizard saves the
    // organization's mapping with PUT.
    let methods_used = ["GET", "POST", "PUT"];
    for method in methods_used {
        let preflight = Request::builder()
            .method("OPTIONS")
            .uri("/api/mappings/abc")
            .header(header::HOST, "import.example")
            .header(header::ORIGIN, PORTAL)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, method)
            .body(Body::empty())
            .unwrap();
        let (status, headers, _) = send(&t.router, preflight).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let allowed = headers[header::ACCESS_CONTROL_ALLOW_METHODS]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            allowed.split(", ").any(|m| m == method),
            "{method}: {allowed}"
        );
    }

    let (status, headers, _) = send(&t.router, from_origin("POST", &import, PORTAL, admin)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], PORTAL);
    assert!(headers[header::VARY].to_str().unwrap().contains("origin"));
    // A download's name and a 503's Retry-After are readable by the portal's page.
    assert_eq!(
        headers[header::ACCESS_CONTROL_EXPOSE_HEADERS],
        "content-disposition, retry-after"
    );
    assert_eq!(customer_count(&t).await, 1);

    // The portal is trusted as an origin, not as a user: access rules still hold.
    let outsider = &t.users.outsider.token;
    let (status, headers, _) =
        send(&t.router, from_origin("POST", &import, PORTAL, outsider)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The portal's page may read the refusal.
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], PORTAL);

    let (status, _, _) = send(
        &t.router,
        from_origin("GET", "/api/me", "https://other.example", admin),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn pages_may_be_framed_only_by_configured_portals() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<html></html>").unwrap();
    let site = || Some(StaticSite::load(dist.path()).unwrap());
    let csp = |t: TestApp| async move {
        let (_, headers, _) = crate::common::get(&t.router, "/", None).await;
        headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned()
    };
    let closed = csp(test_app(site()).await).await;
    assert!(closed.ends_with("frame-ancestors 'none'"), "{closed}");
    let portals = Origins::parse(&[PORTAL, "http://localhost:3000"]).unwrap();
    let open = csp(test_app_with(site(), portals).await).await;
    assert!(
        open.ends_with("frame-ancestors https://portal.example http://localhost:3000"),
        "{open}"
    );
}
