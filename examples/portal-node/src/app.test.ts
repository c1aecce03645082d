// The portal's web server as the import server and the page meet it: signed deliveries
// only, the list answered 304 while unchanged, the row check in the user's language.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";

import { Webhook } from "standardwebhooks";

import { createApp } from "./app.js";
import { PROJECT } from "./portal.js";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwJ5cLQ3lO8Gs=";
const app = createApp({
  importServer: "http://127.0.0.1:9",
  apiKey: "",
  jwtSecret: "a secret the portal and the import server share, 32+",
  jwtIssuer: "portal",
  jwtAudience: "customer-import",
  webhookSecret: SECRET,
});
let base = "";
let server: ReturnType<typeof app.listen>;
before(async () => {
  server = app.listen(0, "127.0.0.1");
  await new Promise((ready) => server.once("listening", ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const created = {
  id: "evt_7",
  type: "customers.created",
  sequence: 7,
  created_at: 0,
  data: { project_id: 4, project_portal_id: PROJECT, batch_id: 2, customers: [{ id: 10, row: 2, name: "Aino" }] },
};

/** POSTs `event` to the webhook, signed with `secret` at `time` (unix seconds). */
async function deliver(event: object, secret = SECRET, time = new Date()) {
  const body = JSON.stringify(event);
  const signature = new Webhook(secret).sign("evt_7", time, body);
  const headers = { "webhook-id": "evt_7", "webhook-timestamp": String(Math.floor(time.getTime() / 1000)), "webhook-signature": signature };
  return (await fetch(`${base}/webhooks/customer-import`, { method: "POST", headers, body })).status;
}

test("only deliveries signed with the portal's secret, and fresh, are applied", async () => {
  const other = "whsec_" + Buffer.alloc(32, 7).toString("base64");
  assert.equal(await deliver(created, other), 400, "another secret");
  assert.equal(await deliver(created, SECRET, new Date(Date.now() - 3_600_000)), 400, "an hour old");
  assert.equal((await (await fetch(`${base}/customers`)).json()).total, 0);
  assert.equal(await deliver(created), 204);
  const page = await (await fetch(`${base}/customers`)).json();
  assert.equal(page.total, 1);
  assert.equal(page.customers[0].name, "Aino");
  const unchanged = await fetch(`${base}/customers?since=${page.version}`);
  assert.equal(unchanged.status, 304);
});

test("the row check refuses other clients' domains, in the user's language", async () => {
  const rows = [
    { file: 0, row: 2, values: { name: "A", email: "a@kilpailija.example" } },
    { file: 1, row: 3, values: { name: "B", email: "b@example.fi" } },
  ];
  const answer = await fetch(`${base}/row-checks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ rows, locale: "fi" }),
  });
  assert.deepEqual(await answer.json(), [
    { file: 0, row: 2, field: "email", message: "Verkkotunnus kilpailija.example kuuluu toiselle asiakkaallemme (Kilpailija Oy)." },
  ]);
  const unreadable = await fetch(`${base}/row-checks`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
  assert.equal(unreadable.status, 400);
});

test("an event of a type the portal does not know is acknowledged, and one it cannot read is refused whole", async () => {
  assert.equal(await deliver({ id: "evt_7", type: "project.renamed", sequence: 8, created_at: 0, data: { name: "X" } }), 204);
  const before = (await (await fetch(`${base}/customers`)).json()).version;
  const broken = {
    ...created,
    sequence: 9,
    data: { ...created.data, customers: [{ id: 11, row: 3, name: "Uusi" }, { row: 4, name: "Ilman id:tä" }] },
  };
  assert.equal(await deliver(broken), 400);
  const after = await (await fetch(`${base}/customers`)).json();
  assert.equal(after.version, before, "nothing of it applied");
});

test("the row check refuses what is not rows, and answers an unknown language in English", async () => {
  const check = (body: unknown) =>
    fetch(`${base}/row-checks`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  assert.equal((await check({ rows: [null], locale: "fi" })).status, 400);
  assert.equal((await check({ rows: [{ file: 0, row: 2, values: { email: 5 } }], locale: "fi" })).status, 400);
  const rows = [{ file: 0, row: 2, values: { email: "x@rival.example" } }];
  const [problem] = await (await check({ rows, locale: "toString" })).json();
  assert.equal(problem.message, "The domain rival.example belongs to another of our clients (Rival AS).");
});
