/**
 * The paste-a-note page at `/`: one HTML document with its CSS and JS inline (works offline, no CDN).
 * The report is drawn in the browser by the same render functions as `check --format html`.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_CODE, FAMILY_CODE, SUPPORTED_CODES } from "../check.js";
import { codeTitle } from "../lexicon/index.js";
import { escapeHtml, renderFunctionsSource, REPORT_CSS, REPORT_SCRIPT } from "../reporters/html.js";
import { codeCardPanel } from "./card-panel.js";
import { VERSION } from "../version.js";

export const SAMPLES_DIR = fileURLToPath(new URL("../../samples/", import.meta.url));

export interface Sample {
  name: string;
  text: string;
}

/** The bundled sample notes (samples/*.txt), sorted by file name. */
export function loadSamples(dir = SAMPLES_DIR): Sample[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
  } catch {
    return [];
  }
  return names.map((name) => ({ name, text: readFileSync(dir + name, "utf8") }));
}

const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1b1f24;background:#f6f8fa}
header.top{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3rem 1rem;padding:.55rem 1rem;background:#24292f;color:#fff}
header.top h1{font-size:1.1rem;margin:0}
header.top p{margin:0;color:#d0d7de;font-size:.85rem}
main.layout{display:grid;grid-template-columns:minmax(20rem,2fr) 3fr;gap:1rem;padding:1rem;align-items:start}
@media (max-width:900px){main.layout{grid-template-columns:1fr}}
.input{position:sticky;top:1rem;display:flex;flex-direction:column;gap:.5rem}
@media (max-width:900px){.input{position:static}}
.input label{font-weight:600}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
textarea#note{width:100%;min-height:22rem;height:calc(100vh - 16rem);resize:vertical;font:0.9rem/1.45 ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;padding:.6rem;border:1px solid #d0d7de;border-radius:.4rem;background:#fff;color:inherit}
@media (max-width:900px){textarea#note{height:16rem;min-height:10rem}}
textarea#note.dragging{border:2px dashed #0969da;background:#ddf4ff}
select,input[type=password],button{font:inherit;padding:.3rem .5rem;border:1px solid #d0d7de;border-radius:.35rem;background:#fff;color:inherit}
button.primary{background:#1f883d;border-color:#1a7f37;color:#fff;font-weight:600;padding:.4rem 1.1rem;cursor:pointer}
button.primary:disabled{opacity:.6;cursor:progress}
.hint{color:#57606a;font-size:.85rem}
kbd{font:.8rem ui-monospace,Menlo,monospace;border:1px solid #d0d7de;border-bottom-width:2px;border-radius:.25rem;padding:0 .25rem;background:#fff}
#status{min-height:1.3em;margin:0;font-size:.9rem}
#status.error{color:#cf222e;font-weight:600}
.file-label{cursor:pointer;border:1px solid #d0d7de;border-radius:.35rem;padding:.3rem .5rem;background:#fff}
.file-label:focus-within{outline:3px solid #fb8f44}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.empty{color:#57606a;border:1px dashed #d0d7de;border-radius:.4rem;padding:2rem;text-align:center}
.results{min-width:0}
.panel{margin-top:1rem}
.notice{border:1px solid #d0d7de;border-left:.4rem solid #57606a;border-radius:.4rem;padding:.7rem .9rem;background:#fff}
.notice h2{font-size:1.05rem;margin:0 0 .3rem}
.notice p{margin:0}
.notice-stale{border-left-color:#9a6700;background:#fff8c5}
.notice-error{border-left-color:#cf222e;background:#ffebe9}
.notice-checking{border-left-color:#0969da}
button:focus-visible,select:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #fb8f44;outline-offset:1px}
[hidden]{display:none!important}
@media (prefers-color-scheme: dark){
body{color:#e6edf3;background:#0d1117}
textarea#note,select,input[type=password],button,kbd,.file-label{background:#151b23;border-color:#3d444d}
.hint,.empty{color:#9198a1}
.notice{background:#151b23;border-top-color:#3d444d;border-right-color:#3d444d;border-bottom-color:#3d444d}.notice-stale{background:#272115}.notice-error{background:#2d1214}
}
`;

/**
 * The page's state: the report area shows exactly one of
 *   empty     nothing checked yet;
 *   checking  a check of the text on screen is on its way;
 *   result    the result of the text on screen (and the code selected): `shown.text === note.value`;
 *   stale     the note (or code) changed after its check: the old result is gone from the screen, and
 *             comes back only if the note is changed back to the checked text;
 *   error     why the text on screen could not be checked.
 * Every way the note changes (typing, a sample, a file, the code) goes through edited(), so no verdict
 * is ever on screen beside a note it was not computed for. Panels (PagePanel) follow the same states.
 */
const PAGE_SCRIPT = `
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("cdicheck-config").textContent);
  var form = document.getElementById("check-form");
  var note = document.getElementById("note");
  var sample = document.getElementById("sample");
  var file = document.getElementById("file");
  var code = document.getElementById("code");
  var tokenRow = document.getElementById("token-row");
  var token = document.getElementById("token");
  var button = document.getElementById("check");
  var status = document.getElementById("status");
  var report = document.getElementById("report");
  var panels = (window.cdicheckPanels || []).map(function (p) { return { panel: p, el: document.getElementById("panel-" + p.id) }; })
    .filter(function (x) { return x.el; });
  wireReport(report);

  var state = "empty";
  var shown = null;   // { text, code, result, source, checkedAt }: the last result, for the text it was computed on
  var source = null;  // { text, label }: where the note on screen came from, while it is unchanged
  var seq = 0;

  cfg.samples.forEach(function (s, i) {
    var o = document.createElement("option"); o.value = String(i); o.textContent = s.name; sample.appendChild(o);
  });
  sample.addEventListener("change", function () {
    var s = cfg.samples[Number(sample.value)];
    if (!s) return;
    note.value = s.text; source = { text: s.text, label: "sample " + s.name };
    edited("Loaded sample " + s.name + ". Press Check or Ctrl+Enter.");
    note.focus();
  });
  if (cfg.authRequired) {
    tokenRow.hidden = false;
    try { token.value = sessionStorage.getItem("cdicheck-token") || ""; } catch (e) {}
    token.addEventListener("change", function () { try { sessionStorage.setItem("cdicheck-token", token.value); } catch (e) {} });
  }

  function setStatus(msg, isError) { status.textContent = msg; status.className = isError ? "error" : ""; }
  function esc(s) { return escapeHtml(String(s)); }
  function notice(kind, title, body) {
    return '<div class="notice notice-' + kind + '"><h2>' + esc(title) + "</h2><p>" + esc(body) + "</p></div>";
  }
  function setPanels(on) {
    panels.forEach(function (x) {
      if (on && shown) {
        try { x.panel.render(shown.text, shown.result, x.el); x.el.hidden = false; }
        catch (e) { x.el.hidden = true; x.el.textContent = ""; }
      } else {
        x.el.hidden = true;
        if (x.panel.clear) x.panel.clear(x.el); else x.el.textContent = "";
      }
    });
  }
  function setArea(next, html) {
    state = next;
    report.setAttribute("data-state", next);
    report.setAttribute("aria-busy", next === "checking" ? "true" : "false");
    report.innerHTML = html;
    setPanels(next === "result");
  }
  function matches() { return shown !== null && shown.text === note.value && shown.code === code.value; }
  function showResult() {
    setArea("result", renderReport(shown.text, shown.result, { version: cfg.version, source: shown.source, checkedAt: shown.checkedAt }));
  }
  function showStale() {
    setArea("stale", notice("stale", "Not checked: the note has changed",
      "The result of the previous check was for other text, so it is no longer shown. Press Check (Ctrl+Enter) to check the note on screen."));
  }
  function showError(msg) {
    shown = null;
    setArea("error", notice("error", "Not checked", msg));
    setStatus("Not checked: " + msg, true);
  }
  /** Called after every change of the note or the code. */
  function edited(message) {
    if (sample.value !== "") {
      var s = cfg.samples[Number(sample.value)];
      if (!s || s.text !== note.value) sample.value = "";
    }
    if (source && source.text !== note.value) source = null;
    if (state === "result" && !matches()) {
      showStale();
      setStatus(message || "The note changed after the check: its result was cleared. Press Check to check it again.", false);
    } else if ((state === "stale" || state === "error") && matches()) {
      showResult();
      setStatus(message || "The note is again the text that was checked: its result is shown.", false);
    } else if (state === "error" && !matches()) {
      setArea("empty", '<p class="empty">Press Check to check the note on screen.</p>');
      setStatus(message || "", false);
    } else if (message) setStatus(message, false);
  }
  note.addEventListener("input", function () { edited(); });
  code.addEventListener("change", function () { edited(); });

  function loadFile(f) {
    if (!f) return;
    f.text().then(function (t) {
      note.value = t; source = { text: t, label: "file " + f.name };
      edited("Loaded " + f.name + " (" + f.size + " bytes). Press Check or Ctrl+Enter.");
      note.focus();
    }, function () { setStatus("Could not read " + f.name + ".", true); });
  }
  file.addEventListener("change", function () { loadFile(file.files && file.files[0]); file.value = ""; });
  note.addEventListener("dragover", function (e) { e.preventDefault(); note.classList.add("dragging"); });
  note.addEventListener("dragleave", function () { note.classList.remove("dragging"); });
  note.addEventListener("drop", function (e) {
    note.classList.remove("dragging");
    if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) { e.preventDefault(); loadFile(e.dataTransfer.files[0]); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });

  var busy = false;
  function run() {
    if (busy) return;
    var text = note.value, sentCode = code.value, from = source ? source.label : "typed or pasted note";
    if (!/\\S/.test(text)) { showError("the note is empty: paste or drop a note first."); note.focus(); return; }
    var mine = ++seq;
    busy = true; button.disabled = true;
    shown = null;
    setArea("checking", notice("checking", "Checking\\u2026", "Checking " + text.length + " characters."));
    setStatus("Checking\\u2026", false);
    var headers = { "content-type": "application/json" };
    if (cfg.authRequired && token.value) headers.authorization = "Bearer " + token.value;
    var t0 = performance.now();
    fetch("v1/check", { method: "POST", headers: headers, body: JSON.stringify({ text: text, code: sentCode }) })
      .then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, status: res.status, body: body }; },
          function () { return { ok: false, status: res.status, body: null }; });
      })
      .then(function (r) {
        if (mine !== seq) return;
        if (!r.ok || !r.body || typeof r.body.verdict !== "string") {
          showError(r.body && r.body.error ? r.body.error.message : "the server answered " + r.status + ".");
          return;
        }
        shown = { text: text, code: sentCode, result: r.body, source: from, checkedAt: new Date().toLocaleString() };
        if (!matches()) {
          showStale();
          setStatus("Checked, but the note changed while it was being checked: press Check again.", false);
          return;
        }
        showResult();
        setStatus("Checked " + text.length + " characters in " + Math.round(performance.now() - t0) + " ms: " + verdictHeadline(r.body) + ", score " + r.body.score + ".", false);
      })
      .catch(function () { if (mine === seq) showError("the server could not be reached."); })
      .then(function () { busy = false; button.disabled = false; });
  }
})();
`;

/**
 * A panel shown beside the report (for instance a code card). Its script must push one object onto
 * `window.cdicheckPanels`: `{ id, render(text, result, el), clear?(el) }`. The page calls `render` when it
 * shows a result and hides and clears the panel in every other state (checking, stale, error), so a panel
 * never shows a result for text other than the note on screen. Its CSS and script go inline in the page
 * (the Content-Security-Policy hashes them), so they may not load anything.
 */
export interface PagePanel {
  /** Letters, digits and dashes; the panel's element is `<section id="panel-<id>">`. */
  id: string;
  /** The panel's accessible name. */
  title: string;
  css?: string;
  script: string;
}

export interface PageOptions {
  authRequired: boolean;
  samples: Sample[];
  /** Panels shown below the report (default none). */
  panels?: PagePanel[];
}

export interface Page {
  html: string;
  /** Content-Security-Policy allowing exactly the page's inline script and style. */
  csp: string;
}

function sha256(s: string): string {
  return "'sha256-" + createHash("sha256").update(s, "utf8").digest("base64") + "'";
}

/** JSON safe inside a <script> element (no "</script>", no "<!--"). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function buildPage(options: PageOptions): Page {
  const panels = options.panels ?? [];
  for (const p of panels) if (!/^[A-Za-z0-9-]+$/.test(p.id)) throw new Error(`panel id "${p.id}": letters, digits and dashes only`);
  // The code card is the same for every visitor and every note: rendered once, shown in every state.
  // (Only the default code's card: every card is ~70 KB; the others are one request away, GET /v1/codes/{code}.)
  const panel = codeCardPanel([DEFAULT_CODE]);
  const style = PAGE_CSS + REPORT_CSS + panel.css + panels.map((p) => p.css ?? "").join("\n");
  const script =
    "\n" +
    renderFunctionsSource() +
    "\n" +
    REPORT_SCRIPT +
    "\nwindow.cdicheckPanels = [];\n" +
    panels.map((p) => p.script).join("\n") +
    PAGE_SCRIPT;
  const config = { authRequired: options.authRequired, codes: SUPPORTED_CODES, samples: options.samples, version: VERSION };
  const panelHtml = panels
    .map((p) => `<section id="panel-${p.id}" class="panel" aria-label="${escapeHtml(p.title)}" hidden></section>`)
    .join("");
  // Each code with its title; the category checks every code and reports the best-supported one.
  const codeOptions = SUPPORTED_CODES.map((c) => `<option value="${escapeHtml(c)}">${escapeHtml(c)} ${escapeHtml(c === FAMILY_CODE ? "(every code of the family)" : codeTitle(c).replace(/^Fusion of spine, /, ""))}</option>`).join("");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cdicheck: check a note for M43.21</title>
<style>${style}</style>
</head><body>
<header class="top"><h1>cdicheck</h1><p>Does the note support ICD-10-CM ${escapeHtml(SUPPORTED_CODES.join(", "))}? Checked on this machine; the note is not stored or logged.</p></header>
<main class="layout">
<form id="check-form" class="input" aria-label="Note to check" autocomplete="off">
  <label for="note">Note</label>
  <textarea id="note" name="note" spellcheck="false" placeholder="Paste a clinical note here, or drop a .txt file on this box." aria-describedby="note-hint"></textarea>
  <p id="note-hint" class="hint">Paste, drop a file, or pick a sample. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> checks.</p>
  <div class="row">
    <label for="sample" class="visually-hidden">Sample note</label>
    <select id="sample"><option value="">Pick a sample note\u2026</option></select>
    <label class="file-label">Open a file\u2026<input id="file" type="file" accept=".txt,text/plain" class="visually-hidden"></label>
  </div>
  <div class="row">
    <label for="code">Code</label><select id="code">${codeOptions}</select>
    <span id="token-row" hidden><label for="token">API token</label> <input id="token" type="password" autocomplete="off"></span>
    <button id="check" class="primary" type="submit">Check</button>
  </div>
  <p id="status" role="status" aria-live="polite"></p>
</form>
<div class="results">
<div id="report" class="report" aria-label="Report" data-state="empty"><p class="empty">The verdict, the five documentation elements, the highlighted note, suggested codes and provider queries appear here.</p></div>
${panelHtml}
</div>
</main>
${panel.html}
<script type="application/json" id="cdicheck-config">${scriptJson(config)}</script>
<script>${script}</script>
</body></html>
`;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html, csp };
}
