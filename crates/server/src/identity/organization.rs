//! What every organization starts with.

use crate::db::Db;

/// docs/SPEC.md: company types default to Lead, Partner, Cold and Customer, named in each
/// language people write them in (the key, then names in `CompanyType::NAME_ORDER`).
pub const DEFAULT_COMPANY_TYPES: [(&str, [&str; 4]); 4] = [
    ("lead", ["Lead", "Liidi", "Lead", "Lead"]),
    ("partner", ["Partner", "Kumppani", "Partner", "Partner"]),
    ("cold", ["Kald", "Kylmä", "Cold", "Kall"]),
    ("customer", ["Kunde", "Asiakas", "Customer", "Kund"]),
];

pub async fn ensure_default_company_types(db: &Db, organization: i64) -> Result<(), sqlx::Error> {
    for (key, [nb, fi, en, sv]) in DEFAULT_COMPANY_TYPES {
        sqlx::query(
            "INSERT INTO company_types (organization_id, key, name_nb, name_fi, name_en, name_sv)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organization_id, key) DO NOTHING",
        )
        .bind(organization)
        .bind(key)
        .bind(nb)
        .bind(fi)
        .bind(en)
        .bind(sv)
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}
