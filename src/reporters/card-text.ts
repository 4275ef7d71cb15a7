/**
 * The code card as text for people at a terminal (`cdicheck explain`): a pure function of the card. Every
 * statement is followed by what it cites; `citationLabel` is shared with the HTML card.
 */
import { kindLabel } from "../card/card.js";
import type { Answer, Citation, CodeCard, Statement } from "../card/schema.js";
import { paint } from "./text.js";

/** A short name for what a citation points at: "Tabular M43.2 Excludes2", "Index Fusion, fused > ...", "rule imaging". */
export function citationLabel(c: Citation): string {
  if (c.source === "rule") return `cdicheck rule ${c.rule}${c.field === "description" ? "" : ` (${c.field.replace("criteria.", "")} when)`}`;
  if (c.source === "index") return `Index: ${c.path.join(" > ")} ${c.code}`;
  if (c.scope === "introduction") return `Tabular List introduction, ${c.code.replace(/:$/, "")}`;
  const where = c.scope === "chapter" ? `chapter ${c.code}` : c.scope === "section" ? `block ${c.code}` : c.code;
  return `Tabular ${where} ${c.kind === "title" ? "title" : c.kind === "instruction" ? "instruction" : kindLabel(c.kind)}`;
}

/** The text a citation quotes, when the label does not already show it. */
export function citationQuote(c: Citation): string | null {
  return c.source === "index" ? null : c.text;
}

export const BASIS_LABEL: Record<Statement["basis"], string> = {
  official: "official",
  rule: "cdicheck rule",
  not_in_repository: "not decided here",
};

export const STATUS_LABEL: Record<Answer["status"], string> = {
  answered: "answered by the official text",
  partly: "partly answered by the official text",
  not_decided: "not decided by the official text in this repository",
};

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

export function renderCardText(card: CodeCard, options: { color: boolean } = { color: false }): string {
  const p = paint(options.color);
  const out: string[] = [];
  const cite = (c: Citation): string => {
    const q = citationQuote(c);
    return p("dim", `      ↳ ${citationLabel(c)}${q !== null ? `: "${clip(q, 140)}"` : ""}`);
  };
  const heading = (s: string): void => {
    out.push("", p("bold", s));
  };

  out.push(`${p("bold", card.code)}  ${card.title}`);
  out.push(`${card.billable ? "Complete code, valid for reporting" : "Not reportable as it is"}: ${card.billableReason.text}`);
  for (const h of card.hierarchy) out.push(`  ${h.level.padEnd(11)} ${h.code.padEnd(8)} ${h.title}`);

  heading("Official notes (this code and the codes, block and chapter above it)");
  for (const n of card.notes) out.push(`  ${kindLabel(n.kind)} (${n.at}): ${n.text}`);
  heading("What the notes mean (Tabular List introduction)");
  for (const k of card.noteKinds) out.push(`  ${k.kind}: ${k.meaning}`);
  heading("Index entries that lead here");
  for (const e of card.index) out.push(`  ${e.path.join(" > ")}  ${e.code}`);
  heading("Sibling codes");
  for (const s of card.siblings) out.push(`  ${s.code}  ${s.title}`);

  heading(`What cdicheck checks in a note${card.checker.checksThisCode ? "" : ` (rules written for ${card.checker.rulesWrittenFor.join(", ")}; \`check\` does not check ${card.code})`}`);
  for (const e of card.elements) {
    out.push(`  ${p("bold", e.id)} (${e.required ? "required" : "optional"}): ${e.description}`);
    out.push(`    present when the note ${e.present}`);
    out.push(`    ${e.partial === null ? "no partial state" : `partial when ${e.partial}`}`);
  }

  heading("Pitfalls: cdicheck's routing rules (the codes each one sends to, and why)");
  for (const r of card.pitfalls.filter((x) => x.rule !== null)) {
    out.push(`  ${p("cyan", r.rule!)} → ${r.codes.map((c) => `${c.code} ${c.title}`).join("; ") || "(no other code)"}`);
    out.push(`    ${r.description}`);
    for (const c of r.official) out.push(cite(c));
  }
  heading("Other official Excludes notes (no routing rule)");
  for (const r of card.pitfalls.filter((x) => x.rule === null)) out.push(`  ${r.description}`);

  heading("Questions coders ask");
  card.questions.forEach((q, i) => {
    out.push("", `${i + 1}. ${p("bold", q.question)}  ${p("dim", `[${STATUS_LABEL[q.status]}]`)}`, `   ${q.short}`);
    for (const s of q.statements) {
      out.push(`   • ${p(s.basis === "official" ? "green" : s.basis === "rule" ? "cyan" : "yellow", `[${BASIS_LABEL[s.basis]}]`)} ${s.text}`);
      for (const c of s.citations) out.push(cite(c));
    }
  });

  heading("Sources");
  for (const s of card.sources) out.push(`  ${s.file}: ${s.release}`);
  return out.join("\n") + "\n";
}
