/**
 * The scan report: one self-contained HTML page (inline CSS, no scripts, no network) with the verdict
 * counts, what the notes that point to the code lack, the suggested codes, the score spread, errors, and
 * the notes listed by verdict with their top finding. A pure function of the tally.
 *
 * Sections adapt to what the scan found: a panel with nothing in it, or where every bar would be 100%
 * (the elements of a set of notes none of which documents the condition), is left out. Every count links
 * to the notes behind it (ids, verdicts, sources: the first LIST_CAP of each), shown with CSS :target.
 * It reads on a 420 px window: bars are HTML, not a scaled drawing, and rows wrap.
 * PHI minimisation: ids, sources, verdicts, scores and the checker's own findings; a snippet of note text
 * (at most SNIPPET_MAX characters) only when the scan was asked for snippets (`--report-snippets`).
 */
import { ELEMENT_IDS } from "../contract.js";
import { SNIPPET_MAX } from "../scan/digest.js";
import { LIST_CAP, ROW_KINDS, type GroupKey, type ListedNote, type Tally, type VerdictOrError } from "../scan/tally.js";

export interface ReportMeta {
  generatedAt: string;
  inputs: string[];
  interrupted: boolean;
  code: string;
  shard?: string | undefined;
  /** The cdicheck version that wrote the report. */
  version: string;
  /** Show each listed note's evidence snippet (note text, at most SNIPPET_MAX characters). */
  snippets?: boolean;
}

const COLORS: Record<VerdictOrError, string> = {
  supported: "#2e7d32",
  incomplete: "#e0a100",
  redirect: "#1565c0",
  not_documented: "#8a8f98",
  error: "#c62828",
};

const LABELS: Record<VerdictOrError, string> = {
  supported: "supported",
  incomplete: "incomplete",
  redirect: "redirect",
  not_documented: "not documented",
  error: "error (not checked)",
};

const REQUIRED = new Set(["segments", "etiology", "imaging"]);

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function pct(n: number, d: number): string {
  if (d === 0 || n === 0) return "0%";
  const p = (100 * n) / d;
  if (p < 0.1) return "<0.1%";
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}

/** A width in percent for a style attribute (a number, never text from the notes). */
function width(n: number, of: number): string {
  return of > 0 ? ((100 * n) / of).toFixed(2) : "0";
}

/** Fragment ids for the lists behind the counts: letters, digits and dashes, unique per key. */
class Anchors {
  private readonly ids = new Map<string, string>();
  private readonly used = new Set<string>();
  of(key: string): string {
    let id = this.ids.get(key);
    if (id) return id;
    const dashed = key.replace(/[^A-Za-z0-9]+/g, "-");
    const base = "g-" + (dashed.endsWith("-") ? dashed.slice(0, -1) : dashed);
    id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}-${i}`;
    this.ids.set(key, id);
    this.used.add(id);
    return id;
  }
}

/** A count as a link to the rows behind it (no link for 0). */
function countLink(n: number, href: string): string {
  return n > 0 ? `<a href="#${href}">${n}</a>` : "0";
}

interface Bar {
  label: string;
  value: number;
  /** Part of value drawn darker (e.g. missing within not present). */
  part?: number;
  color: string;
  note?: string;
  href: string;
}

/** Horizontal bars as an HTML table, one row per bar, scaled to `of` (a share of notes) or to the largest value. */
function bars(rows: Bar[], of: number | null): string {
  const max = of ?? Math.max(...rows.map((r) => r.value), 1);
  const body = rows
    .map((r) => {
      const dark = r.part ?? r.value;
      const light = r.value - dark;
      const share = of !== null ? ` <span class="mut">(${pct(r.value, of)})</span>` : "";
      return (
        `<tr><th scope="row">${esc(r.label)}</th>` +
        `<td class="track"><span class="rail" title="${esc(r.label)}: ${r.value}">` +
        `<span class="fill" style="width:${width(dark, max)}%;background:${r.color}"></span>` +
        (light > 0 ? `<span class="fill" style="width:${width(light, max)}%;background:${r.color};opacity:.45"></span>` : "") +
        `</span></td><td class="n">${countLink(r.value, r.href)}${share}${r.note ? ` <span class="mut">${esc(r.note)}</span>` : ""}</td></tr>`
      );
    })
    .join("");
  return `<table class="bars">${body}</table>`;
}

function notesTable(list: ListedNote[], withVerdict: boolean, snippets: boolean): string {
  const rows = list
    .map(
      (r) =>
        `<tr><td class="id">${esc(r.id ?? "(no id)")}</td>` +
        (withVerdict ? `<td class="v"><span class="sw" style="background:${COLORS[r.verdict]}"></span>${esc(LABELS[r.verdict])}</td>` : "") +
        `<td class="num">${r.score ?? ""}</td><td>${esc(r.finding)}${snippets && r.snippet ? ` <q>${esc(r.snippet)}</q>` : ""}</td><td class="src">${esc(r.file)}:${r.line}</td></tr>`,
    )
    .join("");
  return `<div class="scroll"><table class="notes"><thead><tr><th>id</th>${withVerdict ? "<th>verdict</th>" : ""}<th>score</th><th>top finding</th><th>source</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

const CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0;background:#fafafa}
main{max-width:1040px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 8px}h3{font-size:14px;margin:0 0 4px}
.mut{color:#667}.meta{overflow-wrap:anywhere}.inputs{margin-top:4px;font-size:12px;overflow-wrap:anywhere}.inputs summary{cursor:pointer}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{background:#fff;border:1px solid #e3e5e8;border-radius:8px;padding:10px 14px;min-width:110px;color:inherit;text-decoration:none}
a.card:hover,a.card:focus{border-color:#1565c0}
.card b{display:block;font-size:22px}.card span{color:#667;font-size:12px}
section{background:#fff;border:1px solid #e3e5e8;border-radius:8px;padding:14px 18px;margin:14px 0}
.stack{display:flex;height:28px;border-radius:4px;overflow:hidden;background:#eee}
.stack span{display:block;height:100%}
.legend{list-style:none;padding:0;margin:8px 0 0;display:flex;flex-wrap:wrap;gap:6px 14px}
.sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px}
table{border-collapse:collapse;width:100%;margin-top:8px;font-size:13px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef0f2;vertical-align:top}
td{overflow-wrap:anywhere}
td.num{text-align:right}td.v{white-space:nowrap}td.id{font-family:ui-monospace,Menlo,Consolas,monospace}td.src{color:#667;font-size:12px}
table.bars th{font-weight:normal;text-align:right;white-space:nowrap;width:1%}
table.bars td.track{width:55%;min-width:120px}
.rail{display:flex;height:16px;background:#f0f1f3;border-radius:3px;overflow:hidden}
.rail .fill{display:block;height:100%}
table.bars td.n{white-space:nowrap}
.scroll{overflow-x:auto}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
.group{display:none;border:1px solid #e3e5e8;border-radius:8px;padding:10px 14px;margin:10px 0;background:#fff}
.group:target{display:block;border-color:#1565c0}
.warn{background:#fff4e5;border:1px solid #f0c36d;border-radius:6px;padding:8px 12px}
a{color:#0b57d0}
footer{color:#667;font-size:12px;margin:24px 0}
@media (max-width:640px){
main{padding:12px}
section{padding:10px 12px}
table.bars th{white-space:normal;width:35%}
table.bars td.track{width:40%;min-width:0}
table.bars td.n{white-space:normal}
.card{min-width:0;flex:1 1 40%}
th,td{padding:4px 5px}
}
`;

/** Inputs shown in the page's header line; a longer list (a shell glob) is folded into a <details>. */
const INPUTS_SHOWN = 3;

/** The inputs for the header line, and (when there are many) the full list to unfold below it. */
function inputsLine(inputs: string[]): { line: string; full: string } {
  if (inputs.length <= INPUTS_SHOWN) return { line: esc(inputs.join(", ")), full: "" };
  const head = inputs.slice(0, INPUTS_SHOWN - 1).map(esc).join(", ");
  return {
    line: `${head} and ${inputs.length - (INPUTS_SHOWN - 1)} more inputs`,
    full: `<details class="inputs mut"><summary>All ${inputs.length} inputs</summary>${inputs.map(esc).join("<br>")}</details>`,
  };
}

/** The page's sentence about what it holds, exactly. */
export function privacySentence(snippets: boolean): string {
  const holds =
    "This page holds, for each listed note, its id, source file and line, verdict, score and the checker's own finding (element names and codes, or an error code and message); the input file names; and counts.";
  return snippets
    ? `${holds} Because the scan was run with --report-snippets, it also holds note text: beside each supported or redirected note, the words behind its finding, at most ${SNIPPET_MAX} characters. It loads nothing from the network.`
    : `${holds} It holds no note text (scan --report-snippets adds snippets of at most ${SNIPPET_MAX} characters). It loads nothing from the network.`;
}

export function renderScanReport(t: Tally, meta: ReportMeta): string {
  const snippets = meta.snippets === true;
  const checked = t.checked;
  const anchors = new Anchors();
  const groupsShown: { key: GroupKey; title: string; count: number }[] = [];
  const linkTo = (key: GroupKey, title: string, count: number): string => {
    if (count > 0 && !groupsShown.some((g) => g.key === key)) groupsShown.push({ key, title, count });
    return anchors.of(key);
  };
  const listId = (k: VerdictOrError) => `list-${k}`;

  const elementBars = (scope: "lack" | "all", notPresentBy: Map<string, number>, partialBy: Map<string, number>): Bar[] =>
    ELEMENT_IDS.map((id) => {
      const notPresent = notPresentBy.get(id) ?? 0;
      const partial = partialBy.get(id) ?? 0;
      const title = scope === "lack" ? `notes pointing to ${meta.code} without ${id} present` : `checked notes without ${id} present`;
      return {
        label: `${id.replace(/_/g, " ")}${REQUIRED.has(id) ? " *" : ""}`,
        value: notPresent,
        part: notPresent - partial,
        color: REQUIRED.has(id) ? "#c0392b" : "#7f8c8d",
        note: partial ? `${notPresent - partial} missing \u00b7 ${partial} partial` : "",
        href: linkTo(`${scope}:${id}`, title, notPresent),
      };
    });

  const nonZero = ROW_KINDS.filter((k) => (t.verdicts.get(k) ?? 0) > 0);
  const sections: string[] = [];

  // Verdicts: a stacked bar only when there is more than one kind (the cards already say "all 40").
  if (nonZero.length > 1) {
    const stack = nonZero
      .map((k) => `<span style="width:${width(t.verdicts.get(k)!, t.rows)}%;background:${COLORS[k]}" title="${esc(LABELS[k])}: ${t.verdicts.get(k)}"></span>`)
      .join("");
    const legend = nonZero
      .map((k) => `<li><span class="sw" style="background:${COLORS[k]}"></span>${esc(LABELS[k])} <a href="#${listId(k)}"><b>${t.verdicts.get(k)}</b></a> <span class="mut">${pct(t.verdicts.get(k)!, t.rows)}</span></li>`)
      .join("");
    sections.push(`<section id="verdicts"><h2>Verdicts</h2><div class="stack" role="img" aria-label="verdict distribution">${stack}</div><ul class="legend">${legend}</ul></section>`);
  }

  // What the notes that point to the code lack: only when some do.
  if (t.pointing > 0) {
    const rows = elementBars("lack", t.pointingNotPresent, t.pointingPartial);
    const body = rows.every((r) => r.value === 0)
      ? `<p>Each of the ${t.pointing} notes with verdict supported or incomplete documents every element.</p>`
      : `<p class="mut">Of the ${t.pointing} notes with verdict supported or incomplete, how many lack each element: missing (dark) or partial (light). * required for ${esc(meta.code)}. Each count links to its notes.</p>${bars(rows, t.pointing)}`;
    sections.push(`<section id="lack"><h2>What the notes that point to ${esc(meta.code)} lack</h2>${body}</section>`);
  }

  // The same over all checked notes: only when it says something the panel above does not (other notes
  // were checked too) and its bars are not all 100% or all 0%.
  if (checked > t.pointing && t.pointing > 0) {
    const rows = elementBars("all", t.notPresent, t.partial);
    if (!rows.every((r) => r.value === checked) && !rows.every((r) => r.value === 0)) {
      sections.push(
        `<section id="all-elements"><h2>Elements not present, all checked notes</h2><p class="mut">The same over all ${checked} checked notes (a note that does not document the condition lacks every element).</p>${bars(rows, checked)}</section>`,
      );
    }
  }

  // A scan of the category M43.2: which notes support which codes of the family (supported dark, incomplete light).
  const familyCodes = [...new Set([...t.familySupported.keys(), ...t.familyIncomplete.keys()])].sort();
  const familyBars: Bar[] = familyCodes.map((code) => {
    const supported = t.familySupported.get(code) ?? 0;
    const incomplete = t.familyIncomplete.get(code) ?? 0;
    return { label: code, value: supported + incomplete, part: supported, color: COLORS.supported, note: `${supported} supported \u00b7 ${incomplete} incomplete`, href: "#notes" };
  });
  const familySection = t.familyRows
    ? `<section><h2>The M43.2 family</h2><p class="mut">For each code, the notes (of ${t.familyRows} checked) whose note supports it (dark) or points to it without yet supporting it (light); a note can count for several codes.</p>${bars(familyBars, t.familyRows)}</section>\n`
    : "";
  if (familySection) sections.push(familySection);

  // Suggested codes: only when there are some.
  if (t.suggestions.size > 0) {
    const rows: Bar[] = [...t.suggestions.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([label, value]) => ({
        label,
        value,
        color: label.endsWith("instead") ? COLORS.redirect : label.endsWith("additional") ? "#00897b" : "#8e44ad",
        href: linkTo(`sugg:${label}`, `notes with ${label}`, value),
      }));
    sections.push(`<section id="suggestions"><h2>Suggested codes</h2>${bars(rows, null)}</section>`);
  }

  // Scores: only when they spread over more than one band of ten.
  if (t.scoreBuckets.filter((n) => n > 0).length > 1) {
    const rows: Bar[] = t.scoreBuckets.map((n, i) => {
      const label = i === 10 ? "100" : `${i * 10}\u2013${i * 10 + 9}`;
      return { label, value: n, color: "#5c6bc0", href: linkTo(`score:${i}`, `notes scoring ${label}`, n) };
    });
    sections.push(`<section id="scores"><h2>Scores</h2>${bars(rows, null)}</section>`);
  }

  if (t.errors) {
    const rows: Bar[] = [...t.errorCodes.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([label, value]) => ({ label, value, color: COLORS.error, href: linkTo(`error:${label}`, `notes not checked: ${label}`, value) }));
    sections.push(`<section id="errors"><h2>Errors (notes not checked)</h2>${bars(rows, null)}</section>`);
  }

  const lists = nonZero
    .map((k) => {
      const n = t.verdicts.get(k)!;
      const list = [...(t.listed.get(k) ?? [])].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
      const kept = k === "error" ? `the first ${LIST_CAP}` : `the ${LIST_CAP} with the highest scores`;
      const more = n > list.length ? `<p class="mut">and ${n - list.length} more (${kept} are listed; every row is in the scan output)</p>` : "";
      // The id is on the list inside the <details>: following a link to it opens a closed one (the HTML
      // standard's ancestor-details revealing on fragment navigation).
      return `<details${k === "supported" || k === "incomplete" || k === "redirect" || nonZero.length === 1 ? " open" : ""}><summary><span class="sw" style="background:${COLORS[k]}"></span>${esc(LABELS[k])} <b>${n}</b></summary><div id="${listId(k)}">${notesTable(list, false, snippets)}${more}</div></details>`;
    })
    .join("\n");
  sections.push(`<section id="notes"><h2>Notes by verdict</h2>${lists}</section>`);

  if (groupsShown.length) {
    const groups = groupsShown
      .map((g) => {
        const list = t.groups.get(g.key) ?? [];
        const more = g.count > list.length ? `<p class="mut">and ${g.count - list.length} more (the first ${LIST_CAP} are listed; every row is in the scan output)</p>` : "";
        return `<div class="group" id="${anchors.of(g.key)}"><h3>${esc(g.title.charAt(0).toUpperCase() + g.title.slice(1))}: ${g.count}</h3>${notesTable(list, true, snippets)}${more}<p><a href="#top">back to the top</a></p></div>`;
      })
      .join("\n");
    sections.push(`<section id="behind"><h2>The notes behind a count</h2><p class="mut">Choose a count above to list its notes here.</p>${groups}</section>`);
  }

  const inputs = inputsLine(meta.inputs);
  const card = (label: string, n: number, href: string, color?: string): string =>
    `<a class="card" href="#${href}"${color ? ` style="border-top:3px solid ${color}"` : ""}><b>${n}</b><span>${esc(label)}</span></a>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>cdicheck scan report: ${esc(meta.code)}</title><style>${CSS}</style></head>
<body><main id="top">
<h1>Documentation check: ${esc(meta.code)}</h1>
<div class="mut meta">${t.rows} notes from ${inputs.line}${meta.shard ? ` (shard ${esc(meta.shard)})` : ""} &middot; ${esc(meta.generatedAt)} &middot; cdicheck ${esc(meta.version)} &middot; code ${esc(meta.code)}</div>${inputs.full}
${meta.interrupted ? `<p class="warn">This scan was interrupted: the report covers the notes finished before it stopped.</p>` : ""}
<nav class="cards" aria-label="counts">${card("notes", t.rows, "notes")}${nonZero.map((k) => card(LABELS[k], t.verdicts.get(k)!, listId(k), COLORS[k])).join("")}</nav>
${sections.join("\n")}
<footer>Generated by cdicheck ${esc(meta.version)}. ${esc(privacySentence(snippets))}</footer>
</main></body></html>
`;
}
