/**
 * The html reporter: pure functions from (note, result) to HTML. `renderHtml` writes one self-contained
 * page (`check --format html`); `serve` ships the same render functions to the browser (see
 * RENDER_FUNCTIONS), so the page at `/` and the file show a note the same way.
 *
 * Everything taken from the note or the result is HTML-escaped. Offsets are UTF-16 [start, end) into
 * the note exactly as checked; spans that fall outside it are skipped, never trusted.
 *
 * The functions in RENDER_FUNCTIONS are shipped to the browser with Function.prototype.toString(), so
 * each must be self-contained: it may call the others in the list, and nothing else from this module.
 */
import type { CheckResult } from "../schema.js";

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

/** CSS class for a mention type; types the page does not know get the default style. */
export function mentionTypeClass(type: string): string {
  const known = [
    "segment",
    "region",
    "fusion",
    "surgery",
    "congenital",
    "etiology",
    "imaging",
    "imaging_finding",
    "limitation",
    "pseudarthrosis",
  ];
  return known.includes(type) ? "t-" + type : "t-other";
}

/** How a mention is asserted, as CSS classes and as words for people ("affirmed" when nothing applies). */
export function assertionOf(a: CheckResult["mentions"][number]["assertion"]): { classes: string[]; words: string[] } {
  const classes: string[] = [];
  const words: string[] = [];
  if (a.negated) {
    classes.push("a-negated");
    words.push("negated");
  }
  if (a.hypothetical) {
    classes.push("a-hypothetical");
    words.push("hypothetical");
  }
  if (a.uncertain) {
    classes.push("a-uncertain");
    words.push("uncertain");
  }
  if (a.experiencer === "other") {
    classes.push("a-other");
    words.push("someone else's");
  }
  if (a.historical) {
    classes.push("a-historical");
    words.push("historical");
  }
  if (words.length === 0) words.push("affirmed");
  return { classes, words };
}

/** The cues that decided a mention's assertion, e.g. `negated by "no evidence of" (neg.no_evidence_of)`. */
export function describeCues(m: CheckResult["mentions"][number]): string {
  return (m.cues || [])
    .map((c) => c.category + ' by "' + c.text + '"' + (c.rule ? " (" + c.rule + ")" : ""))
    .join("; ");
}

/** The hover text of one mention: what it is, how it is asserted, and the cue that decided it. */
export function mentionTitle(m: CheckResult["mentions"][number]): string {
  const cues = describeCues(m);
  return (
    m.label +
    " [" +
    m.type +
    "]: " +
    assertionOf(m.assertion).words.join(", ") +
    (cues ? "; " + cues : "") +
    (m.section ? "; section " + m.section : "")
  );
}

/**
 * The note as HTML with every mention and every evidence span highlighted. Overlapping spans are cut
 * into pieces at every boundary; each piece lists the mentions (`data-m`, indexes into result.mentions)
 * and evidence (`data-ev`, "<element id>:<n>" or "s<suggestion index>:<n>") covering it and takes its
 * style from the shortest mention covering it. An empty anchor (`id="m-<i>"`, `id="ev-<key>-<n>"`)
 * marks where each span starts, for links and scrolling.
 */
export function highlight(text: string, result: CheckResult): string {
  const len = text.length;
  type Piece = { start: number; end: number; m: number; ev: string; anchor: string };
  const spans: Piece[] = [];
  const ok = (s: { start: number; end: number }) =>
    Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= len && s.start < s.end;
  (result.mentions || []).forEach((m, i) => {
    if (ok(m)) spans.push({ start: m.start, end: m.end, m: i, ev: "", anchor: "m-" + i });
  });
  (result.elements || []).forEach((el) => {
    (el.evidence || []).forEach((e, j) => {
      if (ok(e)) spans.push({ start: e.start, end: e.end, m: -1, ev: el.id + ":" + j, anchor: "ev-" + el.id + "-" + j });
    });
  });
  (result.suggestions || []).forEach((sg, i) => {
    (sg.evidence || []).forEach((e, j) => {
      if (ok(e)) spans.push({ start: e.start, end: e.end, m: -1, ev: "s" + i + ":" + j, anchor: "ev-s" + i + "-" + j });
    });
  });
  const cuts = new Set<number>([0, len]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = Array.from(cuts).sort((a, b) => a - b);
  const byStart = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  let active: Piece[] = [];
  let next = 0;
  let out = "";
  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p]!;
    const b = points[p + 1]!;
    active = active.filter((s) => s.end > a);
    while (next < byStart.length && byStart[next]!.start <= a) {
      const s = byStart[next++]!;
      if (s.end > a) active.push(s);
    }
    for (const s of active) if (s.start === a) out += '<span class="anchor" id="' + s.anchor + '"></span>';
    const piece = escapeHtml(text.slice(a, b));
    if (active.length === 0) {
      out += piece;
      continue;
    }
    const ms = active.filter((s) => s.m >= 0);
    const evs = active.filter((s) => s.m < 0);
    const classes = ["hl"];
    const titles: string[] = [];
    if (ms.length) {
      let inner = ms[0]!;
      for (const s of ms) if (s.end - s.start <= inner.end - inner.start) inner = s;
      const m = result.mentions[inner.m]!;
      classes.push("m", mentionTypeClass(m.type));
      for (const c of assertionOf(m.assertion).classes) classes.push(c);
      for (const s of ms) titles.push(mentionTitle(result.mentions[s.m]!));
    }
    if (evs.length) {
      classes.push("ev");
      titles.push("evidence: " + evs.map((s) => s.ev.split(":")[0]).join(", "));
    }
    out +=
      '<span class="' +
      classes.join(" ") +
      '"' +
      (ms.length ? ' data-m="' + ms.map((s) => s.m).join(" ") + '"' : "") +
      (evs.length ? ' data-ev="' + escapeHtml(evs.map((s) => s.ev).join(" ")) + '"' : "") +
      ' title="' +
      escapeHtml(titles.join("\n")) +
      '">' +
      piece +
      "</span>";
  }
  return out;
}

/** Words for people: "not_documented" -> "Not documented", "underlying_condition" -> "Underlying condition". */
export function humanize(id: string): string {
  const s = id.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The report as an HTML fragment: verdict and score, the five elements as a checklist linking to their
 * evidence, the highlighted note with a legend, the suggested codes, the provider queries with copy
 * buttons, and every mention in a table (the keyboard- and screen-reader-friendly view of the highlights).
 */
export function renderReport(text: string, result: CheckResult): string {
  const esc = escapeHtml;
  const icon: Record<string, string> = { present: "\u2713", partial: "\u25D0", missing: "\u2717" };
  let h = "";
  h +=
    '<section class="verdict v-' +
    esc(result.verdict) +
    '" aria-label="Verdict">' +
    '<div class="verdict-main"><span class="verdict-word" data-verdict="' +
    esc(result.verdict) +
    '">' +
    esc(humanize(result.verdict)) +
    '</span> <span class="code">for ' +
    esc(result.code) +
    "</span>" +
    (result.id !== undefined ? ' <span class="note-id">note ' + esc(result.id) + "</span>" : "") +
    '</div><div class="score" aria-label="score ' +
    result.score +
    ' of 100"><span class="score-num">' +
    result.score +
    '</span>/100<span class="bar"><span class="bar-fill s' +
    Math.round(result.score / 10) * 10 +
    '"></span></span></div>' +
    (result.summary ? '<p class="summary">' + esc(result.summary) + "</p>" : "") +
    "</section>";

  h += '<section class="elements" aria-labelledby="h-elements"><h2 id="h-elements">Documentation elements</h2><ul class="checklist">';
  for (const el of result.elements) {
    const n = el.evidence.length;
    const head =
      '<span class="icon" aria-hidden="true">' +
      (icon[el.status] || "?") +
      '</span> <span class="el-name">' +
      esc(humanize(el.id)) +
      '</span> <span class="badge">' +
      esc(el.status) +
      "</span>" +
      (el.required ? ' <span class="req">required</span>' : ' <span class="opt">optional</span>') +
      (n ? ' <span class="ev-count">' + n + " evidence span" + (n > 1 ? "s" : "") + "</span>" : "");
    h +=
      '<li class="st-' +
      esc(el.status) +
      '" data-element="' +
      esc(el.id) +
      '">' +
      (n
        ? '<a class="el" href="#ev-' + esc(el.id) + '-0" data-key="' + esc(el.id) + '" data-count="' + n + '">' + head + "</a>"
        : '<span class="el">' + head + "</span>") +
      (el.message ? '<p class="msg">' + esc(el.message) + "</p>" : "") +
      "</li>";
  }
  h += "</ul></section>";

  h +=
    '<section class="note" aria-labelledby="h-note"><h2 id="h-note">Note</h2>' +
    '<p class="legend" aria-label="Legend">' +
    '<span class="hl m t-fusion">fusion</span> <span class="hl m t-segment">segment</span> ' +
    '<span class="hl m t-region">region</span> <span class="hl m t-etiology">etiology</span> ' +
    '<span class="hl m t-imaging">imaging</span> <span class="hl m t-imaging_finding">finding</span> ' +
    '<span class="hl m t-limitation">limitation</span> <span class="hl m t-surgery">surgery</span> ' +
    '<span class="hl m t-congenital">congenital</span> <span class="hl m t-pseudarthrosis">pseudarthrosis</span> ' +
    '<span class="hl m t-other">other</span> \u00B7 ' +
    '<span class="hl m t-other a-negated">negated</span> <span class="hl m t-other a-hypothetical">hypothetical</span> ' +
    '<span class="hl m t-other a-uncertain">uncertain</span> <span class="hl m t-other a-other">someone else\'s</span> ' +
    '<span class="hl ev">evidence</span></p>' +
    '<pre class="note-text" tabindex="0" aria-label="Note with highlighted mentions">' +
    highlight(text, result) +
    "</pre></section>";

  // Only when the category M43.2 was checked: each code of the family with its verdict and score.
  if (result.family) {
    h += '<section class="family" aria-labelledby="h-family"><h2 id="h-family">The M43.2 family</h2><ul>';
    result.family.forEach((f) => {
      h += "<li" + (f.code === result.code ? ' class="chosen"' : "") + '><span class="sg-code">' + esc(f.code) + "</span> " + esc(f.verdict.replace("_", " ")) + " \u00B7 score " + esc(String(f.score)) + (f.code === result.code ? " (this report)" : "") + "</li>";
    });
    h += "</ul></section>";
  }

  h += '<section class="suggestions" aria-labelledby="h-sugg"><h2 id="h-sugg">Suggested codes</h2>';
  if (result.suggestions.length === 0) h += '<p class="none">No other code suggested.</p>';
  else {
    h += "<ul>";
    result.suggestions.forEach((s, i) => {
      h +=
        '<li class="rel-' +
        esc(s.relation) +
        '"><span class="sg-code">' +
        esc(s.code) +
        '</span> <span class="rel">' +
        esc(s.relation) +
        "</span>" +
        (s.title ? ' <span class="sg-title">' + esc(s.title) + "</span>" : "") +
        '<p class="reason">' +
        esc(s.reason) +
        "</p>" +
        (s.evidence.length
          ? '<a class="el sg-ev" href="#ev-s' + i + '-0" data-key="s' + i + '" data-count="' + s.evidence.length + '">show evidence</a>'
          : "") +
        "</li>";
    });
    h += "</ul>";
  }
  h += "</section>";

  h += '<section class="queries" aria-labelledby="h-queries"><h2 id="h-queries">Provider queries</h2>';
  if (result.queries.length === 0) h += '<p class="none">No query needed.</p>';
  else {
    h += "<ol>";
    result.queries.forEach((q, i) => {
      h +=
        '<li><p class="q-text" id="q-' +
        i +
        '">' +
        esc(q) +
        '</p><button type="button" class="copy" data-copy="q-' +
        i +
        '" aria-label="Copy query ' +
        (i + 1) +
        '">Copy</button></li>';
    });
    h += "</ol>";
  }
  h += "</section>";

  h +=
    '<section class="mentions"><details><summary>All mentions (' +
    result.mentions.length +
    ")</summary>" +
    '<table><thead><tr><th scope="col">Text</th><th scope="col">Type</th><th scope="col">Assertion</th><th scope="col">Cue</th><th scope="col">Section</th><th scope="col">Offsets</th></tr></thead><tbody>';
  result.mentions.forEach((m, i) => {
    h +=
      '<tr><td><a href="#m-' +
      i +
      '">' +
      esc(m.text) +
      "</a></td><td>" +
      esc(m.type) +
      "</td><td>" +
      esc(assertionOf(m.assertion).words.join(", ")) +
      "</td><td>" +
      esc(describeCues(m)) +
      "</td><td>" +
      esc(m.section || "") +
      "</td><td>" +
      m.start +
      "\u2013" +
      m.end +
      "</td></tr>";
  });
  h += "</tbody></table></details></section>";
  return h;
}

/** The render functions the page at `/` runs in the browser (shipped as their source text). */
export const RENDER_FUNCTIONS: ReadonlyArray<(...args: never[]) => unknown> = [
  escapeHtml,
  mentionTypeClass,
  assertionOf,
  describeCues,
  mentionTitle,
  highlight,
  humanize,
  renderReport,
];

/** Source text of RENDER_FUNCTIONS, for an inline script. */
export function renderFunctionsSource(): string {
  return RENDER_FUNCTIONS.map((f) => f.toString()).join("\n");
}

/** Styles of the report, shared by the page and the self-contained file. Light and dark, no web fonts. */
export const REPORT_CSS = `
.report{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#fff;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--info:#0969da}
.report section{margin:0 0 1rem}
.report h2{font-size:1rem;margin:.2rem 0 .5rem}
.verdict{border:1px solid var(--line);border-left:.4rem solid var(--muted);border-radius:.4rem;padding:.6rem .8rem;background:var(--card)}
.verdict.v-supported{border-left-color:var(--ok)}.verdict.v-incomplete{border-left-color:var(--warn)}
.verdict.v-redirect{border-left-color:var(--info)}.verdict.v-not_documented{border-left-color:var(--bad)}
.verdict-main{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
.verdict-word{font-size:1.4rem;font-weight:700}
.v-supported .verdict-word{color:var(--ok)}.v-incomplete .verdict-word{color:var(--warn)}
.v-redirect .verdict-word{color:var(--info)}.v-not_documented .verdict-word{color:var(--bad)}
.code,.note-id{color:var(--muted)}
.score{margin-top:.2rem;display:flex;align-items:center;gap:.3rem;color:var(--muted)}
.score-num{font-size:1.2rem;font-weight:700;color:var(--fg)}
.bar{display:inline-block;width:10rem;max-width:40%;height:.5rem;background:var(--line);border-radius:.25rem;overflow:hidden;margin-left:.5rem}
.bar-fill{display:block;height:100%;background:var(--info)}
.s0{width:0}.s10{width:10%}.s20{width:20%}.s30{width:30%}.s40{width:40%}.s50{width:50%}.s60{width:60%}.s70{width:70%}.s80{width:80%}.s90{width:90%}.s100{width:100%}
.summary{margin:.4rem 0 0}
.checklist{list-style:none;margin:0;padding:0}
.checklist li{border:1px solid var(--line);border-radius:.4rem;padding:.4rem .6rem;margin:0 0 .35rem;background:var(--card)}
.checklist .el{display:flex;flex-wrap:wrap;gap:.35rem;align-items:baseline;color:inherit;text-decoration:none}
.checklist a.el:hover .el-name,.checklist a.el:focus .el-name{text-decoration:underline}
.el-name{font-weight:600}
.icon{display:inline-block;width:1.2em;text-align:center;font-weight:700}
.st-present .icon{color:var(--ok)}.st-partial .icon{color:var(--warn)}.st-missing .icon{color:var(--bad)}
.badge,.req,.opt,.ev-count,.rel{font-size:.8rem;border-radius:1rem;padding:0 .45rem;border:1px solid var(--line);color:var(--muted)}
.st-present .badge{color:var(--ok);border-color:var(--ok)}.st-partial .badge{color:var(--warn);border-color:var(--warn)}
.st-missing .badge{color:var(--bad);border-color:var(--bad)}
.req{font-weight:600}
.msg{margin:.2rem 0 0 1.55rem;color:var(--muted);font-size:.9rem}
.note-text{white-space:pre-wrap;word-wrap:break-word;overflow-wrap:anywhere;font:0.92rem/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;border:1px solid var(--line);border-radius:.4rem;padding:.7rem;background:var(--card);max-height:32rem;overflow:auto;margin:0}
.legend{font-size:.8rem;line-height:1.9;margin:0 0 .4rem}
.legend .hl{white-space:nowrap}
.hl{border-radius:.2rem}
.hl.ev{box-shadow:inset 0 -2px 0 #0969da}
.hl.m{padding:0 .05rem}
.t-segment{background:#b6e3ff}.t-region{background:#ddf4ff;outline:1px dashed #54aeff}
.t-fusion{background:#ffd8b5;font-weight:600}.t-surgery{background:#d8d3ff}.t-congenital{background:#ffd3eb}
.t-etiology{background:#ccf5d1}.t-imaging{background:#e6e0c0}.t-imaging_finding{background:#fff1a8}
.t-limitation{background:#ffe0e0}.t-pseudarthrosis{background:#f5c6ff}.t-other{background:#e8eaed}
.a-negated{text-decoration:line-through;text-decoration-thickness:2px;opacity:.75;background-image:repeating-linear-gradient(135deg,transparent 0 4px,rgba(0,0,0,.07) 4px 6px)}
.a-hypothetical{font-style:italic;outline:2px dotted #8250df;outline-offset:-1px}
.a-uncertain{text-decoration:underline wavy #bf8700;text-underline-offset:3px}
.a-other{outline:2px solid #8c959f;outline-offset:-1px;background-image:repeating-linear-gradient(45deg,transparent 0 5px,rgba(0,0,0,.09) 5px 7px)}
.a-historical{border-bottom:2px double #57606a}
.hl.flash{animation:flash 1.4s ease-out 1}
@keyframes flash{0%{box-shadow:0 0 0 3px #fb8f44}100%{box-shadow:0 0 0 0 transparent}}
.suggestions ul,.queries ol{margin:0;padding-left:1.2rem}
.suggestions li,.queries li{margin:0 0 .5rem}
.sg-code{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace}
.rel-instead .rel{color:var(--info);border-color:var(--info)}.rel-additional .rel{color:var(--ok);border-color:var(--ok)}
.reason{margin:.15rem 0}
.q-text{margin:.1rem 0 .3rem;white-space:pre-wrap}
.copy{font:inherit;font-size:.85rem;padding:.15rem .6rem;border:1px solid var(--line);border-radius:.3rem;background:var(--card);color:var(--fg);cursor:pointer}
.copy:hover{border-color:var(--info)}
.none{color:var(--muted);margin:0}
.mentions table{border-collapse:collapse;font-size:.85rem;width:100%}
.mentions th,.mentions td{border-bottom:1px solid var(--line);text-align:left;padding:.2rem .4rem;vertical-align:top}
.mentions summary{cursor:pointer;font-weight:600}
.report a:focus-visible,.report button:focus-visible,.note-text:focus-visible,.mentions summary:focus-visible{outline:3px solid #fb8f44;outline-offset:2px}
@media (prefers-color-scheme: dark){
.report{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--info:#4493f8}
.hl.m{color:#1b1f24}
}
`;

/**
 * The browser half of the report, shared by the page and the file: a click on an element with evidence
 * scrolls to its next evidence span and flashes it; a Copy button copies its query.
 */
export const REPORT_SCRIPT = `
function copyText(s) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(s);
  var ta = document.createElement("textarea");
  ta.value = s; ta.setAttribute("readonly", ""); ta.style.position = "fixed"; ta.style.left = "-9999px";
  document.body.appendChild(ta); ta.select();
  try { document.execCommand("copy"); } finally { ta.remove(); }
  return Promise.resolve();
}
function wireReport(root) {
  var turn = {};
  root.addEventListener("click", function (ev) {
    var t = ev.target instanceof Element ? ev.target : null;
    if (!t) return;
    var link = t.closest("a.el[data-key]");
    if (link) {
      ev.preventDefault();
      var key = link.getAttribute("data-key"), count = Number(link.getAttribute("data-count")) || 1;
      var n = (turn[key] || 0) % count; turn[key] = n + 1;
      var anchor = root.querySelector("#ev-" + CSS.escape(key) + "-" + n);
      if (!anchor) return;
      var pieces = root.querySelectorAll('[data-ev~="' + key + ":" + n + '"]');
      var first = pieces[0] || anchor;
      first.scrollIntoView({ behavior: "smooth", block: "center" });
      pieces.forEach(function (p) { p.classList.remove("flash"); void p.offsetWidth; p.classList.add("flash"); });
      var pre = root.querySelector(".note-text"); if (pre) pre.focus({ preventScroll: true });
      return;
    }
    var btn = t.closest("button.copy[data-copy]");
    if (btn) {
      var q = root.querySelector("#" + CSS.escape(btn.getAttribute("data-copy")));
      if (!q) return;
      copyText(q.textContent || "").then(function () {
        btn.textContent = "Copied"; btn.setAttribute("data-copied", "true");
        setTimeout(function () { btn.textContent = "Copy"; }, 2000);
      }, function () { btn.textContent = "Copy failed"; });
    }
  });
}
`;

/** One self-contained HTML file: the report, its styles and its small script inline; no external URL. */
export function renderHtml(result: CheckResult, text: string): string {
  const title = "cdicheck: " + humanize(result.verdict) + " (" + result.code + ")" + (result.id !== undefined ? " " + result.id : "");
  return (
    "<!doctype html>\n" +
    '<html lang="en"><head><meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n" +
    '<meta name="referrer" content="no-referrer">\n' +
    "<title>" +
    escapeHtml(title) +
    "</title>\n<style>\n" +
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#1b1f24;background:#f6f8fa}\n" +
    "@media (prefers-color-scheme: dark){body{color:#e6edf3;background:#0d1117}}\n" +
    "main.report{max-width:72rem;margin:0 auto;padding:1rem}\n" +
    "header h1{font-size:1.1rem;margin:0 0 .8rem}\n" +
    REPORT_CSS +
    "</style></head>\n<body>\n<main class=\"report\" id=\"report\"><header><h1>cdicheck report</h1></header>\n" +
    renderReport(text, result) +
    "\n</main>\n<script>\n" +
    REPORT_SCRIPT +
    'wireReport(document.getElementById("report"));\n</script>\n</body></html>\n'
  );
}
