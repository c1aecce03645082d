//! What every organization starts with.

use crate::db::Db;

/// SPEC: company types default to Lead, Partner, Cold and Customer, named in each
/// language people write them in (`key`, nb, fi, en).
pub const DEFAULT_COMPANY_TYPES: [(&str, &str, &str, &str); 4] = [
    ("lead", "Lead", "Liidi", "Lead"),
    ("partner", "Partner", "Kumppani", "Partner"),
    ("cold", "Kald", "Kylmä", "Cold"),
    ("customer", "Kunde", "Asiakas", "Customer"),
];

pub async fn ensure_default_company_types(db: &Db, organization: i64) -> Result<(), sqlx::Error> {
    for (key, nb, fi, en) in DEFAULT_COMPANY_TYPES {
        sqlx::query(
            "INSERT INTO company_types (organization_id, key, name_nb, name_fi, name_en)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organization_id, key) DO NOTHING",
        )
        .bind(organization)
        .bind(key)
        .bind(nb)
        .bind(fi)
        .bind(en)
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}
