//! A raw sheet seen through the user's header choices: how many rows to skip from the
//! top (title rows, project name, …) and whether the next row holds the headings.
//!
//! Headings are made usable: blank ones are named by their column letter (`C`), and
//! repeated ones are numbered (`Navn`, `Navn (2)`). Empty rows among the data are not
//! customers and are left out; row numbers stay those of the file, as Excel shows them.

use std::{
    borrow::Cow,
    collections::{HashMap, HashSet},
};

use serde::{Deserialize, Serialize};

use crate::read::{Cell, CellKind, ReadError, RowCells, Sheet, column_letter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderOptions {
    /// Rows above the header (or above the data, without a header).
    pub skip_rows: usize,
    pub has_headers: bool,
}

impl Default for HeaderOptions {
    fn default() -> HeaderOptions {
        HeaderOptions {
            skip_rows: 0,
            has_headers: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Unique within the table.
    pub label: String,
    /// True when the label is a column letter because the file had no heading here.
    pub generated: bool,
}

/// A data row whose length differs from the header row's (delimited text only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RaggedRow {
    /// 1-based row number in the file.
    pub row: u64,
    pub fields: usize,
    pub expected: usize,
}

/// Which rows of a sheet make the table under the header choices. Finding them looks
/// at every row, so a caller that views the same table often (a UI drawing the rows
/// in view) keeps the layout and views the sheet through it with [`Table::with_layout`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    headings: Vec<Heading>,
    header_row: Option<usize>,
    /// Sheet row indexes of the non-empty data rows.
    data_rows: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct Table<'a> {
    sheet: &'a Sheet,
    layout: Cow<'a, Layout>,
}

impl<'a> Table<'a> {
    pub fn new(sheet: &'a Sheet, options: HeaderOptions) -> Result<Table<'a>, ReadError> {
        Ok(Table {
            sheet,
            layout: Cow::Owned(Layout::new(sheet, options)?),
        })
    }

    /// The table of `sheet` under a layout found for it before: no row is looked at.
    pub fn with_layout(sheet: &'a Sheet, layout: &'a Layout) -> Table<'a> {
        Table {
            sheet,
            layout: Cow::Borrowed(layout),
        }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn sheet(&self) -> &'a Sheet {
        self.sheet
    }
}

impl Layout {
    pub fn new(sheet: &Sheet, options: HeaderOptions) -> Result<Layout, ReadError> {
        let first = (options.skip_rows..sheet.rows())
            .find(|&r| !sheet.row_is_empty(r))
            .ok_or(ReadError::NoData)?;
        let header_row = options.has_headers.then_some(first);
        let data_start = if options.has_headers {
            first + 1
        } else {
            first
        };
        let data_rows: Vec<u32> = (data_start..sheet.rows())
            .filter(|&r| !sheet.row_is_empty(r))
            .map(|r| r as u32)
            .collect();
        if data_rows.is_empty() {
            return Err(if options.has_headers {
                ReadError::HeaderOnly
            } else {
                ReadError::NoData
            });
        }
        let headings = unique_headings(sheet, header_row);
        Ok(Layout {
            headings,
            header_row,
            data_rows,
        })
    }
}

impl<'a> Table<'a> {
    pub fn headings(&self) -> &[Heading] {
        &self.layout.headings
    }

    /// Number of columns (fields).
    pub fn columns(&self) -> usize {
        self.layout.headings.len()
    }

    /// Number of data rows (customers).
    pub fn rows(&self) -> usize {
        self.layout.data_rows.len()
    }

    /// The cell of data row `row` (0-based) in `column`.
    pub fn cell(&self, row: usize, column: usize) -> Cell<'a> {
        self.row_cells(row).cell(column)
    }

    /// The cells of data row `row`, found once for reading several of them.
    pub fn row_cells(&self, row: usize) -> RowCells<'a> {
        // Past the data rows: a sheet row that does not exist, so no cells.
        let sheet_row = self
            .layout
            .data_rows
            .get(row)
            .map_or(usize::MAX, |&r| r as usize);
        self.sheet.row_cells(sheet_row)
    }

    /// The 1-based row number in the file of data row `row`, for messages.
    pub fn row_number(&self, row: usize) -> u64 {
        self.layout.data_rows.get(row).map_or(0, |&r| r as u64 + 1)
    }

    /// The first data row in full: every column's heading with its value.
    pub fn first_row(&self) -> Vec<(&str, &'a str)> {
        self.layout
            .headings
            .iter()
            .enumerate()
            .map(|(c, h)| (h.label.as_str(), self.cell(0, c).text))
            .collect()
    }

    /// Data rows with more or fewer fields than the header row, at most `limit` of
    /// them, and how many there are in all. Only delimited text knows its rows'
    /// lengths; workbooks report none.
    pub fn ragged_rows(&self, limit: usize) -> (usize, Vec<RaggedRow>) {
        if !self.sheet.has_raw_widths() {
            return (0, Vec::new());
        }
        let expected = match self.layout.header_row {
            Some(h) => self.sheet.stored_len(h),
            None => self.columns(),
        };
        let mut listed = Vec::new();
        let mut total = 0;
        for &r in &self.layout.data_rows {
            let fields = self.sheet.stored_len(r as usize);
            if fields == expected {
                continue;
            }
            total += 1;
            if listed.len() < limit {
                listed.push(RaggedRow {
                    row: u64::from(r) + 1,
                    fields,
                    expected,
                });
            }
        }
        (total, listed)
    }
}

/// Each heading as written, or its column letter when blank, numbered `(2)`, `(3)`, …
/// when an earlier one has the same label whatever the case. Linear in the number of
/// columns: each text remembers the next number to try, and a label in use can turn
/// down at most one candidate, so 16,384 identical headings cost no more than distinct
/// ones (a file chosen to be slow must not hang the worker).
fn unique_headings(sheet: &Sheet, header_row: Option<usize>) -> Vec<Heading> {
    let mut headings: Vec<Heading> = Vec::with_capacity(sheet.columns());
    let mut taken: HashSet<String> = HashSet::with_capacity(sheet.columns());
    let mut next_number: HashMap<String, usize> = HashMap::new();
    for column in 0..sheet.columns() {
        let text = header_row.map_or("", |r| sheet.cell(r, column).text.trim());
        let heading = if text.is_empty() {
            let label = column_letter(column);
            taken.insert(label.to_lowercase());
            Heading {
                label,
                generated: true,
            }
        } else {
            let mut label = text.to_owned();
            if !taken.insert(text.to_lowercase()) {
                let n = next_number.entry(text.to_lowercase()).or_insert(2);
                loop {
                    label = format!("{text} ({n})");
                    *n += 1;
                    if taken.insert(label.to_lowercase()) {
                        break;
                    }
                }
            }
            Heading {
                label,
                generated: false,
            }
        };
        headings.push(heading);
    }
    headings
}

/// How many rows to skip so that the header is the first row that looks like one: at
/// least two filled cells and at least half as many as the fullest of the first rows.
/// Title rows ("Kundeliste Fjordparken") and blank rows above the header are skipped.
pub fn suggest_skip_rows(sheet: &Sheet) -> usize {
    let look = sheet.rows().min(50);
    let filled = |r: usize| sheet.row(r).filter(|c| !c.text.trim().is_empty()).count();
    let widest = (0..look).map(filled).max().unwrap_or(0);
    if widest < 2 {
        return (0..look).find(|&r| filled(r) > 0).unwrap_or(0);
    }
    (0..look)
        .find(|&r| filled(r) >= 2 && filled(r) * 2 >= widest)
        .unwrap_or(0)
}

/// Whether the row that would be taken as headings (`skip_rows` down) reads like a
/// customer instead: an e-mail address, a date or number cell, or a run of digits
/// (a phone number, a postal code) is a value, not a heading. Such a row is asked
/// about rather than taken as headings, so that no customer is lost to a guess (a file
/// whose header row is empty or missing).
pub fn header_looks_like_data(sheet: &Sheet, skip_rows: usize) -> bool {
    if skip_rows >= sheet.rows() {
        return false;
    }
    sheet.row(skip_rows).any(|cell| {
        let text = cell.text.trim();
        let digits = text.chars().filter(char::is_ascii_digit).count();
        matches!(cell.kind, CellKind::Number | CellKind::Date)
            || (text.contains('@') && text.contains('.') && !text.contains(' '))
            || digits >= 4 && digits * 2 >= text.chars().filter(|c| !c.is_whitespace()).count()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Limits, text::read_text};

    #[test]
    fn a_customer_where_the_headings_should_be_is_noticed() {
        // The header row is empty: the first customer would be taken as headings.
        let missing =
            sheet(";;\nKari Nordmann;kari@example.no;912 34 567\nOla;ola@example.no;913 45 678\n");
        let skip = suggest_skip_rows(&missing);
        assert_eq!(skip, 1);
        assert!(header_looks_like_data(&missing, skip));
        // No header row at all.
        let none = sheet("Åse Berg;ase@example.no;A-101\nOla;o@x.no;A-102\n");
        assert!(header_looks_like_data(&none, 0));
        // Real headings, even with a number in them, are headings.
        let headed = sheet("Navn;E-post;Tlf.nr 1;Postnr\nKari;k@x.no;912 34 567;0150\n");
        assert!(!header_looks_like_data(&headed, 0));
        assert!(!header_looks_like_data(&headed, 9), "past the end");
    }

    fn sheet(text: &str) -> Sheet {
        read_text(text.as_bytes(), None, Some(b';'), None, &Limits::default())
            .unwrap()
            .0
    }

    #[test]
    fn a_kept_layout_views_the_same_table() {
        let s = sheet("Tittel\n\nNavn;E-post\nKari;k@x.no\n\nOla;o@x.no\n");
        let options = HeaderOptions {
            skip_rows: 1,
            has_headers: true,
        };
        let fresh = Table::new(&s, options).unwrap();
        let layout = Layout::new(&s, options).unwrap();
        let kept = Table::with_layout(&s, &layout);
        assert_eq!(kept.layout(), fresh.layout());
        assert_eq!(labels(&kept), ["Navn", "E-post"]);
        assert_eq!(kept.rows(), 2);
        assert_eq!(kept.cell(1, 0).text, "Ola");
        assert_eq!(kept.row_number(1), 6);
    }

    fn labels(t: &Table<'_>) -> Vec<String> {
        t.headings().iter().map(|h| h.label.clone()).collect()
    }

    #[test]
    fn title_rows_are_skipped_and_the_preview_shows_the_first_customer() {
        let s = sheet(
            "Kundeliste Fjordparken\n\nNavn;E-post;Bolig\nÅse;ase@example.no;A-101\n;;\nOla;ola@example.no;A-102\n",
        );
        assert_eq!(suggest_skip_rows(&s), 2);
        let t = Table::new(
            &s,
            HeaderOptions {
                skip_rows: 2,
                has_headers: true,
            },
        )
        .unwrap();
        assert_eq!(labels(&t), ["Navn", "E-post", "Bolig"]);
        assert_eq!((t.rows(), t.columns()), (2, 3));
        assert_eq!(
            t.first_row(),
            vec![
                ("Navn", "Åse"),
                ("E-post", "ase@example.no"),
                ("Bolig", "A-101")
            ]
        );
        // The empty row 5 is not a customer; row numbers are the file's.
        assert_eq!((t.row_number(0), t.row_number(1)), (4, 6));
        assert_eq!(t.cell(1, 2).text, "A-102");
    }

    #[test]
    fn duplicate_and_blank_headings_become_unique() {
        let s = sheet("Navn;;navn;Navn;Navn (2)\n1;2;3;4;5\n");
        let t = Table::new(&s, HeaderOptions::default()).unwrap();
        assert_eq!(
            labels(&t),
            ["Navn", "B", "navn (2)", "Navn (3)", "Navn (2) (2)"]
        );
        assert!(t.headings()[1].generated);
    }

    #[test]
    fn sixteen_thousand_identical_headings_are_numbered_in_linear_time() {
        let columns = 16_384;
        let header = vec!["Navn"; columns].join(";");
        let data = vec!["x"; columns].join(";");
        let s = sheet(&format!("{header}\n{data}\n"));
        let started = std::time::Instant::now();
        let t = Table::new(&s, HeaderOptions::default()).unwrap();
        let elapsed = started.elapsed();
        let expected: Vec<String> = std::iter::once("Navn".to_owned())
            .chain((2..=columns).map(|n| format!("Navn ({n})")))
            .collect();
        assert_eq!(labels(&t), expected);
        // Quadratic numbering took minutes here; linear takes milliseconds even in a
        // debug build on a slow machine.
        assert!(elapsed.as_secs() < 5, "{elapsed:?}");
    }

    #[test]
    fn numbering_skips_labels_in_use_whatever_the_case() {
        let s = sheet("Navn (2);NAVN;navn;B;;b\n1;2;3;4;5;6\n");
        let t = Table::new(&s, HeaderOptions::default()).unwrap();
        assert_eq!(
            labels(&t),
            ["Navn (2)", "NAVN", "navn (3)", "B", "E", "b (2)"]
        );
    }

    #[test]
    fn without_headers_columns_are_lettered_and_every_row_is_data() {
        let s = sheet("Åse;ase@example.no\nOla;ola@example.no\n");
        let t = Table::new(
            &s,
            HeaderOptions {
                skip_rows: 0,
                has_headers: false,
            },
        )
        .unwrap();
        assert_eq!(labels(&t), ["A", "B"]);
        assert_eq!(t.rows(), 2);
        assert_eq!(t.first_row(), vec![("A", "Åse"), ("B", "ase@example.no")]);
    }

    #[test]
    fn a_header_without_data_and_skipping_everything_are_errors() {
        let s = sheet("Navn;E-post\n");
        assert_eq!(
            Table::new(&s, HeaderOptions::default()).unwrap_err(),
            ReadError::HeaderOnly
        );
        let s = sheet("Navn;E-post\nÅse;a@b.no\n");
        assert_eq!(
            Table::new(
                &s,
                HeaderOptions {
                    skip_rows: 5,
                    has_headers: true
                }
            )
            .unwrap_err(),
            ReadError::NoData
        );
    }

    #[test]
    fn ragged_rows_are_reported_with_their_row_numbers() {
        let s =
            sheet("Navn;E-post;Bolig\nÅse;a@b.no;A-101\nOla;o@b.no\nKari;k@b.no;A-103;ekstra\n");
        let t = Table::new(&s, HeaderOptions::default()).unwrap();
        assert_eq!(t.columns(), 4);
        assert_eq!(labels(&t)[3], "D");
        assert_eq!(
            t.ragged_rows(10),
            (
                2,
                vec![
                    RaggedRow {
                        row: 3,
                        fields: 2,
                        expected: 3
                    },
                    RaggedRow {
                        row: 4,
                        fields: 4,
                        expected: 3
                    }
                ]
            )
        );
        // Only the list is capped: the count is every ragged row.
        let (total, listed) = t.ragged_rows(1);
        assert_eq!((total, listed.len()), (2, 1));
    }
}
