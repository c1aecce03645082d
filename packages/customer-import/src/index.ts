/**
 * The customer-import wizard for a portal's page:
 *
 * ```ts
 * import { mount, unmount, on } from "customer-import";
 * await mount(element, { apiBase: "https://import.example.com", getToken, locale: "nb" });
 * on(element, "customer-import:finished", (e) => console.log(e.detail.created));
 * ```
 *
 * React: `import { CustomerImport } from "customer-import/react"`.
 */
export { load, mount, on, scriptUrlOf, unmount } from "./mount.js";
export type { Wizard } from "./mount.js";
export type * from "./types.js";
export type { HookProblem, HookRow, RowHook, RowHookInput } from "./row-hook.js";
