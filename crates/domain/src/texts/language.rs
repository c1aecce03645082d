//! A language and its texts: Fluent bundles, the values a text takes ([`Arg`]) and
//! digit grouping. A leaf: it knows no field and no problem, so the schema and the
//! checks can name a [`Language`] (a project's own field has a label per language) and
//! reading errors an [`Arg`] without importing the wording of problems, which needs
//! them ([`super`]).

use std::{borrow::Cow, sync::LazyLock};

use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A bundle of texts in one language, shareable between threads (the server's).
pub type Bundle = fluent_bundle::concurrent::FluentBundle<FluentResource>;

/// A value for a text's `{ $name }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg<'a> {
    /// Shown as it is: names, e-mails, customer numbers, postal codes, row numbers.
    Text(Cow<'a, str>),
    /// A count: picks the plural form and is written with digit grouping ("1 200").
    Count(u64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text.into())
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text.into())
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(text.into())
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Count(n)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Count(n as u64)
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Count(n.into())
    }
}

/// The Fluent id of a key: `file.too_big` → `file-too_big`.
pub fn fluent_id(key: &str) -> Cow<'_, str> {
    if key.contains('.') {
        key.replace('.', "-").into()
    } else {
        key.into()
    }
}

/// A bundle of `sources` (Fluent files) in `language`, numbers grouped as it writes
/// them. A line Fluent cannot parse loses only its message here; the tests parse every
/// file strictly.
pub fn new_bundle(language: Language, sources: &[&'static str]) -> Bundle {
    let tag = language.tag().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![tag]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match language {
        Language::En => grouped::<',', _>,
        Language::Nb | Language::Fi | Language::Sv => grouped::<'\u{a0}', _>,
    }));
    for source in sources {
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
        // A repeated id keeps its first text; the tests forbid repeats.
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// Writes whole numbers with `SEPARATOR` between groups of three digits; anything else
/// is left to Fluent.
fn grouped<const SEPARATOR: char, M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value >= 0.0 && n.value.fract() == 0.0 && n.value < 1e15 => {
            Some(group_digits(n.value as u64, SEPARATOR))
        }
        _ => None,
    }
}

fn group_digits(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

/// The text of `key` in `bundle` with `args` filled in, if the bundle has it.
pub fn message<'b>(bundle: &'b Bundle, key: &str, args: &[(&str, Arg)]) -> Option<Cow<'b, str>> {
    let pattern = bundle.get_message(&fluent_id(key))?.value()?;
    let args = (!args.is_empty()).then(|| {
        let mut fluent = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            match value {
                Arg::Text(text) => fluent.set(*name, FluentValue::String(text.clone())),
                Arg::Count(n) => fluent.set(*name, FluentValue::from(*n)),
            }
        }
        fluent
    });
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args.as_ref(), &mut errors);
    // Borrowed text must not outlive `args`: only a text without values is borrowed.
    Some(match text {
        Cow::Borrowed(_) if args.is_none() => text,
        text => Cow::Owned(text.into_owned()),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Nb,
    Fi,
    En,
    Sv,
}

static BUNDLES: [LazyLock<Bundle>; 4] = [
    LazyLock::new(|| new_bundle(Language::Nb, &[Language::Nb.ftl()])),
    LazyLock::new(|| new_bundle(Language::Fi, &[Language::Fi.ftl()])),
    LazyLock::new(|| new_bundle(Language::En, &[Language::En.ftl()])),
    LazyLock::new(|| new_bundle(Language::Sv, &[Language::Sv.ftl()])),
];

impl Language {
    pub const ALL: [Language; 4] = [Language::Nb, Language::Fi, Language::En, Language::Sv];

    /// BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::Fi => "fi",
            Language::En => "en",
            Language::Sv => "sv",
        }
    }

    /// Maps a language tag to a supported language. Nynorsk and plain "no" readers
    /// get Bokmål, which they read more easily than English.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nb" | "no" | "nn" => Some(Language::Nb),
            "fi" => Some(Language::Fi),
            "en" => Some(Language::En),
            "sv" => Some(Language::Sv),
            _ => None,
        }
    }

    /// This crate's texts in the language, as a Fluent file.
    pub fn ftl(self) -> &'static str {
        match self {
            Language::Nb => include_str!("nb.ftl"),
            Language::Fi => include_str!("fi.ftl"),
            Language::En => include_str!("en.ftl"),
            Language::Sv => include_str!("sv.ftl"),
        }
    }

    pub(super) fn bundle(self) -> &'static Bundle {
        &BUNDLES[self as usize]
    }

    /// Whether this crate has a text for `key`.
    pub fn has(self, key: &str) -> bool {
        self.bundle().has_message(&fluent_id(key))
    }

    /// The text for `key`, in English when the language lacks it, else the key.
    pub fn text<'a>(self, key: &'a str) -> Cow<'a, str> {
        self.format(key, &[])
    }

    /// The text for `key` with `args` filled in, in English when the language lacks
    /// it, else the key.
    pub fn format<'a>(self, key: &'a str, args: &[(&str, Arg)]) -> Cow<'a, str> {
        message(self.bundle(), key, args)
            .or_else(|| message(Language::En.bundle(), key, args))
            .unwrap_or(Cow::Borrowed(key))
    }

    /// A count with thousands grouped as the language writes them: 32,767 / 32 767.
    pub fn number(self, n: u64) -> String {
        let separator = match self {
            Language::En => ',',
            Language::Nb | Language::Fi | Language::Sv => '\u{a0}',
        };
        group_digits(n, separator)
    }
}

/// The id and the `$variables` of each message of a Fluent file, sorted, for the tests
/// that keep the languages in step; an error if the file does not parse.
pub fn messages_of(source: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let resource =
        FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| format!("{errors:?}"))?;
    let mut found = Vec::new();
    for entry in resource.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            let mut variables: Vec<String> = m.value.iter().flat_map(|p| variables_of(p)).collect();
            variables.sort_unstable();
            variables.dedup();
            found.push((m.id.name.to_owned(), variables));
        }
    }
    found.sort();
    Ok(found)
}

fn variables_of(pattern: &fluent_syntax::ast::Pattern<&str>) -> Vec<String> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut Vec<String>) {
        if let InlineExpression::VariableReference { id } = e {
            out.push(id.name.to_owned());
        }
    }
    let mut out = Vec::new();
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            match expression {
                Expression::Inline(e) => inline(e, &mut out),
                Expression::Select { selector, variants } => {
                    inline(selector, &mut out);
                    for v in variants {
                        out.extend(variables_of(&v.value));
                    }
                }
            }
        }
    }
    out
}
