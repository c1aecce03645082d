//! The portal's copy of the customers, kept from the import server's events, and the
//! page of it that a signed-in user sees.
//!
//! Events are applied by the rule the import server documents (README, "Apply events
//! by `sequence`"): an event changes a customer only if its `sequence` is newer than
//! the last one applied to that customer, and a removal is remembered (a tombstone),
//! so a creation that arrives after it (a retry, a redelivery) changes nothing. A
//! repeat changes nothing either. Every change raises the copy's `version`, so a page
//! that already shows the current version is told "unchanged" instead of being sent
//! the list again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One event as the import server POSTs it. `data` is read according to `type`, so
/// that an event of a type this portal does not know yet is acknowledged unread.
#[derive(Debug, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    /// The organization's change number: the order in which changes committed.
    pub sequence: i64,
    #[serde(default)]
    pub data: Value,
}

/// The `data` of every event about customers.
#[derive(Debug, Deserialize)]
struct CustomersData {
    /// The project as this portal names it; `None` for a project the portal did not
    /// provision (made in the import server itself).
    project_portal_id: Option<String>,
    customers: Vec<Delivered>,
}

/// A customer as an event carries it: the fields this portal lists. A real portal
/// stores what it uses; the README lists everything a `customers.created` carries.
/// A `customers.removed` carries only `id` (and `row`, `external_id`); a
/// `customers.updated` the fields that changed, each old → new.
#[derive(Debug, Deserialize)]
struct Delivered {
    id: i64,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    changes: Vec<Change>,
}

/// One field an update changed, as it is now (`None`: emptied).
#[derive(Debug, Deserialize)]
struct Change {
    field: String,
    new: Option<String>,
}

/// A customer in the portal's copy, as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: i64,
    /// The portal's project id (`None`: a project the portal does not know).
    pub project: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub unit: Option<String>,
}

/// What an event does to each customer it carries.
enum Effect {
    /// The customer is now as the event says.
    Set,
    /// The fields the event names are now as it says; the others stay.
    Change,
    Remove,
}

/// What the page of the list shows: how many customers the user's projects have, and
/// the newest of them; `version` is what the page asks again with.
#[derive(Debug, Serialize)]
pub struct ListPage<'a> {
    pub version: u64,
    pub total: usize,
    pub customers: Vec<&'a Customer>,
}

/// The sequence last applied to a customer, and the customer (`None`: removed).
#[derive(Debug)]
struct Applied {
    sequence: i64,
    customer: Option<Customer>,
}

/// The customers as the events say they are now, with the removals remembered.
#[derive(Debug, Default)]
pub struct CustomerCopy {
    /// By customer id; ids grow as customers are made and are never reused.
    applied: BTreeMap<i64, Applied>,
    /// Raised by every change.
    version: u64,
}

impl CustomerCopy {
    /// Applies one event. An event of a type this portal does not know is ignored; an
    /// event it cannot read is refused whole, changing nothing.
    pub fn apply(&mut self, event: &Event) -> Result<(), serde_json::Error> {
        let effect = match event.kind.as_str() {
            "customers.created" => Effect::Set,
            "customers.removed" => Effect::Remove,
            "customers.updated" => Effect::Change,
            _ => return Ok(()),
        };
        let data = CustomersData::deserialize(&event.data)?;
        for delivered in data.customers {
            let customer = match effect {
                Effect::Set => Some(Customer {
                    id: delivered.id,
                    project: data.project_portal_id.clone(),
                    name: delivered.name,
                    email: delivered.email,
                    unit: delivered.unit,
                }),
                // A customer this copy does not hold (removed, or in a project it
                // does not list) stays as it is.
                Effect::Change => match self.current(delivered.id) {
                    Some(mut customer) => {
                        for change in delivered.changes {
                            let field = match change.field.as_str() {
                                "name" => &mut customer.name,
                                "email" => &mut customer.email,
                                "unit" => &mut customer.unit,
                                _ => continue,
                            };
                            *field = change.new;
                        }
                        Some(customer)
                    }
                    None => continue,
                },
                Effect::Remove => None,
            };
            self.set(delivered.id, event.sequence, customer);
        }
        Ok(())
    }

    /// Customer `id` as the copy holds it now, if it holds it.
    fn current(&self, id: i64) -> Option<Customer> {
        self.applied.get(&id)?.customer.clone()
    }

    /// Keeps `customer` (or its removal) as customer `id` is since `sequence`, unless
    /// something as new or newer was applied to it already.
    fn set(&mut self, id: i64, sequence: i64, customer: Option<Customer>) {
        if self
            .applied
            .get(&id)
            .is_some_and(|a| a.sequence >= sequence)
        {
            return;
        }
        self.applied.insert(id, Applied { sequence, customer });
        self.version += 1;
    }

    /// Raised by every change: the same version, the same list.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The customers of `projects`: how many, and the newest `limit`, newest first.
    pub fn page(&self, projects: &[&str], limit: usize) -> ListPage<'_> {
        let mut theirs = self
            .applied
            .values()
            .rev()
            .filter_map(|a| a.customer.as_ref())
            .filter(|c| c.project.as_deref().is_some_and(|p| projects.contains(&p)));
        let customers: Vec<&Customer> = theirs.by_ref().take(limit).collect();
        ListPage {
            version: self.version,
            total: customers.len() + theirs.count(),
            customers,
        }
    }
}

// Applying events in any order and any number of times, removals, the project filter
// and the page.
#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const OURS: &str = "p-ours";

    fn event(kind: &str, sequence: i64, project: Option<&str>, ids: &[i64]) -> Event {
        let customers: Vec<Value> = ids
            .iter()
            .map(|id| json!({ "id": id, "name": format!("Kunde {id}"), "email": null }))
            .collect();
        Event {
            kind: kind.to_owned(),
            sequence,
            data: json!({ "project_id": 1, "project_portal_id": project, "batch_id": 1,
                          "customers": customers }),
        }
    }

    fn created(sequence: i64, ids: &[i64]) -> Event {
        event("customers.created", sequence, Some(OURS), ids)
    }

    fn removed(sequence: i64, ids: &[i64]) -> Event {
        event("customers.removed", sequence, Some(OURS), ids)
    }

    /// The ids the page lists for our project, newest first.
    fn listed(copy: &CustomerCopy) -> Vec<i64> {
        let page = copy.page(&[OURS], usize::MAX);
        assert_eq!(page.total, page.customers.len());
        page.customers.iter().map(|c| c.id).collect()
    }

    fn updated(sequence: i64, id: i64, field: &str, new: Option<&str>) -> Event {
        Event {
            kind: "customers.updated".to_owned(),
            sequence,
            data: json!({ "project_id": 1, "project_portal_id": OURS, "batch_id": 2,
                          "reason": "import",
                          "customers": [{ "id": id, "row": 2, "external_id": null, "version": 2,
                                          "changes": [{ "field": field, "old": "x", "new": new }] }] }),
        }
    }

    /// An update changes the fields it names, by sequence as the others: one older
    /// than what was applied changes nothing, nor does one of a removed customer.
    #[test]
    fn updates_change_the_fields_they_name_in_sequence_order() {
        let mut copy = CustomerCopy::default();
        copy.apply(&created(1, &[1, 2])).unwrap();
        copy.apply(&updated(5, 1, "email", Some("kunde1@example.no")))
            .unwrap();
        copy.apply(&updated(3, 1, "name", Some("Gammel"))).unwrap();
        copy.apply(&updated(6, 1, "phone", Some("+4791234567")))
            .unwrap();
        let page = copy.page(&[OURS], usize::MAX);
        let one = page.customers.iter().find(|c| c.id == 1).unwrap();
        assert_eq!(
            one.name.as_deref(),
            Some("Kunde 1"),
            "an older update is late"
        );
        assert_eq!(one.email.as_deref(), Some("kunde1@example.no"));
        copy.apply(&removed(7, &[2])).unwrap();
        copy.apply(&updated(8, 2, "name", Some("Igjen"))).unwrap();
        assert_eq!(listed(&copy), [1], "a removed customer is not brought back");
        copy.apply(&updated(9, 1, "email", None)).unwrap();
        let page = copy.page(&[OURS], usize::MAX);
        assert_eq!(page.customers[0].email, None, "emptied");
    }

    #[test]
    fn events_are_applied_by_sequence_whatever_the_order_of_arrival() {
        let mut copy = CustomerCopy::default();
        copy.apply(&created(7, &[3])).unwrap();
        copy.apply(&removed(9, &[1, 2])).unwrap();
        // The creation of 1 and 2 failed at first and comes after their removal.
        copy.apply(&created(4, &[1, 2])).unwrap();
        assert_eq!(listed(&copy), [3]);
        copy.apply(&removed(12, &[3])).unwrap();
        assert!(listed(&copy).is_empty());
    }

    #[test]
    fn a_repeat_changes_nothing_not_even_the_version() {
        let mut copy = CustomerCopy::default();
        copy.apply(&created(4, &[1, 2])).unwrap();
        copy.apply(&removed(9, &[2])).unwrap();
        let version = copy.version();
        copy.apply(&created(4, &[1, 2])).unwrap();
        copy.apply(&removed(9, &[2])).unwrap();
        assert_eq!(listed(&copy), [1]);
        assert_eq!(copy.version(), version, "the page is told: unchanged");
    }

    #[test]
    fn a_removal_never_adds_a_customer() {
        let mut copy = CustomerCopy::default();
        // Of customers the portal never heard of (their creation still on its way).
        copy.apply(&removed(9, &[5, 6])).unwrap();
        assert!(listed(&copy).is_empty());
        assert_eq!(copy.page(&[OURS], 50).total, 0);
        // Their creation, late, stays removed; a later one of another customer shows.
        copy.apply(&created(8, &[5, 6])).unwrap();
        copy.apply(&created(10, &[7])).unwrap();
        assert_eq!(listed(&copy), [7]);
        let page = copy.page(&[OURS], 50);
        assert_eq!(page.customers[0].name.as_deref(), Some("Kunde 7"));
    }

    #[test]
    fn the_page_lists_only_the_users_projects() {
        let mut copy = CustomerCopy::default();
        copy.apply(&created(1, &[1])).unwrap();
        copy.apply(&event("customers.created", 2, Some("p-other"), &[2]))
            .unwrap();
        // A project made in the import server itself, which this portal does not know.
        copy.apply(&event("customers.created", 3, None, &[3]))
            .unwrap();
        assert_eq!(listed(&copy), [1]);
        let both = copy.page(&[OURS, "p-other"], 50);
        assert_eq!(both.total, 2);
        assert_eq!(both.customers[0].project.as_deref(), Some("p-other"));
        assert_eq!(copy.page(&[], 50).total, 0);
        // Their removals are applied all the same.
        copy.apply(&event("customers.removed", 4, Some("p-other"), &[2]))
            .unwrap();
        assert_eq!(copy.page(&[OURS, "p-other"], 50).total, 1);
    }

    #[test]
    fn the_page_is_the_newest_customers_and_counts_them_all() {
        let mut copy = CustomerCopy::default();
        let ids: Vec<i64> = (1..=100_000).collect();
        for (n, chunk) in ids.chunks(1_000).enumerate() {
            copy.apply(&created(n as i64 + 1, chunk)).unwrap();
        }
        copy.apply(&removed(1_000, &[100_000, 99_998])).unwrap();
        let page = copy.page(&[OURS], 50);
        assert_eq!(page.total, 99_998);
        let shown: Vec<i64> = page.customers.iter().map(|c| c.id).collect();
        assert_eq!(shown.len(), 50);
        assert_eq!(shown[..3], [99_999, 99_997, 99_996], "newest first");
        assert_eq!(page.version, copy.version());
    }

    #[test]
    fn every_change_raises_the_version() {
        let mut copy = CustomerCopy::default();
        assert_eq!(copy.version(), 0);
        copy.apply(&created(1, &[1, 2])).unwrap();
        assert_eq!(copy.version(), 2);
        copy.apply(&removed(2, &[1])).unwrap();
        assert_eq!(copy.version(), 3);
        // Changes in a project the user does not see raise it too: the page asks
        // again and gets the same list, which is only a little wasteful.
        copy.apply(&event("customers.created", 3, None, &[9]))
            .unwrap();
        assert_eq!(copy.version(), 4);
    }

    #[test]
    fn an_unknown_type_is_ignored_and_an_unreadable_event_changes_nothing() {
        let mut copy = CustomerCopy::default();
        let renamed = Event {
            kind: "project.renamed".to_owned(),
            sequence: 3,
            data: json!({ "name": "Ny" }),
        };
        copy.apply(&renamed).unwrap();
        let mut broken = created(4, &[1]);
        broken.data["customers"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "name": "no id" }));
        assert!(copy.apply(&broken).is_err());
        let no_data = Event {
            kind: "customers.created".to_owned(),
            sequence: 5,
            data: Value::Null,
        };
        assert!(copy.apply(&no_data).is_err());
        assert_eq!(copy.version(), 0, "nothing of the broken event was applied");
        assert!(listed(&copy).is_empty());
    }
}
