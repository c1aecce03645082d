//! What a portal passes to `mount`: where the API is, how to get a token, and the
//! language, project and theme to start with. Checked here, so a mistake in a portal's
//! snippet is a clear exception at `mount`, not a wizard that half works. The npm
//! package types them (`packages/customer-import/src/types.ts`); a test below keeps
//! the two in step.

use wasm_bindgen::{JsCast, JsValue};

use crate::{
    api::Token,
    embedding::row_hook::{DEFAULT_TIMEOUT_MS, RowHook},
    i18n::Locale,
    steps::project::ProjectRef,
};

#[derive(Debug, Clone, PartialEq)]
pub struct Embedding {
    /// Origin (and optional path) of the customer-import server, without a final `/`.
    pub api_base: String,
    pub token: Token,
    pub locale: Option<Locale>,
    /// The only project offered: our id, or the portal's own (`"portal:p-elv"`).
    pub project: Option<ProjectRef>,
    pub theme: Theme,
    /// The portal's own checks of the rows in the review (issue 30).
    pub row_hook: Option<RowHook>,
}

/// Values for the wizard's CSS custom properties, by name without `--ci-`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Theme(Vec<(String, String)>);

impl Theme {
    /// The properties `style/main.css` reads.
    pub const PROPERTIES: [&str; 16] = [
        "font",
        "radius",
        "bg",
        "surface",
        "text",
        "muted",
        "border",
        "accent",
        "accent-text",
        "ok",
        "ok-bg",
        "warn",
        "warn-bg",
        "error",
        "error-bg",
        "focus",
    ];

    pub fn from_pairs(pairs: Vec<(String, String)>) -> Result<Theme, String> {
        for (name, value) in &pairs {
            if !Theme::PROPERTIES.contains(&name.as_str()) {
                return Err(format!(
                    "customer-import: theme has no property {name:?}; use {}",
                    Theme::PROPERTIES.join(", ")
                ));
            }
            // One value, not a way to add declarations or rules.
            if value.contains([';', '{', '}']) || value.trim().is_empty() {
                return Err(format!(
                    "customer-import: theme.{name} must be one CSS value"
                ));
            }
        }
        Ok(Theme(pairs))
    }

    /// `(--ci-name, value)` pairs to set on the host element.
    pub fn declarations(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .map(|(name, value)| (format!("--ci-{name}"), value.trim().to_owned()))
            .collect()
    }
}

/// The stylesheet for a shadow root: `rem` there means the portal's root font size
/// (a portal with `html { font-size: 10px }` would shrink the wizard), so each `1.5rem`
/// becomes `calc(1.5 * 16px)`, the size it has on the app's own page.
pub fn without_rem(css: &str) -> String {
    let mut out = String::with_capacity(css.len() + css.len() / 8);
    let mut rest = css;
    while let Some(at) = rest.find("rem") {
        let before = &rest[..at];
        let number_start = before
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(0, |i| i + 1);
        let number = &before[number_start..];
        let after = &rest[at + 3..];
        let unit_ends = !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-');
        if !number.is_empty() && number != "." && unit_ends {
            out.push_str(&before[..number_start]);
            out.push_str(&format!("calc({number} * 16px)"));
        } else {
            out.push_str(&rest[..at + 3]);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `https://import.example.com` or `http://localhost:8080/import`: absolute, http(s),
/// no query or fragment; the final `/` is dropped.
pub fn api_base(raw: &str) -> Result<String, String> {
    let base = raw.trim().trim_end_matches('/');
    let rest = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty() && !rest.starts_with('/') && !rest.contains(['?', '#', ' ']) =>
        {
            Ok(base.to_owned())
        }
        _ => Err(format!(
            "customer-import: apiBase must be the server's http(s) address, e.g. https://import.example.com, not {raw:?}"
        )),
    }
}

impl Embedding {
    /// Reads `{ apiBase, token | getToken, locale?, project?, theme?, rowHook?,
    /// rowHookTimeoutMs? }`.
    pub fn from_js(options: &JsValue) -> Result<Embedding, String> {
        let get = |name: &str| {
            js_sys::Reflect::get(options, &JsValue::from_str(name))
                .ok()
                .filter(|v| !v.is_undefined() && !v.is_null())
        };
        if !options.is_object() {
            return Err(
                "customer-import: mount(element, options) needs an options object".to_owned(),
            );
        }
        let api_base = api_base(
            &get("apiBase")
                .and_then(|v| v.as_string())
                .unwrap_or_default(),
        )?;
        let token = match (get("getToken"), get("token")) {
            (Some(f), _) => Token::Callback(
                f.dyn_into::<js_sys::Function>()
                    .map_err(|_| "customer-import: getToken must be a function".to_owned())?,
            ),
            (None, Some(t)) => Token::Fixed(
                t.as_string()
                    .filter(|t| !t.trim().is_empty())
                    .ok_or("customer-import: token must be a non-empty string")?,
            ),
            (None, None) => return Err("customer-import: give token or getToken".to_owned()),
        };
        let locale = match get("locale") {
            None => None,
            Some(v) => Some(
                v.as_string()
                    .and_then(|tag| Locale::from_tag(&tag))
                    .ok_or("customer-import: locale must be nb, fi, en or sv")?,
            ),
        };
        let project = match get("project") {
            None => None,
            Some(v) => Some(
                v.as_f64()
                    .filter(|n| n.fract() == 0.0 && *n > 0.0)
                    .map(|n| ProjectRef::Id(n as i64))
                    .or_else(|| v.as_string().and_then(|t| ProjectRef::parse(&t)))
                    .ok_or(
                        "customer-import: project must be a project's id (12) or \
                         \"portal:\" and the id the portal provisioned it with (\"portal:p-elv\")",
                    )?,
            ),
        };
        let theme = match get("theme") {
            None => Theme::default(),
            Some(object) => {
                let mut pairs = Vec::new();
                for entry in js_sys::Object::entries(object.unchecked_ref()).iter() {
                    let entry: js_sys::Array = entry.unchecked_into();
                    let name = entry.get(0).as_string().unwrap_or_default();
                    let value = entry
                        .get(1)
                        .as_string()
                        .ok_or_else(|| format!("customer-import: theme.{name} must be a string"))?;
                    pairs.push((name, value));
                }
                Theme::from_pairs(pairs)?
            }
        };
        let timeout_ms = match get("rowHookTimeoutMs") {
            None => DEFAULT_TIMEOUT_MS,
            Some(v) => v
                .as_f64()
                .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(i32::MAX))
                .map(|n| n as u32)
                .ok_or("customer-import: rowHookTimeoutMs must be a number of milliseconds")?,
        };
        let row_hook = match get("rowHook") {
            None => None,
            Some(f) => Some(RowHook {
                function: f
                    .dyn_into::<js_sys::Function>()
                    .map_err(|_| "customer-import: rowHook must be a function".to_owned())?,
                timeout_ms,
            }),
        };
        Ok(Embedding {
            api_base,
            token,
            locale,
            project,
            theme,
            row_hook,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn the_api_base_is_an_http_address() {
        assert_eq!(
            api_base("https://import.example.com/").unwrap(),
            "https://import.example.com"
        );
        assert_eq!(
            api_base(" http://127.0.0.1:8080 ").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            api_base("http://localhost/import").unwrap(),
            "http://localhost/import"
        );
        for bad in [
            "",
            "import.example.com",
            "javascript:alert(1)",
            "https://",
            "https:///x",
            "https://a?b=1",
        ] {
            assert!(api_base(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_theme_sets_known_properties_to_single_values() {
        let theme = Theme::from_pairs(vec![
            ("accent".into(), " #0b6e4f ".into()),
            ("font".into(), "\"Open Sans\", sans-serif".into()),
        ])
        .unwrap();
        assert_eq!(
            theme.declarations(),
            [
                ("--ci-accent".to_owned(), "#0b6e4f".to_owned()),
                (
                    "--ci-font".to_owned(),
                    "\"Open Sans\", sans-serif".to_owned()
                )
            ]
        );
        assert!(Theme::from_pairs(vec![("colour".into(), "red".into())]).is_err());
        assert!(
            Theme::from_pairs(vec![(
                "accent".into(),
                "red; } body { display: none".into()
            )])
            .is_err()
        );
        assert!(Theme::from_pairs(vec![("accent".into(), " ".into())]).is_err());
    }

    #[test]
    fn rem_lengths_become_fixed_and_nothing_else_changes() {
        assert_eq!(
            without_rem(".a { margin: 0 0 1.25rem; padding: .5rem 2rem } /* remember */"),
            ".a { margin: 0 0 calc(1.25 * 16px); padding: calc(.5 * 16px) calc(2 * 16px) } /* remember */"
        );
        assert_eq!(
            without_rem("--x: 3remx; grid-area: rem"),
            "--x: 3remx; grid-area: rem"
        );
        let css = without_rem(include_str!("../../style/main.css"));
        for (at, _) in css.match_indices("rem") {
            let before = css[..at].chars().last().unwrap_or(' ');
            assert!(
                !before.is_ascii_digit(),
                "a rem length is left: {}",
                &css[at.saturating_sub(20)..at + 3]
            );
        }
    }

    /// The TypeScript declaration in the npm package whose line starts with `start`,
    /// up to `end`.
    pub(crate) fn declaration<'a>(types: &'a str, start: &str, end: &str) -> &'a str {
        let start = format!("\n{start}");
        let from = types
            .find(&start)
            .unwrap_or_else(|| panic!("types.ts has no {start}"));
        let rest = &types[from..];
        &rest[..rest.find(end).unwrap_or(rest.len())]
    }

    pub(crate) const NPM_TYPES: &str = include_str!("../../packages/customer-import/src/types.ts");

    #[test]
    fn the_npm_package_types_every_option_language_and_theme_property() {
        for option in [
            "apiBase",
            "token",
            "getToken",
            "locale",
            "project",
            "theme",
            "rowHook",
            "rowHookTimeoutMs",
        ] {
            assert!(
                NPM_TYPES.contains(&format!("  {option}:"))
                    || NPM_TYPES.contains(&format!("  {option}?:")),
                "types.ts lacks the option {option}"
            );
        }
        let locales = declaration(NPM_TYPES, "export type Locale =", ";");
        for locale in Locale::ALL {
            assert!(
                locales.contains(&format!("\"{}\"", locale.tag())),
                "{locales}"
            );
        }
        assert_eq!(
            locales.matches('|').count() + 1,
            Locale::ALL.len(),
            "{locales}"
        );
        let theme = declaration(NPM_TYPES, "export type ThemeProperty =", ";");
        for name in Theme::PROPERTIES {
            assert!(theme.contains(&format!("| \"{name}\"")), "{name}");
        }
        assert_eq!(
            theme.matches('|').count(),
            Theme::PROPERTIES.len(),
            "{theme}"
        );
    }

    #[test]
    fn every_theme_property_is_used_by_the_stylesheet() {
        let css = include_str!("../../style/main.css");
        for name in Theme::PROPERTIES {
            assert!(css.contains(&format!("var(--ci-{name})")), "{name}");
        }
    }
}
