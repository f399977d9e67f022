// Loads a page in an already running headless Chromium over the DevTools protocol and reports every console
// error, uncaught exception, failed or 4xx/5xx resource load, and whether the status page's filter hides the
// rows that do not match what is typed into its search box or chosen as a status. Exit 0: none; 1: some (listed); 2: could not check.
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

// The filter: type a resource's name into the search box as a user would (DevTools Input.insertText fires the
// input event), then pick a status; the rows that do not match must be hidden, the ones that do shown.
async function evaluate(expression) {
  const r = await send("Runtime.evaluate", { expression, returnByValue: true }, sessionId);
  if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.text}`);
  return r.result.value;
}
// Sets a control's value and fires the event the page listens to, as a user's choice would.
await evaluate("globalThis.choose = (id, value, type) => { const c = document.getElementById(id); c.value = value; "
  + "c.dispatchEvent(new Event(type)); }");
const ROWS = "Array.from(document.querySelectorAll('#all-resources tr[data-kind]'))";
const filterShown = await evaluate("!document.getElementById('filter').hidden");
if (!filterShown) problems.push("filter: the search controls stayed hidden (status.js did not run)");
const total = await evaluate(`${ROWS}.length`);
const name = await evaluate(`${ROWS}.map((r) => r.querySelector('a').textContent).sort((a, b) => b.length - a.length)[0]`);
await evaluate("document.getElementById('q').focus()");
await send("Input.insertText", { text: name }, sessionId);
await new Promise((r) => setTimeout(r, 200));
const searched = await evaluate(`${ROWS}.filter((r) => !r.hidden).map((r) => r.dataset.text)`);
if (searched.length === 0 || searched.length >= total
    || !searched.every((text) => text.includes(name.toLowerCase()))) {
  problems.push(`filter: searching "${name}" left ${searched.length} of ${total} rows shown`);
}
await evaluate("choose('q', '', 'input')");
await evaluate("choose('f-status', 'FAILED', 'change')");
const failedOnly = await evaluate(`${ROWS}.filter((r) => !r.hidden).map((r) => r.dataset.status)`);
const failedTotal = await evaluate(`${ROWS}.filter((r) => r.dataset.status === 'FAILED').length`);
if (failedOnly.length !== failedTotal || failedOnly.some((s) => s !== "FAILED")) {
  problems.push(`filter: status FAILED shows ${JSON.stringify(failedOnly)} (expected ${failedTotal} FAILED rows)`);
}
// A silence from a row: its button opens the panel with the row's matchers (nothing is sent: that needs credentials).
await evaluate("choose('f-status', '', 'change')");
const silencing = await evaluate(`(() => { const row = ${ROWS}[0]; row.querySelector('button.silence').click();
  return [row.dataset.name, !document.getElementById('silence').hidden, document.getElementById('s-matchers').textContent]; })()`);
if (!silencing[1] || !silencing[2].includes(`name=${silencing[0]}`)) {
  problems.push(`silence: the row's button left the panel ${silencing[1] ? "showing " + silencing[2] : "hidden"}`);
}
console.log(`filter check: "${name}" shows ${searched.length} of ${total} rows; status FAILED shows ${failedOnly.length}`);
clearTimeout(deadline);
ws.close();
console.log(`console check: loaded "${result.value}" from ${url}`);
if (problems.length) {
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
console.log("console check: no console errors, exceptions or failed loads");
process.exit(0);
