//! The worker's side of saving: it writes each chunk's request body from the rows it
//! takes, and reads the server's verdicts from the answer's text, so that the rows'
//! values and verdicts are never decoded and encoded again on the page's main thread.
//! The page only carries the text both ways (`Chunk::body`, `Apply::response_text`).

use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow, UpdateChoice};
use customer_import_reading::review::Review;

use crate::protocol::{Chunk, ChunkHead, NotApplied};

/// The request body that sends `rows` with `head` and the import's `update` choice: the `ImportChunk` the server's
/// import endpoint takes, as JSON.
pub fn chunk_body(
    head: ChunkHead,
    update: Option<UpdateChoice>,
    rows: Vec<ImportRow>,
) -> serde_json::Result<String> {
    serde_json::to_string(&ImportChunk {
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
pub fn take_chunk(review: &mut Review, max: usize, head: ChunkHead) -> Chunk {
    let (rows, sent) = review.take_chunk(max);
    let body = if rows.is_empty() {
        Ok(String::new())
    } else {
        chunk_body(head, review.update_choice().cloned(), sent)
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
pub fn apply(review: &mut Review, rows: &[usize], response_text: &str) -> Result<(), NotApplied> {
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
        };
        let rows = vec![ImportRow {
            row: 3,
            values: BTreeMap::from([("name".to_owned(), "Åse \"Ås\"".to_owned())]),
            version: None,
        }];
        let body = chunk_body(head, None, rows.clone()).unwrap();
        let read: ImportChunk = serde_json::from_str(&body).unwrap();
        assert_eq!(
            read,
            ImportChunk {
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
        let bare = chunk_body(ChunkHead::default(), None, Vec::new()).unwrap();
        assert_eq!(
            bare,
            r#"{"batch_id":null,"create_missing_groups":false,"rows":[]}"#
        );
    }
}
