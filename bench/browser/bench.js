// One measurement per page load, so that every figure starts from a fresh page and a
// fresh worker: ?task=ours-read|ours-validate|udsv|papa|papa-header|sheetjs|exceljs|limit&file=NAME
// (limit: the File's bytes and their decoding, no parse),
// or ?task=ours-files&file=NAME&files=N (the file picked N times, one import of N files)
// and ?task=ours-spellings (a unit column of 10,000 distinct spellings mapped to units).
// Ours runs as the app runs it: the app's own worker (dist/, served under /app/) is
// handed the File and asked, message by message, what the wizard asks it.
// Equal work: every peer, like ours, starts from the File (reading and decoding it are
// timed) and is told nothing we find ourselves (no delimiter, no encoding, no sheet).
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
  // A worker that breaks fails the measurement instead of leaving it waiting.
  worker.onerror = (event) => {
    document.getElementById("result").textContent = JSON.stringify({ error: `the worker broke: ${event.message}` });
  };
  const waiting = new Map();
  // When the first rows of the file being opened came, read from its start.
  const previews = [];
  let nextId = 1;
  await new Promise((ready) => {
    worker.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message === "Ready") return ready();
      if (message.Preview) previews.push(performance.now());
      if (message.Answer) {
        const { id, answer } = message.Answer;
        // A call the worker could not read is answered without its id.
        if (id === 0) {
          document.getElementById("result").textContent = JSON.stringify({ error: `a call the worker could not read: ${JSON.stringify(answer)}` });
        }
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
  ask.previewAt = () => previews[0];
  return ask;
}

// Every answer is `{ Ok: … }` (the question's own answer) or `{ Err: refusal }`.
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
  const opened = expect(await ask({ Open: { name: picked.name, options: { encoding: null, delimiter: null, country: "NO" } } }, picked), "Ok");
  const summary = expect(opened, "Ok");
  step("open");
  let count = summary.sheets[summary.default_sheet].rows;
  if (validate) {
    const choice = { sheet: summary.default_sheet, skip_rows: null, has_headers: true };
    const table = expect(expect(await ask({ Table: { choice } }), "Ok"), "Ok");
    step("table");
    const today = { year: 2026, month: 11, day: 21 };
    const [mapping] = expect(await ask({ StartingMapping: { choice, fields, country: "NO", today, remembered: null } }), "Ok");
    step("starting_mapping");
    const setup = { fields, lists: { units: null, company_types: null, groups: null, create_missing_groups: false, account_managers: null }, country: "NO", today };
    const reviewed = expect(await ask({ Review: { files: [{ choice, mapping }], setup } }), "Ok");
    step("review");
    if (reviewed.counts.ready + reviewed.counts.problems !== table.rows) throw new Error("rows lost");
    count = reviewed.counts.problems;
  }
  const ms = performance.now() - start;
  // The file step shows the first rows as soon as they come (delimited text), else the
  // header step once the file is opened.
  const previewAt = ask.previewAt();
  const first_preview_ms = previewAt === undefined ? steps.open : previewAt - start;
  const wasmBytes = expect(await ask({ MemoryUsed: {} }), "Ok");
  return { ms, count, wasm_bytes: wasmBytes, steps, first_preview_ms };
}

/// One import of `n` files (issue 29), the picked file `n` times: each opened as its own
/// file, then all reviewed as one; the worker's memory per row against one file's.
async function oursFiles(picked, fields, n) {
  const ask = await startWorker();
  const start = performance.now();
  const steps = {};
  let last = start;
  const step = (name) => {
    const now = performance.now();
    steps[name] = Math.round(now - last);
    last = now;
  };
  const options = { encoding: null, delimiter: null, country: "NO" };
  const summaries = [];
  for (let file = 0; file < n; file++) {
    const opened = expect(await ask({ Open: { name: `${file}-${picked.name}`, options, file, files: n } }, picked), "Ok");
    summaries.push(expect(opened, "Ok"));
  }
  step("open");
  const today = { year: 2026, month: 11, day: 21 };
  const choice = (file) => ({ file, sheet: summaries[file].default_sheet, skip_rows: null, has_headers: true });
  const [mapping] = expect(await ask({ StartingMapping: { choice: choice(0), fields, country: "NO", today, remembered: null } }), "Ok");
  step("starting_mapping");
  const setup = { fields, lists: { units: null, company_types: null, groups: null, create_missing_groups: false, account_managers: null }, country: "NO", today };
  const files = summaries.map((_, file) => ({ choice: choice(file), mapping }));
  const reviewed = expect(await ask({ Review: { files, setup } }), "Ok");
  step("review");
  const rows = reviewed.file_rows.reduce((a, b) => a + b, 0);
  if (reviewed.counts.ready + reviewed.counts.problems !== rows) throw new Error("rows lost");
  const ms = performance.now() - start;
  const wasmBytes = expect(await ask({ MemoryUsed: {} }), "Ok");
  return { ms, count: rows, rows, wasm_bytes: wasmBytes, steps };
}

/// A unit column of 10,000 distinct spellings ("Blokk A 17", "blokk a17", "Leil. A17"
/// and "Bolig A-17" for unit A-17, none of them the unit as the checks read it) against a project of 2,500 units: the time the worker takes to list the
/// spellings with their suggestions, and to map every one to its unit.
async function oursSpellings(fields) {
  const units = [];
  for (const block of ["A", "B", "C", "D", "E"]) {
    for (let i = 1; i <= 500; i++) units.push(`${block}-${i}`);
  }
  const lines = ["Navn;E-post;Bolig"];
  for (let i = 0; i < 10000; i++) {
    const unit = units[i % units.length];
    const [block, n] = unit.split("-");
    const spelled = [`Blokk ${block} ${n}`, `blokk ${block.toLowerCase()}${n}`, `Leil. ${block}${n}`, `Bolig ${block}-${n}`][Math.floor(i / units.length)];
    lines.push(`Kunde ${i};kunde${i}@example.no;${spelled}`);
  }
  const picked = new File([lines.join("\r\n")], "spellings.csv");
  const ask = await startWorker();
  const options = { encoding: null, delimiter: null, country: "NO" };
  expect(expect(await ask({ Open: { name: picked.name, options, file: 0, files: 1 } }, picked), "Ok"), "Ok");
  const today = { year: 2026, month: 11, day: 21 };
  const choice = { file: 0, sheet: 0, skip_rows: null, has_headers: true };
  const [mapping] = expect(await ask({ StartingMapping: { choice, fields, country: "NO", today, remembered: null } }), "Ok");
  const setup = { fields, lists: { units, company_types: null, groups: null, create_missing_groups: false, account_managers: null }, country: "NO", today };
  const reviewed = expect(await ask({ Review: { files: [{ choice, mapping }], setup } }), "Ok");
  const column = reviewed.columns.findIndex((c) => c.field.key === "unit");
  const start = performance.now();
  const spellings = expect(await ask({ Spellings: { column } }), "Ok");
  const listed = performance.now();
  const choices = {};
  for (const s of spellings) if (s.suggestion) choices[s.value] = { item: s.suggestion[0] };
  const chosen = expect(await ask({ ChooseValues: { column, choices } }), "Ok");
  const end = performance.now();
  return {
    ms: end - start,
    spellings_ms: listed - start,
    choose_ms: end - listed,
    count: spellings.length,
    suggested: Object.keys(choices).length,
    changed: chosen.changed,
    problems_left: chosen.counts.problems,
  };
}

/// The peers, each from the File to rows, as their documentation shows them used.
const peers = {
  // Not a peer: the browser's own ceiling (issue 31), the File's bytes fetched and
  // decoded as UTF-8 and nothing parsed, which every reader here must do at least.
  async limit(picked) {
    return new TextDecoder().decode(await picked.arrayBuffer());
  },
  // uDSV 0.7.3: infers the delimiter and the columns, then parses every row to strings.
  async udsv(picked) {
    const text = await picked.text();
    const parser = uDSV.initParser(uDSV.inferSchema(text));
    return parser.stringArrs(text);
  },
  // Papa Parse 5.7.1, guessing the delimiter; rows as arrays, then as objects by heading.
  async papa(picked) {
    return Papa.parse(await picked.text()).data;
  },
  async "papa-header"(picked) {
    return Papa.parse(await picked.text(), { header: true }).data;
  },
  // SheetJS 0.20.3 (npm @e965/xlsx), dense sheets, no HTML, text or formulas.
  async sheetjs(picked) {
    const book = XLSX.read(await picked.arrayBuffer(), {
      type: "array", dense: true, cellHTML: false, cellText: false, cellFormula: false,
    });
    return XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]], { header: 1 });
  },
  // ExcelJS 4.4.0: the workbook loaded, then the first sheet's rows.
  async exceljs(picked) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await picked.arrayBuffer());
    const rows = [];
    book.worksheets[0].eachRow((row) => rows.push(row.values));
    return rows;
  },
};

async function main() {
  const picked = file ? new File([await (await fetch(`data/${file}`)).blob()], file) : null;
  const fields = task.startsWith("ours") ? await (await fetch("data/fields.json")).json() : null;
  await new Promise((r) => setTimeout(r, 100));
  longTasks.length = 0;
  const heapBefore = heap();
  // The peers' results are held until memory is measured, as an app would hold them.
  let held = null;
  let result;
  if (task === "ours-read" || task === "ours-validate") {
    result = await ours(picked, fields, task === "ours-validate");
  } else if (task === "ours-files") {
    result = await oursFiles(picked, fields, Number(params.get("files")));
  } else if (task === "ours-spellings") {
    result = await oursSpellings(fields);
  } else if (task in peers) {
    const start = performance.now();
    held = await peers[task](picked);
    const ms = performance.now() - start;
    // A peer shows nothing before it has parsed the whole file.
    result = { ms, count: held.length, first_preview_ms: ms };
  } else {
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
    file_bytes: picked ? picked.size : 0,
  };
}

main().then(
  (result) => { document.getElementById("result").textContent = JSON.stringify(result); },
  (error) => { document.getElementById("result").textContent = JSON.stringify({ error: String(error) }); },
);
