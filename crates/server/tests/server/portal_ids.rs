//! The portal's own ids everywhere (issue 30, point 2): provisioning answers our ids
//! next to the portal's, the project list shows the portal's, every project route takes
//! `portal:<id>` where it takes ours, custom values come keyed by their declared names,
//! and the deliveries list takes an event's id as the events carry it.

use axum::http::StatusCode;
use customer_import_domain::wire::{ImportResult, ImportSchema, ProjectSummary};
use customer_import_server::{
    admin,
    portal::provisioning::{Provisioned, ProvisionedId},
};
use serde_json::{Value, json};

use crate::common::{TestApp, chunk, created_ids, row, test_app};

/// A server, the key of its demo organization's portal, and another organization's.
async fn portals() -> (TestApp, String, String) {
    let t = test_app(None).await;
    let key = admin::issue_api_key(&t.db, "Nordbygg AS", "portal")
        .await
        .unwrap();
    let other = admin::issue_api_key(&t.db, "Andre Eiendom AS", "portal")
        .await
        .unwrap();
    (t, key, other)
}

fn ids(p: &Provisioned) -> Vec<(&str, i64)> {
    p.ids.iter().map(|i| (i.portal_id.as_str(), i.id)).collect()
}

#[tokio::test]
async fn every_provisioning_answer_names_our_ids_next_to_the_portals() {
    let (t, key, _) = portals().await;
    let org = t.client(&key);
    let project = org
        .provision(
            "/api/provisioning/projects/p-elv",
            &json!({ "name": "Elvebredden", "country": "NO",
                     "custom_fields": [{ "name": "areal", "label": "Areal", "type": "number" }] }),
        )
        .await
        .unwrap();
    let ours = t
        .count("SELECT id FROM projects WHERE external_id = 'p-elv'")
        .await;
    assert_eq!(ids(&project), [("p-elv", ours)]);
    // Sent again, the same ids.
    let again = org
        .provision(
            "/api/provisioning/projects/p-elv",
            &json!({ "name": "Elvebredden", "country": "NO",
                     "custom_fields": [{ "name": "areal", "label": "Areal", "type": "number" }] }),
        )
        .await
        .unwrap();
    assert_eq!((again.unchanged, ids(&again)), (1, vec![("p-elv", ours)]));

    let units = org
        .provision(
            "/api/provisioning/projects/p-elv/units",
            &json!({ "units": [{ "code": "A-1" }, { "code": "A-2" }] }),
        )
        .await
        .unwrap();
    let unit_ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM units WHERE project_id = $1 ORDER BY code")
            .bind(ours)
            .fetch_all(&t.db.pool)
            .await
            .unwrap();
    assert_eq!(ids(&units), [("A-1", unit_ids[0]), ("A-2", unit_ids[1])]);

    let user = org
        .provision(
            "/api/provisioning/users/u-7",
            &json!({ "email": "siri@nordbygg.example", "name": "Siri", "role": "member",
                     "projects": ["p-elv"] }),
        )
        .await
        .unwrap();
    let user_id = t
        .count("SELECT id FROM users WHERE external_id = 'u-7'")
        .await;
    assert_eq!(ids(&user), [("u-7", user_id)]);

    let groups = org
        .provision(
            "/api/provisioning/groups",
            &json!({ "groups": [{ "name": "Kjøper" }] }),
        )
        .await
        .unwrap();
    let group_id = t
        .count("SELECT id FROM customer_groups WHERE name = 'Kjøper'")
        .await;
    assert_eq!(
        groups.ids,
        [ProvisionedId {
            portal_id: "Kjøper".into(),
            id: group_id
        }]
    );
    let types = org
        .provision(
            "/api/provisioning/company-types",
            &json!({ "types": [{ "key": "supplier", "name_nb": "Leverandør", "name_fi": "Toimittaja",
                                 "name_en": "Supplier", "name_sv": "Leverantör" }] }),
        )
        .await
        .unwrap();
    let type_id = t
        .count("SELECT id FROM company_types WHERE key = 'supplier'")
        .await;
    assert_eq!(ids(&types), [("supplier", type_id)]);
}

#[tokio::test]
async fn a_project_is_reached_by_the_portals_id_as_by_ours() {
    let (t, key, other) = portals().await;
    let org = t.client(&key);
    let body = json!({ "name": "Elvebredden", "country": "NO",
                       "custom_fields": [{ "name": "areal", "label": "Areal", "type": "number" }] });
    let ours = org
        .provision("/api/provisioning/projects/p-elv", &body)
        .await
        .unwrap()
        .ids[0]
        .id;
    // The other organization has a project of the same portal id: never reached by us.
    t.client(&other)
        .provision("/api/provisioning/projects/p-elv", &body)
        .await
        .unwrap();
    let admin = t.admin();

    // The list says the portal's id beside ours; a project made here has none.
    let projects: Vec<ProjectSummary> = admin.projects().await.unwrap();
    let elv = projects.iter().find(|p| p.id == ours).unwrap();
    assert_eq!(elv.portal_id.as_deref(), Some("p-elv"));
    assert!(
        projects
            .iter()
            .filter(|p| p.id != ours)
            .all(|p| p.portal_id.is_none())
    );

    let by_ours: ImportSchema = admin
        .get(&format!("/api/projects/{ours}/schema"))
        .await
        .unwrap();
    let by_portal: ImportSchema = admin
        .get("/api/projects/portal:p-elv/schema")
        .await
        .unwrap();
    assert_eq!(by_portal, by_ours);
    assert_eq!(by_portal.project.id, ours);
    // Percent-encoded as a path segment takes any id.
    let encoded: ImportSchema = admin
        .get("/api/projects/portal%3Ap-elv/schema")
        .await
        .unwrap();
    assert_eq!(encoded.project.id, ours);

    // An import by the portal's id lands in our project; its history reads either way.
    let result: ImportResult = admin
        .post(
            "/api/projects/portal:p-elv/import",
            Some("portal-id-import"),
            &chunk(vec![row(2, &[("name", "Kari"), ("custom.areal", "74,5")])]),
        )
        .await
        .unwrap();
    assert_eq!(created_ids(&result).len(), 1);
    assert_eq!(
        t.count_with("SELECT COUNT(*) FROM customers WHERE project_id = $1", ours)
            .await,
        1
    );
    let page: Value = admin
        .get("/api/projects/portal:p-elv/imports")
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);

    for (uri, refused) in [
        ("/api/projects/portal:nope/schema", StatusCode::NOT_FOUND),
        ("/api/projects/portal:/schema", StatusCode::NOT_FOUND),
        ("/api/projects/p-elv/schema", StatusCode::NOT_FOUND),
    ] {
        assert_eq!(
            admin.get::<Value>(uri).await.unwrap_err(),
            (refused, "not_found"),
            "{uri}"
        );
    }
    // The same portal id in another organization names that organization's project.
    let sven = t.client(&t.users.other_admin.token);
    let theirs: ImportSchema = sven.get("/api/projects/portal:p-elv/schema").await.unwrap();
    assert_ne!(theirs.project.id, ours);
    assert_eq!(theirs.project.portal_id.as_deref(), Some("p-elv"));
    // A member reaches by the portal's id only what they handle.
    let kari = t.client(&t.users.case_handler.token);
    assert_eq!(
        kari.get::<Value>("/api/projects/portal:p-elv/schema")
            .await
            .unwrap_err(),
        (StatusCode::FORBIDDEN, "auth.forbidden")
    );
}

#[tokio::test]
async fn custom_values_come_keyed_by_their_declared_names_and_events_by_their_ids() {
    let (t, key, _) = portals().await;
    let org = t.client(&key);
    org.provision(
        "/api/provisioning/projects/p-elv",
        &json!({ "name": "Elvebredden", "country": "NO",
                 "custom_fields": [{ "name": "areal", "label": "Areal", "type": "number" }] }),
    )
    .await
    .unwrap();
    // A webhook, so the import writes an event (sent or not, it is listed).
    sqlx::query(
        "UPDATE organizations SET webhook_url = 'https://portal.example/hook',
                webhook_secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
         WHERE name = 'Nordbygg AS'",
    )
    .execute(&t.db.pool)
    .await
    .unwrap();
    let admin = t.admin();
    admin
        .post::<ImportResult>(
            "/api/projects/portal:p-elv/import",
            Some("areal"),
            &chunk(vec![row(2, &[("name", "Kari"), ("custom.areal", "74,5")])]),
        )
        .await
        .unwrap();

    // The pull API.
    let page: Value = org
        .get("/api/provisioning/projects/p-elv/customers?after=0")
        .await
        .unwrap();
    assert_eq!(page["items"][0]["custom"], json!({ "areal": "74.5" }));

    // The webhook's payload, as it will be sent.
    let payload: String =
        sqlx::query_scalar("SELECT payload FROM outbox_events ORDER BY id LIMIT 1")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    let payload: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(
        payload["customers"][0]["custom"],
        json!({ "areal": "74.5" }),
        "{payload}"
    );

    // The deliveries list takes the event's id as the events carry it.
    let events: Vec<Value> = org.get("/api/provisioning/deliveries").await.unwrap();
    let id = events[0]["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("evt_"), "{id}");
    let after_prefixed: Vec<Value> = org
        .get(&format!("/api/provisioning/deliveries?after={id}"))
        .await
        .unwrap();
    let after_number: Vec<Value> = org
        .get(&format!(
            "/api/provisioning/deliveries?after={}",
            id.trim_start_matches("evt_")
        ))
        .await
        .unwrap();
    assert_eq!(after_prefixed, after_number);
    assert_eq!(
        org.get::<Value>("/api/provisioning/deliveries?after=evt_x")
            .await
            .unwrap_err(),
        (StatusCode::BAD_REQUEST, "provisioning.invalid_query")
    );
}
