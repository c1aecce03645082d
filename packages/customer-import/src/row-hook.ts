/**
 * The portal's own checks in the review (issue 30): an async function `mount` takes as
 * `rowHook`. The wizard hands it the rows a batch at a time (about 500), only the
 * mapped fields keyed by field key, with the user's language; it answers the problems
 * it finds, each on one cell, worded for the user. They show in the review like the
 * wizard's own: on the cell, in the counts and the "with problems" filter, reached by
 * "next problem" (F8). A row the user changes is asked about again; no row is saved
 * before the hook has answered for it as it is. A hook that throws, rejects or takes
 * longer than `rowHookTimeoutMs` (10 s by default) per batch is said so in the review,
 * with "try again"; the user's work is kept. The server never trusts the hook: it
 * validates every row as it always does.
 *
 * ```ts
 * const rowHook: RowHook = async ({ rows, locale }) =>
 *   rows
 *     .filter((r) => r.values.email?.endsWith("@rival.example"))
 *     .map((r) => ({ file: r.file, row: r.row, field: "email",
 *       message: locale === "nb" ? "Domenet tilhører en annen kunde." : "The domain belongs to another client." }));
 * ```
 */
import type { Locale } from "./types.js";

/** One row as the hook is shown it. */
export interface HookRow {
  /** The import's file the row is in (0 for the first; several files in one import). */
  file: number;
  /** The row's number in its file, as the spreadsheet shows it. */
  row: number;
  /** The mapped fields' values as the user sees them (edits included), by field key. */
  values: Record<string, string>;
}

/** What the hook is called with. */
export interface RowHookInput {
  rows: HookRow[];
  /** The wizard's language now: word the messages in it. */
  locale: Locale;
}

/** One problem the hook found: a cell (file, row, field key) and what is wrong. */
export interface HookProblem {
  file: number;
  row: number;
  /** A mapped field's key, e.g. `"email"` or `"custom.areal"`. */
  field: string;
  /** Shown to the user as it is, on the cell. */
  message: string;
}

/** The portal's check of a batch of rows: every problem found (none: `[]`). */
export type RowHook = (input: RowHookInput) => Promise<HookProblem[]> | HookProblem[];
