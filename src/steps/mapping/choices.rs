//! How the mapping step's choices are written and applied. Plain Rust so it is tested
//! natively; the step only renders it. (The mapping to start from is found by the
//! worker, which has the file: `customer_import_worker::table_view`.)

use customer_import_domain::mapping::{Mapping, Source};

/// How a mapping choice is written in a `<select>`: `""` unmapped, `c:3` column 3,
/// `f:lead` one value for the whole file.
pub fn encode_source(source: Option<&Source>) -> String {
    match source {
        None => String::new(),
        Some(Source::Column(c)) => format!("c:{c}"),
        Some(Source::Fixed(v)) => format!("f:{v}"),
    }
}

pub fn decode_source(value: &str) -> Option<Source> {
    if let Some(c) = value.strip_prefix("c:") {
        return c.parse().ok().map(Source::Column);
    }
    value
        .strip_prefix("f:")
        .map(|v| Source::Fixed(v.to_owned()))
}

/// `mapping` with `field` set to what the user chose (`None`: unmapped).
pub fn with_choice(mapping: &Mapping, field: &str, choice: Option<Source>) -> Mapping {
    let mut next = mapping.clone();
    match choice {
        None => next.clear(field),
        Some(Source::Column(c)) => next.set_column(field, c),
        Some(Source::Fixed(v)) => next.set_fixed(field, &v),
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_values_round_trip_and_a_column_serves_one_field() {
        for source in [
            None,
            Some(Source::Column(12)),
            Some(Source::Fixed("a:b".into())),
        ] {
            assert_eq!(decode_source(&encode_source(source.as_ref())), source);
        }
        let mut m = Mapping::default();
        m = with_choice(&m, "name", decode_source("c:0"));
        m = with_choice(&m, "city", decode_source("c:0"));
        assert_eq!(m.column_of("name"), None);
        assert_eq!(m.column_of("city"), Some(0));
        m = with_choice(&m, "city", decode_source(""));
        assert!(m.fields.is_empty());
    }
}
