/**
 * The code card: what the official text says about a code (title, whether it is complete, chapter and
 * block, its notes and what each kind means, its Index entries and sibling codes), what cdicheck checks
 * (the five elements) and routes (the pitfalls), and the questions coders ask, answered with citations.
 * Built from data only: the extracts in data/icd10cm/ and the rule metas.
 */
import { FAMILY_CODE, SUPPORTED_CODES } from "../check.js";
import { ELEMENT_RULES } from "../rules/elements/index.js";
import { ROUTING_RULES } from "../rules/routing/index.js";
import { indexCitation, instructionCitation, noteCitation, ruleCitation, titleCitation } from "./citation.js";
import { icd10cm, INDEX_FILE, INDEX_RELEASE, referencedCodes, TABULAR_FILE, TABULAR_RELEASE, type Icd10cm, type NoteKind, type OfficialNote, type TabularNode } from "./icd10cm.js";
import { EXCLUDES1, EXCLUDES2, QUESTIONS, type CardContext } from "./questions.js";
import type { Citation, CodeCard } from "./schema.js";

/** A code that is not written like an ICD-10-CM code (`M43.21`). */
export class MalformedCodeError extends Error {
  readonly code = "malformed_code";
}

/** A well-formed code that has no card. */
export class UnknownCodeError extends Error {
  readonly code = "unknown_code";
}

/** Longest input looked at; an ICD-10-CM code is at most 8 characters with its dot. */
const MAX_CODE_CHARS = 16;

/** `m43.21` -> `M43.21`; throws MalformedCodeError for anything not shaped like an ICD-10-CM code. */
export function normalizeCode(input: string): string {
  const code = input.slice(0, MAX_CODE_CHARS + 1).trim().toUpperCase();
  if (code.length > 8 || !/^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/.test(code)) {
    throw new MalformedCodeError(`"${input.length > MAX_CODE_CHARS ? input.slice(0, MAX_CODE_CHARS) + "..." : input}" is not an ICD-10-CM code (a letter, a digit, a digit or letter, then optionally a dot and up to 4 more, as in M43.21)`);
  }
  return code;
}

/**
 * The codes with a card: every code of the subcategory of each code `check` supports (M43.2: M43.20 to
 * M43.28), as the Tabular List lists them.
 */
export function cardCodes(data: Icd10cm = icd10cm()): string[] {
  const out: string[] = [];
  // The codes check() supports, not the category M43.2 it also accepts (whose siblings are other categories).
  for (const supported of SUPPORTED_CODES.filter((c) => c !== FAMILY_CODE)) {
    const parent = data.ancestors(supported).filter((a) => a.scope === "diag").pop();
    for (const c of parent ? data.children(parent.code) : []) if (!out.includes(c.code) && !data.children(c.code).length) out.push(c.code);
  }
  return out;
}

const KIND_HEADING: Partial<Record<NoteKind, string>> = {
  includes: "Includes:",
  excludes1: EXCLUDES1,
  excludes2: EXCLUDES2,
  codeFirst: "Code First/Use Additional Code notes (etiology/manifestation paired codes)",
  useAdditionalCode: "Code First/Use Additional Code notes (etiology/manifestation paired codes)",
  codeAlso: "Code Also",
  sevenChrNote: "7th characters and placeholder X",
};

const KIND_LABEL: Record<NoteKind, string> = {
  includes: "Includes",
  inclusionTerm: "Inclusion term",
  excludes1: "Excludes1",
  excludes2: "Excludes2",
  notes: "Note",
  codeFirst: "Code first",
  codeAlso: "Code also",
  useAdditionalCode: "Use additional code",
  sevenChrNote: "7th character",
};

export function kindLabel(kind: NoteKind): string {
  return KIND_LABEL[kind];
}

function level(node: TabularNode, code: string): CodeCard["hierarchy"][number]["level"] {
  if (node.scope === "chapter") return "chapter";
  if (node.scope === "section") return "block";
  return node.code === code.slice(0, 3) ? "category" : "subcategory";
}

/** The target codes' titles and their own inclusion terms (up to their category), cited. */
function targetFacts(data: Icd10cm, codes: string[], own: string): { coded: CodeCard["siblings"]; official: Citation[] } {
  const coded: CodeCard["siblings"] = [];
  const official: Citation[] = [];
  // The card's own category and subcategory say what the card's code includes, not why the note goes elsewhere.
  const seen = new Set<string>(data.ancestors(own).flatMap((a) => data.notesAt(a, ["includes", "inclusionTerm"]).map((n) => `${a.code}|${n.text}`)));
  for (const c of codes) {
    const node = data.diag(c);
    if (!node) continue;
    coded.push({ code: c, title: node.title, citation: titleCitation(node) });
    for (const a of [...data.ancestors(c).filter((x) => x.scope === "diag"), node]) {
      for (const n of data.notesAt(a, ["includes", "inclusionTerm"])) {
        const key = `${a.code}|${n.text}`;
        if (!seen.has(key)) {
          seen.add(key);
          official.push(noteCitation(n));
        }
      }
    }
  }
  return { coded, official };
}

/**
 * True when an Excludes note is the official reason behind a routing rule's code: it names the code itself
 * (`(Z98.1)`, `(M45.0-)`), or a subcategory holding it and a word of the rule's description (`congenital fusion
 * of spine (Q76.4)` for Q76.49). Wide ranges (`(Q00-Q99)`) and other conditions of the same subcategory
 * (`lumbarization and sacralization (Q76.4)`) are left to stand as official pitfalls of their own.
 */
function explains(note: string, code: string, description: string): boolean {
  const desc = description.toLowerCase();
  const words = note
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 5);
  return referencedCodes(note).some(({ from, to }) => from === to && (from === code || (code.startsWith(from) && words.some((w) => desc.includes(w)))));
}

function pitfalls(data: Icd10cm, code: string, notes: OfficialNote[]): CodeCard["pitfalls"] {
  const excludes = notes.filter((n) => n.kind === "excludes1" || n.kind === "excludes2");
  const used = new Set<OfficialNote>();
  const out: CodeCard["pitfalls"] = [];
  for (const r of ROUTING_RULES) {
    const codes = r.meta.codes.filter((c) => c !== code);
    const mine = excludes.filter((n) => codes.some((c) => explains(n.text, c, r.meta.description)));
    for (const n of mine) used.add(n);
    const { coded, official } = targetFacts(data, codes, code);
    out.push({ rule: r.meta.id, description: r.meta.description, codes: coded, official: [...mine.map(noteCitation), ...official] });
  }
  for (const n of excludes) {
    if (used.has(n)) continue;
    const codes = referencedCodes(n.text).flatMap((ref) => (data.diag(ref.from) ? [ref.from] : []));
    const { coded } = targetFacts(data, codes, code);
    const description =
      n.kind === "excludes1"
        ? `${n.text}: never reported with ${code} (Excludes1 at ${n.at.scope === "chapter" ? `chapter ${n.at.code}` : n.at.code}); no cdicheck rule routes it.`
        : `${n.text}: not part of ${code}, and both may be reported (Excludes2 at ${n.at.scope === "chapter" ? `chapter ${n.at.code}` : n.at.code}); no cdicheck rule routes it.`;
    out.push({ rule: null, description, codes: coded, official: [noteCitation(n), instructionCitation(n.kind === "excludes1" ? EXCLUDES1 : EXCLUDES2, data.instruction(n.kind === "excludes1" ? EXCLUDES1 : EXCLUDES2)[0]!)] });
  }
  return out;
}

/** Builds the card of a code (any spelling `normalizeCode` accepts). */
export function buildCard(input: string, data: Icd10cm = icd10cm()): CodeCard {
  const code = normalizeCode(input);
  const node = data.diag(code);
  if (!node || !cardCodes(data).includes(code)) {
    throw new UnknownCodeError(`no code card for ${code}; cards exist for ${cardCodes(data).join(", ")}`);
  }
  const ancestors = data.ancestors(code);
  const parent = ancestors.filter((a) => a.scope === "diag").pop()!;
  const notes = data.notesFor(code);
  const region = node.title.startsWith(parent.title + ", ") ? node.title.slice(parent.title.length + 2) : "";
  const checked = (SUPPORTED_CODES as readonly string[]).includes(code);
  const ctx: CardContext = { data, code, node, ancestors, parent, notes, region, checked, rulesWrittenFor: SUPPORTED_CODES };

  const complete = !data.hasSeventhCharacter(code) && data.children(code).length === 0;
  const kinds = new Set(notes.map((n) => n.kind));
  const headings = [...new Set((Object.keys(KIND_HEADING) as NoteKind[]).filter((k) => kinds.has(k)).map((k) => KIND_HEADING[k]!))];
  if (kinds.has("excludes1") || kinds.has("excludes2")) headings.splice(headings.indexOf(EXCLUDES1) >= 0 ? headings.indexOf(EXCLUDES1) : headings.indexOf(EXCLUDES2), 0, "Excludes Notes");

  return {
    cardVersion: 1,
    code,
    title: node.title,
    titleCitation: titleCitation(node),
    billable: complete,
    billableReason: {
      basis: "official",
      text: complete
        ? `${code} has no subcodes and no 7th-character definition applies to it, so it is a complete code that can be reported.`
        : `${code} has subcodes or needs a 7th character, so it is not reported as it is.`,
      citations: [titleCitation(node), ...data.children(code).map(titleCitation)],
    },
    hierarchy: ancestors.map((a) => ({ level: level(a, code), code: a.code, title: a.title, citation: titleCitation(a) })),
    notes: notes.map((n) => ({ kind: n.kind, at: n.at.scope === "chapter" ? `chapter ${n.at.code}` : n.at.code, text: n.text, citation: noteCitation(n) })),
    noteKinds: headings.flatMap((h) => data.instruction(h).map((text) => ({ kind: h.replace(/:$/, ""), meaning: text, citation: instructionCitation(h, text) }))),
    index: data.indexFor(code).map(indexCitation),
    siblings: data
      .children(parent.code)
      .filter((s) => s.code !== code)
      .map((s) => ({ code: s.code, title: s.title, citation: titleCitation(s) })),
    checker: { checksThisCode: checked, rulesWrittenFor: [...SUPPORTED_CODES] },
    elements: ELEMENT_RULES.map((r) => ({
      id: r.meta.id,
      required: r.meta.required,
      description: r.meta.description,
      present: r.meta.criteria.present,
      partial: r.meta.criteria.partial,
      citations: [ruleCitation(r.meta.id), ruleCitation(r.meta.id, "criteria.present"), ...(r.meta.criteria.partial === null ? [] : [ruleCitation(r.meta.id, "criteria.partial")])],
    })),
    pitfalls: pitfalls(data, code, notes),
    questions: QUESTIONS.map((q) => q.answer(ctx)),
    sources: [
      { file: TABULAR_FILE, release: TABULAR_RELEASE },
      { file: INDEX_FILE, release: INDEX_RELEASE },
    ],
  };
}

/** Every citation on a card, wherever it appears. */
export function cardCitations(card: CodeCard): Citation[] {
  return [
    card.titleCitation,
    ...card.billableReason.citations,
    ...card.hierarchy.map((h) => h.citation),
    ...card.notes.map((n) => n.citation),
    ...card.noteKinds.map((k) => k.citation),
    ...card.index,
    ...card.siblings.map((s) => s.citation),
    ...card.elements.flatMap((e) => e.citations),
    ...card.pitfalls.flatMap((p) => [...p.codes.map((c) => c.citation), ...p.official]),
    ...card.questions.flatMap((q) => q.statements.flatMap((s) => s.citations)),
  ];
}
