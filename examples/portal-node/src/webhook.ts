/**
 * Step 6: deliveries from the import server. Each is signed per the Standard Webhooks
 * specification (`webhook-id`, `webhook-timestamp`, `webhook-signature`); the
 * specification's own library checks the signature and refuses one more than five
 * minutes from now, so a captured delivery cannot be replayed later.
 */
import type { IncomingHttpHeaders } from "node:http";

import { Webhook } from "standardwebhooks";

/** Why a delivery was refused (answered 400: the server keeps it and tries again). */
export class RefusedDelivery extends Error {}

/** An event as signed: its type says how to read the rest. */
export interface SignedEvent {
  type: string;
  [field: string]: unknown;
}

/**
 * The verifier of deliveries signed with `secret` (`whsec_…`). Made once, at start: a
 * secret that is not one fails there, not as every delivery refused.
 */
export function webhookVerifier(secret: string): (headers: IncomingHttpHeaders, body: string) => SignedEvent {
  const webhook = new Webhook(secret);
  return (headers, body) => {
    const signed: Record<string, string> = {};
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const value = headers[name];
      if (typeof value !== "string") throw new RefusedDelivery(`no ${name} header`);
      signed[name] = value;
    }
    let payload: unknown;
    try {
      payload = webhook.verify(body, signed);
    } catch (error) {
      throw new RefusedDelivery(`not signed by the import server: ${String(error)}`);
    }
    const event = payload as Partial<SignedEvent> | null;
    if (typeof event?.type !== "string") throw new RefusedDelivery("an event without a type");
    return event as SignedEvent;
  };
}
