/**
 * A portal page in React that embeds the wizard from the npm package. Like the example
 * portal, it learns the import server, its user's token and the project from its own
 * address (?server=…&token=…&project=…); a real portal knows them already.
 */
import { useState } from "react";
import type { RowHookInput } from "customer-import";
import { CustomerImport, type FinishedDetail } from "customer-import/react";

const params = new URLSearchParams(location.search);
const server = params.get("server") ?? "http://127.0.0.1:8080";
const project = params.get("project");

/** As a portal's backend would hand out a short-lived token. */
async function importToken(): Promise<string> {
  return params.get("token") ?? "";
}

/** The portal's own check: a rival's e-mail domain is refused. Counts the rows shown. */
async function checkRows({ rows, locale }: RowHookInput) {
  const seen = window as unknown as { hookRows?: number };
  seen.hookRows = (seen.hookRows ?? 0) + rows.length;
  return rows
    .filter((r) => (r.values.email ?? "").endsWith("@rival.example"))
    .map((r) => ({
      file: r.file,
      row: r.row,
      field: "email",
      message: locale === "nb" ? "Domenet tilhører en annen kunde." : "The domain belongs to another client.",
    }));
}

export function App() {
  const [open, setOpen] = useState(false);
  const [activity, setActivity] = useState<string[]>([]);
  const log = (line: string) => setActivity((lines) => [...lines, line]);
  const finished = ({ batchId, created, rejected }: FinishedDetail) =>
    log(`finished batch ${batchId}: ${created} created, ${rejected} rejected`);

  return (
    <main data-react-ready="yes">
      <h2>Kunder i Fjordparken</h2>
      <p>
        <button type="button" id="open-import" onClick={() => setOpen(true)}>
          Importer kunder
        </button>
        <button type="button" id="close-import" onClick={() => setOpen(false)}>
          Lukk importen
        </button>
      </p>
      {open && (
        <CustomerImport
          id="customer-import"
          apiBase={server}
          getToken={importToken}
          locale="nb"
          project={project ? Number(project) : undefined}
          theme={{ accent: "#0b6e4f", radius: "2px" }}
          onStep={({ step }) => log(`step ${step}`)}
          onFinished={finished}
          onError={({ code }) => log(`error ${code}`)}
          onMountError={(error) => log(`mount failed: ${String(error)}`)}
          rowHook={(input) => checkRows(input)}
        />
      )}
      <h3>Hendelser</h3>
      <ol id="activity">
        {activity.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
}
