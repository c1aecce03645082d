//! A portal's developers generate their client from `/api/openapi.json`: Schemathesis
//! (pinned in scripts/setup.sh) sends the server requests made from that document and
//! checks every answer against it: no server error, and no status, content type,
//! header or body the document does not describe; for the user-facing operations also
//! that every request valid by the document is accepted (not for saving a shared
//! mapping, whose checks the document cannot express). Provisioning runs with an
//! organization key. Before that, openapi-spec-validator (pinned in scripts/setup.sh
//! too) checks that the served document is valid OpenAPI 3.1, which a generator needs
//! before anything else. A missing tool fails its test.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use customer_import_server::{Db, Server, Settings, admin};

const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_headers_conformance,response_schema_conformance";

/// A program scripts/setup.sh installed from PyPI into the tools folder.
pub fn tool(venv_and_program: &str, what: &str) -> PathBuf {
    let tools = std::env::var("CUSTOMER_IMPORT_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/customer-import")
        });
    let program = tools.join(venv_and_program);
    assert!(
        program.exists(),
        "{} is missing: run scripts/setup.sh --test (installs {what} from PyPI)",
        program.display()
    );
    program
}

fn schemathesis() -> PathBuf {
    tool("schemathesis/bin/st", "Schemathesis")
}

/// The document as served is valid OpenAPI 3.1 by openapi-spec-validator: every
/// parameter where it really is (a query parameter declared in the path is an error),
/// every reference resolving, the webhooks section well formed.
#[tokio::test]
async fn the_served_document_is_valid_openapi() {
    let validator = tool(
        "openapi-spec-validator/bin/openapi-spec-validator",
        "openapi-spec-validator",
    );
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("document.db").display());
    let server = Server::prepare(&Settings::new("127.0.0.1:0".parse().unwrap(), url))
        .await
        .unwrap();
    let base = format!("http://{}", server.local_addr().unwrap());
    tokio::spawn(server.serve(std::future::pending()));
    let served = reqwest::get(format!("{base}/api/openapi.json"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, served).unwrap();
    let output = tokio::process::Command::new(validator)
        .arg(&file)
        .output()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "not valid OpenAPI:\n{text}");
    assert!(text.contains("OK"), "{text}");
}

async fn run(st: &PathBuf, base: &str, token: &str, paths: &str, checks: &str) -> String {
    let config = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/server/schemathesis.toml"
    );
    let output = tokio::process::Command::new(st)
        .args([
            "--config-file",
            config,
            "run",
            &format!("{base}/api/openapi.json"),
            "-H",
            &format!("Authorization: Bearer {token}"),
            "--include-path-regex",
            paths,
            "--checks",
            checks,
            "--max-examples",
            "25",
            "--seed",
            "20261130",
            "--request-timeout",
            "30",
            "--no-color",
        ])
        .env("SCHEMATHESIS_HOOKS", "")
        .output()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "Schemathesis found problems:\n{text}"
    );
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_is_described_by_the_openapi_document() {
    let st = schemathesis();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("conformance.db").display());
    let server = Server::prepare(&Settings {
        demo: true,
        ..Settings::new("127.0.0.1:0".parse().unwrap(), url.clone())
    })
    .await
    .unwrap();
    let base = format!("http://{}", server.local_addr().unwrap());
    let token = server.demo.as_ref().unwrap().admin.token.clone();
    let key = admin::issue_api_key(&Db::connect(&url).await.unwrap(), "Nordbygg AS", "st")
        .await
        .unwrap();
    tokio::spawn(server.serve(std::future::pending()));

    let everything = format!("{CHECKS},positive_data_acceptance");
    let user = run(
        &st,
        &base,
        &token,
        "^/(healthz|api/(me|projects|openapi))",
        &everything,
    )
    .await;
    // Every operation of each part was tried: 11 for users, 2 for shared mappings, 11
    // for provisioning and 3 for its keys.
    assert!(user.contains("Tested: 11"), "{user}");
    // A mapping valid by the document may still be refused (422): its signature must
    // be its headings', its columns among them, which JSON Schema cannot say.
    let mappings = run(&st, &base, &token, "^/api/mappings/", CHECKS).await;
    assert!(mappings.contains("Tested: 2"), "{mappings}");
    let portal = run(&st, &base, &key, "^/api/provisioning/(?!keys)", CHECKS).await;
    assert!(portal.contains("Tested: 11"), "{portal}");
    // Rotating or revoking keys ends the key the run calls with: its own key, last.
    let rotated = run(&st, &base, &key, "^/api/provisioning/keys", CHECKS).await;
    assert!(rotated.contains("Tested: 3"), "{rotated}");
}
