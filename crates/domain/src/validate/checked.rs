//! The built-in fields a row validator reads, and one row's values as they will be
//! stored, in buffers reused from row to row.

use super::{customer::FieldError, plain, problem::Problem, storable, text::push_text};
use crate::{cell::RawValue, country::Country, schema};

/// The built-in fields the validator reads, by their place in [`schema::BUILTIN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum F {
    Name,
    FirstName,
    LastName,
    Email,
    Phone,
    BirthDate,
    Address,
    PostalCode,
    City,
    Country,
    Unit,
    CompanyName,
    BusinessId,
    CompanyType,
    CustomerGroup,
    AccountManager,
    ExternalId,
    Notes,
}

impl F {
    pub(super) fn key(self) -> &'static str {
        schema::BUILTIN[self as usize].0
    }

    /// Stored in a normal form its parser builds from digits, letters and a few
    /// separators (`+4791234567`, `1980-02-01`), never as the text reads.
    fn is_parsed(self) -> bool {
        matches!(
            self,
            F::Email | F::Phone | F::BirthDate | F::PostalCode | F::BusinessId
        )
    }
}

pub(super) const FIELDS: usize = schema::BUILTIN.len();

/// One row's values as they will be stored and its problems, in buffers that are
/// cleared and reused for the next row: checking a file allocates only for problems.
#[derive(Debug, Default)]
pub struct Checked {
    values: [String; FIELDS],
    present: u32,
    pub(super) country: Option<Country>,
    /// (index among the context's fields, value) of custom fields.
    pub(super) custom: Vec<(usize, String)>,
    pub(super) errors: Vec<FieldError>,
}

impl Checked {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    pub fn take_errors(&mut self) -> Vec<FieldError> {
        std::mem::take(&mut self.errors)
    }

    /// The e-mail as stored, for finding duplicates.
    pub fn email(&self) -> Option<&str> {
        self.get(F::Email)
    }

    pub fn external_id(&self) -> Option<&str> {
        self.get(F::ExternalId)
    }

    pub(super) fn get(&self, f: F) -> Option<&str> {
        (self.present & 1 << f as u32 != 0).then(|| self.values[f as usize].as_str())
    }

    pub(super) fn clear(&mut self) {
        self.present = 0;
        self.country = None;
        self.custom.clear();
        self.errors.clear();
    }

    /// Writes the value of `f` with `write`, or records its problem. A raw value that
    /// could be stored as it reads may not hold hidden characters; the stored value may
    /// not be longer than the field allows. Inlined so that a field without a value,
    /// half of them in a usual file, costs no call.
    #[inline]
    pub(super) fn set<'a>(
        &mut self,
        f: F,
        raw: Option<RawValue<'a>>,
        write: impl FnOnce(RawValue<'a>, &mut String) -> Result<(), Problem>,
    ) {
        if let Some(raw) = raw {
            self.write(f, raw, write);
        }
    }

    fn write<'a>(
        &mut self,
        f: F,
        raw: RawValue<'a>,
        write: impl FnOnce(RawValue<'a>, &mut String) -> Result<(), Problem>,
    ) {
        let slot = &mut self.values[f as usize];
        slot.clear();
        let written = if f.is_parsed() {
            // Its parser refuses every hidden character, but the character is the
            // better reason. Not scanned when the value parses: most rows.
            write(raw, slot).map_err(|problem| {
                storable::hidden_character(raw.text, false).map_or(problem, |(hidden, _)| hidden)
            })
        } else {
            match storable::hidden_character(raw.text, f == F::Notes) {
                Some((problem, _)) => Err(problem),
                None => write(raw, slot),
            }
        };
        self.finish(f, raw, written);
    }

    /// [`Checked::set`] for text that `write` stores unchanged when it is plain (see
    /// [`plain::is_plain`]), as free text and notes are: a plain value is stored as it
    /// is after one pass over its bytes instead of two.
    pub(super) fn set_text<'a>(
        &mut self,
        f: F,
        raw: Option<RawValue<'a>>,
        write: impl FnOnce(RawValue<'a>, &mut String) -> Result<(), Problem>,
    ) {
        let Some(raw) = raw else { return };
        if plain::is_plain(raw.text) {
            let slot = &mut self.values[f as usize];
            slot.clear();
            slot.push_str(raw.text);
            self.finish(f, raw, Ok(()));
        } else {
            self.write(f, raw, write);
        }
    }

    /// Records the value of `f` as written, or its problem.
    #[inline]
    fn finish(&mut self, f: F, raw: RawValue<'_>, written: Result<(), Problem>) {
        let slot = &self.values[f as usize];
        let written = written.and_then(|()| storable::check_length(slot, f.key()));
        match written {
            Ok(()) if slot.is_empty() => {}
            Ok(()) => self.present |= 1 << f as u32,
            Err(problem) => self
                .errors
                .push(FieldError::new(f.key(), problem, raw.text)),
        }
    }

    pub(super) fn owned(&self, f: F) -> Option<String> {
        self.get(f).map(str::to_owned)
    }

    /// Writes the words of `parts`, one after another, as the value of `f`. A part's
    /// hidden character is its own field's problem; a value too long is `f`'s.
    pub(super) fn join<'a>(&mut self, f: F, parts: [(F, Option<RawValue<'a>>); 2]) {
        let slot = &mut self.values[f as usize];
        slot.clear();
        let mut clean = true;
        for (part_field, part) in parts {
            let Some(part) = part else { continue };
            if let Some((problem, _)) = storable::hidden_character(part.text, false) {
                self.errors
                    .push(FieldError::new(part_field.key(), problem, part.text));
                clean = false;
            } else {
                push_text(part.text, slot);
            }
        }
        if let Err(problem) = storable::check_length(slot, f.key()) {
            self.errors.push(FieldError::new(f.key(), problem, slot));
        } else if clean && !slot.is_empty() {
            self.present |= 1 << f as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `F` finds its keys by position in `schema::BUILTIN`: each variant's name, in
    /// snake case, must be the key at its position.
    #[test]
    fn each_field_is_at_its_place_in_the_schema() {
        use F::*;
        let all = [
            Name,
            FirstName,
            LastName,
            Email,
            Phone,
            BirthDate,
            Address,
            PostalCode,
            City,
            Country,
            Unit,
            CompanyName,
            BusinessId,
            CompanyType,
            CustomerGroup,
            AccountManager,
            ExternalId,
            Notes,
        ];
        assert_eq!(all.len(), FIELDS);
        for f in all {
            let snake: String = format!("{f:?}")
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let sep = (i > 0 && c.is_uppercase()).then_some('_');
                    sep.into_iter().chain(c.to_lowercase())
                })
                .collect();
            assert_eq!(f.key(), snake);
        }
    }
}
