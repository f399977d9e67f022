// Loads a page in an already running headless Chromium over the DevTools protocol and reports every console
// error, uncaught exception, failed or 4xx/5xx resource load. Exit 0: none; 1: some (listed); 2: could not check.
//   node --experimental-websocket .ci/live/console_errors.mjs DEVTOOLS_PORT URL
// (Node 20 ships WebSocket behind that flag; no npm package needed.)
const [port, url] = process.argv.slice(2);
const deadline = setTimeout(() => { console.error("console check: timed out"); process.exit(2); }, 30000);

const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
const ws = new WebSocket(version.webSocketDebuggerUrl);
await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });

let nextId = 0;
const pending = new Map();
const problems = [];
let loaded = null;
const loadedPromise = new Promise((resolve) => { loaded = resolve; });

ws.onmessage = (message) => {
  const m = JSON.parse(message.data);
  if (m.id !== undefined && pending.has(m.id)) {
    const { resolve, reject } = pending.get(m.id);
    pending.delete(m.id);
    m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result);
    return;
  }
  const p = m.params || {};
  switch (m.method) {
    case "Runtime.consoleAPICalled":
      if (p.type === "error" || p.type === "assert") {
        problems.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description).join(" ")}`);
      }
      break;
    case "Runtime.exceptionThrown":
      problems.push(`exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`);
      break;
    case "Log.entryAdded":
      if (p.entry.level === "error") problems.push(`log error (${p.entry.source}): ${p.entry.text} ${p.entry.url ?? ""}`);
      break;
    case "Network.responseReceived":
      if (p.response.status >= 400) problems.push(`HTTP ${p.response.status} for ${p.response.url}`);
      break;
    case "Network.loadingFailed":
      if (!p.canceled) problems.push(`load failed: ${p.errorText} (${p.type})`);
      break;
    case "Page.loadEventFired":
      loaded();
      break;
  }
};

function send(method, params = {}, sessionId = undefined) {
  const id = ++nextId;
  ws.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

const { targetId } = await send("Target.createTarget", { url: "about:blank" });
const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
// Events of the flattened session arrive on the same socket with its sessionId; the handler ignores which.
for (const domain of ["Page", "Runtime", "Log", "Network"]) await send(`${domain}.enable`, {}, sessionId);
await send("Page.navigate", { url }, sessionId);
await loadedPromise;
await new Promise((r) => setTimeout(r, 500)); // late console messages after the load event
const { result } = await send("Runtime.evaluate", { expression: "document.title" }, sessionId);
clearTimeout(deadline);
ws.close();
console.log(`console check: loaded "${result.value}" from ${url}`);
if (problems.length) {
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
console.log("console check: no console errors, exceptions or failed loads");
process.exit(0);
