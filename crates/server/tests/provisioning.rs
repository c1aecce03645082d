//! The portal's backend provisions its organization by its own ids, signed with an
//! organization API key: sending the same calls twice changes nothing the second
//! time, archived things refuse new rows, and a key reaches only its organization.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use common::{TestApp, get, post_json, send, test_app};
use customer_import_domain::{
    texts::Language,
    validate::Problem,
    wire::{ApiError, ImportChunk, ImportResult, ImportRow, ImportSchema, ProjectSummary, Verdict},
};
use customer_import_server::{admin, db::Backend, provisioning::Provisioned};
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

    // Rows old enough to be handed out, but one, committed a moment ago with a lower
    // id than rows already there (a long import on PostgreSQL): pages stop before it
    // there, and go on once it has settled. SQLite sees ids in order and never waits.
    let postgres = t.db.backend == Backend::Postgres;
    let age = |minutes: i64| {
        if postgres {
            format!("CAST(now() - INTERVAL '{minutes} minutes' AS TEXT)")
        } else {
            format!("datetime('now', '-{minutes} minutes')")
        }
    };
    for table in ["customers", "import_batches"] {
        sqlx::query(&format!("UPDATE {table} SET created_at = {}", age(10)))
            .execute(&t.db.pool)
            .await
            .unwrap();
    }
    let recent = "(SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET 599)";
    sqlx::query(&format!(
        "UPDATE customers SET created_at = {} WHERE id = {recent}",
        age(0)
    ))
    .execute(&t.db.pool)
    .await
    .unwrap();

    let mut after = 0;
    let mut emails = Vec::new();
    let mut pages = 0;
    let read = |after: i64| {
        let router = t.router.clone();
        let key = key.clone();
        async move {
            let (status, _, body) = get(
                &router,
                &format!("/api/provisioning/projects/p-elv/customers?after={after}"),
                Some(&key),
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            serde_json::from_slice::<Value>(&body).unwrap()
        }
    };
    loop {
        let page = read(after).await;
        pages += 1;
        let items = page["items"].as_array().unwrap();
        emails.extend(
            items
                .iter()
                .map(|c| c["email"].as_str().unwrap().to_owned()),
        );
        if let Some(last) = items.last() {
            after = last["id"].as_i64().unwrap();
        }
        if page["next_after"].is_null() {
            break;
        }
    }
    if postgres {
        assert_eq!(
            (pages, emails.len()),
            (2, 599),
            "stopped before the recent row"
        );
        sqlx::query(&format!(
            "UPDATE customers SET created_at = {} WHERE id = {recent}",
            age(10)
        ))
        .execute(&t.db.pool)
        .await
        .unwrap();
        let rest = read(after).await;
        emails.extend(
            rest["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["email"].as_str().unwrap().to_owned()),
        );
    } else {
        assert_eq!(pages, 3, "500 + 500 + 1");
    }
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
    let id = common::project_id(&t, token, "Elvebredden").await;
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

    // A portal that pulls gets the values as an object, as the webhook sends them
    // (on PostgreSQL once a row has settled: the row is made older).
    if t.db.backend == Backend::Postgres {
        sqlx::query(
            "UPDATE customers SET created_at = CAST(now() - INTERVAL '10 minutes' AS TEXT)",
        )
        .execute(&t.db.pool)
        .await
        .unwrap();
    }
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
