//! The portal's backend provisions its organization by its own ids, signed with an
//! organization API key: sending the same calls twice changes nothing the second
//! time, archived things refuse new rows, and a key reaches only its organization.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use crate::common::{TestApp, get, post_json, send, test_app};
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use customer_import_domain::{
    texts::Language,
    validate::Problem,
    wire::{ApiError, ImportChunk, ImportResult, ImportRow, ImportSchema, ProjectSummary, Verdict},
};
use customer_import_server::{admin, db::Backend, portal::provisioning::Provisioned};
use serde_json::{Value, json};

async fn put(t: &TestApp, key: &str, uri: &str, body: Value) -> (StatusCode, Vec<u8>) {
    let request = Request::put(uri)
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, _, body) = send(&t.router, request).await;
    (status, body)
}

async fn provisioned(t: &TestApp, key: &str, uri: &str, body: Value) -> Provisioned {
    let (status, answer) = put(t, key, uri, body).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&answer)
    );
    serde_json::from_slice(&answer).unwrap()
}

fn counts(created: u64, updated: u64, unchanged: u64) -> Provisioned {
    Provisioned {
        created,
        updated,
        unchanged,
    }
}

async fn error_code(t: &TestApp, key: &str, uri: &str, body: Value) -> (StatusCode, String) {
    let (status, answer) = put(t, key, uri, body).await;
    let code = serde_json::from_slice::<ApiError>(&answer)
        .map(|e| e.code)
        .unwrap_or_default();
    (status, code)
}

/// A server and the organization key its demo organization's portal provisions with.
async fn portal() -> (TestApp, String) {
    let t = test_app(None).await;
    let key = admin::issue_api_key(&t.db, "Nordbygg AS", "portal")
        .await
        .unwrap();
    (t, key)
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&t.db.pool).await.unwrap()
}

/// The whole organization as a portal would send it.
fn calls() -> Vec<(&'static str, Value)> {
    let units: Vec<Value> = (1..=3_000)
        .map(|i| json!({ "code": format!("H{:04}", i) }))
        .collect();
    vec![
        (
            "/api/provisioning/projects/p-elv",
            json!({ "name": "Elvebredden", "country": "NO", "custom_fields": housing_fields() }),
        ),
        (
            "/api/provisioning/projects/p-elv/units",
            json!({ "units": units }),
        ),
        (
            "/api/provisioning/users/u-7",
            json!({ "email": "siri@nordbygg.example", "name": "Siri Saksbehandler",
                    "role": "member", "projects": ["p-elv"] }),
        ),
        (
            "/api/provisioning/groups",
            json!({ "groups": [{ "name": "Interessent" }, { "name": "Kjøper" }] }),
        ),
        (
            "/api/provisioning/company-types",
            json!({ "types": [{ "key": "supplier", "name_nb": "Leverandør", "name_fi": "Toimittaja",
                               "name_en": "Supplier", "name_sv": "Leverantör" }] }),
        ),
    ]
}

/// A housing project's own fields: one of each type.
fn housing_fields() -> Value {
    json!([
        { "name": "parking", "label": { "nb": "Parkeringsplass", "fi": "Autopaikka" },
          "type": "pattern", "pattern": "P-[0-9]{3}", "example": "P-012" },
        { "name": "move_in", "label": "Innflytting", "type": "date", "required": true },
        { "name": "area", "label": "BRA", "type": "number" },
        { "name": "contract", "label": "Kontrakt", "type": "one_of",
          "options": ["Kjøpekontrakt", "Opsjon"] },
        { "name": "note", "label": "Merknad", "type": "text" },
    ])
}

#[tokio::test]
async fn provisioning_sent_twice_changes_nothing_the_second_time() {
    let (t, key) = portal().await;
    let first: Vec<Provisioned> = {
        let mut out = Vec::new();
        for (uri, body) in calls() {
            out.push(provisioned(&t, &key, uri, body).await);
        }
        out
    };
    assert_eq!(
        first,
        [
            counts(1, 0, 0),
            counts(3_000, 0, 0),
            counts(1, 0, 0),
            counts(2, 0, 0),
            counts(1, 0, 0)
        ]
    );
    let tables = "SELECT (SELECT COUNT(*) FROM projects) + (SELECT COUNT(*) FROM units)
                       + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM customer_groups)
                       + (SELECT COUNT(*) FROM company_types)
                       + (SELECT COUNT(*) FROM project_case_handlers)";
    let rows_before = count(&t, tables).await;
    for (uri, body) in calls() {
        let again = provisioned(&t, &key, uri, body).await;
        assert_eq!((again.created, again.updated), (0, 0), "{uri}");
    }
    assert_eq!(count(&t, tables).await, rows_before);

    // A change is an update, and only of what changed.
    let renamed = provisioned(
        &t,
        &key,
        "/api/provisioning/projects/p-elv",
        json!({ "name": "Elvebredden II", "country": "NO", "custom_fields": housing_fields() }),
    )
    .await;
    assert_eq!(renamed, counts(0, 1, 0));
    // The provisioned member handles exactly the project named.
    let handles = count(
        &t,
        "SELECT COUNT(*) FROM project_case_handlers h JOIN users u ON u.id = h.user_id
         WHERE u.external_id = 'u-7'",
    )
    .await;
    assert_eq!(handles, 1);
}

#[tokio::test]
async fn archived_units_and_projects_refuse_new_rows() {
    let (t, key) = portal().await;
    let admin_token = t.users.admin.token.clone();
    provisioned(
        &t,
        &key,
        "/api/provisioning/projects/p-elv",
        json!({ "name": "Elvebredden", "country": "NO" }),
    )
    .await;
    let units = |archived: bool| json!({ "units": [{ "code": "A-1" }, { "code": "A-2", "archived": archived }] });
    provisioned(
        &t,
        &key,
        "/api/provisioning/projects/p-elv/units",
        units(false),
    )
    .await;
    let archived = provisioned(
        &t,
        &key,
        "/api/provisioning/projects/p-elv/units",
        units(true),
    )
    .await;
    assert_eq!(archived, counts(0, 1, 1));

    let (_, _, body) = get(&t.router, "/api/projects", Some(&admin_token)).await;
    let projects: Vec<ProjectSummary> = serde_json::from_slice(&body).unwrap();
    let project = projects.iter().find(|p| p.name == "Elvebredden").unwrap();
    assert_eq!(project.unit_count, 1, "an archived unit is not offered");
    let row = |n: u64, unit: &str| ImportRow {
        row: n,
        values: BTreeMap::from([
            ("name".to_owned(), format!("Kunde {n}")),
            ("unit".to_owned(), unit.to_owned()),
        ]),
    };
    let chunk = ImportChunk {
        batch_id: None,
        create_missing_groups: false,
        file_name: None,
        file_rows: None,
        held_back: None,
        left_out: None,
        rows: vec![row(2, "A-1"), row(3, "A-2")],
    };
    let import = format!("/api/projects/{}/import", project.id);
    let (status, _, body) = post_json(
        &t.router,
        &import,
        &admin_token,
        Some("k"),
        serde_json::to_vec(&chunk).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let result: ImportResult = serde_json::from_slice(&body).unwrap();
    assert!(matches!(
        result.verdicts[0],
        Verdict::Created { row: 2, .. }
    ));
    match &result.verdicts[1] {
        Verdict::Rejected { row: 3, errors } => {
            assert_eq!(errors[0].problem, Problem::UnitUnknown);
        }
        other => panic!("{other:?}"),
    }

    // An archived project is gone from the wizard and refuses imports.
    provisioned(
        &t,
        &key,
        "/api/provisioning/projects/p-elv",
        json!({ "name": "Elvebredden", "country": "NO", "archived": true }),
    )
    .await;
    let (_, _, body) = get(&t.router, "/api/projects", Some(&admin_token)).await;
    assert!(!String::from_utf8_lossy(&body).contains("Elvebredden"));
    let (status, _, _) = post_json(
        &t.router,
        &import,
        &admin_token,
        Some("k2"),
        serde_json::to_vec(&chunk).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_an_organization_key_provisions_and_only_its_own_organization() {
    let (t, key) = portal().await;
    let other = admin::issue_api_key(&t.db, "Andre Eiendom AS", "portal")
        .await
        .unwrap();
    let project = json!({ "name": "Elvebredden", "country": "NO" });
    let uri = "/api/provisioning/projects/p-elv";
    for wrong in [t.users.admin.token.as_str(), "cik_not-a-key", ""] {
        assert_eq!(
            error_code(&t, wrong, uri, project.clone()).await,
            (StatusCode::UNAUTHORIZED, "auth.unauthenticated".to_owned())
        );
    }
    provisioned(&t, &key, uri, project.clone()).await;
    // The other organization's key makes its own project under the same portal id,
    // and cannot add units to Nordbygg's.
    assert_eq!(
        provisioned(&t, &other, uri, project.clone()).await,
        counts(1, 0, 0)
    );
    let in_nordbygg = count(
        &t,
        "SELECT COUNT(*) FROM projects p JOIN organizations o ON o.id = p.organization_id
         WHERE p.external_id = 'p-elv' AND o.name = 'Nordbygg AS'",
    )
    .await;
    assert_eq!(in_nordbygg, 1);
    assert_eq!(
        error_code(
            &t,
            &other,
            "/api/provisioning/projects/p-none/units",
            json!({ "units": [] })
        )
        .await,
        (StatusCode::NOT_FOUND, "not_found".to_owned())
    );

    // Bad values are named; a taken name is a conflict.
    let cases = [
        (
            json!({ "name": "X", "country": "DK" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "request.invalid_field",
        ),
        (
            json!({ "name": "Bad\u{202e}name", "country": "NO" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "request.invalid_field",
        ),
        (
            json!({ "name": "x".repeat(300), "country": "NO" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "request.invalid_field",
        ),
        (
            json!({ "name": "Fjordparken", "country": "NO" }),
            StatusCode::CONFLICT,
            "provisioning.value_taken",
        ),
        (
            json!({ "name": "X", "country": "NO", "extra": 1 }),
            StatusCode::BAD_REQUEST,
            "provisioning.invalid_body",
        ),
    ];
    for (body, status, code) in cases {
        assert_eq!(
            error_code(&t, &key, "/api/provisioning/projects/p-new", body.clone()).await,
            (status, code.to_owned()),
            "{body}"
        );
    }
    assert_eq!(
        error_code(
            &t,
            &key,
            "/api/provisioning/users/u-9",
            json!({ "email": "x@nordbygg.example", "name": "X", "role": "member", "projects": ["p-none"] })
        )
        .await,
        (StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_field".to_owned())
    );
    // A user's e-mail is an address, and a name holds nothing hidden: the rule the
    // command line and a portal's token are held to.
    for (email, name) in [
        ("not-an-email", "X"),
        ("two@@nordbygg.example", "X"),
        ("lf\n@nordbygg.example", "X"),
        ("x\u{200b}@nordbygg.example", "X"),
        ("x@nordbygg.example", "X\u{202e}Y"),
        ("x@nordbygg.example", "X\tY"),
    ] {
        assert_eq!(
            error_code(
                &t,
                &key,
                "/api/provisioning/users/u-9",
                json!({ "email": email, "name": name, "role": "admin", "projects": [] })
            )
            .await,
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "request.invalid_field".to_owned()
            ),
            "{email:?} {name:?}"
        );
    }
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM users WHERE external_id = 'u-9'").await,
        0
    );
}

/// Users are unique within an organization only: another organization's portal may
/// provision an address Nordbygg uses, gets a user of its own, and learns nothing.
#[tokio::test]
async fn an_address_another_organization_uses_is_neither_a_conflict_nor_a_clue() {
    let (t, key) = portal().await;
    let other = admin::issue_api_key(&t.db, "Andre Eiendom AS", "portal")
        .await
        .unwrap();
    let user =
        |email: &str| json!({ "email": email, "name": "Siri", "role": "member", "projects": [] });
    provisioned(
        &t,
        &key,
        "/api/provisioning/users/u-7",
        user("siri@nordbygg.example"),
    )
    .await;
    assert_eq!(
        provisioned(
            &t,
            &other,
            "/api/provisioning/users/u-7",
            user("Siri@Nordbygg.example")
        )
        .await,
        counts(1, 0, 0)
    );
    assert_eq!(
        provisioned(
            &t,
            &other,
            "/api/provisioning/users/u-8",
            user("admin@nordbygg.example")
        )
        .await,
        counts(1, 0, 0),
        "a demo user's address, in the other organization"
    );
    // Within one organization an address is still one user's.
    assert_eq!(
        error_code(
            &t,
            &key,
            "/api/provisioning/users/u-8",
            user("SIRI@nordbygg.example")
        )
        .await,
        (StatusCode::CONFLICT, "provisioning.value_taken".to_owned())
    );
    let users = count(
        &t,
        "SELECT COUNT(DISTINCT organization_id) FROM users WHERE lower(email) = 'siri@nordbygg.example'",
    )
    .await;
    assert_eq!(users, 2);
}

#[tokio::test]
async fn a_portal_pulls_every_customer_and_batch_page_by_page() {
    let (t, key) = portal().await;
    provisioned(
        &t,
        &key,
        "/api/provisioning/projects/p-elv",
        json!({ "name": "Elvebredden", "country": "NO" }),
    )
    .await;
    let (_, _, body) = get(&t.router, "/api/projects", Some(&t.users.admin.token)).await;
    let projects: Vec<ProjectSummary> = serde_json::from_slice(&body).unwrap();
    let project = projects
        .iter()
        .find(|p| p.name == "Elvebredden")
        .unwrap()
        .id;
    let rows: Vec<ImportRow> = (0..1_001u64)
        .map(|i| ImportRow {
            row: i + 2,
            values: BTreeMap::from([
                ("name".to_owned(), format!("Kunde {i}")),
                ("email".to_owned(), format!("kunde{i}@example.no")),
            ]),
        })
        .collect();
    let chunk = ImportChunk {
        batch_id: None,
        create_missing_groups: false,
        file_name: None,
        file_rows: None,
        held_back: None,
        left_out: None,
        rows,
    };
    let (status, _, _) = post_json(
        &t.router,
        &format!("/api/projects/{project}/import"),
        &t.users.admin.token,
        Some("pull"),
        serde_json::to_vec(&chunk).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // Every committed row is handed out at once, on both databases (see
    // a_committed_customer_is_pulled_at_once_while_an_earlier_import_is_still_open).
    let mut after = 0;
    let mut emails = Vec::new();
    let mut pages = 0;
    loop {
        let (status, _, body) = get(
            &t.router,
            &format!("/api/provisioning/projects/p-elv/customers?after={after}"),
            Some(&key),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let page: Value = serde_json::from_slice(&body).unwrap();
        pages += 1;
        let items = page["items"].as_array().unwrap();
        emails.extend(
            items
                .iter()
                .map(|c| c["email"].as_str().unwrap().to_owned()),
        );
        if let Some(last) = items.last() {
            after = cursor(last);
        }
        if page["next_after"].is_null() {
            break;
        }
    }
    assert_eq!(pages, 3, "500 + 500 + 1");
    let distinct: std::collections::BTreeSet<_> = emails.iter().collect();
    assert_eq!(
        (emails.len(), distinct.len()),
        (1_001, 1_001),
        "no gap, no repeat"
    );

    let (_, _, body) = get(
        &t.router,
        "/api/provisioning/projects/p-elv/batches",
        Some(&key),
    )
    .await;
    let batches: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(batches["items"][0]["created"], 1_001);
    assert_eq!(batches["items"][0]["user_email"], t.users.admin.email);
    assert_eq!(batches["next_after"], Value::Null);
    // Another organization's key finds no such project.
    let other = admin::issue_api_key(&t.db, "Andre Eiendom AS", "portal")
        .await
        .unwrap();
    let (status, _, _) = get(
        &t.router,
        "/api/provisioning/projects/p-elv/customers",
        Some(&other),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_project_declares_its_own_fields_which_the_schema_offers_and_the_import_checks() {
    let (t, key) = portal().await;
    let uri = "/api/provisioning/projects/p-elv";
    let project =
        json!({ "name": "Elvebredden", "country": "NO", "custom_fields": housing_fields() });
    assert_eq!(
        provisioned(&t, &key, uri, project.clone()).await,
        counts(1, 0, 0)
    );
    assert_eq!(provisioned(&t, &key, uri, project).await, counts(0, 0, 1));

    // Declarations that could not be used are refused, and the project keeps its own.
    let bad_pattern = json!({ "name": "Elvebredden", "country": "NO", "custom_fields": [
        { "name": "parking", "label": "P", "type": "pattern", "pattern": "P-[0-9", "example": "P-1" }] });
    assert_eq!(
        error_code(&t, &key, uri, bad_pattern).await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "provisioning.invalid_custom_fields".to_owned()
        )
    );
    let unknown_type = json!({ "name": "Elvebredden", "country": "NO", "custom_fields": [
        { "name": "x", "label": "X", "type": "money" }] });
    assert_eq!(
        error_code(&t, &key, uri, unknown_type).await,
        (
            StatusCode::BAD_REQUEST,
            "provisioning.invalid_body".to_owned()
        )
    );

    let token = &t.users.admin.token;
    let id = crate::common::project_id(&t, token, "Elvebredden").await;
    let (status, _, body) = get(
        &t.router,
        &format!("/api/projects/{id}/schema"),
        Some(token),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let schema: ImportSchema = serde_json::from_slice(&body).unwrap();
    let own: Vec<(&str, bool)> = schema
        .fields
        .iter()
        .filter(|f| f.is_custom())
        .map(|f| (f.key.as_str(), f.required))
        .collect();
    assert_eq!(
        own,
        [
            ("custom.parking", false),
            ("custom.move_in", true),
            ("custom.area", false),
            ("custom.contract", false),
            ("custom.note", false),
        ]
    );
    assert_eq!(
        Language::Fi.field_label(&schema.fields[schema.fields.len() - 5]),
        "Autopaikka"
    );

    let row = |n: u64, values: &[(&str, &str)]| ImportRow {
        row: n,
        values: values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .chain([("name".to_owned(), format!("Kunde {n}"))])
            .collect(),
    };
    let chunk = ImportChunk {
        batch_id: None,
        create_missing_groups: false,
        file_name: None,
        file_rows: None,
        held_back: None,
        left_out: None,
        rows: vec![
            row(
                2,
                &[
                    ("custom.parking", "P-012"),
                    ("custom.move_in", "2027-05-01"),
                    ("custom.area", "74.5"),
                    ("custom.contract", "Opsjon"),
                ],
            ),
            row(
                3,
                &[("custom.move_in", "2027-05-01"), ("custom.area", "74,5 m2")],
            ),
            row(4, &[("custom.parking", "P-12")]),
        ],
    };
    let import = format!("/api/projects/{id}/import");
    let (status, _, body) = post_json(
        &t.router,
        &import,
        token,
        Some("own"),
        serde_json::to_vec(&chunk).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let result: ImportResult = serde_json::from_slice(&body).unwrap();
    assert!(
        matches!(result.verdicts[0], Verdict::Created { row: 2, .. }),
        "{:?}",
        result.verdicts[0]
    );
    let problems = |i: usize| match &result.verdicts[i] {
        Verdict::Rejected { errors, .. } => errors
            .iter()
            .map(|e| (e.field.clone(), e.problem))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problems(1),
        [("custom.area".to_owned(), Problem::NumberInvalid)]
    );
    assert_eq!(
        problems(2),
        [
            ("custom.parking".to_owned(), Problem::PatternMismatch),
            ("custom.move_in".to_owned(), Problem::Required),
        ]
    );
    let stored: String = sqlx::query_scalar("SELECT custom_fields FROM customers")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&stored).unwrap(),
        json!({ "custom.parking": "P-012", "custom.move_in": "2027-05-01",
                "custom.area": "74.5", "custom.contract": "Opsjon" })
    );

    // A portal that pulls gets the values as an object, as the webhook sends them.
    let (status, _, body) = get(
        &t.router,
        "/api/provisioning/projects/p-elv/customers?after=0",
        Some(&key),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let page: Value = serde_json::from_slice(&body).unwrap();
    let custom: Vec<&Value> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["custom"])
        .collect();
    assert_eq!(
        custom,
        [
            &json!({ "custom.parking": "P-012", "custom.move_in": "2027-05-01",
                  "custom.area": "74.5", "custom.contract": "Opsjon" })
        ]
    );

    // A field the project does not declare is refused, not dropped.
    let stray = ImportChunk {
        rows: vec![row(5, &[("custom.nope", "x")])],
        ..chunk
    };
    let (status, _, body) = post_json(
        &t.router,
        &import,
        token,
        Some("stray"),
        serde_json::to_vec(&stray).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        serde_json::from_slice::<ApiError>(&body).unwrap().code,
        "import.unknown_field"
    );

    // The export has the project's own columns under their labels, and the values.
    let (status, _, body) = get(
        &t.router,
        &format!("/api/projects/{id}/customers.csv?lang=nb"),
        Some(token),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8_lossy(&body);
    let mut lines = csv.lines();
    let heading = lines.next().unwrap();
    assert!(
        heading.ends_with("Parkeringsplass;Innflytting;BRA;Kontrakt;Merknad"),
        "{heading}"
    );
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with("P-012;2027-05-01;74.5;Opsjon;"),
        "{csv}"
    );
}

async fn keys_request(
    t: &TestApp,
    key: &str,
    method: &str,
    uri: &str,
    body: Option<Value>,
) -> (StatusCode, Vec<u8>) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.map_or(Body::empty(), |b| Body::from(b.to_string())))
        .unwrap();
    let (status, _, body) = send(&t.router, request).await;
    (status, body)
}

/// Whether `key` opens provisioning (listing the keys is a provisioning call).
async fn opens(t: &TestApp, key: &str) -> bool {
    keys_request(t, key, "GET", "/api/provisioning/keys", None)
        .await
        .0
        == StatusCode::OK
}

async fn rotate(t: &TestApp, key: &str, overlap_hours: u32) -> (i64, String) {
    let (status, body) = keys_request(
        t,
        key,
        "POST",
        "/api/provisioning/keys",
        Some(json!({ "label": "portal-2", "overlap_hours": overlap_hours })),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let issued: Value = serde_json::from_slice(&body).unwrap();
    (
        issued["id"].as_i64().unwrap(),
        issued["key"].as_str().unwrap().to_owned(),
    )
}

/// A portal rotates its key without a gap, two keys are valid at once only while it
/// does, and a key is revoked at once, by the API or on the command line.
#[tokio::test]
async fn organization_keys_are_rotated_listed_and_revoked() {
    let (t, first) = portal().await;
    let (_, second) = rotate(&t, &first, 24).await;
    assert!(
        opens(&t, &first).await && opens(&t, &second).await,
        "both during the rotation"
    );
    let (status, body) = keys_request(&t, &second, "GET", "/api/provisioning/keys", None).await;
    assert_eq!(status, StatusCode::OK);
    let listed: Vec<Value> = serde_json::from_slice(&body).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed[0]["expires_at"].is_null() && listed[0]["valid"] == json!(true));
    assert!(listed[1]["expires_at"].is_i64() && listed[1]["valid"] == json!(true));
    assert!(
        !String::from_utf8_lossy(&body).contains(&second),
        "never the key itself"
    );

    // A second rotation ends the first key now: never three valid keys.
    let (third_id, third) = rotate(&t, &second, 24).await;
    assert!(!opens(&t, &first).await);
    assert!(opens(&t, &second).await && opens(&t, &third).await);
    // No overlap: the key rotated out ends at once.
    let (_, fourth) = rotate(&t, &third, 0).await;
    assert!(!opens(&t, &second).await && !opens(&t, &third).await);
    assert!(opens(&t, &fourth).await);

    // Revoked at once, by id; another organization's key cannot touch ours.
    let other = admin::issue_api_key(&t.db, "Andre Eiendom AS", "portal")
        .await
        .unwrap();
    let keys = admin::list_api_keys(&t.db, "Nordbygg AS").await.unwrap();
    let fourth_id = keys[0].id;
    let revoke = |id: i64| format!("/api/provisioning/keys/{id}/revoke");
    assert_eq!(
        keys_request(&t, &other, "POST", &revoke(fourth_id), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert!(opens(&t, &fourth).await);
    let (_, fifth) = rotate(&t, &fourth, 24).await;
    assert_eq!(
        keys_request(&t, &fifth, "POST", &revoke(fourth_id), None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert!(!opens(&t, &fourth).await && opens(&t, &fifth).await);
    assert!(
        admin::revoke_api_key(&t.db, "Nordbygg AS", third_id)
            .await
            .is_ok()
    );
    assert!(
        admin::revoke_api_key(&t.db, "Andre Eiendom AS", third_id)
            .await
            .is_err()
    );

    // A bad request changes nothing.
    for body in [
        json!({ "label": "" }),
        json!({ "label": "x", "overlap_hours": 169 }),
    ] {
        let (status, _) =
            keys_request(&t, &fifth, "POST", "/api/provisioning/keys", Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert!(opens(&t, &fifth).await);
}

/// The start script keeps its portal's key in a file: the same key at every start
/// while valid, a new one (replacing it) once it is not.
#[tokio::test]
async fn a_kept_key_is_reused_while_valid() {
    let (t, _) = portal().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data/portal.key");
    let kept = admin::kept_api_key(&t.db, "Nordbygg AS", "example", &file)
        .await
        .unwrap();
    assert_eq!(
        admin::kept_api_key(&t.db, "Nordbygg AS", "example", &file)
            .await
            .unwrap(),
        kept
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let id = admin::list_api_keys(&t.db, "Nordbygg AS").await.unwrap()[0].id;
    admin::revoke_api_key(&t.db, "Nordbygg AS", id)
        .await
        .unwrap();
    let renewed = admin::kept_api_key(&t.db, "Nordbygg AS", "example", &file)
        .await
        .unwrap();
    assert_ne!(renewed, kept);
    assert!(opens(&t, &renewed).await);
}

/// Elvebredden provisioned by the portal; its id in the import API.
async fn elvebredden(t: &TestApp, key: &str) -> i64 {
    provisioned(
        t,
        key,
        "/api/provisioning/projects/p-elv",
        json!({ "name": "Elvebredden", "country": "NO" }),
    )
    .await;
    let (_, _, body) = get(&t.router, "/api/projects", Some(&t.users.admin.token)).await;
    let projects: Vec<ProjectSummary> = serde_json::from_slice(&body).unwrap();
    projects
        .iter()
        .find(|p| p.name == "Elvebredden")
        .unwrap()
        .id
}

/// Customers `first` to `first + count` imported by the admin, into `batch` if given.
async fn import_rows(
    router: &axum::Router,
    token: &str,
    project: i64,
    batch: Option<i64>,
    first: u64,
    count: u64,
) -> ImportResult {
    let rows: Vec<ImportRow> = (first..first + count)
        .map(|i| ImportRow {
            row: i + 2,
            values: BTreeMap::from([
                ("name".to_owned(), format!("Kunde {i}")),
                ("email".to_owned(), format!("kunde{i}@example.no")),
                ("external_id".to_owned(), format!("K-{i}")),
            ]),
        })
        .collect();
    let chunk = ImportChunk {
        batch_id: batch,
        create_missing_groups: false,
        file_name: None,
        file_rows: None,
        held_back: None,
        left_out: None,
        rows,
    };
    let (status, _, body) = post_json(
        router,
        &format!("/api/projects/{project}/import"),
        token,
        Some(&format!("rows-{first}-{count}")),
        serde_json::to_vec(&chunk).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

/// Where a pull portal goes on from after `item`.
fn cursor(item: &Value) -> i64 {
    item["sequence"].as_i64().unwrap()
}

/// Every item of the p-elv `feed` after `after`, page by page; the cursor to go on from.
async fn pull(t: &TestApp, key: &str, feed: &str, mut after: i64) -> (Vec<Value>, i64) {
    let mut items = Vec::new();
    loop {
        let (status, _, body) = get(
            &t.router,
            &format!("/api/provisioning/projects/p-elv/{feed}?after={after}"),
            Some(key),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let page: Value = serde_json::from_slice(&body).unwrap();
        let got = page["items"].as_array().unwrap();
        if let Some(last) = got.last() {
            after = cursor(last);
        }
        items.extend(got.iter().cloned());
        if page["next_after"].is_null() {
            return (items, after);
        }
    }
}

fn created(result: &ImportResult) -> Vec<i64> {
    result
        .verdicts
        .iter()
        .filter_map(|v| match v {
            Verdict::Created { customer_id, .. } => Some(*customer_id),
            Verdict::Rejected { .. } => None,
        })
        .collect()
}

fn emails(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|c| c["email"].as_str().unwrap().to_owned())
        .collect()
}

/// Issue 25: a customer is pulled as soon as its import committed, while an import
/// that took lower ids is still open (PostgreSQL: the test holds that import's batch
/// row, so it waits just before it commits); that import's customers come once it
/// has committed, and the cursor passes over none of them. SQLite has one writer, so
/// there the imports can only follow each other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_committed_customer_is_pulled_at_once_while_an_earlier_import_is_still_open() {
    let (t, key) = portal().await;
    let project = elvebredden(&t, &key).await;
    let token = t.users.admin.token.clone();
    let long = import_rows(&t.router, &token, project, None, 0, 1).await;
    let (items, after) = pull(&t, &key, "customers", 0).await;
    assert_eq!(emails(&items), ["kunde0@example.no"]);

    let postgres = t.db.backend == Backend::Postgres;
    let mut holding = None;
    let mut open = None;
    if postgres {
        // The long import's next chunk inserts its rows, then waits for its batch.
        let mut tx = t.db.pool.begin().await.unwrap();
        // As an UPDATE locks it: the chunk's inserts (their foreign key) still pass.
        sqlx::query("SELECT id FROM import_batches WHERE id = $1 FOR NO KEY UPDATE")
            .bind(long.batch_id)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        holding = Some(tx);
        let (router, token) = (t.router.clone(), token.clone());
        open = Some(tokio::spawn(async move {
            import_rows(&router, &token, project, Some(long.batch_id), 100, 50).await
        }));
        crate::common::process::until(30, "the long import to wait for its batch", async || {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM pg_stat_activity
                 WHERE wait_event_type = 'Lock' AND datname = current_database()",
            )
            .fetch_one(&t.db.pool)
            .await
            .unwrap()
                > 0
        })
        .await;
    }
    let short = import_rows(&t.router, &token, project, None, 1_000, 3).await;
    let (items, after) = pull(&t, &key, "customers", after).await;
    assert_eq!(
        emails(&items),
        [
            "kunde1000@example.no",
            "kunde1001@example.no",
            "kunde1002@example.no"
        ],
        "committed rows are handed out while the long import is open"
    );

    let held = if let (Some(tx), Some(open)) = (holding, open) {
        tx.commit().await.unwrap();
        open.await.unwrap()
    } else {
        import_rows(&t.router, &token, project, Some(long.batch_id), 100, 50).await
    };
    if postgres {
        // The case a cursor on ids would pass over: lower ids, committed later.
        assert!(created(&held).into_iter().max() < created(&short).into_iter().min());
    }
    let (items, _) = pull(&t, &key, "customers", after).await;
    let expected: Vec<String> = (100..150).map(|i| format!("kunde{i}@example.no")).collect();
    let mut got = emails(&items);
    got.sort_by_key(|e| {
        e.trim_start_matches("kunde")
            .split('@')
            .next()
            .unwrap()
            .parse::<u32>()
            .unwrap()
    });
    assert_eq!(
        got, expected,
        "the long import's rows come after it committed, none passed over"
    );
}

/// Issue 25, defect 4: after an undo a pull portal learns which customers were
/// removed (the removals feed, from its cursor), the customers feed no longer lists
/// them, and the batches page says the import was undone and how many it removed.
#[tokio::test]
async fn a_pull_portal_learns_of_an_undo() {
    let (t, key) = portal().await;
    let project = elvebredden(&t, &key).await;
    let token = t.users.admin.token.clone();
    let undone = import_rows(&t.router, &token, project, None, 0, 3).await;
    import_rows(&t.router, &token, project, None, 10, 2).await;
    let (before, _) = pull(&t, &key, "customers", 0).await;
    assert_eq!(before.len(), 5);
    let (removals, after_removals) = pull(&t, &key, "removals", 0).await;
    assert!(removals.is_empty());

    let (status, _, body) = post_json(
        &t.router,
        &format!("/api/projects/{project}/imports/{}/undo", undone.batch_id),
        &token,
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));

    let (removals, _) = pull(&t, &key, "removals", after_removals).await;
    let removed: Vec<(i64, Option<&str>, i64)> = removals
        .iter()
        .map(|r| {
            (
                r["customer_id"].as_i64().unwrap(),
                r["external_id"].as_str(),
                r["batch_id"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut expected: Vec<(i64, Option<&str>, i64)> = created(&undone)
        .iter()
        .zip(["K-0", "K-1", "K-2"])
        .map(|(id, number)| (*id, Some(number), undone.batch_id))
        .collect();
    expected.sort_unstable();
    let mut removed_sorted = removed.clone();
    removed_sorted.sort_unstable();
    assert_eq!(removed_sorted, expected);
    let newest_customer = before.iter().map(cursor).max().unwrap();
    assert!(
        removals.iter().all(|r| cursor(r) > newest_customer),
        "a removal comes after the creation it undoes"
    );
    let (now, _) = pull(&t, &key, "customers", 0).await;
    assert_eq!(emails(&now), ["kunde10@example.no", "kunde11@example.no"]);

    let (batches, _) = pull(&t, &key, "batches", 0).await;
    let batch = batches
        .iter()
        .rev()
        .find(|b| b["id"] == undone.batch_id)
        .unwrap();
    assert_eq!(batch["created"], 3);
    assert_eq!(batch["removed"], 3);
    assert!(batch["undone_at"].is_i64(), "{batch}");
}
