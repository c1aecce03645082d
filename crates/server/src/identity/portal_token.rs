//! Sessions signed by the portal: a short-lived JWT from the portal's backend is the
//! bearer token, so the portal signs its users in and no token is made by hand.
//!
//! Verified with `jsonwebtoken`: HS256 against a shared secret, or RS256/EdDSA
//! against the portal's public keys: a PEM file, a JWKS file, or a JWKS URL whose keys
//! are told apart by `kid` and fetched again when a token names a key not yet known
//! (the portal rotated its keys), at most once per [`PortalTrust::jwks_refresh`] and
//! each fetch cut off after [`PortalTrust::jwks_timeout`]. A fetch never delays a token
//! whose key is known: the keys are read from a snapshot that a finished fetch swaps,
//! and only tokens naming an unknown key wait for it. The algorithm is chosen by the kind of key configured, never by
//! the token alone: an HS256 token is checked only against the shared secret, so a
//! token "signed" with the public key as an HMAC secret fails, and `alg: none` is no
//! algorithm at all. `exp` is required, `nbf` honoured, both with [`LEEWAY`];
//! `iss`, `aud` and `sub` are required and must match.

use std::{
    path::PathBuf,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use customer_import_domain::wire::Role;
use jsonwebtoken::{
    Algorithm, DecodingKey, Validation, decode, decode_header,
    errors::ErrorKind,
    jwk::{AlgorithmParameters, EllipticCurve, JwkSet, KeyAlgorithm},
};
use serde::Deserialize;

use crate::{basics::unix_now, error::TokenRefusal, identity::outside_text};

/// Clock difference tolerated between the portal and us.
pub const LEEWAY_SECONDS: u64 = 30;
/// The longest a portal's token may live: a session token, not a password.
pub const MAX_LIFETIME_SECONDS: i64 = 24 * 3600;

/// What a portal's token says about its user.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PortalClaims {
    /// The portal's id of the user.
    pub sub: String,
    pub email: String,
    pub name: String,
    /// The portal's id of the user's organization.
    pub org: String,
    pub role: Role,
    /// For a member: the portal's ids of the projects they handle. Absent: the
    /// projects stay as provisioning (or an earlier token) set them.
    #[serde(default)]
    pub projects: Option<Vec<String>>,
    pub exp: i64,
}

/// How portal tokens are checked, from the command line.
#[derive(Debug, Clone, Default)]
pub struct TrustSettings {
    pub issuer: Option<String>,
    pub audience: Option<String>,
    pub hs256_secret: Option<String>,
    pub public_key: Option<PathBuf>,
    pub jwks: Option<PathBuf>,
    pub jwks_url: Option<String>,
}

#[derive(Clone)]
struct PublicKey {
    kid: Option<String>,
    alg: Algorithm,
    key: DecodingKey,
}

/// The portal's keys and who its tokens must come from and be meant for.
pub struct PortalTrust {
    issuer: String,
    audience: String,
    secret: Option<DecodingKey>,
    /// From files, read once at start.
    keys: Vec<PublicKey>,
    jwks_url: Option<String>,
    /// From the JWKS URL: a snapshot, held only to clone it, never across a fetch.
    fetched: RwLock<Arc<Vec<PublicKey>>>,
    /// When the JWKS URL was fetched last; held by the one fetch under way, so tokens
    /// naming an unknown key meanwhile wait for it instead of fetching again.
    last_fetch: tokio::sync::Mutex<Option<Instant>>,
    /// The least time between two fetches of the JWKS URL, so tokens naming unknown
    /// keys cannot make the server hammer the portal.
    pub jwks_refresh: Duration,
    /// The longest one fetch of the JWKS URL may take, connecting included.
    pub jwks_timeout: Duration,
}

/// The RS256 and EdDSA keys of a JWK set; `source` names it in errors.
fn keys_of(set: &JwkSet, source: &str) -> anyhow::Result<Vec<PublicKey>> {
    let mut keys = Vec::new();
    for jwk in &set.keys {
        let alg = match (&jwk.common.key_algorithm, &jwk.algorithm) {
            (Some(KeyAlgorithm::RS256), _) | (None, AlgorithmParameters::RSA(_)) => {
                Algorithm::RS256
            }
            (Some(KeyAlgorithm::EdDSA), _) | (None, AlgorithmParameters::OctetKeyPair(_)) if matches!(&jwk.algorithm, AlgorithmParameters::OctetKeyPair(p) if p.curve == EllipticCurve::Ed25519) => {
                Algorithm::EdDSA
            }
            _ => anyhow::bail!(
                "{source}: key {:?} is neither RS256 nor EdDSA (Ed25519)",
                jwk.common.key_id
            ),
        };
        keys.push(PublicKey {
            kid: jwk.common.key_id.clone(),
            alg,
            key: DecodingKey::from_jwk(jwk)?,
        });
    }
    Ok(keys)
}

impl PortalTrust {
    /// `None` when no key is configured: only the server's own tokens are accepted.
    pub fn from_settings(s: &TrustSettings) -> anyhow::Result<Option<PortalTrust>> {
        let mut keys = Vec::new();
        if let Some(path) = &s.public_key {
            let pem = std::fs::read(path)?;
            let (alg, key) = if let Ok(key) = DecodingKey::from_ed_pem(&pem) {
                (Algorithm::EdDSA, key)
            } else {
                (
                    Algorithm::RS256,
                    DecodingKey::from_rsa_pem(&pem).map_err(|e| {
                        anyhow::anyhow!("{}: not an RSA or Ed25519 public key: {e}", path.display())
                    })?,
                )
            };
            keys.push(PublicKey {
                kid: None,
                alg,
                key,
            });
        }
        if let Some(path) = &s.jwks {
            let set: JwkSet = serde_json::from_slice(&std::fs::read(path)?)?;
            keys.extend(keys_of(&set, &path.display().to_string())?);
        }
        let secret = match &s.hs256_secret {
            Some(secret) if secret.len() < 32 => {
                anyhow::bail!("the HS256 secret must be at least 32 bytes")
            }
            Some(secret) => Some(DecodingKey::from_secret(secret.as_bytes())?),
            None => None,
        };
        if secret.is_none() && keys.is_empty() && s.jwks_url.is_none() {
            return Ok(None);
        }
        let (Some(issuer), Some(audience)) = (&s.issuer, &s.audience) else {
            anyhow::bail!("portal tokens need --jwt-issuer and --jwt-audience");
        };
        Ok(Some(PortalTrust {
            issuer: issuer.clone(),
            audience: audience.clone(),
            secret,
            keys,
            jwks_url: s.jwks_url.clone(),
            fetched: RwLock::default(),
            last_fetch: tokio::sync::Mutex::default(),
            jwks_refresh: Duration::from_secs(60),
            jwks_timeout: Duration::from_secs(5),
        }))
    }

    /// Fetches the JWKS URL again, unless it was fetched within `jwks_refresh`. A
    /// failure keeps the keys known so far.
    async fn refresh(&self) {
        let Some(url) = &self.jwks_url else { return };
        let mut last_fetch = self.last_fetch.lock().await;
        if last_fetch.is_some_and(|at| at.elapsed() < self.jwks_refresh) {
            return;
        }
        *last_fetch = Some(Instant::now());
        let loaded = async {
            let client = reqwest::Client::builder()
                .timeout(self.jwks_timeout)
                .build()?;
            let body = client
                .get(url)
                .send()
                .await?
                .error_for_status()?
                .bytes()
                .await?;
            keys_of(&serde_json::from_slice::<JwkSet>(&body)?, url)
        };
        match loaded.await {
            Ok(keys) => {
                if let Ok(mut fetched) = self.fetched.write() {
                    *fetched = Arc::new(keys);
                }
            }
            Err(e) => tracing::warn!(error = %e, url, "fetching the portal's JWKS failed"),
        }
    }

    /// The keys fetched so far, as of now.
    fn fetched_keys(&self) -> Arc<Vec<PublicKey>> {
        self.fetched
            .read()
            .map(|keys| keys.clone())
            .unwrap_or_default()
    }

    /// The claims of a valid token of the portal's.
    pub async fn verify(&self, token: &str) -> Result<PortalClaims, TokenRefusal> {
        let header = decode_header(token).map_err(|_| TokenRefusal::Malformed)?;
        let key = match header.alg {
            Algorithm::HS256 => self.secret.clone().ok_or(TokenRefusal::Algorithm)?,
            Algorithm::RS256 | Algorithm::EdDSA => {
                let kid = header.kid.as_deref();
                match self.public_key(kid, header.alg) {
                    Ok(key) => key,
                    // A key not known yet: the portal may have rotated its keys.
                    Err(_) if self.jwks_url.is_some() => {
                        self.refresh().await;
                        self.public_key(kid, header.alg)?
                    }
                    Err(refusal) => return Err(refusal),
                }
            }
            _ => return Err(TokenRefusal::Algorithm),
        };
        let key = &key;
        let mut validation = Validation::new(header.alg);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let claims = decode::<PortalClaims>(token, key, &validation)
            .map_err(|e| refusal(e.kind()))?
            .claims;
        if claims.exp - unix_now() > MAX_LIFETIME_SECONDS {
            return Err(TokenRefusal::Lifetime);
        }
        // Stored as a user's ids, name and e-mail: the rule of every text from outside.
        let line = |value: &str, rule| {
            outside_text::line(value, rule)
                .map(str::to_owned)
                .map_err(|_| TokenRefusal::Claims)
        };
        Ok(PortalClaims {
            sub: line(&claims.sub, "external_id")?,
            org: line(&claims.org, "external_id")?,
            name: line(&claims.name, "name")?,
            email: outside_text::email(&claims.email).map_err(|_| TokenRefusal::Claims)?,
            ..claims
        })
    }

    fn public_key(&self, kid: Option<&str>, alg: Algorithm) -> Result<DecodingKey, TokenRefusal> {
        let fetched = self.fetched_keys();
        let all = || self.keys.iter().chain(fetched.iter());
        let mut fitting = all().filter(|k| k.alg == alg);
        let found = match kid {
            // A key from a PEM file has no kid of its own: it answers to any.
            Some(kid) => fitting.find(|k| k.kid.as_deref().is_none_or(|own| own == kid)),
            // Without a kid, only a single key of that kind is unambiguous.
            None => fitting.next().filter(|_| fitting.next().is_none()),
        };
        match found {
            Some(k) => Ok(k.key.clone()),
            None if all().any(|k| k.alg == alg) || self.jwks_url.is_some() => {
                Err(TokenRefusal::UnknownKey)
            }
            None => Err(TokenRefusal::Algorithm),
        }
    }
}

fn refusal(kind: &ErrorKind) -> TokenRefusal {
    match kind {
        ErrorKind::ExpiredSignature => TokenRefusal::Expired,
        ErrorKind::ImmatureSignature => TokenRefusal::NotYetValid,
        ErrorKind::InvalidIssuer => TokenRefusal::Issuer,
        ErrorKind::InvalidAudience => TokenRefusal::Audience,
        ErrorKind::InvalidSignature => TokenRefusal::Signature,
        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => TokenRefusal::Algorithm,
        ErrorKind::MissingRequiredClaim(_)
        | ErrorKind::InvalidClaimFormat(_)
        | ErrorKind::Json(_) => TokenRefusal::Claims,
        _ => TokenRefusal::Malformed,
    }
}
