// The status page's only script: filter and search over the resource rows, a live update that swaps the page's
// #live part every 30 seconds without resetting what the reader opened or typed, and a silence from a row.
// No framework, no build.
"use strict";
(() => {
  const FIELDS = ["kind", "status", "account", "region"];
  const REFRESH_MS = 30000;
  const bar = document.getElementById("filter");
  if (!bar) return;
  const search = document.getElementById("q");
  const selects = Object.fromEntries(FIELDS.map((f) => [f, document.getElementById("f-" + f)]));
  const shown = document.getElementById("shown");

  const rows = () => Array.from(document.querySelectorAll("#live tr[data-kind]"));

  // The choices are the values the rows carry, so a new account or region appears without a reload.
  function fillChoices() {
    for (const field of FIELDS) {
      const select = selects[field];
      const chosen = select.value;
      const values = Array.from(new Set(rows().map((r) => r.dataset[field]).filter((v) => v))).sort();
      select.replaceChildren(new Option("any " + field, ""), ...values.map((v) => new Option(v, v)));
      select.value = values.includes(chosen) ? chosen : "";
    }
  }

  function applyFilter() {
    const words = search.value.toLowerCase().split(/\s+/).filter((w) => w);
    let total = 0;
    let visible = 0;
    for (const row of rows()) {
      const match = FIELDS.every((f) => !selects[f].value || row.dataset[f] === selects[f].value)
        && words.every((w) => row.dataset.text.includes(w));
      row.hidden = !match;
      if (row.closest("#all-resources")) {
        total++;
        if (match) visible++;
      }
    }
    // A group, or a kind's heading, with every row filtered out is hidden with it.
    for (const group of document.querySelectorAll("#live [data-group]")) {
      group.hidden = !group.querySelector("tr[data-kind]:not([hidden])");
    }
    const filtering = words.length > 0 || FIELDS.some((f) => selects[f].value);
    shown.textContent = filtering ? `${visible} of ${total} resources shown` : "";
  }

  async function refresh() {
    try {
      const response = await fetch(location.href, { cache: "no-store", credentials: "same-origin" });
      const next = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("live");
      const current = document.getElementById("live");
      if (!response.ok || !next || !current) return; // keep what is shown; the next round tries again
      const opened = new Map(Array.from(current.querySelectorAll("details[data-group]"),
        (d) => [d.dataset.group, d.open]));
      for (const d of next.querySelectorAll("details[data-group]")) {
        if (opened.has(d.dataset.group)) d.open = opened.get(d.dataset.group);
      }
      current.replaceWith(document.adoptNode(next));
      fillChoices();
      applyFilter();
      addSilenceButtons();
    } catch (e) {
      // the monitor is restarting or the network is down: keep the page as it is
    }
  }

  // A silence from a row: its kind, account, region and name as matchers, sent with the credentials typed
  // into the panel (an Authorization header on this one request; nothing is kept).
  const panel = document.getElementById("silence");
  const field = (id) => document.getElementById(id);
  let matchers = null;

  function addSilenceButtons() {
    for (const row of rows()) {
      const cell = row.querySelector("td");
      if (!cell || cell.querySelector("button.silence")) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "silence";
      button.textContent = "silence";
      button.addEventListener("click", () => openSilence(row));
      cell.append(" ", button);
    }
  }

  function openSilence(row) {
    matchers = { kind: [row.dataset.kind], account_id: [row.dataset.account], region: [row.dataset.region],
      name: [row.dataset.name] };
    field("s-matchers").textContent = Object.entries(matchers).map(([k, v]) => `${k}=${v[0]}`).join(" ");
    field("s-result").textContent = "";
    panel.hidden = false;
    field("s-hours").focus();
  }

  function authorization() {
    const token = field("s-token").value;
    if (token) return "Bearer " + token;
    const bytes = new TextEncoder().encode(field("s-user").value + ":" + field("s-password").value);
    return "Basic " + btoa(String.fromCharCode(...bytes));
  }

  async function createSilence() {
    const hours = Number(field("s-hours").value);
    const result = field("s-result");
    if (!matchers || !(hours > 0)) {
      result.textContent = "choose a row and a duration";
      return;
    }
    const body = { matchers, ends_at: new Date(Date.now() + hours * 3600000).toISOString(),
      comment: field("s-comment").value, created_by: field("s-by").value };
    try {
      const response = await fetch("api/v1/silences", { method: "POST", credentials: "omit",
        headers: { "Content-Type": "application/json", Authorization: authorization() }, body: JSON.stringify(body) });
      const answer = await response.json().catch(() => ({}));
      if (response.status === 201) {
        result.textContent = `created silence ${answer.id}`;
        field("s-token").value = "";
        field("s-password").value = "";
        refresh();
      } else {
        result.textContent = `not created: HTTP ${response.status} ${answer.error ?? ""}`;
      }
    } catch (e) {
      result.textContent = "not created: the monitor cannot be reached";
    }
  }

  field("s-create").addEventListener("click", createSilence);
  field("s-cancel").addEventListener("click", () => { panel.hidden = true; });
  search.addEventListener("input", applyFilter);
  for (const field of FIELDS) selects[field].addEventListener("change", applyFilter);
  fillChoices();
  applyFilter();
  addSilenceButtons();
  bar.hidden = false;
  setInterval(refresh, REFRESH_MS);
})();
