//! Finds the delimiter of a text file among `;` `,` TAB `|`.
//!
//! Each candidate splits a sample of records (quotes respected); the right one gives
//! the same number of fields, more than one, on most records. Counting consistency
//! rather than occurrences is what keeps Nordic semicolon exports right when their
//! addresses contain commas, and title rows above the header do not disturb it.

use csv_core::{ReadRecordResult, ReaderBuilder};

/// In order of preference when two split a file equally well (Nordic Excel first).
pub const CANDIDATES: [u8; 4] = [b';', b'\t', b',', b'|'];

const SAMPLE_BYTES: usize = 64 * 1024;
const SAMPLE_RECORDS: usize = 200;

/// The delimiter that splits `text` most consistently; `;` when none splits it.
pub fn sniff(text: &str) -> u8 {
    let bytes = text.as_bytes();
    let mut sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    let truncated = sample.len() < bytes.len();
    if truncated {
        // Do not judge a record cut in half.
        if let Some(last_newline) = sample.iter().rposition(|&b| b == b'\n') {
            sample = &sample[..last_newline + 1];
        }
    }
    CANDIDATES
        .iter()
        .map(|&d| (score(sample, d), d))
        .filter(|((consistent, fields), _)| *consistent > 0 && *fields > 1)
        // max_by_key keeps the last of equals; reverse so the preferred one wins.
        .rev()
        .max_by_key(|(score, _)| *score)
        .map_or(b';', |(_, d)| d)
}

/// (records with the modal field count, that modal count) among records of 2+ fields.
fn score(sample: &[u8], delimiter: u8) -> (usize, usize) {
    let counts = field_counts(sample, delimiter);
    let mut tally: Vec<(usize, usize)> = Vec::new();
    for c in counts.into_iter().filter(|&c| c > 1) {
        match tally.iter_mut().find(|(n, _)| *n == c) {
            Some((_, seen)) => *seen += 1,
            None => tally.push((c, 1)),
        }
    }
    tally
        .into_iter()
        .map(|(fields, seen)| (seen, fields))
        .max()
        .unwrap_or((0, 0))
}

fn field_counts(sample: &[u8], delimiter: u8) -> Vec<usize> {
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = sample;
    let mut output = vec![0u8; sample.len() + 1];
    let mut ends = vec![0usize; 1024];
    let mut counts = Vec::new();
    let mut fields = 0;
    while counts.len() < SAMPLE_RECORDS {
        let (result, read, _, nends) = reader.read_record(input, &mut output, &mut ends);
        input = &input[read..];
        fields += nends;
        match result {
            ReadRecordResult::Record => {
                counts.push(fields);
                fields = 0;
            }
            ReadRecordResult::InputEmpty | ReadRecordResult::OutputEndsFull => {}
            // The output is as long as the input, so it cannot fill up; stop if it does.
            ReadRecordResult::OutputFull | ReadRecordResult::End => break,
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nordic_semicolons_with_commas_in_values() {
        let text = "Navn;Adresse;Poststed\nÅse;Storgata 1, 2. etg;Oslo\nOla;Kirkeveien 3, H0101;Bergen\nKari;Fjordveien 9;Tromsø\n";
        assert_eq!(sniff(text), b';');
    }

    #[test]
    fn english_commas_with_semicolons_in_quoted_values() {
        let text =
            "name,email,notes\nAnn,ann@example.com,\"likes ; and ,\"\nBob,bob@example.com,none\n";
        assert_eq!(sniff(text), b',');
    }

    #[test]
    fn tabs_and_pipes() {
        assert_eq!(
            sniff("Nimi\tPuhelin\nPäivi\t040 123\nMatti\t050 456\n"),
            b'\t'
        );
        assert_eq!(sniff("a|b|c\n1|2|3\n4|5|6\n"), b'|');
    }

    #[test]
    fn title_rows_above_the_header_do_not_mislead() {
        let text = "Kundeliste Fjordparken, oppdatert 1. mars\n\nNavn;E-post;Bolig\nÅse;ase@example.no;A-101\nOla;ola@example.no;A-102\n";
        assert_eq!(sniff(text), b';');
    }

    #[test]
    fn newlines_inside_quotes_are_one_record() {
        let text =
            "Navn;Notat;Bolig\nÅse;\"linje 1\nlinje 2, med komma\";A-101\nOla;\"a,b,c\";A-102\n";
        assert_eq!(sniff(text), b';');
    }

    #[test]
    fn a_single_column_falls_back_to_semicolon() {
        assert_eq!(sniff("email\na@example.no\nb@example.no\n"), b';');
        assert_eq!(sniff(""), b';');
    }
}
