/**
 * The scan report: one self-contained HTML page (inline CSS and SVG, no scripts, no network) with the
 * verdict distribution, how often each element is not present, the suggested codes, the score spread,
 * errors, and the notes listed by verdict with their top finding. A pure function of the tally.
 * PHI minimisation: ids, verdicts and short evidence snippets only, never note text.
 */
import { ELEMENT_IDS } from "../contract.js";
import { LIST_CAP, ROW_KINDS, type Tally, type VerdictOrError } from "../scan/tally.js";

export interface ReportMeta {
  generatedAt: string;
  inputs: string[];
  interrupted: boolean;
  code: string;
  shard?: string | undefined;
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

/** A horizontal stacked bar of the verdicts, with a legend. */
function verdictBar(t: Tally): string {
  const total = t.rows;
  const W = 760;
  let x = 0;
  const rects: string[] = [];
  for (const k of ROW_KINDS) {
    const n = t.verdicts.get(k) ?? 0;
    if (n === 0 || total === 0) continue;
    const w = (W * n) / total;
    rects.push(`<rect x="${x.toFixed(2)}" y="0" width="${Math.max(w, 1).toFixed(2)}" height="36" fill="${COLORS[k]}"><title>${esc(LABELS[k])}: ${n} (${pct(n, total)})</title></rect>`);
    if (w > 60) rects.push(`<text x="${(x + w / 2).toFixed(2)}" y="23" text-anchor="middle" class="in">${pct(n, total)}</text>`);
    x += w;
  }
  const legend = ROW_KINDS.map(
    (k) => `<li><span class="sw" style="background:${COLORS[k]}"></span>${esc(LABELS[k])} <b>${t.verdicts.get(k) ?? 0}</b> <span class="mut">${pct(t.verdicts.get(k) ?? 0, total)}</span></li>`,
  ).join("");
  return `<svg viewBox="0 0 ${W} 36" width="100%" role="img" aria-label="verdict distribution">${rects.join("") || `<rect width="${W}" height="36" fill="#eee"/>`}</svg><ul class="legend">${legend}</ul>`;
}

interface Bar {
  label: string;
  value: number;
  /** Part of value drawn darker (e.g. missing within not present). */
  part?: number;
  color: string;
  note?: string;
}

/** Horizontal bars, one per row, scaled to `of` (a share of notes) or to the largest value. */
function bars(rows: Bar[], of: number | null, empty: string): string {
  if (rows.length === 0) return `<p class="mut">${esc(empty)}</p>`;
  const max = of ?? Math.max(...rows.map((r) => r.value), 1);
  const LW = 230, BW = 420, H = 26;
  const body = rows
    .map((r, i) => {
      const y = i * H;
      const w = max === 0 ? 0 : (BW * r.value) / max;
      const pw = r.part !== undefined && max > 0 ? (BW * r.part) / max : null;
      const share = of !== null ? ` (${pct(r.value, of)})` : "";
      return (
        `<text x="${LW - 8}" y="${y + 17}" text-anchor="end">${esc(r.label)}</text>` +
        `<rect x="${LW}" y="${y + 4}" width="${BW}" height="${H - 8}" fill="#f0f1f3"/>` +
        `<rect x="${LW}" y="${y + 4}" width="${w.toFixed(2)}" height="${H - 8}" fill="${r.color}" opacity="${pw !== null ? 0.45 : 1}"><title>${esc(r.label)}: ${r.value}${share}</title></rect>` +
        (pw !== null ? `<rect x="${LW}" y="${y + 4}" width="${pw.toFixed(2)}" height="${H - 8}" fill="${r.color}"><title>${esc(r.note ?? "")}</title></rect>` : "") +
        `<text x="${LW + BW + 8}" y="${y + 17}">${r.value}${esc(share)}${r.note ? ` <tspan class="mut">${esc(r.note)}</tspan>` : ""}</text>`
      );
    })
    .join("");
  return `<svg viewBox="0 0 ${LW + BW + 330} ${rows.length * H}" width="100%" role="img">${body}</svg>`;
}

function scoreHistogram(t: Tally): string {
  const max = Math.max(...t.scoreBuckets, 1);
  const W = 44, H = 90, gap = 6;
  const cols = t.scoreBuckets
    .map((n, i) => {
      const h = (H * n) / max;
      const x = i * (W + gap);
      const label = i === 10 ? "100" : `${i * 10}\u2013${i * 10 + 9}`;
      return (
        `<rect x="${x}" y="${(H - h).toFixed(2)}" width="${W}" height="${h.toFixed(2)}" fill="#5c6bc0"><title>score ${label}: ${n}</title></rect>` +
        `<text x="${x + W / 2}" y="${H + 16}" text-anchor="middle" class="sm">${label}</text>` +
        (n > 0 ? `<text x="${x + W / 2}" y="${(H - h - 4).toFixed(2)}" text-anchor="middle" class="sm">${n}</text>` : "")
      );
    })
    .join("");
  return `<svg viewBox="0 -16 ${11 * (W + gap)} ${H + 36}" width="100%" style="max-width:600px" role="img" aria-label="score distribution">${cols}</svg>`;
}

function noteLists(t: Tally): string {
  return ROW_KINDS.map((k) => {
    const n = t.verdicts.get(k) ?? 0;
    const list = t.listed.get(k) ?? [];
    if (n === 0) return "";
    const rows = [...list]
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1))
      .map(
        (r) =>
          `<tr><td class="id">${esc(r.id ?? "(no id)")}</td><td class="mut">${esc(r.file)}:${r.line}</td><td class="num">${r.score ?? ""}</td><td>${esc(r.finding)}</td></tr>`,
      )
      .join("");
    const kept = k === "error" ? `the first ${LIST_CAP}` : `the ${LIST_CAP} with the highest scores`;
    const more = n > list.length ? `<p class="mut">and ${n - list.length} more (${kept} are listed; every row is in the scan output)</p>` : "";
    return `<details${k === "supported" || k === "incomplete" || k === "redirect" ? " open" : ""}><summary><span class="sw" style="background:${COLORS[k]}"></span>${esc(LABELS[k])} <b>${n}</b></summary><table><thead><tr><th>id</th><th>source</th><th>score</th><th>top finding</th></tr></thead><tbody>${rows}</tbody></table>${more}</details>`;
  }).join("\n");
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0;background:#fafafa}
main{max-width:1040px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}
.mut{color:#667}.inputs{margin-top:4px;font-size:12px}.inputs summary{cursor:pointer}.sm{font-size:11px;fill:#555}
svg text{font-size:13px;fill:#1f2328}svg text.in{fill:#fff;font-weight:600}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{background:#fff;border:1px solid #e3e5e8;border-radius:8px;padding:10px 14px;min-width:110px}
.card b{display:block;font-size:22px}.card span{color:#667;font-size:12px}
section{background:#fff;border:1px solid #e3e5e8;border-radius:8px;padding:14px 18px;margin:14px 0}
.legend{list-style:none;padding:0;margin:8px 0 0;display:flex;flex-wrap:wrap;gap:14px}
.sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px}
table{border-collapse:collapse;width:100%;margin-top:8px;font-size:13px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef0f2;vertical-align:top}
td.num{text-align:right}td.id{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
.warn{background:#fff4e5;border:1px solid #f0c36d;border-radius:6px;padding:8px 12px}
footer{color:#667;font-size:12px;margin:24px 0}
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

export function renderScanReport(t: Tally, meta: ReportMeta): string {
  const checked = t.checked;
  const elementBars = (notPresentBy: Map<string, number>, partialBy: Map<string, number>): Bar[] =>
    ELEMENT_IDS.map((id) => {
      const notPresent = notPresentBy.get(id) ?? 0;
      const partial = partialBy.get(id) ?? 0;
      return {
        label: `${id}${REQUIRED.has(id) ? " *" : ""}`,
        value: notPresent,
        part: notPresent - partial,
        color: REQUIRED.has(id) ? "#c0392b" : "#7f8c8d",
        note: partial ? `${notPresent - partial} missing \u00b7 ${partial} partial` : "",
      };
    });
  const suggestionBars: Bar[] = [...t.suggestions.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([label, value]) => ({ label, value, color: label.endsWith("instead") ? COLORS.redirect : label.endsWith("additional") ? "#00897b" : "#8e44ad" }));
  // A scan of the category M43.2: which notes support which codes of the family (supported dark, incomplete light).
  const familyCodes = [...new Set([...t.familySupported.keys(), ...t.familyIncomplete.keys()])].sort();
  const familyBars: Bar[] = familyCodes.map((code) => {
    const supported = t.familySupported.get(code) ?? 0;
    const incomplete = t.familyIncomplete.get(code) ?? 0;
    return { label: code, value: supported + incomplete, part: supported, color: COLORS.supported, note: `${supported} supported \u00b7 ${incomplete} incomplete` };
  });
  const familySection = t.familyRows
    ? `<section><h2>The M43.2 family</h2><p class="mut">For each code, the notes (of ${t.familyRows} checked) whose note supports it (dark) or points to it without yet supporting it (light); a note can count for several codes.</p>${bars(familyBars, t.familyRows, "No note supports or points to a code of the family.")}</section>\n`
    : "";
  const errorBars: Bar[] = [...t.errorCodes.entries()].sort((a, b) => b[1] - a[1]).map(([label, value]) => ({ label, value, color: COLORS.error }));
  const inputs = inputsLine(meta.inputs);
  const card = (label: string, n: number, color?: string): string =>
    `<div class="card"${color ? ` style="border-top:3px solid ${color}"` : ""}><b>${n}</b><span>${esc(label)}</span></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>cdicheck scan report: ${esc(meta.code)}</title><style>${CSS}</style></head>
<body><main>
<h1>Documentation check: ${esc(meta.code)}</h1>
<div class="mut">${t.rows} notes from ${inputs.line}${meta.shard ? ` (shard ${esc(meta.shard)})` : ""} &middot; ${esc(meta.generatedAt)}</div>${inputs.full}
${meta.interrupted ? `<p class="warn">This scan was interrupted: the report covers the notes finished before it stopped.</p>` : ""}
<div class="cards">${card("notes", t.rows)}${ROW_KINDS.map((k) => card(LABELS[k], t.verdicts.get(k) ?? 0, COLORS[k])).join("")}</div>
<section><h2>Verdicts</h2>${verdictBar(t)}</section>
<section><h2>What the notes that point to ${esc(meta.code)} lack</h2><p class="mut">Share of the ${t.pointing} notes with verdict supported or incomplete where the element is missing (dark) or partial (light). * required for ${esc(meta.code)}.</p>${bars(elementBars(t.pointingNotPresent, t.pointingPartial), t.pointing, "No note points to this code.")}
<h2>Elements not present, all checked notes</h2><p class="mut">The same over all ${checked} checked notes (notes that do not document the condition at all lack every element).</p>${bars(elementBars(t.notPresent, t.partial), checked, "No checked notes.")}</section>
${familySection}<section><h2>Suggested codes</h2>${bars(suggestionBars, null, "No code suggestions in these notes.")}</section>
<section><h2>Scores</h2>${scoreHistogram(t)}</section>
${t.errors ? `<section><h2>Errors (notes not checked)</h2>${bars(errorBars, null, "")}</section>` : ""}
<section><h2>Notes by verdict</h2>${noteLists(t)}</section>
<footer>Generated by cdicheck. This page holds no note text: ids, verdicts and evidence snippets of at most 60 characters only. It loads nothing from the network.</footer>
</main></body></html>
`;
}
