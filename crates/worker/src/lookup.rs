//! The worker's side of comparing rows with the customers they would update (issue
//! 28): it writes the lookup's request bodies from the rows' keys, and reads the
//! server's answers back into the review, so the keys and the customers' values never
//! cross the page's main thread as anything but text (as chunks do, `sending`).

use customer_import_domain::{
    update::MatchKey,
    wire::{CustomerLookup, CustomerLookupResult, LookupKey, MAX_LOOKUP_KEYS},
};
use customer_import_reading::review::import_review::ImportReview;

use crate::protocol::{Lookups, NotApplied};

/// The rows with a key, and the lookup request bodies that ask for their customers,
/// `max` keys a body (at most [`MAX_LOOKUP_KEYS`]); none when the import does not
/// update.
pub fn lookups(review: &ImportReview, max: usize) -> Lookups {
    let Some(match_key) = review.update_choice().map(|u| u.match_key) else {
        return Lookups::default();
    };
    let (rows, keys) = review.lookup_keys();
    let bodies = keys
        .chunks(max.clamp(1, MAX_LOOKUP_KEYS))
        .filter_map(|keys| body(match_key, keys.to_vec()))
        .collect();
    Lookups { rows, bodies }
}

fn body(match_key: MatchKey, keys: Vec<LookupKey>) -> Option<String> {
    serde_json::to_string(&CustomerLookup { match_key, keys }).ok()
}

/// Records the lookup's `answers` (the texts the server answered the bodies of
/// [`lookups`] with, in order) for `rows` (as [`lookups`] listed them).
pub fn take_matches(
    review: &mut ImportReview,
    rows: &[usize],
    answers: &[String],
) -> Result<(), NotApplied> {
    let mut found = Vec::with_capacity(rows.len());
    for answer in answers {
        let answer: CustomerLookupResult =
            serde_json::from_str(answer).map_err(|_| NotApplied::Unreadable)?;
        found.extend(answer.matches);
    }
    review
        .set_matches(rows, found)
        .map_err(|_| NotApplied::Mismatch)
}
