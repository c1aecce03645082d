//! Headings compared as people mean them: case, accents and punctuation folded away
//! (`E-post`, `epost`, `E_POST` are one), and small typos forgiven by edit distance.

/// Lower-case letters and digits only, Nordic letters spelled in ASCII the way people
/// type them without the keys (`æ`→`ae`, `ø`→`o`, `å`→`a`, `ä`→`a`, `ö`→`o`).
pub fn fold(heading: &str) -> String {
    fold_chars(heading).collect()
}

/// The characters of [`fold`], without building a string: lets values be compared
/// folded (`same`) in a loop over every row without allocating.
pub fn fold_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase).flat_map(|c| {
        let (first, second) = match c {
            'a'..='z' | '0'..='9' => (Some(c), None),
            'æ' => (Some('a'), Some('e')),
            'ß' => (Some('s'), Some('s')),
            'ä' | 'å' | 'á' | 'à' | 'â' | 'ã' => (Some('a'), None),
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' => (Some('o'), None),
            'é' | 'è' | 'ê' | 'ë' => (Some('e'), None),
            'ü' | 'ú' | 'ù' | 'û' => (Some('u'), None),
            'í' | 'ì' | 'î' | 'ï' => (Some('i'), None),
            'ñ' => (Some('n'), None),
            'ç' => (Some('c'), None),
            _ => (None, None),
        };
        first.into_iter().chain(second)
    })
}

/// Edit distance with adjacent transpositions (optimal string alignment), giving up
/// past `max`.
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    Rows::default().distance(&a, &b, max)
}

/// The three rows of [`distance`], kept between calls: a spelling is
/// compared with every item of a list without allocating, and a comparison stops as
/// soon as no alignment can stay within the bound.
#[derive(Default)]
pub struct Rows {
    before: Vec<usize>,
    last: Vec<usize>,
    this: Vec<usize>,
}

impl Rows {
    pub fn distance(&mut self, a: &[char], b: &[char], max: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        let width = b.len() + 1;
        for row in [&mut self.before, &mut self.last, &mut self.this] {
            row.clear();
            row.resize(width, 0);
        }
        for (j, cell) in self.last.iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            self.this[0] = i;
            let mut smallest = i;
            for j in 1..width {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut d = (self.last[j] + 1)
                    .min(self.this[j - 1] + 1)
                    .min(self.last[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = d.min(self.before[j - 2] + 1);
                }
                self.this[j] = d;
                smallest = smallest.min(d);
            }
            if smallest > max {
                return None;
            }
            std::mem::swap(&mut self.before, &mut self.last);
            std::mem::swap(&mut self.last, &mut self.this);
        }
        let d = self.last[b.len()];
        (d <= max).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("E-post"), "epost");
        assert_eq!(fold(" E_POST "), "epost");
        assert_eq!(fold("Fødselsdato"), "fodselsdato");
        assert_eq!(fold("Sähköposti"), "sahkoposti");
        assert_eq!(fold("Org.nr."), "orgnr");
        assert_eq!(fold("Bueining (nr)"), "bueiningnr");
        assert_eq!(fold("Kjæreste"), "kjaereste");
    }

    #[test]
    fn distances() {
        assert_eq!(distance("epost", "epost", 1), Some(0));
        assert_eq!(distance("epsot", "epost", 1), Some(1));
        assert_eq!(distance("emailadress", "emailaddress", 1), Some(1));
        assert_eq!(distance("telefon", "telfon", 1), Some(1));
        assert_eq!(distance("navn", "nr", 1), None);
        assert_eq!(distance("", "a", 1), Some(1));
    }
}
