//! A workbook of one sheet of text and number cells, written by hand. The failed rows
//! are the only workbook the browser writes, and `rust_xlsxwriter` (which the server's
//! exports use) made the worker 1.06 MB larger (450 KB gzipped) for them. These are the
//! fewest parts Excel, LibreOffice and calamine open without a word: the content types,
//! two relationship parts, the workbook, a style sheet (bold headings, the text format,
//! wrapped reasons) and the sheet, its text as inline strings. The zip's entries are
//! stored, not deflated, so no compressor is built in; `crc32fast` comes with `zip`.

use std::fmt::Write as _;

use customer_import_domain::cell::column_letter;

/// The styles of `STYLES`, by index.
const BOLD_TEXT: u8 = 1;
const TEXT: u8 = 2;
const WRAPPED: u8 = 3;

/// A cell of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text as the user typed it; a text cell is never evaluated.
    Text(&'a str),
    /// Text that wraps within its column (the reasons).
    Wrapped(&'a str),
    Number(f64),
}

/// The sheet being written, a row at a time.
pub struct PlainXlsx {
    sheet_name: String,
    rows: String,
    next_row: u32,
    /// Each column's widest value, in characters.
    widths: Vec<usize>,
    /// Columns that hold text (formatted as text, so a value typed later stays text).
    text_columns: Vec<bool>,
}

/// The workbook would be larger than a zip without its 64-bit extension holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the workbook is larger than 4 GB")]
pub struct TooLarge;

impl PlainXlsx {
    /// An empty sheet named `sheet_name` (cut to Excel's 31 characters, without the
    /// characters a sheet name cannot have).
    pub fn new(sheet_name: &str) -> PlainXlsx {
        let mut name: String = sheet_name
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .take(31)
            .collect();
        if name.trim().is_empty() {
            name = "Sheet1".into();
        }
        PlainXlsx {
            sheet_name: name,
            rows: String::new(),
            next_row: 1,
            widths: Vec::new(),
            text_columns: Vec::new(),
        }
    }

    /// The headings, bold; the sheet keeps them in view as it scrolls.
    pub fn headings<'a>(&mut self, headings: impl IntoIterator<Item = &'a str>) {
        let cells: Vec<Cell<'a>> = headings.into_iter().map(Cell::Text).collect();
        self.write_row(&cells, Some(BOLD_TEXT));
    }

    pub fn row(&mut self, cells: &[Cell<'_>]) {
        self.write_row(cells, None);
    }

    fn write_row(&mut self, cells: &[Cell<'_>], style: Option<u8>) {
        let r = self.next_row;
        self.next_row += 1;
        let _ = write!(self.rows, r#"<row r="{r}">"#);
        for (c, cell) in cells.iter().enumerate() {
            if self.widths.len() <= c {
                self.widths.resize(c + 1, 0);
                self.text_columns.resize(c + 1, false);
            }
            let at = format!("{}{r}", column_letter(c));
            match *cell {
                Cell::Text("") | Cell::Wrapped("") => {}
                Cell::Text(text) | Cell::Wrapped(text) => {
                    let wrapped = matches!(cell, Cell::Wrapped(_));
                    if !wrapped {
                        self.widths[c] = self.widths[c].max(text.chars().count());
                        self.text_columns[c] |= style.is_none();
                    }
                    let s = style.unwrap_or(if wrapped { WRAPPED } else { TEXT });
                    let _ = write!(
                        self.rows,
                        r#"<c r="{at}" s="{s}" t="inlineStr"><is><t xml:space="preserve">"#
                    );
                    escape_into(&mut self.rows, text);
                    self.rows.push_str("</t></is></c>");
                }
                Cell::Number(n) => {
                    let shown = format!("{n}");
                    self.widths[c] = self.widths[c].max(shown.len());
                    let _ = write!(self.rows, r#"<c r="{at}"><v>{shown}</v></c>"#);
                }
            }
        }
        self.rows.push_str("</row>");
    }

    /// The workbook's bytes.
    pub fn finish(self) -> Result<Vec<u8>, TooLarge> {
        let mut cols = String::new();
        for (c, (&width, &text)) in self.widths.iter().zip(&self.text_columns).enumerate() {
            let n = c + 1;
            let width = width.clamp(6, 60) + 2;
            let style = if text {
                format!(r#" style="{TEXT}""#)
            } else {
                String::new()
            };
            let _ = write!(
                cols,
                r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"{style}/>"#
            );
        }
        let cols = if cols.is_empty() {
            cols
        } else {
            format!("<cols>{cols}</cols>")
        };
        let sheet = format!(
            r#"{XML}<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>{cols}<sheetData>{}</sheetData></worksheet>"#,
            self.rows
        );
        let mut name = String::new();
        escape_into(&mut name, &self.sheet_name);
        let workbook = format!(
            r#"{XML}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        );
        let mut zip = StoredZip::default();
        zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes())?;
        zip.add("_rels/.rels", PACKAGE_RELS.as_bytes())?;
        zip.add("xl/workbook.xml", workbook.as_bytes())?;
        zip.add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes())?;
        zip.add("xl/styles.xml", STYLES.as_bytes())?;
        zip.add("xl/worksheets/sheet1.xml", sheet.as_bytes())?;
        zip.finish()
    }
}

/// `text` as XML character data. An underscore that would start one of OOXML's
/// `_xHHHH_` escapes is escaped itself, so `_x0041_` stays what was typed.
fn escape_into(out: &mut String, text: &str) {
    for (i, ch) in text.char_indices() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '_' if starts_escape(&text[i..]) => out.push_str("_x005F_"),
            _ => out.push(ch),
        }
    }
}

fn starts_escape(at: &str) -> bool {
    let b = at.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Style 0 the default; 1 bold text (headings); 2 text (`@`, format 49); 3 wrapped, top.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// A zip whose entries are stored as they are, with UTF-8 names and no dates.
#[derive(Default)]
struct StoredZip {
    out: Vec<u8>,
    directory: Vec<u8>,
    entries: u16,
}

impl StoredZip {
    fn add(&mut self, name: &str, data: &[u8]) -> Result<(), TooLarge> {
        let offset = u32::try_from(self.out.len()).map_err(|_| TooLarge)?;
        let size = u32::try_from(data.len()).map_err(|_| TooLarge)?;
        let crc = crc32fast::hash(data);
        let name_len = u16::try_from(name.len()).map_err(|_| TooLarge)?;
        // Version 2.0, names in UTF-8 (bit 11), stored, 1980-01-01 00:00.
        let common = |out: &mut Vec<u8>| {
            for half in [20u16, 0x0800, 0, 0, 0x21] {
                out.extend_from_slice(&half.to_le_bytes());
            }
            for word in [crc, size, size] {
                out.extend_from_slice(&word.to_le_bytes());
            }
            out.extend_from_slice(&name_len.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
        };
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        self.directory
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.directory.extend_from_slice(&20u16.to_le_bytes());
        common(&mut self.directory);
        // No comment, disk 0, no attributes, then where the entry starts.
        for half in [0u16, 0, 0] {
            self.directory.extend_from_slice(&half.to_le_bytes());
        }
        self.directory.extend_from_slice(&0u32.to_le_bytes());
        self.directory.extend_from_slice(&offset.to_le_bytes());
        self.directory.extend_from_slice(name.as_bytes());
        self.entries += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<u8>, TooLarge> {
        let start = u32::try_from(self.out.len()).map_err(|_| TooLarge)?;
        let size = u32::try_from(self.directory.len()).map_err(|_| TooLarge)?;
        self.out.extend_from_slice(&self.directory);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for half in [0u16, 0, self.entries, self.entries] {
            self.out.extend_from_slice(&half.to_le_bytes());
        }
        for word in [size, start] {
            self.out.extend_from_slice(&word.to_le_bytes());
        }
        self.out.extend_from_slice(&0u16.to_le_bytes());
        u32::try_from(self.out.len()).map_err(|_| TooLarge)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;

    #[test]
    fn text_is_escaped_for_xml_and_for_ooxmls_own_escapes() {
        let mut out = String::new();
        escape_into(&mut out, "A & B <c> _x0041_ _x00_ snake_case");
        assert_eq!(out, "A &amp; B &lt;c&gt; _x005F_x0041_ _x00_ snake_case");
    }

    /// The zip is one a zip reader takes whole: every entry's checksum and size hold.
    #[test]
    fn the_zip_reads_back_entry_by_entry() {
        let mut book = PlainXlsx::new("Ikke [opprettet]: en altfor lang fane");
        book.headings(["Navn", "Rad"]);
        book.row(&[Cell::Text("Åse & Ola"), Cell::Number(4.0)]);
        let bytes = book.finish().unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(zip.len(), 6);
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        assert!(sheet.contains("Åse &amp; Ola"), "{sheet}");
        let mut workbook = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut workbook)
            .unwrap();
        assert!(
            workbook.contains(r#"name="Ikke opprettet en altfor lang f""#),
            "{workbook}"
        );
    }
}
