// Events applied in any order and any number of times: the copy ends as the server is.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CustomerCopy, type Event } from "./customer-copy.js";

const OURS = "p-ours";

function event(type: "customers.created" | "customers.removed", sequence: number, ids: number[], project = OURS): Event {
  const data = { project_id: 1, project_portal_id: project, batch_id: 1 };
  return type === "customers.created"
    ? { id: `evt_${sequence}`, type, sequence, created_at: 0, data: { ...data, customers: ids.map((id) => ({ id, row: id, name: `Asiakas ${id}` })) } }
    : { id: `evt_${sequence}`, type, sequence, created_at: 0, data: { ...data, reason: "import_undone", customers: ids.map((id) => ({ id, row: id, external_id: null })) } };
}

function updated(sequence: number, id: number, field: string, value: string | null): Event {
  return {
    id: `evt_${sequence}`,
    type: "customers.updated",
    sequence,
    created_at: 0,
    data: {
      project_id: 1,
      project_portal_id: OURS,
      batch_id: 2,
      reason: "import",
      customers: [{ id, row: 2, external_id: null, version: 2, changes: [{ field, old: "x", new: value }] }],
    },
  };
}

const listed = (copy: CustomerCopy) => copy.page([OURS], 100).customers.map((c) => c.id);

test("a removal that arrives before its creation wins, and repeats change nothing", () => {
  const copy = new CustomerCopy();
  copy.apply(event("customers.removed", 5, [1]));
  copy.apply(event("customers.created", 3, [1, 2]));
  assert.deepEqual(listed(copy), [2]);
  const version = copy.version;
  copy.apply(event("customers.created", 3, [1, 2]));
  assert.equal(copy.version, version, "a repeat is no change");
});

test("updates change the fields they name, in sequence order", () => {
  const copy = new CustomerCopy();
  copy.apply(event("customers.created", 1, [1]));
  copy.apply(updated(5, 1, "email", "asiakas@example.fi"));
  copy.apply(updated(3, 1, "name", "Vanha"));
  copy.apply(updated(6, 1, "custom.parking", "P-042"));
  const [customer] = copy.page([OURS], 1).customers;
  assert.equal(customer?.email, "asiakas@example.fi");
  assert.equal(customer?.name, "Asiakas 1", "an older update is not applied");
  assert.equal(customer?.parking, "P-042");
});

test("the page lists the user's projects only, the newest first, with their count", () => {
  const copy = new CustomerCopy();
  copy.apply(event("customers.created", 1, [1, 2, 3]));
  copy.apply(event("customers.created", 2, [4], "p-other"));
  const page = copy.page([OURS], 2);
  assert.equal(page.total, 3);
  assert.deepEqual(page.customers.map((c) => c.id), [3, 2]);
});
