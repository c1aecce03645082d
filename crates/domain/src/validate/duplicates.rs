//! Rows that repeat an e-mail (case-insensitively) or a customer number of an earlier
//! row. Run over every row of a million-row file once it is read, so it hashes words,
//! not bytes, and copies no key; after an edit, only the rows sharing the changed
//! values are looked at again ([`duplicates_among`]).

use std::hash::{Hash, Hasher};

use super::{
    customer::{Customer, FieldError},
    problem::Problem,
    storable::{HIGHS, ONES, word_at},
};

/// The fields whose values must be unique in a file, in the order their problems are
/// listed: e-mail (compared whatever the case) and customer number.
pub const UNIQUE_FIELDS: [&str; 2] = ["email", "external_id"];

/// The duplicate problems of `n` rows in file order: row `i` has the number `number(i)`
/// and, as stored, the values `email(i)` and `external_id(i)` that must be unique
/// (`None`: no value, or the row takes no part). Each problem is on the later row and
/// names the first row with that value. Returns (row index, problem), by row, e-mail
/// before customer number.
///
/// The keys are hashed and sorted rather than put in a hash table: on a million rows
/// that touches memory in order instead of at random, several times faster.
pub fn find_duplicates<'k>(
    n: usize,
    number: impl Fn(usize) -> u64,
    email: impl Fn(usize) -> Option<&'k str>,
    external_id: impl Fn(usize) -> Option<&'k str>,
) -> Vec<(usize, FieldError)> {
    let mut found: Vec<(usize, FieldError)> = Vec::new();
    let [email_field, external_id_field] = UNIQUE_FIELDS;
    for (field, key) in [
        (email_field, &email as &dyn Fn(usize) -> Option<&'k str>),
        (external_id_field, &external_id),
    ] {
        for (row, first) in repeats(n, key, caseless(field)) {
            found.push((row, repeat(field, key(row).unwrap_or(""), number(first))));
        }
    }
    // Stable: a row's e-mail problem stays before its customer number problem.
    found.sort_by_key(|(row, _)| *row);
    found
}

/// After one row's `field` changed from or to a value in `values`: the rows that have
/// one of those values now (live rows only, as `key` gives them), and what
/// [`find_duplicates`] finds of `field` on them. One pass over the rows, no sort: an
/// edit in a million-row file costs milliseconds. Every other row's `field` problems
/// are as they were, since only rows sharing a value repeat each other.
pub fn duplicates_among<'k>(
    n: usize,
    number: impl Fn(usize) -> u64,
    field: &str,
    key: impl Fn(usize) -> Option<&'k str>,
    values: &[&str],
) -> (Vec<usize>, Vec<(usize, FieldError)>) {
    let caseless = caseless(field);
    let mut sharing = Vec::new();
    // The first row with each of `values`, once found.
    let mut first: Vec<Option<usize>> = vec![None; values.len()];
    let mut found = Vec::new();
    for row in 0..n {
        let Some(k) = key(row) else { continue };
        let Some(v) = values.iter().position(|v| same(caseless, v, k)) else {
            continue;
        };
        sharing.push(row);
        match first[v] {
            None => first[v] = Some(row),
            Some(f) => found.push((row, repeat(field, k, number(f)))),
        }
    }
    (sharing, found)
}

/// Whether `field`'s values are the same whatever the case (e-mails).
fn caseless(field: &str) -> bool {
    field == UNIQUE_FIELDS[0]
}

/// Whether two values of a unique field are the same one.
fn same(caseless: bool, a: &str, b: &str) -> bool {
    if caseless {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// The problem of a row whose `field` repeats `value` of the row numbered `first`.
fn repeat(field: &str, value: &str, first: u64) -> FieldError {
    let mut e = FieldError::new(field, Problem::DuplicateInFile, value);
    e.other_row = Some(first);
    e
}

/// (row, the first row with the same key) for every row whose key an earlier row has.
fn repeats<'k>(
    n: usize,
    key: &dyn Fn(usize) -> Option<&'k str>,
    caseless: bool,
) -> Vec<(usize, usize)> {
    let hash = |k: &str| {
        let mut h = WordHasher::default();
        if caseless {
            Caseless(k).hash(&mut h);
        } else {
            k.hash(&mut h);
        }
        h.finish()
    };
    // Each key's hash in the top half of a word and its row in the bottom half (a sheet
    // has fewer than 2³² rows), in file order.
    let mut order: Vec<u64> = (0..n)
        .filter_map(|row| {
            let row = u32::try_from(row).ok()?;
            Some((hash(key(row as usize)?) & !u64::from(u32::MAX)) | u64::from(row))
        })
        .collect();
    sort_by_top_half(&mut order);
    let row_of = |word: u64| word as u32 as usize;
    let mut out = Vec::new();
    // Rows with the same hash, in file order; their keys are nearly always equal too.
    for run in order
        .chunk_by(|a, b| a >> 32 == b >> 32)
        .filter(|run| run.len() > 1)
    {
        for (j, &word) in run.iter().enumerate().skip(1) {
            let row = row_of(word);
            let same_key = |r: usize| match (key(r), key(row)) {
                (Some(a), Some(b)) => same(caseless, a, b),
                (a, b) => a == b,
            };
            if let Some(&first) = run[..j].iter().find(|&&w| same_key(row_of(w))) {
                out.push((row, row_of(first)));
            }
        }
    }
    out
}

/// Sorts `words` by their top 32 bits, keeping the order of words whose top halves are
/// equal: a radix sort, 11 bits at a time. For a million keys it costs a tenth of a
/// comparison sort of (hash, row) pairs, with no more memory: words half the size,
/// twice as many.
fn sort_by_top_half(words: &mut Vec<u64>) {
    const BITS: u32 = 11;
    let mut sorted = vec![0; words.len()];
    for shift in [32, 32 + BITS, 32 + 2 * BITS] {
        let digit = |word: u64| (word >> shift) as usize & ((1 << BITS) - 1);
        // Where the words of each digit go, after those of the digits below it.
        let mut at = vec![0; 1 << BITS];
        for &word in words.iter() {
            at[digit(word)] += 1;
        }
        let mut start = 0;
        for slot in &mut at {
            (*slot, start) = (start, start + *slot);
        }
        for &word in words.iter() {
            let slot = &mut at[digit(word)];
            sorted[*slot] = word;
            *slot += 1;
        }
        std::mem::swap(words, &mut sorted);
    }
}

/// [`find_duplicates`] over customers: (row number, customer) in file order; returns
/// (row number, problem).
pub fn duplicates_in_file<'c>(
    rows: impl IntoIterator<Item = (u64, &'c Customer)>,
) -> Vec<(u64, FieldError)> {
    let rows: Vec<(u64, &Customer)> = rows.into_iter().collect();
    find_duplicates(
        rows.len(),
        |i| rows[i].0,
        |i| rows[i].1.email.as_deref(),
        |i| rows[i].1.external_id.as_deref(),
    )
    .into_iter()
    .map(|(i, e)| (rows[i].0, e))
    .collect()
}

/// An e-mail as stored, hashed whatever the case of its ASCII letters. Stored e-mails
/// have an ASCII local part and a lower-cased domain, so this is the whole of
/// "case-insensitive" for them, and needs no lower-cased copy.
struct Caseless<'k>(&'k str);

impl Hash for Caseless<'_> {
    /// Eight bytes at a time, made lower case in the word itself: copying the key to
    /// lower-case it first cost more than the rest of finding duplicates.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut words = self.0.as_bytes().chunks_exact(8);
        for word in &mut words {
            state.write_u64(ascii_lower(word_at(word, 0)));
        }
        state.write_u64(ascii_lower(padded(words.remainder())));
        state.write_usize(self.0.len());
    }
}

/// `word` with each of its bytes `A`–`Z` made `a`–`z`, as `make_ascii_lowercase` does
/// (the bit tricks of "Bit Twiddling Hacks"; other bytes, UTF-8 ones too, stay).
fn ascii_lower(word: u64) -> u64 {
    // Below 0x80 in each byte, so no sum carries into the next byte.
    let low = word & !HIGHS;
    let from_a = low + ONES * (0x80 - u64::from(b'A'));
    let past_z = low + ONES * (0x80 - u64::from(b'Z') - 1);
    let capitals = from_a & !past_z & !word & HIGHS;
    word | (capitals >> 2)
}

/// The last bytes of a key (fewer than eight) as a word, the rest zeros.
fn padded(rest: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word[..rest.len()].copy_from_slice(rest);
    u64::from_le_bytes(word)
}

/// Eight bytes at a time, multiply and rotate (as rustc's FxHash). The keys are the
/// file's own values: in the browser SipHash's defence against chosen collisions buys
/// nothing, and the server checks one chunk of at most 5,000 rows at a time.
pub type Words = std::hash::BuildHasherDefault<WordHasher>;

#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(word_at(word, 0));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            self.add(padded(rest));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    /// A multiply leaves the low bits, by which the table picks a bucket, depending
    /// on the low bits of the input only: the high ones are folded down.
    fn finish(&self) -> u64 {
        let h = self.0 ^ (self.0 >> 33);
        h.wrapping_mul(0xff51_afd7_ed55_8ccd) ^ (h >> 29)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(
        emails: &[Option<&str>],
        ids: &[Option<&str>],
    ) -> Vec<(usize, &'static str, Option<u64>, String)> {
        find_duplicates(emails.len(), |i| 10 + i as u64, |i| emails[i], |i| ids[i])
            .into_iter()
            .map(|(row, e)| {
                (
                    row,
                    if e.field == "email" { "email" } else { "id" },
                    e.other_row,
                    e.value,
                )
            })
            .collect()
    }

    #[test]
    fn e_mails_are_the_same_whatever_the_case_ids_are_not() {
        let emails = [
            Some("Ola@example.no"),
            Some("ola@EXAMPLE.no"),
            Some("kari@example.no"),
        ];
        let ids = [Some("K-1"), Some("k-1"), Some("K-1")];
        assert_eq!(
            found(&emails, &ids),
            [
                (1, "email", Some(10), "ola@EXAMPLE.no".to_owned()),
                (2, "id", Some(10), "K-1".to_owned())
            ]
        );
    }

    #[test]
    fn every_repeat_names_the_first_row_and_missing_values_take_no_part() {
        let emails = [
            None,
            Some("a@x.no"),
            None,
            Some("a@x.no"),
            Some("A@x.no"),
            Some("b@x.no"),
        ];
        let ids = [None; 6];
        let rows: Vec<_> = found(&emails, &ids).iter().map(|f| (f.0, f.2)).collect();
        assert_eq!(rows, [(3, Some(11)), (4, Some(11))]);
    }

    proptest::proptest! {
        /// Eight bytes at a time, capitals are made small as `make_ascii_lowercase`
        /// makes them, and no other byte changes, whatever the bytes.
        #[test]
        fn words_are_lower_cased_as_bytes_are(bytes in proptest::array::uniform8(0u8..)) {
            let mut lower = bytes;
            lower.make_ascii_lowercase();
            proptest::prop_assert_eq!(
                ascii_lower(u64::from_le_bytes(bytes)),
                u64::from_le_bytes(lower)
            );
        }
    }

    #[test]
    fn words_are_sorted_by_their_top_half_keeping_the_order_of_equal_ones() {
        // Top halves differing in each pass's digit; the bottom halves tell the order.
        let tops = [
            0x8000_0000_u64,
            0x7ff,
            0x800,
            0x3f_ffff,
            0x40_0000,
            0,
            0x800,
            5,
        ];
        let mut words: Vec<u64> = tops
            .iter()
            .enumerate()
            .map(|(i, top)| top << 32 | i as u64)
            .collect();
        let mut expected = words.clone();
        expected.sort_by_key(|w| w >> 32);
        sort_by_top_half(&mut words);
        assert_eq!(words, expected);
    }

    #[test]
    fn keys_longer_than_a_chunk_are_compared_whole() {
        let long = "a".repeat(100);
        let (a, b) = (format!("{long}x@example.no"), format!("{long}y@example.no"));
        let upper = a.to_uppercase();
        let emails = [Some(a.as_str()), Some(b.as_str()), Some(upper.as_str())];
        let rows: Vec<_> = found(&emails, &[None; 3])
            .iter()
            .map(|f| (f.0, f.2))
            .collect();
        assert_eq!(rows, [(2, Some(10))]);
    }
}
