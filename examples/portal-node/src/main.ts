/**
 * Runs the example portal: provisions the import server (steps 1 and 2), then serves its page,
 * sessions, webhook and row checks. scripts/start.sh starts it beside the Rust one.
 */
import type { AddressInfo } from "node:net";

import { createApp } from "./app.js";
import { configFromEnv } from "./config.js";
import { provision } from "./provision.js";

/** `http://host:port` of the socket the portal listens on (IPv6 in brackets). */
function listeningUrl(address: AddressInfo | string | null): string {
  if (typeof address !== "object" || address === null) return String(address);
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

const { config, listen, publicUrl } = configFromEnv();
const app = createApp(config);
const server = "fd" in listen ? app.listen(listen) : app.listen(listen.port, listen.host);
server.once("listening", async () => {
  const url = publicUrl ?? listeningUrl(server.address());
  try {
    await provision(config, url);
  } catch (error) {
    console.error(`the import server refused the portal's provisioning: ${String(error)}`);
    process.exit(1);
  }
  console.log(`example portal (TypeScript) at ${url}/ (signed in as Aino Portaali)`);
});
server.once("error", (error) => {
  console.error(`example portal (TypeScript): ${error.message}`);
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.close(() => process.exit(0)));
