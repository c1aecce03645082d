//! The mapping the wizard starts from, and what the mapping step shows of each column.
//! Plain Rust so it is tested natively; the step only renders it.

use customer_import_domain::{
    country::Country,
    mapping::{Mapping, Source, signature, suggest},
    schema::Field,
    table::Table,
    validate::Date,
};

/// Values looked at per column, to suggest by content and to show as examples.
const SAMPLE_ROWS: usize = 50;

/// Where the starting mapping came from, so the step can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The user mapped a file with the same headings before.
    Remembered,
    /// Proposed from the headings and the values.
    Suggested,
}

/// The layout of `table`'s headings, for remembering its mapping.
pub fn table_signature(table: &Table<'_>) -> String {
    let headings: Vec<&str> = table.headings().iter().map(|h| h.label.as_str()).collect();
    signature(&headings)
}

/// The mapping to start from: `remembered` when it still fits the table and the
/// fields, else a fresh suggestion.
pub fn starting_mapping(
    table: &Table<'_>,
    fields: &[Field],
    country: Country,
    today: Date,
    remembered: Option<Mapping>,
) -> (Mapping, Origin) {
    if let Some(m) = remembered.filter(|m| fits(m, table, fields)) {
        return (m, Origin::Remembered);
    }
    let headings: Vec<Option<&str>> = table
        .headings()
        .iter()
        .map(|h| (!h.generated).then_some(h.label.as_str()))
        .collect();
    let rows = table.rows().min(SAMPLE_ROWS);
    let samples = |column: usize| {
        (0..rows)
            .map(|r| {
                let cell = table.cell(r, column);
                (cell.text, cell.kind)
            })
            .collect()
    };
    (
        suggest(&headings, samples, fields, country, today),
        Origin::Suggested,
    )
}

fn fits(mapping: &Mapping, table: &Table<'_>, fields: &[Field]) -> bool {
    mapping.fields.iter().all(|(key, source)| {
        let field = fields.iter().find(|f| &f.key == key);
        match (field, source) {
            (Some(_), Source::Column(c)) => *c < table.columns(),
            (Some(f), Source::Fixed(_)) => f.file_wide,
            (None, _) => false,
        }
    })
}

/// Up to `n` distinct non-empty values of `column`, as examples of what it holds.
pub fn examples(table: &Table<'_>, column: usize, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in 0..table.rows().min(SAMPLE_ROWS) {
        let text = table.cell(r, column).text.trim();
        if !text.is_empty() && !out.iter().any(|o| o == text) {
            out.push(text.to_owned());
            if out.len() == n {
                break;
            }
        }
    }
    out
}

/// How a mapping choice is written in a `<select>`: `""` unmapped, `c:3` column 3,
/// `f:lead` one value for the whole file.
pub fn encode_source(source: Option<&Source>) -> String {
    match source {
        None => String::new(),
        Some(Source::Column(c)) => format!("c:{c}"),
        Some(Source::Fixed(v)) => format!("f:{v}"),
    }
}

pub fn decode_source(value: &str) -> Option<Source> {
    if let Some(c) = value.strip_prefix("c:") {
        return c.parse().ok().map(Source::Column);
    }
    value
        .strip_prefix("f:")
        .map(|v| Source::Fixed(v.to_owned()))
}

/// `mapping` with `field` set to what the user chose (`None`: unmapped).
pub fn with_choice(mapping: &Mapping, field: &str, choice: Option<Source>) -> Mapping {
    let mut next = mapping.clone();
    match choice {
        None => next.clear(field),
        Some(Source::Column(c)) => next.set_column(field, c),
        Some(Source::Fixed(v)) => next.set_fixed(field, &v),
    }
    next
}

#[cfg(test)]
mod tests {
    use customer_import_domain::{
        read::{ReadOptions, read_file},
        schema::default_fields,
        table::HeaderOptions,
    };

    use super::*;

    const TODAY: Date = Date {
        year: 2026,
        month: 11,
        day: 21,
    };

    fn with_table<R>(csv: &str, f: impl FnOnce(&Table<'_>) -> R) -> R {
        let book = read_file(csv.as_bytes(), "k.csv", &ReadOptions::default()).unwrap();
        let sheet = book.sheets[0].content.as_ref().unwrap();
        f(&Table::new(sheet, HeaderOptions::default()).unwrap())
    }

    #[test]
    fn a_remembered_mapping_is_used_only_when_it_fits() {
        let csv = "Navn;Epost;Kolonne\nÅse;ase@example.no;x\nÅse;ase@example.no;y\n";
        with_table(csv, |table| {
            let fields = default_fields();
            let (suggested, origin) =
                starting_mapping(table, &fields, Country::Norway, TODAY, None);
            assert_eq!(origin, Origin::Suggested);
            assert_eq!(suggested.column_of("name"), Some(0));
            assert_eq!(suggested.column_of("email"), Some(1));

            let mine = with_choice(&suggested, "notes", Some(Source::Column(2)));
            let (m, origin) =
                starting_mapping(table, &fields, Country::Norway, TODAY, Some(mine.clone()));
            assert_eq!((m, origin), (mine, Origin::Remembered));

            for misfit in [
                with_choice(&suggested, "notes", Some(Source::Column(3))),
                with_choice(&suggested, "email", Some(Source::Fixed("x".into()))),
                with_choice(&suggested, "custom.gone", Some(Source::Column(2))),
            ] {
                let (_, origin) =
                    starting_mapping(table, &fields, Country::Norway, TODAY, Some(misfit));
                assert_eq!(origin, Origin::Suggested);
            }
            assert_eq!(examples(table, 0, 3), ["Åse"]);
            assert_eq!(examples(table, 2, 1), ["x"]);
        });
    }

    #[test]
    fn select_values_round_trip_and_a_column_serves_one_field() {
        for source in [
            None,
            Some(Source::Column(12)),
            Some(Source::Fixed("a:b".into())),
        ] {
            assert_eq!(decode_source(&encode_source(source.as_ref())), source);
        }
        let mut m = Mapping::default();
        m = with_choice(&m, "name", decode_source("c:0"));
        m = with_choice(&m, "city", decode_source("c:0"));
        assert_eq!(m.column_of("name"), None);
        assert_eq!(m.column_of("city"), Some(0));
        m = with_choice(&m, "city", decode_source(""));
        assert!(m.fields.is_empty());
    }

    #[test]
    fn the_signature_ignores_case_and_accents() {
        let a = with_table("Navn;E-post\n1;2\n", table_signature);
        let b = with_table("NAVN;e-post\n1;2\n", table_signature);
        let c = with_table("Navn;Telefon\n1;2\n", table_signature);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
