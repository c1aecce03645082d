//! Which earlier mapping a file with known headings starts from, and how the mapping
//! step says where it came from (issue 20.3).
//!
//! The organization's mapping for the headings' signature comes first
//! (`GET /api/mappings/{signature}`): a colleague's choice is offered to everyone in
//! the organization, on any browser. The copy this browser keeps (`memory`) is used
//! only when the server cannot be reached; when the server answers that the
//! organization has none, there is none (the browser's copy is older than any the
//! server would have, since both are written together). Whether the mapping fits the
//! file and the project is still the worker's call (`table_view::starting_mapping`).
//! Plain Rust, tested natively; the step renders [`explanation`].

use customer_import_domain::{mapping::Mapping, validate::Date, wire::SharedMapping};
use customer_import_worker::protocol::Origin;

use crate::{api::ApiFailure, i18n::Locale};

/// Where a remembered mapping came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// Saved in the organization by a colleague, on that (local) day.
    Colleague { name: String, on: Date },
    /// Saved in the organization by this user, maybe on another browser.
    Me { on: Date },
    /// This browser's own copy: the server could not be reached.
    ThisBrowser,
}

/// What the server said about the organization's mapping for a signature.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    Found(SharedMapping),
    /// The organization has none for these headings.
    None,
    /// No usable answer (offline, server down, signed out, a bad answer).
    Unreachable,
}

impl Lookup {
    /// The answer to `GET /api/mappings/{signature}`: 404 is "none", every other
    /// failure leaves the question open.
    pub fn from_answer(answer: Result<SharedMapping, ApiFailure>) -> Lookup {
        match answer {
            Ok(shared) => Lookup::Found(shared),
            Err(ApiFailure::Refused(code)) if code == "not_found" => Lookup::None,
            Err(_) => Lookup::Unreachable,
        }
    }
}

/// The mapping to offer the worker as remembered, and where it came from: the
/// organization's, else (server unreachable only) this browser's. `date_of` turns
/// unix seconds into the user's local day.
pub fn candidate(
    lookup: Lookup,
    this_browser: impl FnOnce() -> Option<Mapping>,
    date_of: impl FnOnce(i64) -> Date,
) -> Option<(Mapping, Provenance)> {
    match lookup {
        Lookup::Found(shared) => {
            let on = date_of(shared.saved_at);
            let provenance = if shared.saved_by_me {
                Provenance::Me { on }
            } else {
                Provenance::Colleague {
                    name: shared.saved_by,
                    on,
                }
            };
            Some((shared.mapping, provenance))
        }
        Lookup::None => None,
        Lookup::Unreachable => this_browser().map(|m| (m, Provenance::ThisBrowser)),
    }
}

/// Where the mapping the worker chose came from: the candidate's provenance only when
/// the worker took it (it fitted the file and the project); a fresh suggestion has
/// none, whoever saved a mapping that did not fit.
pub fn shown(provenance: Option<Provenance>, origin: Origin) -> Option<Provenance> {
    provenance.filter(|_| origin == Origin::Remembered)
}

/// The month names as each language writes them after a day ("12. mars",
/// "12. maaliskuuta", "12 March", "12 mars").
const MONTHS: [&str; 12] = [
    "mapping.month.1",
    "mapping.month.2",
    "mapping.month.3",
    "mapping.month.4",
    "mapping.month.5",
    "mapping.month.6",
    "mapping.month.7",
    "mapping.month.8",
    "mapping.month.9",
    "mapping.month.10",
    "mapping.month.11",
    "mapping.month.12",
];

/// A day as the language writes it in running text, with the year only when it is
/// not this year's.
pub fn day(locale: Locale, on: Date, today: Date) -> String {
    let month = locale.text(MONTHS[usize::from(on.month.clamp(1, 12)) - 1]);
    let day = on.day.to_string();
    if on.year == today.year {
        locale.format(
            "mapping.date",
            &[
                ("day", day.as_str().into()),
                ("month", month.as_str().into()),
            ],
        )
    } else {
        let year = on.year.to_string();
        locale.format(
            "mapping.date_year",
            &[
                ("day", day.as_str().into()),
                ("month", month.as_str().into()),
                ("year", year.as_str().into()),
            ],
        )
    }
}

/// "Koblingen ble brukt av Kari Nordmann 12. mars."
pub fn explanation(locale: Locale, provenance: &Provenance, today: Date) -> String {
    match provenance {
        Provenance::Colleague { name, on } => locale.format(
            "mapping.origin_colleague",
            &[
                ("name", name.as_str().into()),
                ("date", day(locale, *on, today).as_str().into()),
            ],
        ),
        Provenance::Me { on } => locale.format(
            "mapping.origin_me",
            &[("date", day(locale, *on, today).as_str().into())],
        ),
        Provenance::ThisBrowser => locale.text("mapping.origin_browser"),
    }
}

#[cfg(test)]
mod tests {
    use customer_import_domain::mapping::signature;

    use super::*;

    const TODAY: Date = Date {
        year: 2026,
        month: 11,
        day: 30,
    };
    const MARCH_12: Date = Date {
        year: 2026,
        month: 3,
        day: 12,
    };

    fn shared(by_me: bool) -> SharedMapping {
        let mut mapping = Mapping::default();
        mapping.set_column("name", 1);
        SharedMapping {
            signature: signature(&["Nr", "Navn"]),
            columns: 2,
            mapping,
            saved_by: "Kari Nordmann".into(),
            saved_by_me: by_me,
            saved_at: 1_773_300_000,
        }
    }

    fn local() -> Option<Mapping> {
        let mut mapping = Mapping::default();
        mapping.set_column("name", 0);
        Some(mapping)
    }

    #[test]
    fn the_organizations_mapping_comes_first_and_the_browsers_only_offline() {
        let found = Lookup::from_answer(Ok(shared(false)));
        let (mapping, provenance) = candidate(found, local, |_| MARCH_12).unwrap();
        assert_eq!(mapping.column_of("name"), Some(1));
        assert_eq!(
            provenance,
            Provenance::Colleague {
                name: "Kari Nordmann".into(),
                on: MARCH_12
            }
        );
        let mine = candidate(Lookup::from_answer(Ok(shared(true))), local, |_| MARCH_12);
        assert_eq!(mine.unwrap().1, Provenance::Me { on: MARCH_12 });

        // The server answered: the organization has none, and this browser's copy
        // is not used either.
        let none = Lookup::from_answer(Err(ApiFailure::Refused("not_found".into())));
        assert_eq!(none, Lookup::None);
        assert_eq!(candidate(none, local, |_| MARCH_12), None);

        for failure in [
            ApiFailure::Network,
            ApiFailure::Unavailable(None),
            ApiFailure::BadAnswer,
            ApiFailure::Refused("auth.unauthenticated".into()),
        ] {
            let lookup = Lookup::from_answer(Err(failure));
            assert_eq!(lookup, Lookup::Unreachable);
            let (mapping, provenance) = candidate(lookup, local, |_| MARCH_12).unwrap();
            assert_eq!(
                (mapping.column_of("name"), provenance),
                (Some(0), Provenance::ThisBrowser)
            );
        }
        assert_eq!(candidate(Lookup::Unreachable, || None, |_| MARCH_12), None);
    }

    #[test]
    fn a_suggestion_claims_no_provenance() {
        let me = Some(Provenance::Me { on: MARCH_12 });
        assert_eq!(shown(me.clone(), Origin::Remembered), me);
        assert_eq!(shown(me, Origin::Suggested), None);
        assert_eq!(shown(None, Origin::Suggested), None);
    }

    #[test]
    fn the_day_is_written_as_each_language_writes_it() {
        let colleague = Provenance::Colleague {
            name: "Kari Nordmann".into(),
            on: MARCH_12,
        };
        assert_eq!(
            explanation(Locale::Nb, &colleague, TODAY),
            "Koblingen ble brukt av Kari Nordmann 12. mars."
        );
        assert_eq!(
            explanation(Locale::Fi, &colleague, TODAY),
            "Kari Nordmann yhdisti kentät näin 12. maaliskuuta."
        );
        assert_eq!(
            explanation(Locale::En, &colleague, TODAY),
            "Used by Kari Nordmann on 12 March."
        );
        assert_eq!(
            explanation(Locale::Sv, &colleague, TODAY),
            "Kopplingen användes av Kari Nordmann den 12 mars."
        );
        let last_year = Date {
            year: 2025,
            month: 12,
            day: 1,
        };
        assert_eq!(
            explanation(Locale::Nb, &Provenance::Me { on: last_year }, TODAY),
            "Koblingen ble brukt av deg 1. desember 2025."
        );
        assert_eq!(day(Locale::Fi, last_year, TODAY), "1. joulukuuta 2025");
        assert_eq!(day(Locale::En, last_year, TODAY), "1 December 2025");
        assert_eq!(day(Locale::Sv, last_year, TODAY), "1 december 2025");
        for locale in Locale::ALL {
            for month in 1..=12 {
                let on = Date::new(2026, month, 1).unwrap();
                assert!(!day(locale, on, TODAY).contains("mapping"), "{locale:?}");
            }
            assert!(!explanation(locale, &Provenance::ThisBrowser, TODAY).is_empty());
        }
    }
}
