//! What the file, header and mapping steps show of a read file: its summary, a table's
//! headings, first customer and examples, its rows, and the mapping to start from.

use customer_import_domain::{
    country::Country,
    mapping::{Mapping, Source, signature, suggest},
    schema::Field,
    validate::Date,
};
use customer_import_reading::{
    read::{Book, TextLayout},
    table::{HeaderOptions, Table, header_looks_like_data},
};

use crate::protocol::{FileSummary, Origin, SheetSummary, TableRow, TableSummary, TextSummary};

/// Values looked at per column, to suggest by content and to show as examples.
const SAMPLE_ROWS: usize = 50;

/// Ragged rows listed at most; the step names the first and counts them all.
const RAGGED_LISTED: usize = 1_000;

/// The encoding and delimiter delimited text was read with, as the page shows them.
pub fn text_summary(layout: &TextLayout) -> TextSummary {
    TextSummary {
        encoding: layout.decoding.encoding.name().to_owned(),
        delimiter: layout.delimiter,
    }
}

pub fn file_summary(book: &Book) -> FileSummary {
    FileSummary {
        format: book.format,
        text: book.text_layout.as_ref().map(text_summary),
        sheets: book
            .sheets
            .iter()
            .map(|s| SheetSummary {
                name: s.name.clone(),
                visible: s.visible,
                rows: s.rows(),
                losses: s
                    .content
                    .as_ref()
                    .map(|sheet| sheet.losses().clone())
                    .unwrap_or_default(),
            })
            .collect(),
        default_sheet: book.default_sheet(),
    }
}

pub fn table_summary(table: &Table<'_>, header: HeaderOptions) -> TableSummary {
    let headings: Vec<&str> = table.headings().iter().map(|h| h.label.as_str()).collect();
    let (ragged_total, ragged) = table.ragged_rows(RAGGED_LISTED);
    TableSummary {
        header,
        rows: table.rows(),
        headings: headings.iter().map(|h| (*h).to_owned()).collect(),
        first_row: table
            .first_row()
            .into_iter()
            .map(|(h, v)| (h.to_owned(), v.to_owned()))
            .collect(),
        ragged_rows: ragged.iter().map(|r| r.row).collect(),
        ragged_total: ragged_total as u64,
        examples: (0..table.columns())
            .map(|c| examples(table, c, 3))
            .collect(),
        signature: signature(&headings),
        headings_look_like_data: header.has_headers
            && header_looks_like_data(table.sheet(), header.skip_rows),
    }
}

/// Rows `start..start + len` of `table` (fewer at its end).
pub fn table_rows(table: &Table<'_>, start: usize, len: usize) -> Vec<TableRow> {
    let end = table.rows().min(start.saturating_add(len));
    (start.min(end)..end)
        .map(|r| TableRow {
            number: table.row_number(r),
            cells: (0..table.columns())
                .map(|c| table.cell(r, c).text.to_owned())
                .collect(),
        })
        .collect()
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
fn examples(table: &Table<'_>, column: usize, n: usize) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use customer_import_domain::schema::default_fields;
    use customer_import_reading::read::{ReadOptions, read_file};

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

            let mut mine = suggested.clone();
            mine.set_column("notes", 2);
            let (m, origin) =
                starting_mapping(table, &fields, Country::Norway, TODAY, Some(mine.clone()));
            assert_eq!((m, origin), (mine.clone(), Origin::Remembered));

            let mut past_the_end = suggested.clone();
            past_the_end.set_column("notes", 3);
            let mut fixed_email = suggested.clone();
            fixed_email.set_fixed("email", "x");
            let mut gone = suggested.clone();
            gone.set_column("custom.gone", 2);
            for misfit in [past_the_end, fixed_email, gone] {
                let (_, origin) =
                    starting_mapping(table, &fields, Country::Norway, TODAY, Some(misfit));
                assert_eq!(origin, Origin::Suggested);
            }
            assert_eq!(examples(table, 0, 3), ["Åse"]);
            assert_eq!(examples(table, 2, 1), ["x"]);
        });
    }

    #[test]
    fn the_signature_ignores_case_and_accents() {
        let a = with_table("Navn;E-post\n1;2\n", |t| {
            table_summary(t, HeaderOptions::default()).signature
        });
        let b = with_table("NAVN;e-post\n1;2\n", |t| {
            table_summary(t, HeaderOptions::default()).signature
        });
        let c = with_table("Navn;Telefon\n1;2\n", |t| {
            table_summary(t, HeaderOptions::default()).signature
        });
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn a_window_of_rows_stops_at_the_end() {
        with_table("A;B\n1;2\n\n3\n", |t| {
            let rows = table_rows(t, 1, 10);
            assert_eq!(
                rows,
                [TableRow {
                    number: 4,
                    cells: vec!["3".into(), String::new()]
                }]
            );
            assert!(table_rows(t, 5, 10).is_empty());
            assert!(table_rows(t, usize::MAX, usize::MAX).is_empty());
        });
    }
}
