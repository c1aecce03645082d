//! Countries a project can be located in. The country is the default for phone numbers
//! without a country code, and picks the postal-code and business-id rules.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Country {
    #[serde(rename = "NO")]
    Norway,
    #[serde(rename = "FI")]
    Finland,
    #[serde(rename = "SE")]
    Sweden,
}

impl Country {
    pub const ALL: [Country; 3] = [Country::Norway, Country::Finland, Country::Sweden];

    /// ISO 3166-1 alpha-2 code, as stored and sent on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Country::Norway => "NO",
            Country::Finland => "FI",
            Country::Sweden => "SE",
        }
    }

    /// Parses an alpha-2 code, ignoring case and surrounding spaces.
    pub fn from_code(code: &str) -> Option<Country> {
        let code = code.trim();
        Country::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Country::ALL {
            assert_eq!(Country::from_code(c.code()), Some(c));
        }
        assert_eq!(Country::from_code(" fi "), Some(Country::Finland));
        assert_eq!(Country::from_code("DK"), None);
        assert_eq!(Country::from_code(""), None);
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(serde_json::to_string(&Country::Sweden).unwrap(), "\"SE\"");
        let c: Country = serde_json::from_str("\"NO\"").unwrap();
        assert_eq!(c, Country::Norway);
    }
}
