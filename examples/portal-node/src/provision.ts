/**
 * Steps 1 and 2 (README, "The same portal in TypeScript"): the portal tells the import server about its project, units, user and webhook,
 * by its own ids, through a client generated from the server's OpenAPI document
 * (`npm run generate` → import-api.d.ts). Every call states the portal's state, so it is
 * safe at every start; a wrong body or path is a compile error here, not a 422 there.
 */
import createClient from "openapi-fetch";

import type { Config } from "./config.js";
import type { paths } from "./import-api.js";
import { PROJECT, PROJECT_NAME, USER, USER_EMAIL, USER_NAME, USER_PROJECTS } from "./portal.js";

export function importApi(config: Config) {
  return createClient<paths>({
    baseUrl: config.importServer,
    headers: { Authorization: `Bearer ${config.apiKey}` },
  });
}

/** Fails with the server's problem details (RFC 9457) when a call is refused. */
function check(call: string, answer: { error?: unknown; response: Response }): void {
  if (answer.error !== undefined || !answer.response.ok) {
    throw new Error(`provisioning ${call}: ${answer.response.status} ${JSON.stringify(answer.error)}`);
  }
}

export async function provision(config: Config, portalUrl: string): Promise<void> {
  const api = importApi(config);
  const id = { path: { id: PROJECT } };
  check(
    "project",
    await api.PUT("/api/provisioning/projects/{id}", {
      params: id,
      body: {
        name: PROJECT_NAME,
        country: "FI",
        // A field of the portal's own, checked in the wizard like the built-in ones.
        custom_fields: [
          {
            name: "parking",
            label: { nb: "Parkeringsplass", fi: "Pysäköintipaikka", en: "Parking space" },
            type: "pattern",
            pattern: "P-[0-9]{3}",
            example: "P-012",
          },
        ],
      },
    }),
  );
  check(
    "units",
    await api.PUT("/api/provisioning/projects/{id}/units", {
      params: id,
      body: { units: ["A 1", "A 2", "B 3", "B 4"].map((code) => ({ code })) },
    }),
  );
  check(
    "user",
    await api.PUT("/api/provisioning/users/{id}", {
      params: { path: { id: USER } },
      body: { email: USER_EMAIL, name: USER_NAME, role: "member", projects: USER_PROJECTS },
    }),
  );
  check(
    "webhook",
    await api.PUT("/api/provisioning/webhook", {
      body: { url: `${portalUrl}/webhooks/customer-import`, secret: config.webhookSecret },
    }),
  );
}
