/**
 * The code card as HTML: `renderCardSection` is the card as one `<section>` (the page at `/` shows it in its
 * code panel), `renderCardPage` a self-contained page (`cdicheck explain --format html`). Pure functions of
 * the card; every statement lists what it cites, with the quoted text.
 */
import type { Citation, CodeCard } from "../card/schema.js";
import { kindLabel } from "../card/card.js";
import { BASIS_LABEL, citationLabel, citationQuote, STATUS_LABEL } from "./card-text.js";
import { escapeHtml } from "./html.js";

export const CARD_CSS = `
.code-card{font-size:.92rem;line-height:1.45}
.code-card h2{font-size:1.1rem;margin:.2rem 0}
.code-card h3{font-size:.98rem;margin:1rem 0 .3rem}
.code-card .code{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700}
.code-card ul{margin:.2rem 0;padding-left:1.2rem}
.code-card .cites{list-style:none;padding-left:1rem;color:#57606a;font-size:.85rem}
.code-card .cites q{font-style:italic}
.code-card .basis{display:inline-block;font-size:.75rem;font-weight:600;border-radius:.3rem;padding:0 .3rem;margin-right:.3rem;border:1px solid currentColor}
.code-card .basis-official{color:#1a7f37}
.code-card .basis-rule{color:#0969da}
.code-card .basis-not_in_repository{color:#9a6700}
.code-card .short{font-weight:600}
.code-card details{margin:.35rem 0}
.code-card summary{cursor:pointer}
.code-card summary h3{display:inline}
.code-card table{border-collapse:collapse}
.code-card td{padding:.1rem .5rem .1rem 0;vertical-align:top}
@media (prefers-color-scheme: dark){.code-card .cites{color:#9198a1}.code-card .basis-official{color:#3fb950}.code-card .basis-rule{color:#4493f8}.code-card .basis-not_in_repository{color:#d29922}}
`;

function cites(list: Citation[]): string {
  if (!list.length) return "";
  const items = list.map((c) => {
    const q = citationQuote(c);
    return `<li><cite>${escapeHtml(citationLabel(c))}</cite>${q !== null ? `: <q>${escapeHtml(q)}</q>` : ""}</li>`;
  });
  return `<ul class="cites">${items.join("")}</ul>`;
}

export function renderCardSection(card: CodeCard): string {
  const e = escapeHtml;
  const parts: string[] = [];
  parts.push(`<section class="code-card" aria-label="Code card ${e(card.code)}" data-code="${e(card.code)}">`);
  parts.push(`<h2><span class="code">${e(card.code)}</span> ${e(card.title)}</h2>`);
  parts.push(`<p>${card.billable ? "Complete code, valid for reporting" : "Not reportable as it is"}: ${e(card.billableReason.text)}</p>`);
  parts.push(`<table class="hierarchy">${card.hierarchy.map((h) => `<tr><td>${e(h.level)}</td><td class="code">${e(h.code)}</td><td>${e(h.title)}</td></tr>`).join("")}</table>`);

  parts.push(`<h3>Questions coders ask</h3>`);
  for (const q of card.questions) {
    parts.push(`<details class="question" data-question="${e(q.id)}" open><summary><strong>${e(q.question)}</strong> <span class="status">(${e(STATUS_LABEL[q.status])})</span></summary>`);
    parts.push(`<p class="short">${e(q.short)}</p><ul>`);
    for (const s of q.statements) parts.push(`<li><span class="basis basis-${e(s.basis)}">${e(BASIS_LABEL[s.basis])}</span>${e(s.text)}${cites(s.citations)}</li>`);
    parts.push(`</ul></details>`);
  }

  parts.push(`<details><summary><h3>Official notes and what they mean</h3></summary><ul>`);
  for (const n of card.notes) parts.push(`<li>${e(kindLabel(n.kind))} (${e(n.at)}): ${e(n.text)}</li>`);
  parts.push(`</ul><ul>`);
  for (const k of card.noteKinds) parts.push(`<li><strong>${e(k.kind)}</strong>: ${e(k.meaning)}</li>`);
  parts.push(`</ul></details>`);

  parts.push(`<details><summary><h3>Index entries and sibling codes</h3></summary><ul>`);
  for (const i of card.index) parts.push(`<li>${e(i.path.join(" > "))} <span class="code">${e(i.code)}</span></li>`);
  parts.push(`</ul><ul>`);
  for (const s of card.siblings) parts.push(`<li><span class="code">${e(s.code)}</span> ${e(s.title)}</li>`);
  parts.push(`</ul></details>`);

  const rulesNote = card.checker.checksThisCode ? "" : ` (rules written for ${card.checker.rulesWrittenFor.join(", ")})`;
  parts.push(`<details><summary><h3>What cdicheck checks in a note${e(rulesNote)}</h3></summary><ul>`);
  for (const el of card.elements) {
    parts.push(`<li><strong>${e(el.id)}</strong> (${el.required ? "required" : "optional"}): present when the note ${e(el.present)}; ${el.partial === null ? "no partial state" : `partial when ${e(el.partial)}`}.</li>`);
  }
  parts.push(`</ul></details>`);

  parts.push(`<details><summary><h3>Pitfalls</h3></summary><ul>`);
  for (const r of card.pitfalls) {
    const to = r.codes.map((c) => `<span class="code">${e(c.code)}</span> ${e(c.title)}`).join("; ");
    parts.push(`<li>${r.rule !== null ? `<strong>${e(r.rule)}</strong>${to ? ` → ${to}` : ""}: ` : ""}${e(r.description)}${cites(r.official)}</li>`);
  }
  parts.push(`</ul></details>`);
  parts.push(`<p class="sources">Sources: ${card.sources.map((s) => `${e(s.file)} (${e(s.release)})`).join("; ")}.</p>`);
  parts.push(`</section>`);
  return parts.join("\n");
}

export function renderCardPage(card: CodeCard): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cdicheck: code card ${escapeHtml(card.code)}</title>
<style>body{margin:1rem auto;max-width:60rem;padding:0 1rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24}@media (prefers-color-scheme: dark){body{color:#e6edf3;background:#0d1117}}${CARD_CSS}</style>
</head><body>
${renderCardSection(card)}
</body></html>
`;
}
