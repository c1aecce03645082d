//! The server's own bearer tokens (`cit_…`): random, shown once when issued and stored
//! only as their SHA-256 (a copy of the database does not let anyone sign in),
//! optionally expiring.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use crate::{basics::sha256_hex, db::Db};

pub(crate) const TOKEN_PREFIX: &str = "cit_";

/// Issues a new token for `user_id` and returns it in clear text; only its hash is kept.
pub async fn issue_token(db: &Db, user_id: i64, label: &str) -> Result<String, sqlx::Error> {
    issue_token_until(db, user_id, label, None).await
}

/// As [`issue_token`], valid until `expires_at` (unix seconds) when given.
pub async fn issue_token_until(
    db: &Db,
    user_id: i64,
    label: &str,
    expires_at: Option<i64>,
) -> Result<String, sqlx::Error> {
    let token = new_secret(TOKEN_PREFIX)?;
    sqlx::query(
        "INSERT INTO api_tokens (user_id, token_hash, label, created_at, expires_at)
         VALUES ($1, $2, $3, CAST(CURRENT_TIMESTAMP AS TEXT), $4)",
    )
    .bind(user_id)
    .bind(hash_token(&token))
    .bind(label)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// A new secret for a bearer header: `prefix` and 256 random bits, base64url. Only its
/// [`hash_token`] is ever stored.
pub fn new_secret(prefix: &str) -> Result<String, sqlx::Error> {
    let mut random = [0u8; 32];
    getrandom::fill(&mut random)
        .map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))?;
    Ok(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(random)))
}

/// What is stored of a token: its SHA-256, hex.
pub fn hash_token(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// The token of an `Authorization` value; the scheme's name is case-insensitive
/// (RFC 9110 §11.1).
pub(crate) fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_bearer_scheme_is_case_insensitive_and_others_are_not_bearer() {
        for value in [
            "Bearer cit_1",
            "bearer cit_1",
            "BEARER  cit_1 ",
            " Bearer cit_1",
        ] {
            assert_eq!(bearer_token(value), Some("cit_1"), "{value:?}");
        }
        for value in ["Basic cit_1", "Bearercit_1", "cit_1", ""] {
            assert_eq!(bearer_token(value), None, "{value:?}");
        }
    }
}
