/**
 * Step 6: deliveries from the import server. Each is signed per the Standard Webhooks
 * specification (`webhook-id`, `webhook-timestamp`, `webhook-signature`); the
 * specification's own library checks the signature and refuses one more than five
 * minutes from now, so a captured delivery cannot be replayed later.
 */
import type { IncomingHttpHeaders } from "node:http";

import { Webhook } from "standardwebhooks";

import type { Event } from "./customer-copy.js";

/** Why a delivery was refused (answered 400: the server keeps it and tries again). */
export class RefusedDelivery extends Error {}

/** The event `body` carries, if `headers` sign it with `secret`. */
export function verifiedEvent(secret: string, headers: IncomingHttpHeaders, body: string): Event {
  const signed: Record<string, string> = {};
  for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
    const value = headers[name];
    if (typeof value !== "string") throw new RefusedDelivery(`no ${name} header`);
    signed[name] = value;
  }
  let payload: unknown;
  try {
    payload = new Webhook(secret).verify(body, signed);
  } catch (error) {
    throw new RefusedDelivery(`not signed by the import server: ${String(error)}`);
  }
  // Signed by the server, so shaped as the document says; a type this portal does not
  // know yet is passed on and ignored.
  const event = payload as Partial<Event> | null;
  if (typeof event?.type !== "string" || typeof event.sequence !== "number" || !Array.isArray(event.data?.customers)) {
    throw new RefusedDelivery("not an event of the import server's");
  }
  return event as Event;
}
