/**
 * The portal's own check of the rows a user is about to import, which the import server
 * cannot know: an e-mail address at a domain that belongs to another client of ours (as
 * the portal's customer register would say) is refused. The page's row hook sends the
 * rows here a batch at a time (only their mapped fields) and shows the answers on the
 * cells, in the user's language.
 */

// The row hook's types, as the npm package declares them for the page.
import type { HookProblem, HookRow } from "customer-import";

/** Domains of other clients, as the portal's register would list them. */
const OTHER_CLIENTS: ReadonlyMap<string, string> = new Map([
  ["kilpailija.example", "Kilpailija Oy"],
  ["rival.example", "Rival AS"],
]);

type Say = (domain: string, client: string) => string;
const ENGLISH: Say = (domain, client) => `The domain ${domain} belongs to another of our clients (${client}).`;
const MESSAGES: ReadonlyMap<string, Say> = new Map([
  ["fi", (domain, client) => `Verkkotunnus ${domain} kuuluu toiselle asiakkaallemme (${client}).`],
  ["nb", (domain, client) => `Domenet ${domain} tilhører en annen av våre kunder (${client}).`],
  ["sv", (domain, client) => `Domänen ${domain} tillhör en annan av våra kunder (${client}).`],
  ["en", ENGLISH],
]);

/** Whether `value` is a row as the wizard sends it (the page is not trusted either). */
export function isHookRow(value: unknown): value is HookRow {
  const row = value as Partial<HookRow> | null;
  return (
    Number.isSafeInteger(row?.file) &&
    Number.isSafeInteger(row?.row) &&
    typeof row?.values === "object" &&
    row.values !== null &&
    Object.values(row.values).every((v) => typeof v === "string")
  );
}

export function checkRows(rows: readonly HookRow[], locale: string): HookProblem[] {
  const say = MESSAGES.get(locale) ?? ENGLISH;
  return rows.flatMap(({ file, row, values }) => {
    const domain = values.email?.split("@")[1]?.trim().toLowerCase() ?? "";
    const client = OTHER_CLIENTS.get(domain);
    return client ? [{ file, row, field: "email", message: say(domain, client) }] : [];
  });
}
