//! Serves the built web app (Trunk's `dist/`) with a strict Content-Security-Policy.
//!
//! Trunk boots the app with one small inline `<script type="module">`. Rather than
//! allow inline scripts, the policy lists the SHA-256 of each inline script found in
//! `index.html` at start-up; any other inline script, e.g. one injected through a
//! crafted value, is refused by the browser.

use std::path::{Path, PathBuf};

use anyhow::Context;
use axum::http::HeaderValue;
use base64::{Engine, engine::general_purpose::STANDARD};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone)]
pub struct StaticSite {
    pub dir: PathBuf,
    /// `'sha256-…'` sources of the inline scripts of `index.html`.
    script_hashes: String,
}

impl StaticSite {
    pub fn load(dir: &Path) -> anyhow::Result<StaticSite> {
        let index = dir.join("index.html");
        let html = std::fs::read_to_string(&index).with_context(|| {
            format!(
                "the web app is not built: {} is missing (run `trunk build --release`)",
                index.display()
            )
        })?;
        Ok(StaticSite {
            dir: dir.to_path_buf(),
            script_hashes: script_hashes(&html),
        })
    }

    /// The policy for the app's pages: only our own origin, wasm compilation allowed,
    /// inline scripts only when their hash is listed, framed only by `frame_ancestors`.
    /// Both parts are checked text (base64, validated origins); were the value still
    /// not a valid header, the page would get the policy that allows nothing.
    pub fn content_security_policy(&self, frame_ancestors: &str) -> HeaderValue {
        let hashes = &self.script_hashes;
        HeaderValue::from_str(&format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
             worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; \
             frame-ancestors {frame_ancestors}"
        ))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"))
    }
}

fn script_hashes(index_html: &str) -> String {
    inline_scripts(index_html)
        .map(|s| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(s.as_bytes()))
            )
        })
        .collect()
}

/// The bodies of `<script>` elements without a `src`, exactly as the browser hashes them.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find("<script")?;
            let after_tag = &rest[start..];
            let tag_end = after_tag.find('>')?;
            let tag = &after_tag[..tag_end];
            let body_and_rest = &after_tag[tag_end + 1..];
            let close = body_and_rest.find("</script>")?;
            let body = &body_and_rest[..close];
            rest = &body_and_rest[close + "</script>".len()..];
            if !tag.contains("src=") {
                return Some(body);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<html><head><script src="/a.js"></script>
<script type="module">alert(1)</script></head><body><script>x</script></body></html>"#;
        let scripts: Vec<_> = inline_scripts(html).collect();
        assert_eq!(scripts, ["alert(1)", "x"]);
        let csp = site(html).content_security_policy("'none'");
        let csp = csp.to_str().unwrap();
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(
            csp.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{csp}"
        );
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn page_without_inline_scripts_gets_the_plain_policy() {
        let csp = site("<html></html>").content_security_policy("https://portal.example");
        let csp = csp.to_str().unwrap();
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(
            csp.ends_with("frame-ancestors https://portal.example"),
            "{csp}"
        );
    }

    fn site(html: &str) -> StaticSite {
        StaticSite {
            dir: PathBuf::new(),
            script_hashes: script_hashes(html),
        }
    }

    #[test]
    fn missing_build_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = StaticSite::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("not built"), "{err}");
    }
}
