/**
 * Not part of the app: checks, when `tsc` runs before the build, that the package's
 * types accept what the README shows and refuse the mistakes they are there to catch.
 */
import {
  mount,
  on,
  type CustomerImportEventMap,
  type FinishedDetail,
  type MountOptions,
  type Step,
} from "customer-import";
import type { CustomerImportProps } from "customer-import/react";

export async function typesCheck(element: HTMLElement): Promise<void> {
  await mount(element, { apiBase: "https://import.example.com", token: "cit_x" });
  await mount(element, {
    apiBase: "https://import.example.com",
    getToken: async () => "cit_x",
    locale: "fi",
    project: 42,
    theme: { accent: "#0b6e4f", "accent-text": "white" },
    scriptUrl: "https://portal.example.com/import/customer-import.js",
  });

  // @ts-expect-error a token is needed
  const noToken: MountOptions = { apiBase: "https://import.example.com" };
  // @ts-expect-error one way to get a token, not two
  const both: MountOptions = { apiBase: "x", token: "t", getToken: () => "t" };
  // @ts-expect-error the wizard speaks nb, fi, en and sv
  const german: MountOptions = { apiBase: "x", token: "t", locale: "de" };
  // @ts-expect-error only the wizard's own custom properties
  const colour: MountOptions = { apiBase: "x", token: "t", theme: { colour: "red" } };
  const hook: MountOptions = {
    apiBase: "x",
    token: "t",
    rowHookTimeoutMs: 5000,
    rowHook: async ({ rows, locale }) =>
      rows
        .filter((r) => r.values.email?.endsWith("@rival.example"))
        .map((r) => ({ file: r.file, row: r.row, field: "email", message: `${locale}: taken` })),
  };
  // @ts-expect-error a problem names its cell's field
  const noField: MountOptions = { apiBase: "x", token: "t", rowHook: () => [{ file: 0, row: 2, message: "m" }] };
  void [noToken, both, german, colour, hook, noField];

  // Events are typed on any element, by name.
  element.addEventListener("customer-import:finished", (e) => {
    const created: number = e.detail.created;
    const batch: number | null = e.detail.batchId;
    void [created, batch];
  });
  const stop = on(element, "customer-import:step", (e) => {
    const step: Step = e.detail.step;
    // @ts-expect-error there is no such step
    const end: typeof step = "end";
    void end;
  });
  stop();
  const finished: CustomerImportEventMap["customer-import:finished"]["detail"] = {
    batchId: null,
    created: 0,
    rejected: 0,
  } satisfies FinishedDetail;
  void finished;

  const props: CustomerImportProps = {
    apiBase: "https://import.example.com",
    token: "cit_x",
    onError: ({ code }) => void code.startsWith("auth."),
  };
  void props;
}
