//! The pure part of importing a chunk: every row checked as the browser checks it, then
//! against the chunk's other rows for repeated e-mails and customer numbers; the order
//! its writes take; and its verdicts once the writes are done. Nothing here reads or
//! writes the database ([`crate::imports::import`] does).

use std::collections::HashMap;

use customer_import_domain::{
    cell::CellKind,
    validate::{Customer, FieldError, RawValue, RowContext, RowValidator, find_duplicates},
    wire::{ImportChunk, Verdict},
};

use crate::identity::outside_text;

/// A row checked: the customer it makes, or its problems.
pub type Checked = Result<Customer, Vec<FieldError>>;

/// What a chunk's transaction writes, in the order it writes it: the groups its valid
/// rows name (sorted, each once), then the valid rows ([`insert_order`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Plan<'a> {
    pub groups: Vec<&'a str>,
    /// Positions in the chunk of the valid rows.
    pub order: Vec<usize>,
}

impl<'a> Plan<'a> {
    pub fn of(checked: &'a [Checked]) -> Plan<'a> {
        let mut groups: Vec<&str> = checked
            .iter()
            .filter_map(|c| c.as_ref().ok()?.customer_group.as_deref())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        Plan {
            groups,
            order: insert_order(checked),
        }
    }
}

/// Every row of the chunk checked as the browser checks it, then against the other
/// rows of the chunk for repeated e-mails and customer numbers.
/// A chunk that updates checks its rows as rows of changes
/// ([`RowValidator::changes`]): a row need not name a customer it updates.
pub fn checked_rows(chunk: &ImportChunk, ctx: RowContext<'_>) -> Vec<Checked> {
    let validator = RowValidator::new(ctx);
    let updates = chunk.mode().updates();
    let checked: Vec<Checked> = chunk
        .rows
        .iter()
        .map(|row| {
            let value = |f: usize| {
                row.values.get(&ctx.fields[f].key).map(|v| RawValue {
                    text: v,
                    kind: CellKind::Text,
                })
            };
            if updates {
                validator.changes(value)
            } else {
                validator.customer(value)
            }
        })
        .collect();
    let valid = |i: usize| checked[i].as_ref().ok();
    let mut repeated: HashMap<usize, Vec<FieldError>> = HashMap::new();
    for (i, problem) in find_duplicates(
        chunk.rows.len(),
        |i| chunk.rows[i].row,
        |i| valid(i)?.email.as_deref(),
        |i| valid(i)?.external_id.as_deref(),
    ) {
        repeated.entry(i).or_default().push(problem);
    }
    checked
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            c.and_then(|customer| match repeated.remove(&i) {
                Some(problems) => Err(problems),
                None => Ok(customer),
            })
        })
        .collect()
}

/// The valid rows' positions in the order they are written: by e-mail as the unique
/// index compares it (lower case), then by customer number; rows with neither last.
pub fn insert_order(checked: &[Checked]) -> Vec<usize> {
    // Rows with neither value sort last (`true`), where they wait on no one.
    let mut order: Vec<(bool, Option<String>, Option<&str>, usize)> = checked
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let c = c.as_ref().ok()?;
            let email = c.email.as_ref().map(|e| e.to_lowercase());
            let number = c.external_id.as_deref();
            Some((email.is_none() && number.is_none(), email, number, i))
        })
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(.., i)| i).collect()
}

/// The chunk's verdicts in the order its rows were sent: the outcome the writes gave a
/// valid row, or an invalid row's problems.
pub fn verdicts(
    chunk: &ImportChunk,
    checked: &[Checked],
    outcomes: Vec<Option<Verdict>>,
) -> Vec<Verdict> {
    outcomes
        .into_iter()
        .zip(chunk.rows.iter().zip(checked.iter()))
        .map(|(outcome, (row, checked))| match (outcome, checked) {
            (Some(verdict), _) => verdict,
            (None, Err(errors)) => Verdict::Rejected {
                row: row.row,
                errors: errors.clone(),
            },
            // Every valid row was given an outcome by the writes.
            (None, Ok(_)) => unreachable!("a valid row is always created, updated or refused"),
        })
        .collect()
}

/// How many rows of a chunk did what.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: i64,
    /// Refused, and changed since they were checked.
    pub rejected: i64,
    pub updated: i64,
    pub unchanged: i64,
}

impl Counts {
    pub fn of(verdicts: &[Verdict]) -> Counts {
        let mut counts = Counts::default();
        for verdict in verdicts {
            *match verdict {
                Verdict::Created { .. } => &mut counts.created,
                Verdict::Rejected { .. } | Verdict::ChangedSince { .. } => &mut counts.rejected,
                Verdict::Updated { .. } => &mut counts.updated,
                Verdict::Unchanged { .. } => &mut counts.unchanged,
            } += 1;
        }
        counts
    }

    /// Every row counted.
    pub fn rows(&self) -> i64 {
        self.created + self.rejected + self.updated + self.unchanged
    }
}

/// The name a client gave its file, as stored: its last path component (a browser
/// sends only the name, another client might send a path), without the characters
/// that could disguise it ([`outside_text::cleaned`]), at most [`FILE_NAME_CHARS`]
/// characters; `None` when nothing is left.
pub fn clean_file_name(given: &str) -> Option<String> {
    let name = given.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = outside_text::cleaned(name)
        .chars()
        .take(FILE_NAME_CHARS)
        .collect();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The longest file name kept.
pub const FILE_NAME_CHARS: usize = 255;

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(email: Option<&str>, number: Option<&str>) -> Result<Customer, Vec<FieldError>> {
        Ok(Customer {
            email: email.map(str::to_owned),
            external_id: number.map(str::to_owned),
            ..Customer::default()
        })
    }

    #[test]
    fn rows_are_written_by_email_whatever_its_case_then_number_then_the_rest() {
        let rows = [
            customer(None, None),
            customer(Some("Ola@x.no"), None),
            Err(Vec::new()),
            customer(None, Some("K-2")),
            customer(Some("anne@x.no"), Some("K-9")),
            customer(Some("ola@x.NO"), None),
        ];
        assert_eq!(insert_order(&rows), [3, 4, 1, 5, 0]);
        // Two chunks with the same values in other orders write them in one order.
        let other = [rows[5].clone(), rows[4].clone(), rows[1].clone()];
        let written = |rows: &[Result<Customer, Vec<FieldError>>]| -> Vec<Option<String>> {
            insert_order(rows)
                .into_iter()
                .map(|i| {
                    rows[i]
                        .as_ref()
                        .unwrap()
                        .email
                        .as_ref()
                        .map(|e| e.to_lowercase())
                })
                .collect()
        };
        assert_eq!(
            written(&other),
            written(&rows[..])
                .into_iter()
                .filter(Option::is_some)
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn groups_are_made_sorted_and_once_and_only_for_valid_rows() {
        let grouped = |group: &str| {
            Ok(Customer {
                customer_group: Some(group.to_owned()),
                ..Customer::default()
            })
        };
        let rows = [
            grouped("Vest"),
            Err(Vec::new()),
            grouped("Øst"),
            grouped("Vest"),
        ];
        let plan = Plan::of(&rows);
        assert_eq!(plan.groups, ["Vest", "Øst"]);
        assert_eq!(plan.order, [0, 2, 3]);
    }

    #[test]
    fn only_a_file_s_name_is_kept() {
        assert_eq!(
            clean_file_name("kunder.xlsx").as_deref(),
            Some("kunder.xlsx")
        );
        assert_eq!(
            clean_file_name("C:\\Users\\kari\\kunder mars.csv").as_deref(),
            Some("kunder mars.csv")
        );
        assert_eq!(
            clean_file_name("/home/x/a\u{7}b.csv").as_deref(),
            Some("ab.csv")
        );
        assert_eq!(clean_file_name("  /tmp/ "), None);
        assert_eq!(
            clean_file_name("kunder\u{202e}gpj.exe").as_deref(),
            Some("kundergpj.exe"),
            "a bidirectional override would show it as kunderexe.jpg"
        );
        assert_eq!(
            clean_file_name(&"é".repeat(300)).map(|n| n.chars().count()),
            Some(255)
        );
    }
}
