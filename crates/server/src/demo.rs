//! Demo data for trying the product and for the browser tests: one organization with
//! two projects (Norwegian and Finnish) with units, an admin, a case handler of one
//! project and an outsider, plus a second organization that none of them may see.
//! Seeding is idempotent; every start revokes the previous demo tokens and issues new
//! ones, because stored tokens are hashed and cannot be printed again.

use crate::{db::Db, identity::tokens::issue_token};

pub const ORGANIZATION: &str = "Nordbygg AS";
/// The demo organization's id in the example portal.
pub const PORTAL_ID: &str = "demo-nordbygg";
pub const OTHER_ORGANIZATION: &str = "Andre Eiendom AS";
/// The second organization's id in the example portal in TypeScript (examples/portal-node).
pub const OTHER_PORTAL_ID: &str = "demo-andre-eiendom";
const TOKEN_LABEL: &str = "demo";

/// A demo user and the token just issued for them.
#[derive(Debug, Clone)]
pub struct DemoUser {
    pub role_label: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub token: String,
}

#[derive(Debug, Clone)]
pub struct DemoUsers {
    pub admin: DemoUser,
    pub case_handler: DemoUser,
    pub outsider: DemoUser,
    pub other_admin: DemoUser,
}

impl DemoUsers {
    pub fn all(&self) -> [&DemoUser; 4] {
        [
            &self.admin,
            &self.case_handler,
            &self.outsider,
            &self.other_admin,
        ]
    }

    /// What the start command prints: one line per user with a sign-in link. The token
    /// sits in the URL fragment, which browsers never send to the server.
    pub fn banner(&self, base_url: &str) -> String {
        let mut out = String::from("Demo users (new tokens at every start):\n");
        for u in self.all() {
            out.push_str(&format!(
                "  {:<13} {} <{}>\n                token: {}\n                open:  {base_url}/#token={}\n",
                u.role_label, u.name, u.email, u.token, u.token
            ));
        }
        out
    }
}

struct ProjectSeed {
    name: &'static str,
    country: &'static str,
    units: &'static [&'static str],
}

const PROJECTS: &[ProjectSeed] = &[
    ProjectSeed {
        name: "Fjordparken",
        country: "NO",
        units: &[
            "A-101", "A-102", "A-103", "A-201", "A-202", "B-101", "B-102", "B-201",
        ],
    },
    ProjectSeed {
        name: "Koivuranta",
        country: "FI",
        units: &["A 1", "A 2", "A 3", "B 4", "B 5", "B 6"],
    },
];

/// Creates whatever demo data is missing and returns fresh tokens for the demo users.
pub async fn seed(db: &Db) -> Result<DemoUsers, sqlx::Error> {
    let org = ensure_organization(db, ORGANIZATION).await?;
    // The example portal's id for it (examples/portal-backend): its tokens name it.
    set_portal_id(db, org, PORTAL_ID).await?;
    for group in ["Kjøpere", "Investorer"] {
        sqlx::query("INSERT INTO customer_groups (organization_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(org)
            .bind(group)
            .execute(&db.pool)
            .await?;
    }
    let mut project_ids = Vec::new();
    for p in PROJECTS {
        project_ids.push(ensure_project(db, org, p).await?);
    }
    let admin = ensure_user(db, org, "admin@nordbygg.example", "Ada Admin", "admin").await?;
    let handler = ensure_user(
        db,
        org,
        "saksbehandler@nordbygg.example",
        "Kari Saksbehandler",
        "member",
    )
    .await?;
    let outsider = ensure_user(
        db,
        org,
        "utenforstaende@nordbygg.example",
        "Ola Utenfor",
        "member",
    )
    .await?;
    sqlx::query(
        "INSERT INTO project_case_handlers (project_id, user_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING",
    )
    .bind(project_ids[0])
    .bind(handler)
    .execute(&db.pool)
    .await?;

    let other_org = ensure_organization(db, OTHER_ORGANIZATION).await?;
    set_portal_id(db, other_org, OTHER_PORTAL_ID).await?;
    ensure_project(
        db,
        other_org,
        &ProjectSeed {
            name: "Solsiden",
            country: "SE",
            units: &["1001", "1002"],
        },
    )
    .await?;
    let other_admin =
        ensure_user(db, other_org, "admin@andre.example", "Sven Annen", "admin").await?;

    sqlx::query(
        "UPDATE api_tokens SET revoked_at = CAST(CURRENT_TIMESTAMP AS TEXT)
         WHERE label = $1 AND revoked_at IS NULL",
    )
    .bind(TOKEN_LABEL)
    .execute(&db.pool)
    .await?;
    Ok(DemoUsers {
        admin: demo_user(db, admin, "admin", "Ada Admin", "admin@nordbygg.example").await?,
        case_handler: demo_user(
            db,
            handler,
            "case handler",
            "Kari Saksbehandler",
            "saksbehandler@nordbygg.example",
        )
        .await?,
        outsider: demo_user(
            db,
            outsider,
            "outsider",
            "Ola Utenfor",
            "utenforstaende@nordbygg.example",
        )
        .await?,
        other_admin: demo_user(
            db,
            other_admin,
            "other org",
            "Sven Annen",
            "admin@andre.example",
        )
        .await?,
    })
}

async fn demo_user(
    db: &Db,
    id: i64,
    role_label: &'static str,
    name: &'static str,
    email: &'static str,
) -> Result<DemoUser, sqlx::Error> {
    Ok(DemoUser {
        role_label,
        name,
        email,
        token: issue_token(db, id, TOKEN_LABEL).await?,
    })
}

/// Names the organization by its example portal's id, unless it has one already.
async fn set_portal_id(db: &Db, org: i64, portal_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE organizations SET external_id = $1 WHERE id = $2 AND external_id IS NULL")
        .bind(portal_id)
        .bind(org)
        .execute(&db.pool)
        .await?;
    Ok(())
}

async fn ensure_organization(db: &Db, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("INSERT INTO organizations (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .execute(&db.pool)
        .await?;
    let id = sqlx::query_scalar("SELECT id FROM organizations WHERE name = $1")
        .bind(name)
        .fetch_one(&db.pool)
        .await?;
    crate::identity::organization::ensure_default_company_types(db, id).await?;
    Ok(id)
}

async fn ensure_project(db: &Db, org: i64, p: &ProjectSeed) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO projects (organization_id, name, country) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, name) DO NOTHING",
    )
    .bind(org)
    .bind(p.name)
    .bind(p.country)
    .execute(&db.pool)
    .await?;
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM projects WHERE organization_id = $1 AND name = $2")
            .bind(org)
            .bind(p.name)
            .fetch_one(&db.pool)
            .await?;
    for code in p.units {
        sqlx::query(
            "INSERT INTO units (project_id, code) VALUES ($1, $2)
             ON CONFLICT (project_id, code) DO NOTHING",
        )
        .bind(id)
        .bind(*code)
        .execute(&db.pool)
        .await?;
    }
    Ok(id)
}

async fn ensure_user(
    db: &Db,
    org: i64,
    email: &str,
    name: &str,
    role: &str,
) -> Result<i64, sqlx::Error> {
    if let Some(id) = sqlx::query_scalar(
        "SELECT id FROM users WHERE organization_id = $1 AND lower(email) = lower($2)",
    )
    .bind(org)
    .bind(email)
    .fetch_optional(&db.pool)
    .await?
    {
        return Ok(id);
    }
    sqlx::query_scalar(
        "INSERT INTO users (organization_id, email, name, role) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(org)
    .bind(email)
    .bind(name)
    .bind(role)
    .fetch_one(&db.pool)
    .await
}
