// The dashboard's script: polls the overview, writes counts onto the topology's boxes (each box's
// group carries data-node), fills the run tables and draws an event's path. Plain DOM, no build.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const POLL_MS = 1500;
// The page is at "/" (fseq) or ".../dashboard" (the Functions app); its JSON is under ".../dashboard/".
const base = location.pathname.replace(/\/dashboard\/?$/, "/").replace(/[^/]*$/, "") + "dashboard/";
// The Functions app's key arrives in the page's query string; every JSON request passes it on in
// the x-functions-key header, not in its address, which a proxy or a log would keep at every poll.
const key = new URLSearchParams(location.search).get("code");
const headers = key ? { accept: "application/json", "x-functions-key": key } : { accept: "application/json" };

async function getJson(path) {
  const response = await fetch(base + path, { headers });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.detail ?? `${response.status} ${response.statusText}`);
  }
  return body;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== undefined && child !== null) node.append(child);
  }
  return node;
}

const time = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) + "." + String(new Date(iso).getMilliseconds()).padStart(3, "0") : "");
const millis = (from, to) => Math.max(0, Math.round(new Date(to) - new Date(from))) + " ms";

function eventLink(id) {
  const link = el("a", { class: "event mono", title: "Show this event's path" }, id);
  link.addEventListener("click", () => showEvent(id));
  return link;
}

function hopChip(hop) {
  const detail = `${hop.result}, ${hop.attempts} attempt${hop.attempts === 1 ? "" : "s"}, ${millis(hop.first, hop.last)}`;
  const title = [`${hop.hop}: started ${time(hop.first)}, ended ${time(hop.last)}`, hop.error, hop.deadLetterSink && (hop.result === "dead-lettered" ? `dead-lettered to ${hop.deadLetterSink}` : `dead-letter sink ${hop.deadLetterSink}`)].filter(Boolean).join("\n");
  return el("span", { class: `hop ${hop.result}`, title }, `${hop.hop} · ${detail}`);
}

function showCounts(counts) {
  for (const group of document.querySelectorAll("#topology g[data-node]")) {
    const count = counts[group.dataset.node];
    if (!count) continue;
    const box = group.querySelector("rect");
    let label = group.querySelector("text.count");
    if (!label) {
      label = document.createElementNS(SVG, "text");
      label.setAttribute("x", box.getAttribute("x"));
      label.setAttribute("y", String(Number(box.getAttribute("y")) - 5));
      group.append(label);
    }
    const extra = [count.failed && `${count.failed} failed`, count.deadLettered && `${count.deadLettered} dead-lettered`].filter(Boolean);
    label.textContent = [`in ${count.in} · out ${count.out}`, ...extra].join(" · ");
    label.setAttribute("class", extra.length ? "count failed" : "count");
    group.dataset.in = count.in;
    group.dataset.out = count.out;
    group.classList.toggle("active", count.in > 0);
  }
}

function fill(table, rows, empty) {
  const body = document.querySelector(`#${table} tbody`);
  const columns = document.querySelectorAll(`#${table} thead th`).length;
  body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: columns, class: "muted" }, empty))]));
}

function runRow(detail) {
  const run = detail.run;
  const hops = detail.events.flatMap((event) => event.hops.map(hopChip));
  return el("tr", { "data-run": run.id },
    el("td", { class: "mono" }, time(run.created)),
    el("td", {}, `${run.kind}/${run.target}`, el("br"), el("small", { class: "mono muted" }, run.id)),
    el("td", { class: `status ${run.status}` }, run.status),
    el("td", {}, ...run.eventIds.flatMap((id, i) => (i ? [" ", eventLink(id)] : [eventLink(id)]))),
    el("td", {}, ...(hops.length ? hops : [el("span", { class: "muted" }, "no hop yet")])));
}

function showOverview(overview) {
  showCounts(overview.counts);
  fill("recent-runs", overview.recent.map(runRow), "No runs yet: send an event.");
  fill("failed-runs", overview.failed.map((detail) => el("tr", {},
    el("td", { class: "mono" }, time(detail.run.created)),
    el("td", {}, `${detail.run.kind}/${detail.run.target}`, el("br"), el("small", { class: "mono muted" }, detail.run.id)),
    el("td", {}, ...detail.run.eventIds.map(eventLink)),
    el("td", { class: "error" }, detail.run.failure ?? ""))), "No failed runs.");
  fill("dead-letters", overview.deadLetters.map((letter) => el("tr", {},
    el("td", { class: "mono" }, time(letter.at)),
    el("td", {}, letter.target),
    el("td", {}, letter.eventId ? eventLink(letter.eventId) : "?"),
    el("td", {}, letter.hop),
    el("td", { class: "mono" }, letter.sink ?? ""),
    el("td", { class: "error" }, letter.error ?? ""))), "No dead letters.");
  document.getElementById("status").textContent = `${overview.counted} run${overview.counted === 1 ? "" : "s"} counted · updated ${time(new Date().toISOString())}`;
}

async function poll() {
  try {
    showOverview(await getJson("overview"));
  } catch (error) {
    document.getElementById("status").textContent = `cannot read the overview: ${error.message}`;
  }
  setTimeout(poll, POLL_MS);
}

async function showEvent(id) {
  document.getElementById("event-id").value = id;
  const target = document.getElementById("event-path");
  target.replaceChildren(el("span", { class: "muted" }, "looking…"));
  try {
    const report = await getJson("events/" + encodeURIComponent(id));
    target.replaceChildren(...report.runs.flatMap((detail) => detail.events.map((event) => el("div", { class: "path", "data-run": detail.run.id },
      el("span", { class: "node" }, `${detail.run.kind}/${detail.run.target}`),
      ...event.hops.flatMap((hop) => [el("span", { class: "arrow" }, "→"), hopChip(hop)]),
      el("span", { class: "arrow" }, "→"),
      el("span", { class: `status ${detail.run.status}`, title: detail.run.failure ?? "" }, detail.run.status)))));
  } catch (error) {
    target.replaceChildren(el("span", { class: "error" }, error.message));
  }
}

document.getElementById("event-form").addEventListener("submit", (submit) => {
  submit.preventDefault();
  const id = document.getElementById("event-id").value.trim();
  if (id) showEvent(id);
});
poll();
