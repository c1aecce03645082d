//! The webhook secret, in the Standard Webhooks format: `whsec_` and the base64 of 24
//! to 64 random bytes, the bytes being the HMAC key. Every Standard Webhooks library
//! takes the secret as written, so a portal pastes it into its verifier unchanged.

use base64::{Engine, engine::general_purpose::STANDARD};

const PREFIX: &str = "whsec_";
/// The specification asks for 24 to 64 bytes of key.
const KEY_BYTES: std::ops::RangeInclusive<usize> = 24..=64;

/// Why a secret is refused.
pub fn check(secret: &str) -> Result<(), &'static str> {
    let Some(encoded) = secret.strip_prefix(PREFIX) else {
        return Err("not whsec_ followed by base64");
    };
    let key = STANDARD
        .decode(encoded)
        .map_err(|_| "not whsec_ followed by base64")?;
    if !KEY_BYTES.contains(&key.len()) {
        return Err("the key is not 24 to 64 bytes");
    }
    Ok(())
}

/// The HMAC key of a stored secret. One set before the Standard Webhooks format (not
/// `whsec_…`) keys with its own bytes, which a library takes as raw bytes (`from_bytes`
/// in Rust); the portal should set a `whsec_` secret instead.
pub fn key(secret: &str) -> Vec<u8> {
    secret
        .strip_prefix(PREFIX)
        .and_then(|encoded| STANDARD.decode(encoded).ok())
        .unwrap_or_else(|| secret.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whsec_base64_of_24_to_64_bytes_is_a_secret() {
        assert!(check(&format!("whsec_{}", STANDARD.encode([7u8; 32]))).is_ok());
        assert!(check(&format!("whsec_{}", STANDARD.encode([7u8; 24]))).is_ok());
        assert!(check(&format!("whsec_{}", STANDARD.encode([7u8; 23]))).is_err());
        assert!(check(&format!("whsec_{}", STANDARD.encode([7u8; 65]))).is_err());
        assert!(check(&STANDARD.encode([7u8; 32])).is_err());
        assert!(check("whsec_not base64 at all, though long enough").is_err());
        assert_eq!(
            key(&format!("whsec_{}", STANDARD.encode([7u8; 32]))),
            [7u8; 32]
        );
        assert_eq!(key("an old plain secret"), b"an old plain secret");
    }
}
