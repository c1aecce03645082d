/**
 * The portal's web server: its page (dist/web, built from web/), a token for its
 * signed-in user, the webhook, the row check and the customer list. Built by a function
 * so the tests can serve it on a port of their own.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import express, { type Request, type Response } from "express";

import type { Config } from "./config.js";
import { CustomerCopy } from "./customer-copy.js";
import { PROJECT, USER_PROJECTS } from "./portal.js";
import { checkRows, isHookRow } from "./row-checks.js";
import { sessionToken } from "./session.js";
import { RefusedDelivery, webhookVerifier } from "./webhook.js";

/** Customers the list shows at once, the newest. */
export const PAGE_SIZE = 50;
/** The built page, next to the built server (dist/server → dist/web). */
const PAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../web");

export function createApp(config: Config, copy = new CustomerCopy()) {
  const app = express();
  app.disable("x-powered-by");
  const verified = webhookVerifier(config.webhookSecret);

  // Step 3: a fresh five-minute token for the signed-in user, and the project the page
  // opens the wizard on, by our own id (the import server takes it as `portal:<id>`).
  // (A real portal signs in the user its session cookie names; this one has one user.)
  app.get("/session", async (_request: Request, response: Response) => {
    response.set("Cache-Control", "no-store");
    response.json({ server: config.importServer, token: await sessionToken(config), project: PROJECT });
  });

  // Step 6: the body is verified as it was sent, byte for byte, so it is read as text.
  app.post(
    "/webhooks/customer-import",
    express.text({ type: "*/*", limit: "4mb" }),
    (request: Request, response: Response) => {
      try {
        copy.accept(verified(request.headers, String(request.body ?? "")));
        response.status(204).end();
      } catch (error) {
        if (!(error instanceof RefusedDelivery)) throw error;
        response.status(400).type("text/plain").send(error.message);
      }
    },
  );

  // Step 5: the portal's own check of a batch of rows, for the page's row hook. (A real
  // portal checks its session cookie here, as for every call of its own page.)
  app.post("/row-checks", express.json({ limit: "4mb" }), (request: Request, response: Response) => {
    const { rows, locale } = (request.body ?? {}) as { rows?: unknown; locale?: unknown };
    if (!Array.isArray(rows) || !rows.every(isHookRow) || typeof locale !== "string") {
      response.status(400).type("text/plain").send("expected { rows: [{ file, row, values }], locale }");
      return;
    }
    response.json(checkRows(rows, locale));
  });

  // The signed-in user's list: 304 while the page shows its current version.
  app.get("/customers", (request: Request, response: Response) => {
    response.set("Cache-Control", "no-store");
    if (request.query.since === String(copy.version)) {
      response.status(304).end();
      return;
    }
    response.json(copy.page(USER_PROJECTS, PAGE_SIZE));
  });

  app.use(express.static(PAGE));
  return app;
}
