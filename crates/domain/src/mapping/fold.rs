//! Headings compared as people mean them: case, accents and punctuation folded away
//! (`E-post`, `epost`, `E_POST` are one), and small typos forgiven by edit distance.

/// Lower-case letters and digits only, Nordic letters spelled in ASCII the way people
/// type them without the keys (`æ`→`ae`, `ø`→`o`, `å`→`a`, `ä`→`a`, `ö`→`o`).
pub fn fold(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    for c in heading.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' | 'ä' => out.push_str(if c == 'æ' { "ae" } else { "a" }),
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' => out.push('o'),
            'å' | 'á' | 'à' | 'â' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ç' => out.push('c'),
            'ß' => out.push_str("ss"),
            _ => {}
        }
    }
    out
}

/// Edit distance with adjacent transpositions (optimal string alignment), giving up
/// past `max`.
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i][0] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    let d = rows[a.len()][b.len()];
    (d <= max).then_some(d)
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
