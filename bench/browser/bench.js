// One measurement per page load, so that every figure starts from a fresh page and a
// fresh wasm instance: ?task=ours-read|ours-validate|papa|sheetjs&file=NAME.
// The result is written as JSON into #result for the driver (examples/browser_bench.rs).
import init, { read, read_map_validate } from "./pkg/customer_import_bench_wasm.js";

const params = new URLSearchParams(location.search);
const task = params.get("task");
const file = params.get("file");

// Long tasks on the main thread while the task runs; the task itself runs on it.
const longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });

const heap = () => performance.memory ? performance.memory.usedJSHeapSize : 0;

async function main() {
  const wasm = await init();
  const bytes = new Uint8Array(await (await fetch(`data/${file}`)).arrayBuffer());
  // Papa Parse gets the decoded text, as the issue asks: decoding is not timed.
  const text = task === "papa" ? new TextDecoder().decode(bytes) : null;
  await new Promise((r) => setTimeout(r, 100));
  longTasks.length = 0;
  const heapBefore = heap();
  // The peers' results are held until memory is measured, as an app would hold them.
  let held = null;
  let count;
  const start = performance.now();
  switch (task) {
    case "ours-read":
      count = read(bytes, file);
      break;
    case "ours-validate":
      count = read_map_validate(bytes, file);
      break;
    case "papa":
      held = Papa.parse(text, { delimiter: ";" }).data;
      count = held.length;
      break;
    case "sheetjs": {
      const book = XLSX.read(bytes, { type: "array" });
      held = XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]], { header: 1 });
      count = held.length;
      break;
    }
    default:
      throw new Error(`unknown task ${task}`);
  }
  const ms = performance.now() - start;
  // Let the long-task observer deliver the task that just ended.
  await new Promise((r) => setTimeout(r, 200));
  return {
    task,
    file,
    ms,
    count,
    longest_task_ms: Math.max(0, ...longTasks),
    wasm_bytes: wasm.memory.buffer.byteLength,
    js_heap_bytes: Math.max(0, heap() - heapBefore),
    held: held !== null,
    file_bytes: bytes.length,
  };
}

main().then(
  (result) => { document.getElementById("result").textContent = JSON.stringify(result); },
  (error) => { document.getElementById("result").textContent = JSON.stringify({ error: String(error) }); },
);
