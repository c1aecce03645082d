//! Setting up accounts from the command line, then using them through the API.
#![allow(clippy::unwrap_used)]

use crate::common::{fresh_database, get, project_names};
use axum::http::StatusCode;
use customer_import_server::{
    AppState, Db,
    admin::{self, AdminError, UserRole},
    app,
};

const ORG: &str = "Rakennus Oy";

#[tokio::test]
async fn accounts_made_by_the_admin_functions_follow_the_access_rules() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&fresh_database(&dir).await).await.unwrap();
    admin::create_organization(&db, ORG).await.unwrap();
    admin::create_user(
        &db,
        ORG,
        "pomo@rakennus.example",
        "Pia Pomo",
        UserRole::Admin,
    )
    .await
    .unwrap();
    admin::create_user(
        &db,
        ORG,
        "kasittelija@rakennus.example",
        "Kalle",
        UserRole::Member,
    )
    .await
    .unwrap();
    admin::create_project(&db, ORG, "Koivukoti", "fi")
        .await
        .unwrap();
    admin::create_project(&db, ORG, "Rantala", "FI")
        .await
        .unwrap();
    let codes = ["A 1", "A 2", "A 1"].map(String::from);
    assert_eq!(
        admin::add_units(&db, ORG, "Koivukoti", &codes)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        admin::add_units(&db, ORG, "Koivukoti", &codes)
            .await
            .unwrap(),
        0
    );
    admin::assign_case_handler(&db, ORG, "Koivukoti", "KASITTELIJA@rakennus.example")
        .await
        .unwrap();
    let boss = admin::issue_token(&db, None, "pomo@rakennus.example", "test", None)
        .await
        .unwrap();
    let handler = admin::issue_token(&db, None, "kasittelija@rakennus.example", "test", None)
        .await
        .unwrap();

    let router = app(AppState::new(db.clone()), None);
    let (_, _, body) = get(&router, "/api/projects", Some(&boss)).await;
    assert_eq!(project_names(&body), ["Koivukoti", "Rantala"]);
    let (_, _, body) = get(&router, "/api/projects", Some(&handler)).await;
    assert_eq!(project_names(&body), ["Koivukoti"]);
    // New organizations start with the default company types.
    let types: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM company_types")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(types, 4);

    assert_eq!(
        admin::revoke_tokens(&db, None, "kasittelija@rakennus.example")
            .await
            .unwrap(),
        1
    );
    let (status, _, _) = get(&router, "/api/projects", Some(&handler)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn mistakes_are_named_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&fresh_database(&dir).await).await.unwrap();
    admin::create_organization(&db, ORG).await.unwrap();
    admin::create_organization(&db, "Toinen Oy").await.unwrap();
    admin::create_user(
        &db,
        "Toinen Oy",
        "muu@toinen.example",
        "Muu",
        UserRole::Member,
    )
    .await
    .unwrap();
    admin::create_project(&db, ORG, "Koivukoti", "FI")
        .await
        .unwrap();

    let err = |e: AdminError| e.to_string();
    assert_eq!(
        err(admin::create_organization(&db, ORG).await.unwrap_err()),
        "an organization named \"Rakennus Oy\" exists already"
    );
    assert!(matches!(
        admin::create_organization(&db, "  ").await,
        Err(AdminError::EmptyName)
    ));
    assert_eq!(
        err(
            admin::create_user(&db, "Nobody", "a@b.example", "A", UserRole::Admin)
                .await
                .unwrap_err()
        ),
        "there is no organization named \"Nobody\""
    );
    assert!(matches!(
        admin::create_user(&db, ORG, "not-an-address", "A", UserRole::Admin).await,
        Err(AdminError::BadEmail(_))
    ));
    assert!(matches!(
        admin::create_user(&db, "Toinen Oy", "MUU@toinen.example", "A", UserRole::Admin).await,
        Err(AdminError::UserExists(_))
    ));

    assert_eq!(
        err(admin::create_project(&db, ORG, "Uusi", "DK")
            .await
            .unwrap_err()),
        "the country must be NO, FI or SE, not \"DK\""
    );
    assert!(matches!(
        admin::create_project(&db, ORG, "Koivukoti", "FI").await,
        Err(AdminError::ProjectExists { .. })
    ));
    assert!(matches!(
        admin::add_units(&db, ORG, "Muu", &["A 1".to_owned()]).await,
        Err(AdminError::NoProject { .. })
    ));
    // One empty code refuses the whole list.
    assert!(matches!(
        admin::add_units(&db, ORG, "Koivukoti", &["B 1".to_owned(), " ".to_owned()]).await,
        Err(AdminError::EmptyName)
    ));
    assert!(matches!(
        admin::assign_case_handler(&db, ORG, "Koivukoti", "muu@toinen.example").await,
        Err(AdminError::OtherOrganization { .. })
    ));
    assert!(matches!(
        admin::issue_token(&db, None, "ghost@nowhere.example", "x", None).await,
        Err(AdminError::NoUser(_))
    ));

    let count = |table: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&db.pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(count("organizations").await, 2);
    assert_eq!(count("users").await, 1);
    assert_eq!(count("projects").await, 1);
    assert_eq!(count("units").await, 0);
    assert_eq!(count("project_case_handlers").await, 0);
    assert_eq!(count("api_tokens").await, 0);
}

/// An address is one user's within an organization only: the same person working for
/// two organizations is a user in each, named by organization where it matters.
#[tokio::test]
async fn an_address_is_unique_within_an_organization_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&fresh_database(&dir).await).await.unwrap();
    for org in [ORG, "Toinen Oy"] {
        admin::create_organization(&db, org).await.unwrap();
        admin::create_user(&db, org, "Muu@toinen.example", "Muu", UserRole::Member)
            .await
            .unwrap();
    }
    assert!(matches!(
        admin::issue_token(&db, None, "muu@toinen.example", "x", None).await,
        Err(AdminError::AmbiguousUser(_))
    ));
    admin::issue_token(&db, Some("Toinen Oy"), "muu@toinen.example", "x", None)
        .await
        .unwrap();
    assert_eq!(
        admin::revoke_tokens(&db, Some("Toinen Oy"), "MUU@toinen.example")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        admin::revoke_tokens(&db, Some(ORG), "muu@toinen.example")
            .await
            .unwrap(),
        0
    );
}

/// The installed binary, as an operator runs it.
#[tokio::test]
async fn the_command_line_sets_up_a_working_account() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_customer-import-server"))
            .args(args)
            .args(["--database-url", &url])
            .env_remove("DATABASE_URL")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8(out.stdout).unwrap().trim().to_owned(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let ok = |args: &[&str]| {
        let (success, stdout, stderr) = run(args);
        assert!(success, "{args:?}: {stderr}");
        stdout
    };
    assert!(ok(&["create-organization", ORG]).starts_with("created organization"));
    ok(&[
        "create-user",
        "--organization",
        ORG,
        "--email",
        "kasittelija@rakennus.example",
        "--name",
        "Kalle",
    ]);
    ok(&[
        "create-project",
        "--organization",
        ORG,
        "--name",
        "Koivukoti",
        "--country",
        "FI",
    ]);
    assert_eq!(
        ok(&[
            "add-units",
            "--organization",
            ORG,
            "--project",
            "Koivukoti",
            "A 1",
            "A 2"
        ]),
        "added 2 of 2 units to Koivukoti"
    );
    ok(&[
        "assign-case-handler",
        "--organization",
        ORG,
        "--project",
        "Koivukoti",
        "--user",
        "kasittelija@rakennus.example",
    ]);
    let token = ok(&["issue-token", "--user", "kasittelija@rakennus.example"]);
    assert!(token.starts_with("cit_"), "{token}");

    // The portal's key: kept in a file across starts, listed, revoked.
    let key_file = dir.path().join("portal.key");
    let keep = ["issue-api-key", "--organization", ORG, "--keep-in"];
    let key = ok(&[&keep[..], &[key_file.to_str().unwrap()]].concat());
    assert!(key.starts_with("cik_"), "{key}");
    assert_eq!(
        ok(&[&keep[..], &[key_file.to_str().unwrap()]].concat()),
        key
    );
    let listed = ok(&["list-api-keys", "--organization", ORG]);
    assert!(
        listed.starts_with("1\tportal\tmade ") && listed.ends_with("\tvalid"),
        "{listed}"
    );
    assert_eq!(
        ok(&["revoke-api-key", "--organization", ORG, "--id", "1"]),
        format!("revoked API key 1 of {ORG}")
    );
    assert!(ok(&["list-api-keys", "--organization", ORG]).contains("\trevoked "));
    assert!(!run(&["revoke-api-key", "--organization", ORG, "--id", "9"]).0);

    let (success, _, stderr) = run(&[
        "create-project",
        "--organization",
        ORG,
        "--name",
        "X",
        "--country",
        "DK",
    ]);
    assert!(!success);
    assert!(
        stderr.contains("the country must be NO, FI or SE"),
        "{stderr}"
    );

    let db = Db::connect(&url).await.unwrap();
    let router = app(AppState::new(db), None);
    let (status, _, body) = get(&router, "/api/projects", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(project_names(&body), ["Koivukoti"]);
}

/// An operator's `--help` or a failed start never shows the database's password, be
/// the URL given by variable or by flag.
#[test]
fn a_database_password_is_never_printed() {
    let run = |args: &[&str], env_url: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_customer-import-server"));
        command.args(args).env_remove("DATABASE_URL");
        if let Some(url) = env_url {
            command.env("DATABASE_URL", url);
        }
        let out = command.output().unwrap();
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let url = "postgres://ci:s3cret-pw@127.0.0.1:1/customers";
    let help = run(&["--help"], Some(url));
    assert!(help.contains("--database-url"), "{help}");
    let help_of_command = run(&["create-organization", "--help"], Some(url));
    assert!(
        help_of_command.contains("--database-url"),
        "{help_of_command}"
    );
    let unsupported = run(
        &[
            "create-organization",
            "X",
            "--database-url",
            "mysql://ci:s3cret-pw@db/x",
        ],
        None,
    );
    assert!(unsupported.contains("mysql://ci:***@db/x"), "{unsupported}");
    let unreachable = run(&["create-organization", "X"], Some(url));
    for printed in [help, help_of_command, unsupported, unreachable] {
        assert!(!printed.contains("s3cret-pw"), "{printed}");
    }
}
