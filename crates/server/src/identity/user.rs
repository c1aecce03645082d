//! The caller a request was authenticated as.

use customer_import_domain::wire::Role;

/// The authenticated caller. Extracting it from a request fails with 401 unless the
/// request carries a valid `Authorization: Bearer …` header.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub name: String,
    pub email: String,
    pub role: Role,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}
