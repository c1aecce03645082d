//! How wide the customers grid makes each column: as wide as the values it holds, so
//! no e-mail or date is cut ("05.03.198"), and wide enough for its heading and for an
//! error under a value to fit in two lines, within bounds that keep the grid usable.
//!
//! The texts are measured by the page in the grid's own fonts (`measure`, in pixels);
//! this module only adds them up. A column only grows while the user scrolls: the
//! widest texts [`Seen`] in the rows fetched so far decide, so columns do not jump
//! back and forth.

/// The kinds of text in the grid, each in its own font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Text {
    /// A field's name in the heading (bold).
    Heading,
    /// The file's heading under it.
    Source,
    /// A value, in its editor.
    Value,
    /// An error or the stored form under a value (small).
    Note,
}

/// A cell's padding and border, left and right, in pixels (`.virtual__table td`).
const CELL_PAD: f64 = 18.0;
/// The value's editor's padding and border, left and right (`.cell__input`), and room
/// for the caret.
const INPUT_PAD: f64 = 18.0;
/// A note's padding, left and right (`.cell__problem`, `.cell__stored`).
const NOTE_PAD: f64 = 14.0;
/// The narrowest and widest a column gets, in pixels.
pub const MIN_PX: f64 = 80.0;
pub const MAX_PX: f64 = 480.0;
/// The widest a column gets for its errors alone: longer ones take a third line's
/// room in the line under the grid.
const NOTE_MAX_PX: f64 = 330.0;
/// A text wrapped into two lines takes more than half its width on one.
const WRAP_SLACK: f64 = 1.15;

/// The widest texts of one column among the rows fetched so far, in pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Seen {
    value: f64,
    stored: f64,
    /// The longest word of an error, and half the longest error.
    note_word: f64,
    note_half: f64,
}

impl Seen {
    /// Takes a value in account.
    pub fn value(&mut self, measure: &impl Fn(Text, &str) -> f64, text: &str) {
        self.value = self.value.max(measure(Text::Value, text));
    }

    /// Takes the stored form of a value in account: one line, under the value.
    pub fn stored(&mut self, measure: &impl Fn(Text, &str) -> f64, text: &str) {
        self.stored = self.stored.max(measure(Text::Note, text));
    }

    /// Takes an error in account: it wraps into two lines.
    pub fn note(&mut self, measure: &impl Fn(Text, &str) -> f64, text: &str) {
        let (word, half) = two_lines(measure, Text::Note, text);
        self.note_word = self.note_word.max(word);
        self.note_half = self.note_half.max(half);
    }

    /// The wider of both, column by column.
    pub fn max(self, other: Seen) -> Seen {
        Seen {
            value: self.value.max(other.value),
            stored: self.stored.max(other.stored),
            note_word: self.note_word.max(other.note_word),
            note_half: self.note_half.max(other.note_half),
        }
    }
}

/// The longest word of `text` and the width of each of two lines it wraps into.
fn two_lines(measure: &impl Fn(Text, &str) -> f64, kind: Text, text: &str) -> (f64, f64) {
    let word = text
        .split_whitespace()
        .map(|w| measure(kind, w))
        .fold(0.0, f64::max);
    (word, measure(kind, text) / 2.0 * WRAP_SLACK)
}

/// The column's width in pixels: for its field's name (`label`) and the file's
/// `heading`, each in two lines at most, and the widest texts seen in it.
pub fn width_px(
    measure: &impl Fn(Text, &str) -> f64,
    label: &str,
    heading: &str,
    seen: &Seen,
) -> f64 {
    let heading_needs = |kind, text| {
        let (word, half) = two_lines(measure, kind, text);
        word.max(half) + CELL_PAD
    };
    let value = (seen.value + INPUT_PAD).max(seen.stored + NOTE_PAD) + CELL_PAD;
    let note = (seen.note_word.max(seen.note_half) + NOTE_PAD + CELL_PAD).min(NOTE_MAX_PX);
    value
        .max(note)
        .max(heading_needs(Text::Heading, label))
        .max(heading_needs(Text::Source, heading))
        .clamp(MIN_PX, MAX_PX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight pixels a character, six in the small notes.
    fn measure(kind: Text, text: &str) -> f64 {
        let per = if kind == Text::Note { 6.0 } else { 8.0 };
        text.chars().count() as f64 * per
    }

    fn seen(values: &[&str], notes: &[&str]) -> Seen {
        let mut s = Seen::default();
        for v in values {
            s.value(&measure, v);
        }
        for n in notes {
            s.note(&measure, n);
        }
        s
    }

    #[test]
    fn a_column_is_as_wide_as_its_widest_value() {
        let dates = seen(&["05.03.1985", "4.7.85"], &[]);
        let width = width_px(&measure, "Fødselsdato", "Født", &dates);
        // Ten characters, the editor's padding and the cell's: wider than the name.
        assert_eq!(width, 80.0 + INPUT_PAD + CELL_PAD);
        let emails = seen(&["admin@nordbygg.example", "ase@example.no"], &[]);
        let width = width_px(&measure, "E-post", "E-post", &emails);
        assert_eq!(width, 22.0 * 8.0 + INPUT_PAD + CELL_PAD);
        let city = seen(&["Tampereen asiakkuuspalvelut"], &[]);
        assert!(width_px(&measure, "Poststed", "", &city) >= 27.0 * 8.0 + INPUT_PAD);
    }

    #[test]
    fn a_stored_form_wider_than_its_value_takes_one_line() {
        let mut phones = seen(&["12345"], &[]);
        phones.stored(&measure, "→ +358401234567");
        let width = width_px(&measure, "Puhelin", "", &phones);
        assert_eq!(width, 15.0 * 6.0 + NOTE_PAD + CELL_PAD);
    }

    #[test]
    fn headings_wrap_into_two_lines_between_words() {
        let empty = Seen::default();
        // "Postnummer" does not break: the column holds the word.
        assert_eq!(
            width_px(&measure, "Postnummer", "", &empty),
            80.0 + CELL_PAD
        );
        // A long heading of the file takes two lines, not one.
        let long = "Kundens fødselsdato slik den står i kontrakten";
        let width = width_px(&measure, "Fødselsdato", long, &empty);
        let one_line = measure(Text::Source, long);
        assert!(width < one_line && width > one_line / 2.0, "{width}");
    }

    #[test]
    fn errors_fit_in_two_lines_up_to_a_bound() {
        let error = "Enheten «Z-999» finnes ikke i dette prosjektet.";
        let unit = seen(&["Z-999"], &[error]);
        let width = width_px(&measure, "Bolig", "Bolig", &unit);
        let text = measure(Text::Note, error);
        assert!(width >= text / 2.0 + CELL_PAD && width < text, "{width}");
        let novel = seen(&["x"], &[&"ord ".repeat(200)]);
        assert_eq!(width_px(&measure, "Notater", "", &novel), NOTE_MAX_PX);
    }

    #[test]
    fn every_column_stays_within_bounds_and_only_grows() {
        assert_eq!(width_px(&measure, "", "", &Seen::default()), MIN_PX);
        let huge = seen(&[&"x".repeat(500)], &[]);
        assert_eq!(width_px(&measure, "Notater", "", &huge), MAX_PX);
        let first = seen(&["Oslo"], &[]);
        let later = seen(&["Tampereen asiakkuuspalvelut"], &["kort"]);
        let both = first.max(later);
        assert_eq!(both, later.max(first));
        assert!(
            width_px(&measure, "Poststed", "", &both) >= width_px(&measure, "Poststed", "", &first)
        );
    }
}
