/**
 * Step 7: the portal's copy of its customers, kept from the import server's events, and
 * the page of it the signed-in user sees.
 *
 * Events arrive at least once and in any order, so they are applied by the rule the
 * import server documents (README, "Apply events by `sequence`"): an event changes a
 * customer only if its `sequence` is newer than the last one applied to that customer,
 * and a removal is remembered (a tombstone), so a creation that arrives after it changes
 * nothing. Every change raises `version`, so a page that shows the current version is
 * answered "unchanged". A real portal would keep this in its database, in one
 * transaction per event.
 */
import type { components } from "./import-api.js";
import { RefusedDelivery, type SignedEvent } from "./webhook.js";

type Schemas = components["schemas"];
/** The events as the OpenAPI document describes them (`webhooks`). */
export type Event =
  | Schemas["CustomersCreatedEvent"]
  | Schemas["CustomersRemovedEvent"]
  | Schemas["CustomersUpdatedEvent"];

const KNOWN = new Set(["customers.created", "customers.removed", "customers.updated"]);

/** What keeps a customers event from being applied, if anything. */
function unreadable(event: SignedEvent): string | undefined {
  const data = event.data as { customers?: unknown } | undefined;
  if (!Number.isSafeInteger(event.sequence)) return "no sequence";
  if (!Array.isArray(data?.customers)) return "no customers";
  for (const customer of data.customers as unknown[]) {
    const c = customer as { id?: unknown; changes?: unknown } | null;
    if (!Number.isSafeInteger(c?.id)) return "a customer without an id";
    if (event.type === "customers.updated") {
      const changes = c?.changes;
      if (!Array.isArray(changes) || !changes.every((ch) => typeof ch?.field === "string")) {
        return `customer ${String(c?.id)}: no changes`;
      }
    }
  }
  return undefined;
}

/** A customer as the portal lists it. */
export interface Customer {
  id: number;
  /** The portal's project id; null for a project the portal did not provision. */
  project: string | null;
  name: string | null;
  email: string | null;
  unit: string | null;
  /** The project's own field, keyed by the name the portal declared it with. */
  parking: string | null;
}

/** The list's page: how many customers, the newest of them, and its version. */
export interface ListPage {
  version: number;
  total: number;
  customers: Customer[];
}

/** The sequence last applied to a customer, and the customer (null: removed). */
interface Applied {
  sequence: number;
  customer: Customer | null;
}

/** The fields an update may change that the list shows, by the field keys it names. */
const LISTED = { name: "name", email: "email", unit: "unit", "custom.parking": "parking" } as const;
const listed = (field: string) =>
  Object.hasOwn(LISTED, field) ? LISTED[field as keyof typeof LISTED] : undefined;

export class CustomerCopy {
  /** By customer id; the server's ids grow and are never reused. */
  #applied = new Map<number, Applied>();
  #version = 0;

  get version(): number {
    return this.#version;
  }

  /**
   * Applies one verified event. One of a type this portal does not know is ignored (a
   * newer server may send more); one of a known type that it cannot read is refused
   * whole, before anything changes, so the server keeps it and its retries show.
   */
  accept(event: SignedEvent): void {
    if (!KNOWN.has(event.type)) return;
    const problem = unreadable(event);
    if (problem) throw new RefusedDelivery(`${event.type}: ${problem}`);
    this.apply(event as Event);
  }

  /** Applies one event read as the document describes it. */
  apply(event: Event): void {
    const { project_portal_id: project, customers } = event.data;
    switch (event.type) {
      case "customers.created":
        for (const c of event.data.customers) {
          const customer = {
            id: c.id,
            project,
            name: c.name ?? null,
            email: c.email ?? null,
            unit: c.unit ?? null,
            parking: c.custom?.parking ?? null,
          };
          this.#set(c.id, event.sequence, customer);
        }
        return;
      case "customers.removed":
        for (const c of customers) this.#set(c.id, event.sequence, null);
        return;
      case "customers.updated":
        for (const c of event.data.customers) {
          // A customer the copy does not hold (removed, or never heard of) stays so.
          const now = this.#applied.get(c.id)?.customer;
          if (!now) continue;
          const changed = { ...now };
          for (const { field, new: value } of c.changes) {
            const key = listed(field);
            if (key) changed[key] = value ?? null;
          }
          this.#set(c.id, event.sequence, changed);
        }
        return;
    }
  }

  /** The customers of `projects`: how many, and the newest `limit`, newest first. */
  page(projects: readonly string[], limit: number): ListPage {
    const theirs = [...this.#applied.entries()]
      .sort(([a], [b]) => b - a)
      .flatMap(([, { customer }]) =>
        customer?.project && projects.includes(customer.project) ? [customer] : [],
      );
    return { version: this.#version, total: theirs.length, customers: theirs.slice(0, limit) };
  }

  /** Keeps `customer` (null: removed) as of `sequence`, unless something newer is kept. */
  #set(id: number, sequence: number, customer: Customer | null): void {
    const applied = this.#applied.get(id);
    if (applied && applied.sequence >= sequence) return;
    this.#applied.set(id, { sequence, customer });
    this.#version += 1;
  }
}
