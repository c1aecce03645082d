//! The worker's side of saving: it writes each chunk's request body from the rows it
//! takes, and reads the server's verdicts from the answer's text, so that the rows'
//! values and verdicts are never decoded and encoded again on the page's main thread.
//! The page only carries the text both ways (`Chunk::body`, `Apply::response_text`).

use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow, UpdateChoice};
use customer_import_reading::review::import_review::ImportReview;

use crate::protocol::{Chunk, ChunkHead, NotApplied};

/// The request body that sends `rows` (of the import's `file`th file) with `head` and
/// the import's `update` choice: the `ImportChunk` the server's import endpoint takes,
/// as JSON. The file's index goes with the rows only when the import has several.
pub fn chunk_body(
    head: ChunkHead,
    update: Option<UpdateChoice>,
    file: usize,
    rows: Vec<ImportRow>,
) -> serde_json::Result<String> {
    let file = (!head.files.is_empty()).then(|| u32::try_from(file).unwrap_or(u32::MAX));
    serde_json::to_string(&ImportChunk {
        files: head.files,
        file,
        batch_id: head.batch_id,
        create_missing_groups: head.create_missing_groups,
        file_name: head.file_name,
        file_rows: head.file_rows,
        held_back: head.held_back,
        left_out: head.left_out,
        update,
        rows,
    })
}

/// Takes up to `max` ready rows to send (locked until their answer) and writes their
/// request body.
pub fn take_chunk(review: &mut ImportReview, max: usize, head: ChunkHead) -> Chunk {
    let (rows, sent, file) = review.take_chunk(max);
    let body = if rows.is_empty() {
        Ok(String::new())
    } else {
        chunk_body(head, review.update_choice().cloned(), file, sent)
    };
    match body {
        Ok(body) => Chunk {
            rows,
            body,
            counts: review.counts(),
        },
        // Never: plain data serialises. Rows that cannot be sent are not kept locked.
        Err(_) => {
            review.release(&rows);
            Chunk {
                rows: Vec::new(),
                body: String::new(),
                counts: review.counts(),
            }
        }
    }
}

/// Records the verdicts of the server's answer `response_text` for `rows` (as taken);
/// nothing when the text is not an answer to an import, or its verdicts do not match.
pub fn apply(
    review: &mut ImportReview,
    rows: &[usize],
    response_text: &str,
) -> Result<(), NotApplied> {
    let answer: ImportResult =
        serde_json::from_str(response_text).map_err(|_| NotApplied::Unreadable)?;
    review
        .apply(rows, &answer.verdicts)
        .map_err(|_| NotApplied::Mismatch)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

    use std::collections::BTreeMap;

    use super::*;
    use customer_import_domain::wire::ImportFile;

    /// The body is what the server's import endpoint reads, field for field.
    #[test]
    fn a_chunk_body_is_the_import_chunk_the_server_takes() {
        let head = ChunkHead {
            batch_id: Some(7),
            create_missing_groups: true,
            file_name: Some("kunder.csv".into()),
            file_rows: Some(10),
            held_back: Some(2),
            left_out: Some(1),
            files: Vec::new(),
        };
        let rows = vec![ImportRow {
            row: 3,
            values: BTreeMap::from([("name".to_owned(), "Åse \"Ås\"".to_owned())]),
            version: None,
        }];
        let body = chunk_body(head, None, 0, rows.clone()).unwrap();
        let read: ImportChunk = serde_json::from_str(&body).unwrap();
        assert_eq!(
            read,
            ImportChunk {
                files: Vec::new(),
                file: None,
                batch_id: Some(7),
                create_missing_groups: true,
                file_name: Some("kunder.csv".into()),
                file_rows: Some(10),
                held_back: Some(2),
                left_out: Some(1),
                update: None,
                rows,
            }
        );
        // Counts not told are left out, not sent as null.
        let bare = chunk_body(ChunkHead::default(), None, 0, Vec::new()).unwrap();
        assert_eq!(
            bare,
            r#"{"batch_id":null,"create_missing_groups":false,"rows":[]}"#
        );
    }

    /// With several files the chunk names them all, and which its rows are of.
    #[test]
    fn a_chunk_of_several_files_says_which_file_its_rows_are_of() {
        let files = vec![
            ImportFile {
                name: "styret.csv".into(),
                rows: 3,
            },
            ImportFile {
                name: "beboere.xlsx".into(),
                rows: 5,
            },
        ];
        let head = ChunkHead {
            files: files.clone(),
            ..ChunkHead::default()
        };
        let body = chunk_body(head, None, 1, Vec::new()).unwrap();
        let read: ImportChunk = serde_json::from_str(&body).unwrap();
        assert_eq!((read.files, read.file), (files, Some(1)));
    }
}
