/**
 * The paste-a-note page at `/`: one HTML document with its CSS and JS inline (works offline, no CDN).
 * The report is drawn in the browser by the same render functions as `check --format html`.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FAMILY_CODE, SUPPORTED_CODES } from "../check.js";
import { codeTitle } from "../lexicon/index.js";
import { escapeHtml, renderFunctionsSource, REPORT_CSS, REPORT_SCRIPT } from "../reporters/html.js";

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
button:focus-visible,select:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #fb8f44;outline-offset:1px}
[hidden]{display:none!important}
@media (prefers-color-scheme: dark){
body{color:#e6edf3;background:#0d1117}
textarea#note,select,input[type=password],button,kbd,.file-label{background:#151b23;border-color:#3d444d}
.hint,.empty{color:#9198a1}
}
`;

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
  wireReport(report);

  cfg.samples.forEach(function (s, i) {
    var o = document.createElement("option"); o.value = String(i); o.textContent = s.name; sample.appendChild(o);
  });
  sample.addEventListener("change", function () {
    var s = cfg.samples[Number(sample.value)];
    if (s) { note.value = s.text; setStatus("Loaded sample " + s.name + ". Press Check or Ctrl+Enter.", false); note.focus(); }
  });
  if (cfg.authRequired) {
    tokenRow.hidden = false;
    try { token.value = sessionStorage.getItem("cdicheck-token") || ""; } catch (e) {}
    token.addEventListener("change", function () { try { sessionStorage.setItem("cdicheck-token", token.value); } catch (e) {} });
  }

  function setStatus(msg, isError) { status.textContent = msg; status.className = isError ? "error" : ""; }
  function loadFile(f) {
    if (!f) return;
    f.text().then(function (t) { note.value = t; setStatus("Loaded " + f.name + " (" + f.size + " bytes). Press Check or Ctrl+Enter.", false); note.focus(); },
      function () { setStatus("Could not read " + f.name + ".", true); });
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
    var text = note.value;
    if (!/\\S/.test(text)) { setStatus("The note is empty: paste or drop a note first.", true); note.focus(); return; }
    busy = true; button.disabled = true; setStatus("Checking\\u2026", false);
    var headers = { "content-type": "application/json" };
    if (cfg.authRequired && token.value) headers.authorization = "Bearer " + token.value;
    var t0 = performance.now();
    fetch("v1/check", { method: "POST", headers: headers, body: JSON.stringify({ text: text, code: code.value }) })
      .then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, status: res.status, body: body }; },
          function () { return { ok: false, status: res.status, body: null }; });
      })
      .then(function (r) {
        if (!r.ok) {
          var msg = r.body && r.body.error ? r.body.error.message : "the server answered " + r.status;
          setStatus("Not checked: " + msg, true);
          return;
        }
        report.innerHTML = renderReport(text, r.body);
        setStatus("Checked " + text.length + " characters in " + Math.round(performance.now() - t0) + " ms: " + humanize(r.body.verdict) + ", score " + r.body.score + ".", false);
      })
      .catch(function () { setStatus("Not checked: the server could not be reached.", true); })
      .then(function () { busy = false; button.disabled = false; });
  }
})();
`;

export interface PageOptions {
  authRequired: boolean;
  samples: Sample[];
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
  const style = PAGE_CSS + REPORT_CSS;
  const script = "\n" + renderFunctionsSource() + "\n" + REPORT_SCRIPT + PAGE_SCRIPT;
  const config = { authRequired: options.authRequired, codes: SUPPORTED_CODES, samples: options.samples };
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
<div id="report" class="report" aria-label="Report"><p class="empty">The verdict, the five documentation elements, the highlighted note, suggested codes and provider queries appear here.</p></div>
</main>
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
