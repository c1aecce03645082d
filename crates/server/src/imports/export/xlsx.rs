//! The XLSX files: a sheet of customers under bold, frozen headings, each heading with
//! its explanation as a note; the template adds a sheet that explains every column and
//! lists the values the project accepts. Every value is written as text, so Excel
//! neither evaluates nor reformats it (phone numbers keep their `+`, postal codes
//! their leading zero), and through `cell_text`: a value stored before validation
//! refused it (NUL, a 40,000-character note or group name) is written with what XML
//! cannot hold replaced and cut to Excel's 32,767 characters, instead of failing the
//! file for good.

use customer_import_domain::{
    schema::{Field, ValueType},
    texts::Language,
    update::MatchKey,
    validate::Lists,
    write::cell_text,
};
use rust_xlsxwriter::{Format, Note, Workbook, Worksheet, XlsxError};

/// A column's explanation; the match key's says it is one: an import that updates
/// customers finds them by it.
fn help(field: &Field, language: Language) -> String {
    let help = language.field_help(field);
    if field.key == MatchKey::ExternalId.field() {
        format!("{help} {}", language.text("export.match_key"))
    } else {
        help.into_owned()
    }
}

fn customer_sheet(
    workbook: &mut Workbook,
    fields: &[Field],
    language: Language,
    rows: &[Vec<String>],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let sheet: &mut Worksheet = workbook.add_worksheet();
    sheet.set_name(language.text("export.sheet.customers"))?;
    for (c, field) in fields.iter().enumerate() {
        let c = c as u16;
        let heading = language.field_label(field);
        sheet.write_string_with_format(0, c, &*heading, &bold)?;
        let note = Note::new(help(field, language)).set_author("customer-import");
        sheet.insert_note(0, c, &note)?;
        // New values typed under the heading stay text too.
        sheet.set_column_format(c, &text)?;
        let widest = rows
            .iter()
            .filter_map(|r| r.get(c as usize))
            .map(|v| v.chars().count())
            .chain([heading.chars().count()])
            .max()
            .unwrap_or(10);
        sheet.set_column_width(c, (widest.clamp(8, 50) + 2) as f64)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string_with_format(r, c as u16, &*cell_text(value), &text)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

pub fn customers_xlsx(
    fields: &[Field],
    language: Language,
    rows: &[Vec<String>],
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    customer_sheet(&mut workbook, fields, language, rows)?;
    workbook.save_to_buffer()
}

/// The blank template: the customer sheet with headings only, then the explanations.
pub fn template_xlsx(
    fields: &[Field],
    language: Language,
    lists: &Lists,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    customer_sheet(&mut workbook, fields, language, &[])?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name(language.text("export.sheet.explanations"))?;
    for (c, key) in [
        "export.column.field",
        "export.column.help",
        "export.column.values",
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_string_with_format(0, c as u16, language.text(key), &bold)?;
    }
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 70)?;
    sheet.set_column_width(2, 40)?;
    for (r, field) in fields.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, language.field_label(field))?;
        sheet.write_string_with_format(r, 1, help(field, language), &wrap)?;
        let values = accepted_values(field, language, lists).join(", ");
        if !values.is_empty() {
            sheet.write_string_with_format(r, 2, &*cell_text(&values), &wrap)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

/// What a field of this project accepts, where that is a list or a form.
fn accepted_values(field: &Field, language: Language, lists: &Lists) -> Vec<String> {
    match field.custom.as_ref().map(|c| &c.value) {
        Some(ValueType::OneOf { options }) => return options.clone(),
        Some(ValueType::Pattern { example, .. }) => return vec![example.clone()],
        _ => {}
    }
    match field.key.as_str() {
        "unit" => lists.units.clone().unwrap_or_default(),
        "company_type" => lists
            .company_types
            .iter()
            .flatten()
            .map(|t| t.name(language).to_owned())
            .collect(),
        "customer_group" => lists.groups.clone().unwrap_or_default(),
        "account_manager" => lists
            .account_managers
            .iter()
            .flatten()
            .map(|m| m.email.clone())
            .collect(),
        _ => Vec::new(),
    }
}
