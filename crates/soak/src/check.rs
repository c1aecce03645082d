//! The checker: after the storm, with faults off and everything delivered, compares
//! what the clients were shown ([`crate::history`]) with what the system holds: the
//! database's rows, the pull feed, the import history's counts and the portal's copy
//! (made from webhooks alone). Each invariant gets a verdict and, when broken, the
//! first few customers or batches that break it.

use std::collections::{BTreeMap, BTreeSet};

use crate::history::{Inner, Shown};

/// A customer as the system holds it (the database, or the pull feed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub id: i64,
    pub external_id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub unit: Option<String>,
}

/// An import as its history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchCounts {
    pub id: i64,
    pub created: i64,
    pub rejected: i64,
    pub present: i64,
    pub removed: i64,
    pub undone: bool,
}

/// Everything read back after the storm.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    /// The project's customers, straight from the database.
    pub database: Vec<Held>,
    /// The pull API's customer feed, every page.
    pub feed: Vec<Held>,
    /// The customer ids the pull API's removal feed lists.
    pub removed: BTreeSet<i64>,
    pub batches: Vec<BatchCounts>,
    /// The portal's copy, applied from the webhooks it received.
    pub portal: Vec<Held>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub invariant: &'static str,
    /// Empty when it holds; otherwise up to [`EXAMPLES`] examples and a count.
    pub broken: Vec<String>,
}

impl Verdict {
    pub fn holds(&self) -> bool {
        self.broken.is_empty()
    }
}

/// Examples kept per broken invariant.
const EXAMPLES: usize = 5;

struct Finding {
    invariant: &'static str,
    count: usize,
    examples: Vec<String>,
}

impl Finding {
    fn new(invariant: &'static str) -> Finding {
        Finding {
            invariant,
            count: 0,
            examples: Vec::new(),
        }
    }

    fn add(&mut self, example: impl FnOnce() -> String) {
        self.count += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(example());
        }
    }

    fn verdict(mut self) -> Verdict {
        if self.count > self.examples.len() {
            self.examples.push(format!("… {} in all", self.count));
        }
        Verdict {
            invariant: self.invariant,
            broken: self.examples,
        }
    }
}

/// Every invariant's verdict, in a fixed order.
pub fn check(history: &Inner, observed: &Observed) -> Vec<Verdict> {
    let by_external = |held: &[Held]| {
        let mut map: BTreeMap<String, Vec<i64>> = BTreeMap::new();
        for h in held {
            if let Some(e) = &h.external_id {
                map.entry(e.clone()).or_default().push(h.id);
            }
        }
        map
    };
    let database = by_external(&observed.database);
    let mut created = Finding::new("every row shown created exists exactly once");
    let mut refused = Finding::new("no row shown refused or held back exists");
    let mut values = Finding::new("every customer holds the values its row was sent with");
    let by_id: BTreeMap<i64, &Held> = observed.database.iter().map(|h| (h.id, h)).collect();
    let mut undone = Finding::new("every undo is complete or absent");
    let mut shown_ids = BTreeSet::new();
    for row in &history.rows {
        let found = database
            .get(&row.external_id)
            .map_or(&[][..], Vec::as_slice);
        match row.shown {
            Shown::Created { customer_id } if history.undone.contains(&row.batch) => {
                // Without the id (the app's rows), the removal feed cannot be matched.
                let removed = customer_id.is_none_or(|id| observed.removed.contains(&id));
                shown_ids.extend(customer_id);
                if !found.is_empty() || !removed {
                    undone.add(|| {
                        format!(
                            "batch {} undone, but {} (customer {customer_id:?}) is {found:?} in the database, in the removal feed: {removed}",
                            row.batch, row.external_id,
                        )
                    });
                }
            }
            Shown::Created { customer_id } => {
                // Shown without its id: the one customer of its external id is it.
                let id = customer_id.or(found.first().copied());
                shown_ids.extend(id);
                if id.is_none() || found != id.as_slice() {
                    created.add(|| {
                        format!(
                            "{} shown created as customer {customer_id:?} (batch {}), the database has {found:?}",
                            row.external_id, row.batch
                        )
                    });
                } else if let Some(stored) = id.and_then(|id| by_id.get(&id)) {
                    let sent = (Some(&row.name), Some(&row.email), Some(&row.unit));
                    if (
                        stored.name.as_ref(),
                        stored.email.as_ref(),
                        stored.unit.as_ref(),
                    ) != sent
                    {
                        values.add(|| {
                            format!("{} sent as {sent:?}, stored as {stored:?}", row.external_id)
                        });
                    }
                }
            }
            Shown::Unknown => shown_ids.extend(found),
            Shown::Refused | Shown::HeldBack => {
                if !found.is_empty() {
                    refused.add(|| {
                        format!(
                            "{} shown {:?} (batch {}), the database has {found:?}",
                            row.external_id, row.shown, row.batch
                        )
                    });
                }
            }
        }
    }
    let mut phantoms = Finding::new("every customer in the database was shown created");
    for held in &observed.database {
        if !shown_ids.contains(&held.id) {
            phantoms.add(|| {
                format!(
                    "customer {} ({:?}) was never shown",
                    held.id, held.external_id
                )
            });
        }
    }

    let mut feed = Finding::new("the pull feed is the database, each customer once");
    compare(&observed.database, &observed.feed, "feed", &mut feed);
    let mut listed_ids = BTreeSet::new();
    for held in &observed.feed {
        if !listed_ids.insert(held.id) {
            feed.add(|| format!("customer {} is listed twice", held.id));
        }
    }
    for id in observed.removed.iter().filter(|id| by_id.contains_key(id)) {
        feed.add(|| format!("customer {id} is in the removal feed and in the database"));
    }
    let mut portal = Finding::new("the portal's copy is the database");
    compare(&observed.database, &observed.portal, "portal", &mut portal);

    let mut counts = Finding::new("the history's counts are what the clients were shown");
    let mut shown: BTreeMap<i64, (i64, i64, bool)> = BTreeMap::new();
    for row in &history.rows {
        let c = shown.entry(row.batch).or_default();
        match row.shown {
            Shown::Created { .. } => c.0 += 1,
            Shown::Refused => c.1 += 1,
            // The history counts rows held back apart, from what the app told.
            Shown::HeldBack => {}
            // What these did is not known: their batch's counts are not judged.
            Shown::Unknown => c.2 = true,
        }
    }
    let listed: BTreeMap<i64, &BatchCounts> = observed.batches.iter().map(|b| (b.id, b)).collect();
    for (batch, (made, refused_rows, unknown)) in &shown {
        if *unknown {
            continue;
        }
        let was_undone = history.undone.contains(batch);
        let expected = BatchCounts {
            id: *batch,
            created: *made,
            rejected: *refused_rows,
            present: if was_undone { 0 } else { *made },
            removed: if was_undone { *made } else { 0 },
            undone: was_undone,
        };
        let arriving = history.undone_arriving.contains(batch);
        match listed.get(batch) {
            Some(b) if **b == expected => {}
            // Chunks committed just before the undo, whose answers were lost and whose
            // retries were refused as undone, count in the history but were not shown.
            Some(b)
                if arriving
                    && b.undone
                    && b.present == 0
                    && b.removed == b.created
                    && b.created >= *made
                    && b.rejected >= *refused_rows => {}
            other => counts.add(|| format!("batch {batch}: shown {expected:?}, listed {other:?}")),
        }
    }
    for b in &observed.batches {
        if !shown.contains_key(&b.id) && b.created + b.rejected > 0 {
            counts.add(|| {
                format!(
                    "batch {} lists {} created and {} refused, no client was shown it",
                    b.id, b.created, b.rejected
                )
            });
        }
    }

    let mut errors = Finding::new("no answer was a server error or unexpected");
    for d in &history.defects {
        errors.add(|| d.clone());
    }

    [
        created, values, refused, undone, phantoms, feed, portal, counts, errors,
    ]
    .into_iter()
    .map(Finding::verdict)
    .collect()
}

/// Whether `other` holds the same customers as `database`, with the same values.
fn compare(database: &[Held], other: &[Held], name: &str, finding: &mut Finding) {
    let theirs: BTreeMap<i64, &Held> = other.iter().map(|h| (h.id, h)).collect();
    let ours: BTreeMap<i64, &Held> = database.iter().map(|h| (h.id, h)).collect();
    for (id, held) in &ours {
        match theirs.get(id) {
            // The portal's copy keeps no external id; compare what both keep.
            Some(t) if t.name == held.name && t.email == held.email && t.unit == held.unit => {}
            Some(t) => finding.add(|| format!("customer {id}: database {held:?}, {name} {t:?}")),
            None => finding.add(|| format!("customer {id} is missing from the {name}")),
        }
    }
    for id in theirs.keys().filter(|id| !ours.contains_key(id)) {
        finding.add(|| format!("customer {id} is in the {name}, not in the database"));
    }
}

// Each invariant, broken on purpose, is reported broken; an honest history passes all.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::ShownRow;

    fn row(external_id: &str, batch: i64, shown: Shown) -> ShownRow {
        ShownRow {
            external_id: external_id.to_owned(),
            batch,
            name: format!("Kunde {external_id}"),
            email: format!("{external_id}@soak.example"),
            unit: "E-101".to_owned(),
            shown,
        }
    }

    fn held(id: i64, external_id: &str) -> Held {
        Held {
            id,
            external_id: Some(external_id.to_owned()),
            name: Some(format!("Kunde {external_id}")),
            email: Some(format!("{external_id}@soak.example")),
            unit: Some("E-101".to_owned()),
        }
    }

    fn counts(id: i64, created: i64, rejected: i64, undone: bool) -> BatchCounts {
        BatchCounts {
            id,
            created,
            rejected,
            present: if undone { 0 } else { created },
            removed: if undone { created } else { 0 },
            undone,
        }
    }

    /// Batch 1: a created and b refused; batch 2: c created, then undone.
    fn honest() -> (Inner, Observed) {
        let history = Inner {
            rows: vec![
                row(
                    "a",
                    1,
                    Shown::Created {
                        customer_id: Some(10),
                    },
                ),
                row("b", 1, Shown::Refused),
                row(
                    "c",
                    2,
                    Shown::Created {
                        customer_id: Some(11),
                    },
                ),
            ],
            undone: [2].into(),
            ..Inner::default()
        };
        let database = vec![held(10, "a")];
        let observed = Observed {
            feed: database.clone(),
            portal: database.clone(),
            database,
            removed: [11].into(),
            batches: vec![counts(1, 1, 1, false), counts(2, 1, 0, true)],
        };
        (history, observed)
    }

    fn broken(history: &Inner, observed: &Observed) -> Vec<&'static str> {
        check(history, observed)
            .into_iter()
            .filter(|v| !v.holds())
            .map(|v| v.invariant)
            .collect()
    }

    #[test]
    fn an_honest_history_holds_every_invariant() {
        let (history, observed) = honest();
        assert_eq!(broken(&history, &observed), Vec::<&str>::new());
    }

    #[test]
    fn a_created_row_stored_twice_is_caught() {
        let (history, mut observed) = honest();
        observed.database.push(held(12, "a"));
        let found = broken(&history, &observed);
        assert!(found.contains(&"every row shown created exists exactly once"));
        assert!(found.contains(&"every customer in the database was shown created"));
        assert!(found.contains(&"the pull feed is the database, each customer once"));
    }

    #[test]
    fn a_refused_row_that_exists_is_caught() {
        let (mut history, observed) = honest();
        history.rows[0].shown = Shown::Refused;
        let found = broken(&history, &observed);
        assert!(found.contains(&"no row shown refused or held back exists"));
        assert!(found.contains(&"the history's counts are what the clients were shown"));
    }

    #[test]
    fn a_half_undone_import_is_caught() {
        let (history, mut observed) = honest();
        observed.removed.clear();
        assert_eq!(
            broken(&history, &observed),
            vec!["every undo is complete or absent"]
        );
    }

    #[test]
    fn a_portal_that_missed_a_delivery_is_caught() {
        let (history, mut observed) = honest();
        observed.portal[0].unit = None;
        assert_eq!(
            broken(&history, &observed),
            vec!["the portal's copy is the database"]
        );
        observed.portal.clear();
        assert_eq!(
            broken(&history, &observed),
            vec!["the portal's copy is the database"]
        );
    }

    #[test]
    fn rows_the_app_showed_created_without_ids_are_found_by_their_external_id() {
        let (mut history, mut observed) = honest();
        history
            .rows
            .push(row("d", 3, Shown::Created { customer_id: None }));
        history.rows.push(row("e", 3, Shown::HeldBack));
        observed.batches.push(counts(3, 1, 0, false));
        assert_eq!(
            broken(&history, &observed),
            vec!["every row shown created exists exactly once"]
        );
        for held in [
            &mut observed.database,
            &mut observed.feed,
            &mut observed.portal,
        ] {
            held.push(self::held(13, "d"));
        }
        assert_eq!(broken(&history, &observed), Vec::<&str>::new());
        observed.database.push(self::held(14, "e"));
        assert!(broken(&history, &observed).contains(&"no row shown refused or held back exists"));
    }

    #[test]
    fn a_customer_stored_with_other_values_than_sent_is_caught() {
        let (history, mut observed) = honest();
        for held in [
            &mut observed.database,
            &mut observed.feed,
            &mut observed.portal,
        ] {
            held[0].unit = Some("E-202".to_owned());
        }
        assert_eq!(
            broken(&history, &observed),
            vec!["every customer holds the values its row was sent with"]
        );
    }

    #[test]
    fn a_feed_that_lists_a_customer_twice_or_a_removed_one_is_caught() {
        let (history, mut observed) = honest();
        observed.feed.push(held(10, "a"));
        assert_eq!(
            broken(&history, &observed),
            vec!["the pull feed is the database, each customer once"]
        );
        observed.feed.pop();
        observed.removed.insert(10);
        assert!(
            broken(&history, &observed)
                .contains(&"the pull feed is the database, each customer once")
        );
    }

    #[test]
    fn a_batch_no_client_was_shown_is_caught_even_with_only_refused_rows() {
        let (history, mut observed) = honest();
        observed.batches.push(counts(9, 0, 3, false));
        assert_eq!(
            broken(&history, &observed),
            vec!["the history's counts are what the clients were shown"]
        );
    }

    #[test]
    fn a_server_error_is_caught() {
        let (mut history, observed) = honest();
        history.defects.push("POST import: 500".to_owned());
        assert_eq!(
            broken(&history, &observed),
            vec!["no answer was a server error or unexpected"]
        );
    }
}
