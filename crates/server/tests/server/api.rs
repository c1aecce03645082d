//! The HTTP surface driven through the router with `oneshot`, against a real SQLite
//! database in a temporary folder, seeded with the demo data.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::common::{fresh_database, get, project_id, project_names, test_app};
use axum::http::{StatusCode, header};
use customer_import_domain::wire::{ApiError, ImportSchema, Me, ProjectSummary, Role};
use customer_import_server::{AppState, Db, app, demo, http::static_site::StaticSite};

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
async fn the_bearer_scheme_is_read_whatever_its_case() {
    let t = test_app(None).await;
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let request = axum::http::Request::get("/api/me")
            .header(
                header::AUTHORIZATION,
                format!("{scheme} {}", t.users.admin.token),
            )
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, _, _) = crate::common::send(&t.router, request).await;
        assert_eq!(status, StatusCode::OK, "{scheme}");
    }
}

#[tokio::test]
async fn reseeding_revokes_old_demo_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(&dir).await;
    let db = Db::connect(&url).await.unwrap();
    let first = demo::seed(&db).await.unwrap();
    let second = demo::seed(&db).await.unwrap();
    let router = app(AppState::new(db), None);
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
async fn import_schema_lists_fields_units_types_groups_and_users() {
    let t = test_app(None).await;
    let fjordparken = project_id(&t, &t.users.admin.token, "Fjordparken").await;
    let (status, headers, body) = get(
        &t.router,
        &format!("/api/projects/{fjordparken}/schema"),
        Some(&t.users.case_handler.token),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let schema: ImportSchema = serde_json::from_slice(&body).unwrap();
    assert_eq!(schema.project.name, "Fjordparken");
    assert!(schema.fields.iter().any(|f| f.key == "email"));
    assert_eq!(schema.units.len(), 8);
    assert_eq!(schema.units[0], "A-101");
    let types: Vec<_> = schema
        .company_types
        .iter()
        .map(|t| t.key.as_str())
        .collect();
    assert_eq!(types, ["lead", "partner", "cold", "customer"]);
    assert_eq!(
        schema.company_types[3].names,
        ["Kunde", "Asiakas", "Customer", "Kund"]
    );
    assert_eq!(schema.groups, ["Investorer", "Kjøpere"]);
    let managers: Vec<_> = schema
        .account_managers
        .iter()
        .map(|m| m.email.as_str())
        .collect();
    assert!(managers.contains(&"saksbehandler@nordbygg.example"));
    assert!(
        !managers.contains(&"admin@andre.example"),
        "users of another organization are not listed"
    );
}

#[tokio::test]
async fn import_schema_follows_the_access_rules() {
    let t = test_app(None).await;
    let admin = &t.users.admin.token;
    let fjordparken = project_id(&t, admin, "Fjordparken").await;
    let koivuranta = project_id(&t, admin, "Koivuranta").await;
    let solsiden = project_id(&t, &t.users.other_admin.token, "Solsiden").await;
    let cases = [
        (admin, fjordparken, StatusCode::OK),
        (admin, koivuranta, StatusCode::OK),
        (&t.users.case_handler.token, fjordparken, StatusCode::OK),
        (
            &t.users.case_handler.token,
            koivuranta,
            StatusCode::FORBIDDEN,
        ),
        (&t.users.outsider.token, fjordparken, StatusCode::FORBIDDEN),
        (
            &t.users.other_admin.token,
            fjordparken,
            StatusCode::NOT_FOUND,
        ),
        (admin, solsiden, StatusCode::NOT_FOUND),
        (admin, 999_999, StatusCode::NOT_FOUND),
    ];
    for (token, id, expected) in cases {
        let (status, _, body) = get(
            &t.router,
            &format!("/api/projects/{id}/schema"),
            Some(token),
        )
        .await;
        assert_eq!(status, expected, "project {id}");
        if expected != StatusCode::OK {
            let err: ApiError = serde_json::from_slice(&body).unwrap();
            assert_eq!(
                err.code,
                if expected == StatusCode::FORBIDDEN {
                    "auth.forbidden"
                } else {
                    "not_found"
                }
            );
        }
    }
    let (status, _, _) = get(
        &t.router,
        &format!("/api/projects/{fjordparken}/schema"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
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

/// docs/openapi.json, from which the TypeScript example portal generates its client
/// (and a portal team can read without a running server), is the served document. After
/// a change to the API, write it anew with `CUSTOMER_IMPORT_WRITE_OPENAPI=1 cargo test
/// --test server -- api::the_committed_openapi_document_is_the_served_one`.
#[tokio::test]
async fn the_committed_openapi_document_is_the_served_one() {
    let t = test_app(None).await;
    let (status, _, body) = get(&t.router, "/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let served: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let committed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    if std::env::var_os("CUSTOMER_IMPORT_WRITE_OPENAPI").is_some() {
        let pretty = serde_json::to_string_pretty(&served).unwrap() + "\n";
        std::fs::write(&committed, pretty).unwrap();
    }
    let text = std::fs::read_to_string(&committed).unwrap_or_default();
    let on_disk: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert!(
        on_disk == served,
        "docs/openapi.json is not the served document: write it anew with \
         CUSTOMER_IMPORT_WRITE_OPENAPI=1 (see this test's comment)"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_as_it_answers() {
    let t = test_app(None).await;
    let (status, _, body) = get(&t.router, "/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    for schema in [
        "ImportChunk",
        "ImportResult",
        "Verdict",
        "FieldError",
        "ApiError",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }

    let paths = doc["paths"].as_object().unwrap();
    let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
    listed.sort_unstable();
    assert_eq!(
        listed,
        [
            "/api/mappings/{signature}",
            "/api/me",
            "/api/openapi.json",
            "/api/projects",
            "/api/projects/{id}/customers/lookup",
            "/api/projects/{id}/import",
            "/api/projects/{id}/imports",
            "/api/projects/{id}/imports/{batch}",
            "/api/projects/{id}/imports/{batch}/undo",
            "/api/projects/{id}/schema",
            "/api/projects/{id}/{file}",
            "/api/provisioning/company-types",
            "/api/provisioning/deliveries",
            "/api/provisioning/deliveries/{id}/redeliver",
            "/api/provisioning/groups",
            "/api/provisioning/keys",
            "/api/provisioning/keys/{id}/revoke",
            "/api/provisioning/projects/{id}",
            "/api/provisioning/projects/{id}/batches",
            "/api/provisioning/projects/{id}/customers",
            "/api/provisioning/projects/{id}/removals",
            "/api/provisioning/projects/{id}/units",
            "/api/provisioning/users/{id}",
            "/api/provisioning/webhook",
            "/healthz",
        ]
    );
    // Each operation exists and answers with one of the statuses it documents; all
    // but the two public ones refuse a caller without a token.
    let admin = &t.users.admin.token;
    let project = project_id(&t, admin, "Fjordparken").await;
    let call = |method: &str, uri: &str, token: Option<&str>| {
        let mut request = axum::http::Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", "k");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = request.body(axum::body::Body::from("{}")).unwrap();
        let router = t.router.clone();
        async move { crate::common::send(&router, request).await.0 }
    };
    for (path, operations) in paths {
        let uri = path
            .replace("{id}", &project.to_string())
            .replace("{file}", "template.xlsx")
            .replace("{batch}", "1")
            .replace("{signature}", "0123456789abcdef");
        for (method, operation) in operations.as_object().unwrap() {
            let documented: Vec<u16> = operation["responses"]
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.parse().unwrap())
                .collect();
            let status = call(method, &uri, Some(admin)).await;
            assert!(
                documented.contains(&status.as_u16()),
                "{method} {path}: {status} is not among {documented:?}"
            );
            let public = ["/healthz", "/api/openapi.json"].contains(&path.as_str());
            let anonymous = call(method, &uri, None).await;
            assert_eq!(
                anonymous == StatusCode::UNAUTHORIZED,
                !public,
                "{method} {path} without a token: {anonymous}"
            );
        }
    }
}

#[tokio::test]
async fn api_answers_are_compressed_and_never_cached() {
    let t = test_app(None).await;
    let request = axum::http::Request::get("/api/openapi.json")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, headers, body) = crate::common::send(&t.router, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let (_, _, plain) = get(&t.router, "/api/openapi.json", None).await;
    assert!(
        body.len() * 3 < plain.len(),
        "{} of {}",
        body.len(),
        plain.len()
    );
}
