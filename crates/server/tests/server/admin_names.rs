//! Names the admin commands take are as long as the import can use them: one line for
//! organizations, projects and users, a unit's limit for unit codes (issue 16).
#![allow(clippy::unwrap_used)]

use crate::common::fresh_database;
use customer_import_server::{
    Db,
    admin::{self, AdminError, UserRole},
};

const ORG: &str = "Pitkä Oy";

#[tokio::test]
async fn names_longer_than_their_limit_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&fresh_database(&dir).await).await.unwrap();
    let long = |n: usize| "n".repeat(n);
    let too_long = |limit: usize, length: usize| AdminError::NameTooLong { limit, length };
    let same = |a: AdminError, b: AdminError| assert_eq!(a.to_string(), b.to_string());

    same(
        admin::create_organization(&db, &long(40_000))
            .await
            .unwrap_err(),
        too_long(255, 40_000),
    );
    admin::create_organization(&db, &long(255)).await.unwrap();
    admin::create_organization(&db, ORG).await.unwrap();
    same(
        admin::create_project(&db, ORG, &long(256), "FI")
            .await
            .unwrap_err(),
        too_long(255, 256),
    );
    admin::create_project(&db, ORG, &long(255), "FI")
        .await
        .unwrap();
    admin::create_project(&db, ORG, "Koivukoti", "FI")
        .await
        .unwrap();
    same(
        admin::create_user(&db, ORG, "a@pitka.example", &long(256), UserRole::Admin)
            .await
            .unwrap_err(),
        too_long(255, 256),
    );
    // Units: one too long refuses the whole list; 100 fit, as an import takes them.
    let units = [long(100), long(101)];
    same(
        admin::add_units(&db, ORG, "Koivukoti", &units)
            .await
            .unwrap_err(),
        too_long(100, 101),
    );
    assert_eq!(
        admin::add_units(&db, ORG, "Koivukoti", &units[..1])
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        AdminError::NameTooLong {
            limit: 100,
            length: 101
        }
        .to_string(),
        "a name may be at most 100 characters long, this one has 101"
    );
}
