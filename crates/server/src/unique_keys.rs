//! Claiming a chunk's unique values before inserting them, on PostgreSQL.
//!
//! Two chunks that insert the same e-mails in different orders each wait on the
//! other's uncommitted index entry, and PostgreSQL breaks the cycle by failing one
//! with `deadlock detected`. So before its first insert a chunk takes a transaction
//! lock on every unique value it may write (e-mail case-insensitively, external id,
//! group name), in one global order (by the lock's number): chunks sharing a value then
//! run one after the other, and none waits while holding what the other needs.
//! [`crate::Db::write`] still retries a deadlock, should one come from elsewhere.
//! SQLite needs none of this: its writers already take turns for the whole file.

use customer_import_domain::validate::Customer;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// Takes the locks of `customers`' unique values, released when the transaction ends.
pub async fn lock<'a>(
    conn: &mut AnyConnection,
    project: i64,
    organization: i64,
    customers: impl Iterator<Item = &'a Customer>,
) -> Result<(), sqlx::Error> {
    let keys = lock_keys(project, organization, customers);
    if keys.is_empty() {
        return Ok(());
    }
    let list = keys
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    // `unnest` yields the array in order, so the locks are taken in `keys`' order.
    sqlx::query(
        "SELECT pg_advisory_xact_lock(k::bigint) FROM unnest(string_to_array($1, ',')) AS k",
    )
    .bind(list)
    .execute(conn)
    .await?;
    Ok(())
}

/// The lock numbers of the values, sorted and without repeats.
fn lock_keys<'a>(
    project: i64,
    organization: i64,
    customers: impl Iterator<Item = &'a Customer>,
) -> Vec<i64> {
    let mut keys = Vec::new();
    for c in customers {
        if let Some(email) = &c.email {
            // The unique index compares `lower(email)`; e-mails are ASCII once
            // validated (the domain is punycode), so ASCII folding is the same.
            keys.push(key("email", project, &email.to_ascii_lowercase()));
        }
        if let Some(id) = &c.external_id {
            keys.push(key("external_id", project, id));
        }
        if let Some(group) = &c.customer_group {
            keys.push(key("group", organization, group));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn key(kind: &str, scope: i64, value: &str) -> i64 {
    let digest = Sha256::new()
        .chain_update(kind)
        .chain_update([0])
        .chain_update(scope.to_le_bytes())
        .chain_update(value)
        .finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_le_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(email: Option<&str>, external_id: Option<&str>) -> Customer {
        Customer {
            email: email.map(str::to_owned),
            external_id: external_id.map(str::to_owned),
            ..Customer::default()
        }
    }

    #[test]
    fn the_same_values_in_any_order_and_case_give_the_same_sorted_locks() {
        let a = [
            customer(Some("Kari@Example.no"), Some("K-1")),
            customer(Some("ola@example.no"), None),
        ];
        let b = [
            customer(Some("OLA@example.no"), None),
            customer(Some("kari@example.no"), Some("K-1")),
        ];
        let (ka, kb) = (lock_keys(7, 1, a.iter()), lock_keys(7, 1, b.iter()));
        assert_eq!(ka, kb);
        assert_eq!(ka.len(), 3);
        assert!(ka.is_sorted());
    }

    #[test]
    fn values_of_other_projects_and_kinds_lock_apart() {
        let c = [customer(Some("a@b.no"), None)];
        assert_ne!(lock_keys(1, 1, c.iter()), lock_keys(2, 1, c.iter()));
        assert_ne!(key("email", 1, "x"), key("external_id", 1, "x"));
        assert!(lock_keys(1, 1, [customer(None, None)].iter()).is_empty());
    }
}
