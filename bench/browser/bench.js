// One measurement per page load, so that every figure starts from a fresh page and a
// fresh worker: ?task=ours-read|ours-validate|papa|sheetjs&file=NAME.
// Ours runs as the app runs it: the app's own worker (dist/, served under /app/) is
// handed the File and asked, message by message, what the wizard asks it.
// The result is written as JSON into #result for the driver (examples/browser_bench.rs).

const params = new URLSearchParams(location.search);
const task = params.get("task");
const file = params.get("file");

// Long tasks on this page's main thread while the task runs.
const longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });

const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : 0);

/// The app's worker, started as the app starts it (a blob: script that loads its code).
async function startWorker() {
  const base = `${location.origin}/app`;
  const script = `importScripts(${JSON.stringify(`${base}/customer-import-worker.js`)});\n` +
    `wasm_bindgen({ module_or_path: ${JSON.stringify(`${base}/customer-import-worker_bg.wasm`)} });\n`;
  const worker = new Worker(URL.createObjectURL(new Blob([script], { type: "text/javascript" })));
  const waiting = new Map();
  let nextId = 1;
  await new Promise((ready) => {
    worker.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message === "Ready") return ready();
      if (message.Answer) {
        const { id, answer } = message.Answer;
        waiting.get(id)?.(answer);
        waiting.delete(id);
      }
    };
  });
  const ask = (request, withFile) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      const call = [JSON.stringify({ id, request })];
      if (withFile) call.push(withFile);
      worker.postMessage(call);
    });
  return ask;
}

function expect(answer, kind) {
  if (!(kind in answer)) throw new Error(`expected ${kind}, got ${JSON.stringify(answer).slice(0, 300)}`);
  return answer[kind];
}

async function ours(picked, fields, validate) {
  const ask = await startWorker();
  const start = performance.now();
  // Each message's time too, for finding where the time goes (the driver prints them).
  const steps = {};
  let last = start;
  const step = (name) => {
    const now = performance.now();
    steps[name] = Math.round(now - last);
    last = now;
  };
  const opened = expect(await ask({ Open: { name: picked.name, options: { encoding: null, delimiter: null, country: "NO" } } }, picked), "Opened");
  const summary = expect(opened, "Ok");
  step("open");
  let count = summary.sheets[summary.default_sheet].rows;
  if (validate) {
    const choice = { sheet: summary.default_sheet, skip_rows: null, has_headers: true };
    const table = expect(expect(await ask({ Table: { choice } }), "Table"), "Ok");
    step("table");
    const today = { year: 2026, month: 11, day: 21 };
    const [mapping] = expect(await ask({ StartingMapping: { choice, fields, country: "NO", today, remembered: null } }), "StartingMapping");
    step("starting_mapping");
    const setup = { fields, lists: { units: null, company_types: null, groups: null, create_missing_groups: false, account_managers: null }, country: "NO", today };
    const reviewed = expect(await ask({ Review: { choice, mapping, setup } }), "Reviewed");
    step("review");
    if (reviewed.counts.ready + reviewed.counts.problems !== table.rows) throw new Error("rows lost");
    count = reviewed.counts.problems;
  }
  const ms = performance.now() - start;
  const wasmBytes = expect(await ask("MemoryUsed"), "MemoryUsed");
  return { ms, count, wasm_bytes: wasmBytes, steps };
}

async function main() {
  const response = await fetch(`data/${file}`);
  const blob = await response.blob();
  const bytes = task === "sheetjs" || task === "papa" ? new Uint8Array(await blob.arrayBuffer()) : null;
  // Papa Parse gets the decoded text, as the issue asks: decoding is not timed.
  const text = task === "papa" ? new TextDecoder().decode(bytes) : null;
  const fields = task.startsWith("ours") ? await (await fetch("data/fields.json")).json() : null;
  await new Promise((r) => setTimeout(r, 100));
  longTasks.length = 0;
  const heapBefore = heap();
  // The peers' results are held until memory is measured, as an app would hold them.
  let held = null;
  let result;
  switch (task) {
    case "ours-read":
    case "ours-validate":
      result = await ours(new File([blob], file), fields, task === "ours-validate");
      break;
    case "papa": {
      const start = performance.now();
      held = Papa.parse(text, { delimiter: ";" }).data;
      result = { ms: performance.now() - start, count: held.length };
      break;
    }
    case "sheetjs": {
      const start = performance.now();
      const book = XLSX.read(bytes, { type: "array" });
      held = XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]], { header: 1 });
      result = { ms: performance.now() - start, count: held.length };
      break;
    }
    default:
      throw new Error(`unknown task ${task}`);
  }
  // Let the long-task observer deliver the task that just ended.
  await new Promise((r) => setTimeout(r, 200));
  return {
    task,
    file,
    ...result,
    longest_task_ms: Math.max(0, ...longTasks),
    js_heap_bytes: Math.max(0, heap() - heapBefore),
    held: held !== null,
    file_bytes: blob.size,
  };
}

main().then(
  (result) => { document.getElementById("result").textContent = JSON.stringify(result); },
  (error) => { document.getElementById("result").textContent = JSON.stringify({ error: String(error) }); },
);
