/**
 * `<CustomerImport>`: the wizard as a React component.
 *
 * ```tsx
 * import { CustomerImport } from "customer-import/react";
 *
 * <CustomerImport
 *   apiBase="https://import.example.com"
 *   getToken={() => session.importToken()}
 *   locale="nb"
 *   project={42}
 *   onFinished={({ created }) => reloadCustomers()}
 * />
 * ```
 *
 * The wizard mounts when the component does and is removed with every node, listener and
 * worker when it unmounts. Changing `apiBase`, `token`, `locale`, `project`, `theme` or
 * `scriptUrl` mounts it afresh (the user's progress is lost, as with a new import);
 * new `getToken`, `rowHook` and `on…` functions on every render do not (the latest is
 * called); adding or removing `rowHook`, or changing `rowHookTimeoutMs`, does.
 */
import { useEffect, useRef, useState, type CSSProperties } from "react";

import { mount, on, unmount } from "./mount.js";
import type {
  ErrorDetail,
  FinishedDetail,
  GetToken,
  MountOptions,
  StepDetail,
} from "./types.js";
import type { RowHook } from "./row-hook.js";

export interface CustomerImportHandlers {
  /** A step opened. */
  onStep?: (detail: StepDetail) => void;
  /** Every row sent has its verdict. */
  onFinished?: (detail: FinishedDetail) => void;
  /** Saving stopped on an answer a retry will not change. */
  onError?: (detail: ErrorDetail) => void;
  /**
   * The wizard could not be mounted: its script did not load, or an option is wrong.
   * Without this handler the error is thrown while rendering, for an error boundary.
   */
  onMountError?: (error: unknown) => void;
}

export interface CustomerImportElementProps {
  /** On the element the wizard mounts in (its content is the wizard's shadow root). */
  id?: string;
  className?: string;
  style?: CSSProperties;
}

export type CustomerImportProps = MountOptions &
  CustomerImportHandlers &
  CustomerImportElementProps;

export function CustomerImport(props: CustomerImportProps) {
  const { id, className, style } = props;
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<{ error: unknown } | null>(null);
  // The latest props, for the callbacks the mounted wizard and the listeners call.
  const current = useRef(props);
  current.current = props;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const stops = [
      on(element, "customer-import:step", (e) => current.current.onStep?.(e.detail)),
      on(element, "customer-import:finished", (e) => current.current.onFinished?.(e.detail)),
      on(element, "customer-import:error", (e) => current.current.onError?.(e.detail)),
    ];
    return () => stops.forEach((stop) => stop());
  }, []);

  const { apiBase, token, locale, project, scriptUrl, rowHookTimeoutMs } = props;
  const hasCallback = props.getToken !== undefined;
  const hasRowHook = props.rowHook !== undefined;
  const theme = JSON.stringify(props.theme ?? {});
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const getToken: GetToken = () => {
      const ask = current.current.getToken;
      return ask ? ask() : (current.current.token ?? "");
    };
    // The latest hook is called, so a new function on every render mounts nothing anew.
    const rowHook: RowHook | undefined = hasRowHook
      ? (input) => current.current.rowHook?.(input) ?? []
      : undefined;
    const common = { apiBase, locale, project, scriptUrl, theme: JSON.parse(theme), rowHook, rowHookTimeoutMs };
    const options: MountOptions = hasCallback
      ? { ...common, getToken }
      : { ...common, token: token ?? "" };
    mount(element, options).catch((error: unknown) => {
      const report = current.current.onMountError;
      if (report) report(error);
      else setFailed({ error });
    });
    return () => unmount(element);
  }, [apiBase, token, hasCallback, hasRowHook, rowHookTimeoutMs, locale, project, scriptUrl, theme]);

  if (failed) throw failed.error;
  return <div ref={host} id={id} className={className} style={style} />;
}

export type * from "./types.js";
