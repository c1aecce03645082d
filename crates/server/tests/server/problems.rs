//! Errors a program can read (issue 30, point 3): every error answer is an RFC 9457
//! problem details object, and values that cannot be used are listed as data (a JSON
//! Pointer, a code, and words in the language `Accept-Language` asks for), for
//! provisioning and import alike.

use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use customer_import_domain::wire::ApiError;
use customer_import_server::admin;
use serde_json::{Value, json};

use crate::common::{TestApp, chunk, row, send, test_app};

/// Sends `body` to `uri` with `token`, asking for `language`; the answer's status,
/// media type, `Content-Language` and problem.
async fn refused(
    t: &TestApp,
    method: Method,
    uri: &str,
    token: &str,
    language: Option<&str>,
    body: &Value,
) -> (StatusCode, String, String, ApiError) {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", "problems");
    if let Some(language) = language {
        request = request.header(header::ACCEPT_LANGUAGE, language);
    }
    let request = request
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap();
    let (status, headers, body) = send(&t.router, request).await;
    let header = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let problem = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
    (
        status,
        header(header::CONTENT_TYPE),
        header(header::CONTENT_LANGUAGE),
        problem,
    )
}

async fn portal() -> (TestApp, String) {
    let t = test_app(None).await;
    let key = admin::issue_api_key(&t.db, "Nordbygg AS", "portal")
        .await
        .unwrap();
    (t, key)
}

/// (pointer, code) of each value listed.
fn listed(problem: &ApiError) -> Vec<(&str, &str)> {
    problem
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.as_str()))
        .collect()
}

#[tokio::test]
async fn every_bad_value_of_a_provisioning_call_is_listed_in_the_language_asked_for() {
    let (t, key) = portal().await;
    let uri = "/api/provisioning/projects/p-elv";
    let bad = json!({ "name": "Bad\u{202e}name", "country": "DK" });
    let (status, media, language, problem) = refused(
        &t,
        Method::PUT,
        uri,
        &key,
        Some("fi-FI,fi;q=0.9,en;q=0.5"),
        &bad,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(media, "application/problem+json");
    assert_eq!(language, "fi");
    let (status, headers, _) = {
        let request = Request::builder()
            .method(Method::PUT)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {key}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, "fi")
            .body(Body::from(serde_json::to_vec(&bad).unwrap()))
            .unwrap();
        send(&t.router, request).await
    };
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        headers
            .get_all(header::VARY)
            .iter()
            .any(|v| v.to_str().unwrap().contains("accept-language")),
        "{headers:?}"
    );
    assert_eq!(problem.status, 422);
    assert_eq!(problem.code, "request.invalid_field");
    assert_eq!(
        problem.kind,
        "tag:customer-import,2026:problem/request.invalid_field"
    );
    assert_eq!(problem.title, "Unprocessable Entity");
    assert_eq!(problem.instance.as_deref(), Some(uri));
    assert_eq!(
        listed(&problem),
        [
            ("/name", "value.hidden_character"),
            ("/country", "value.country_unknown")
        ]
    );
    assert_eq!(problem.detail, "2 pyynnön arvoa ei voi käyttää.");
    assert_eq!(
        problem.errors[1].detail,
        "Tuonti ei tunne tätä maata: kirjoita NO, FI tai SE."
    );

    // Swedish, Norwegian, and English when the server has none of those asked for.
    for (asked, tag, words) in [
        (
            "sv",
            "sv",
            "Inte ett land som importen känner till: skriv NO, FI eller SE.",
        ),
        (
            "nn-NO",
            "nb",
            "Ikke et land importen kjenner: skriv NO, FI eller SE.",
        ),
        (
            "de-DE",
            "en",
            "Not a country the import knows: write NO, FI or SE.",
        ),
    ] {
        let only_country = json!({ "name": "Elvebredden", "country": "DK" });
        let (_, _, language, problem) =
            refused(&t, Method::PUT, uri, &key, Some(asked), &only_country).await;
        assert_eq!(language, tag, "{asked}");
        // One value: the answer's detail is its words.
        assert_eq!(
            (problem.detail.as_str(), problem.errors[0].detail.as_str()),
            (words, words),
            "{asked}"
        );
    }

    // Units and users name the place of each value in the body.
    t.client(&key)
        .provision(uri, &json!({ "name": "Elvebredden", "country": "NO" }))
        .await
        .unwrap();
    let (status, _, _, problem) = refused(
        &t,
        Method::PUT,
        "/api/provisioning/projects/p-elv/units",
        &key,
        None,
        &json!({ "units": [{ "code": "A-1" }, { "code": " " }, { "code": "x".repeat(300) }] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        listed(&problem),
        [
            ("/units/1/code", "value.required"),
            ("/units/2/code", "value.too_long")
        ]
    );
    let (_, _, _, problem) = refused(
        &t,
        Method::PUT,
        "/api/provisioning/users/u-1",
        &key,
        Some("nb"),
        &json!({ "email": "not-mail", "name": "Siri", "role": "member",
                 "projects": ["p-elv", "p-nope"] }),
    )
    .await;
    assert_eq!(listed(&problem), [("/email", "value.email_invalid")]);
    let (_, _, _, problem) = refused(
        &t,
        Method::PUT,
        "/api/provisioning/users/u-1",
        &key,
        Some("nb"),
        &json!({ "email": "siri@nordbygg.example", "name": "Siri", "role": "member",
                 "projects": ["p-elv", "p-nope"] }),
    )
    .await;
    assert_eq!(listed(&problem), [("/projects/1", "value.project_unknown")]);
    assert!(problem.errors[0].detail.contains("«p-nope»"), "{problem:?}");
}

#[tokio::test]
async fn a_bad_custom_field_declaration_is_named_by_its_name() {
    let (t, key) = portal().await;
    let fields = json!([
        { "name": "parking", "label": "P", "type": "text" },
        { "name": "areal", "label": "Areal", "type": "pattern", "pattern": "[0-9]+",
          "example": "P-1" },
    ]);
    let (status, _, _, problem) = refused(
        &t,
        Method::PUT,
        "/api/provisioning/projects/p-elv",
        &key,
        Some("nb"),
        &json!({ "name": "Elvebredden", "country": "NO", "custom_fields": fields }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem.code, "provisioning.invalid_custom_fields");
    assert_eq!(
        listed(&problem),
        [("/custom_fields/1/example", "custom_field.example_mismatch")]
    );
    assert_eq!(
        problem.errors[0].detail,
        "Eksempelet for «areal» passer ikke med mønsteret."
    );
    // The English words name it too, never by its place.
    let (_, _, _, problem) = refused(
        &t,
        Method::PUT,
        "/api/provisioning/projects/p-elv",
        &key,
        None,
        &json!({ "name": "Elvebredden", "country": "NO",
                 "custom_fields": [{ "name": "Areal!", "label": "A", "type": "text" }] }),
    )
    .await;
    assert_eq!(
        listed(&problem),
        [("/custom_fields/0/name", "custom_field.name_invalid")]
    );
    assert!(problem.detail.contains("“Areal!”"), "{}", problem.detail);
    assert!(
        !problem.detail.contains("custom field 0"),
        "{}",
        problem.detail
    );
}

#[tokio::test]
async fn an_import_names_each_field_the_project_lacks_where_it_is() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let rows = chunk(vec![
        row(2, &[("name", "Kari")]),
        row(
            3,
            &[("name", "Ola"), ("custom.nope", "x"), ("custom.a/b", "y")],
        ),
    ]);
    let (status, media, language, problem) = refused(
        &t,
        Method::POST,
        &format!("/api/projects/{project}/import"),
        &t.users.admin.token,
        Some("sv"),
        &serde_json::to_value(&rows).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        (media.as_str(), language.as_str()),
        ("application/problem+json", "sv")
    );
    assert_eq!(problem.code, "import.unknown_field");
    assert_eq!(
        listed(&problem),
        [
            ("/rows/1/values/custom.a~1b", "value.field_unknown"),
            ("/rows/1/values/custom.nope", "value.field_unknown")
        ]
    );
    assert_eq!(
        problem.detail,
        "Raderna nämner fält som projektet inte har."
    );
    assert_eq!(
        problem.errors[1].detail,
        "Projektet har inget fält ”custom.nope”."
    );
}

#[tokio::test]
async fn every_error_answer_is_a_problem_with_its_headers() {
    let t = test_app(None).await;
    // No token: 401 with its challenge, in the problem shape.
    let (status, media, _, problem) = refused(
        &t,
        Method::GET,
        "/api/projects",
        "nope",
        Some("nb"),
        &Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(media, "application/problem+json");
    assert_eq!(
        (problem.status, problem.code.as_str(), problem.errors.len()),
        (401, "auth.unauthenticated", 0)
    );
    assert_eq!(problem.instance.as_deref(), Some("/api/projects"));
    // An unknown route too.
    let (status, media, _, problem) = refused(
        &t,
        Method::GET,
        "/api/nothing-here",
        &t.users.admin.token,
        None,
        &Value::Null,
    )
    .await;
    assert_eq!(
        (status, media.as_str()),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );
    assert_eq!(problem.code, "not_found");
}

#[tokio::test]
async fn a_body_of_another_shape_says_where_it_stopped_fitting() {
    let (t, key) = portal().await;
    let (status, _, _, problem) = refused(
        &t,
        Method::PUT,
        "/api/provisioning/projects/p-elv",
        &key,
        Some("nb"),
        &json!({ "name": "Elvebredden", "country": "NO", "archived": "yes" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem.code, "provisioning.invalid_body");
    assert_eq!(listed(&problem), [("/archived", "value.shape")]);
    assert!(
        problem.errors[0]
            .detail
            .starts_with("Ikke det dette stedet"),
        "{problem:?}"
    );

    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let (status, _, _, problem) = refused(
        &t,
        Method::POST,
        &format!("/api/projects/{project}/import"),
        &t.users.admin.token,
        None,
        &json!({ "rows": [{ "row": 2, "values": { "name": 5 } }] }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem.code, "import.invalid_body");
    assert_eq!(listed(&problem), [("/rows/0/values/name", "value.shape")]);
}
