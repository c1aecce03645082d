/**
 * The portal's page: mounts the wizard from the npm package with the portal's own row
 * check, and lists the customers its backend received by webhook.
 */
import { mount, type HookProblem, type RowHook } from "customer-import";

interface Session {
  server: string;
  token: string;
  project: string;
}
interface Customer {
  name: string | null;
  email: string | null;
  unit: string | null;
  parking: string | null;
}
interface ListPage {
  version: number;
  total: number;
  customers: Customer[];
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The portal's backend knows the import server and signs its user in. */
const session = async (): Promise<Session> => (await fetch("/session", { cache: "no-store" })).json();

/** Step 5: the wizard's rows, a batch at a time, checked by the portal's backend (src/row-checks.ts). */
const rowHook: RowHook = async (input) => {
  const answer = await fetch("/row-checks", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
  // A failed check is said so in the review, with "try again"; nothing is lost.
  if (!answer.ok) throw new Error(`row check: ${answer.status}`);
  return (await answer.json()) as HookProblem[];
};

const { server, project } = await session();
// Step 4: the wizard, from the npm package, on the portal's project; opened once (a
// second click would start an import in progress anew).
const opener = element<HTMLButtonElement>("open-import");
opener.addEventListener("click", () => {
  opener.disabled = true;
  mount(element("customer-import"), {
    apiBase: server,
    // A fresh short-lived token for every request the wizard makes.
    getToken: async () => (await session()).token,
    locale: "fi",
    // Our own project id: the import server knows it from provisioning.
    project: `portal:${project}`,
    rowHook,
    theme: { accent: "#8a4b08", radius: "6px" },
  }).catch((error: unknown) => {
    // The import server could not be reached, or refused the options: say so.
    element("customer-import").textContent = `Tuontia ei voitu avata: ${String(error)}`;
    opener.disabled = false;
  });
});

// The customers of the user's projects, the newest first with their count. Every
// second the page asks whether the list changed since the version it shows; while
// nothing did, the answer is an empty 304 and the page stays as it is.
const count = element("received-count");
const list = element<HTMLTableSectionElement>("received");
const counted = ({ total, customers }: ListPage) => {
  const all = total === 1 ? "1 asiakas" : `${total.toLocaleString("fi")} asiakasta`;
  return total > customers.length ? `${all}, ${customers.length} uusinta näytetään` : all;
};
const row = (customer: Customer) => {
  const tr = document.createElement("tr");
  for (const text of [customer.name, customer.email, customer.unit, customer.parking]) {
    tr.insertCell().textContent = text ?? "";
  }
  return tr;
};
let version: number | null = null;
const refresh = async () => {
  const since = version === null ? "" : `?since=${version}`;
  const answer = await fetch(`/customers${since}`, { cache: "no-store" });
  if (answer.status === 304 || !answer.ok) return;
  const page = (await answer.json()) as ListPage;
  count.textContent = counted(page);
  list.replaceChildren(...page.customers.map(row));
  version = page.version;
};
// The next question only once the last is answered, never two at once.
const poll = () => {
  refresh()
    .catch(() => {})
    .finally(() => setTimeout(poll, 1000));
};
poll();
document.body.dataset.portalReady = "yes";
