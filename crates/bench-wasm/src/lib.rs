//! What the app does with a file, callable from the benchmark page: read it, or read
//! it, map its columns and validate every row. Each returns a count the page checks,
//! so that nothing is optimised away and a wrong file shows.

use customer_import_domain::{
    country::Country,
    mapping::suggest,
    read::{Book, ReadOptions, read_file},
    review::{Review, Setup},
    schema::default_fields,
    table::{HeaderOptions, Table},
    validate::{Date, Lists},
};
use wasm_bindgen::prelude::*;

/// Reads the file as the app does; returns the first sheet's row count.
#[wasm_bindgen]
pub fn read(bytes: &[u8], name: &str) -> Result<usize, JsError> {
    let book = book(bytes, name)?;
    let sheet = first_sheet(&book)?;
    Ok(sheet.rows())
}

/// Reads the file, suggests the mapping and validates every row into a review, as the
/// app does before its review step; returns the number of rows with problems.
#[wasm_bindgen]
pub fn read_map_validate(bytes: &[u8], name: &str) -> Result<usize, JsError> {
    let book = book(bytes, name)?;
    let table = Table::new(first_sheet(&book)?, HeaderOptions::default())
        .map_err(|e| JsError::new(&format!("{e:?}")))?;
    let headings: Vec<Option<&str>> = table
        .headings()
        .iter()
        .map(|h| Some(h.label.as_str()))
        .collect();
    // A fixed day keeps the result the same whenever the benchmark runs.
    let today = Date {
        year: 2026,
        month: 11,
        day: 21,
    };
    let fields = default_fields();
    let mapping = suggest(&headings, |_| Vec::new(), &fields, Country::Norway, today);
    let setup = Setup {
        fields,
        lists: Lists::default(),
        country: Country::Norway,
        today,
    };
    Ok(Review::new(&table, &mapping, setup).counts().problems)
}

fn book(bytes: &[u8], name: &str) -> Result<Book, JsError> {
    read_file(bytes, name, &ReadOptions::default()).map_err(|e| JsError::new(&format!("{e:?}")))
}

fn first_sheet(book: &Book) -> Result<&customer_import_domain::read::Sheet, JsError> {
    book.sheets
        .first()
        .and_then(|s| s.content.as_ref().ok())
        .ok_or_else(|| JsError::new("the file has no readable sheet"))
}
