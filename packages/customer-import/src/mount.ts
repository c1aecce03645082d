/**
 * Loading the wizard from the customer-import server and mounting it into an element.
 *
 * The package carries no copy of the wizard: `load` imports the server's
 * `customer-import.js` (which fetches its wasm and its worker beside it), so the wizard a
 * portal shows is always the one its server speaks to. Each script is imported and
 * initialised once per page.
 */
import type {
  CustomerImportEventMap,
  CustomerImportEventName,
  MountOptions,
} from "./types.js";

/** The functions the server's script exports (wasm-bindgen's ES module). */
export interface Wizard {
  mount(element: HTMLElement, options: object): void;
  unmount(element: HTMLElement): void;
}

interface WizardModule extends Wizard {
  default: (init?: unknown) => Promise<unknown>;
}

const loading = new Map<string, Promise<Wizard>>();

/** The wizard's script on the server at `apiBase`. */
export function scriptUrlOf(apiBase: string): string {
  return `${apiBase.trim().replace(/\/+$/, "")}/customer-import.js`;
}

/**
 * Imports and initialises the wizard's script at `scriptUrl` (once per page; a failed
 * load is tried again on the next call).
 */
export function load(scriptUrl: string): Promise<Wizard> {
  let wizard = loading.get(scriptUrl);
  if (!wizard) {
    wizard = importScript(scriptUrl).then(async (module) => {
      await module.default();
      return module;
    });
    wizard.catch(() => loading.delete(scriptUrl));
    loading.set(scriptUrl, wizard);
  }
  return wizard;
}

function importScript(url: string): Promise<WizardModule> {
  // A URL known only at run time: bundlers must leave this import to the browser.
  return import(/* @vite-ignore */ /* webpackIgnore: true */ url);
}

/** The latest `mount` call per element, so a slower earlier load never wins. */
const latest = new WeakMap<HTMLElement, object>();
const mounted = new WeakMap<HTMLElement, Wizard>();

/**
 * Mounts the wizard into `element` (in an open shadow root), replacing one mounted there
 * before. Resolves once it is mounted. Rejects with the wizard's own message on wrong
 * options, or when the script cannot be loaded. If `unmount(element)` or another `mount`
 * on it comes first, resolves without mounting.
 */
export async function mount(element: HTMLElement, options: MountOptions): Promise<void> {
  const call = {};
  latest.set(element, call);
  const { scriptUrl, ...wizardOptions } = options;
  const wizard = await load(scriptUrl ?? scriptUrlOf(options.apiBase));
  if (latest.get(element) !== call) return;
  const before = mounted.get(element);
  if (before && before !== wizard) before.unmount(element);
  mounted.set(element, wizard);
  wizard.mount(element, wizardOptions);
}

/**
 * Removes the wizard from `element`: every node, stylesheet, theme value and listener it
 * added, and its worker. Also stops a `mount` still loading. Does nothing where no
 * wizard is.
 */
export function unmount(element: HTMLElement): void {
  latest.delete(element);
  mounted.get(element)?.unmount(element);
  mounted.delete(element);
}

/**
 * Listens to one of the wizard's events on `element` (or an ancestor: they bubble).
 * Returns the function that stops listening.
 */
export function on<K extends CustomerImportEventName>(
  element: EventTarget,
  type: K,
  listener: (event: CustomerImportEventMap[K]) => void,
): () => void {
  const handler = listener as EventListener;
  element.addEventListener(type, handler);
  return () => element.removeEventListener(type, handler);
}
