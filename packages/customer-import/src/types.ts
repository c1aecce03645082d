/**
 * The wizard's options and events as the customer-import server's `mount` reads and
 * dispatches them (`src/embedding/options.rs` and `host_events.rs` in the product's
 * repository; its README's "Embedding in a portal"). Change them only together: unit
 * tests there read this file and fail when an option, language, theme property, step
 * or event is missing here (they find each declaration by its first line, so keep
 * those lines as they are).
 */
import type { RowHook } from "./row-hook.js";

/** The wizard's languages: Norwegian Bokmål, Finnish, English, Swedish. */
export type Locale = "nb" | "fi" | "en" | "sv";

/** The CSS custom properties a portal may set (each `--ci-<name>` on the element). */
export type ThemeProperty =
  | "font"
  | "radius"
  | "bg"
  | "surface"
  | "text"
  | "muted"
  | "border"
  | "accent"
  | "accent-text"
  | "ok"
  | "ok-bg"
  | "warn"
  | "warn-bg"
  | "error"
  | "error-bg"
  | "focus";

/** One CSS value per property, e.g. `{ accent: "#0b6e4f", radius: "4px" }`. */
export type Theme = Partial<Record<ThemeProperty, string>>;

/** A project by the server's id, or by the portal's id as provisioned (`portal:<id>`). */
export type ProjectRef = number | `portal:${string}`;

/** The bearer token, or a promise of it; asked for before every request. */
export type GetToken = () => string | Promise<string>;

interface CommonOptions {
  /**
   * The customer-import server's http(s) address (origin and optional path), e.g.
   * `https://import.example.com`. The API is called there, and by default the wizard's
   * script is loaded from there too.
   */
  apiBase: string;
  /** The wizard's language; without it, the browser's (or the user's last choice). */
  locale?: Locale;
  /**
   * Offer only this project, already chosen: the server's id (`12`), or the portal's own
   * as provisioned, prefixed `portal:` (`"portal:p-elvebredden"`).
   */
  project?: ProjectRef;
  /** Values for the wizard's CSS custom properties. */
  theme?: Theme;
  /**
   * Where the wizard's script is, if not `${apiBase}/customer-import.js` (for example
   * behind the portal's own reverse proxy). Its `customer-import_bg.wasm` and worker
   * are loaded beside it. Used by this package only; not passed to the wizard.
   */
  scriptUrl?: string;
  /**
   * The portal's own checks of the rows in the review, answered per cell in the user's
   * language; saving waits for them. See `RowHook`.
   */
  rowHook?: RowHook;
  /** How long one batch of the row hook may take, in milliseconds (10000 by default). */
  rowHookTimeoutMs?: number;
}

/** A token given once: a `cit_…` API token or a session the portal signed. */
export interface FixedTokenOptions extends CommonOptions {
  token: string;
  getToken?: undefined;
}

/** A token asked of the portal before every request, so it can hand out short-lived ones. */
export interface TokenCallbackOptions extends CommonOptions {
  getToken: GetToken;
  token?: undefined;
}

/** What `mount` takes: where the server is, one way to get a token, and the rest optional. */
export type MountOptions = FixedTokenOptions | TokenCallbackOptions;

/** The wizard's steps, in order, by the names events carry. */
export type Step = "project" | "file" | "header" | "mapping" | "review" | "save";

/** `customer-import:step`: a step opened. */
export interface StepDetail {
  step: Step;
}

/**
 * `customer-import:finished`: every row sent has its verdict. Counts are of the whole
 * import so far, rows sent again included.
 */
export interface FinishedDetail {
  /** The import's batch on the server; `null` if no chunk was answered. */
  batchId: number | null;
  created: number;
  rejected: number;
}

/**
 * Codes saving stops with. The server's own refusals (`auth.*`, …) come through as the
 * server names them, so other strings occur too.
 */
export type ErrorCode =
  | "auth.unauthenticated"
  | "net.failed"
  | "net.unavailable"
  | "net.bad_answer"
  | "save.rows_not_taken"
  | "file.read_failed"
  | (string & {});

/** `customer-import:error`: saving stopped on an answer a retry will not change. */
export interface ErrorDetail {
  code: ErrorCode;
}

/** Every event the wizard dispatches on its element; they bubble. */
export interface CustomerImportEventMap {
  "customer-import:step": CustomEvent<StepDetail>;
  "customer-import:finished": CustomEvent<FinishedDetail>;
  "customer-import:error": CustomEvent<ErrorDetail>;
}

export type CustomerImportEventName = keyof CustomerImportEventMap;

declare global {
  // `element.addEventListener("customer-import:step", (e) => e.detail.step)` is typed.
  interface HTMLElementEventMap extends CustomerImportEventMap {}
}
