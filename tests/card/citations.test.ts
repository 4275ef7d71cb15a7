/**
 * Every citation of every code card (M43.20 to M43.28) resolves to its exact text in the official
 * extracts in data/icd10cm/: once through the card's own loader (`resolveCitation`) and once by a plain
 * reading of the XML file here, so a loader bug cannot vouch for itself. A tampered citation must fail.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCard, cardCitations, cardCodes } from "../../src/card/card.js";
import { resolveCitation } from "../../src/card/citation.js";
import { icd10cm, INDEX_FILE, TABULAR_FILE } from "../../src/card/icd10cm.js";
import { CodeCardSchema, type Citation, type RuleCitation, type TabularCitation } from "../../src/card/schema.js";

const ROOT = join(import.meta.dirname, "..", "..");
const TABULAR = readFileSync(join(ROOT, TABULAR_FILE), "utf8");
const INDEX = readFileSync(join(ROOT, INDEX_FILE), "utf8");
const FAMILY = ["M43.20", "M43.21", "M43.22", "M43.23", "M43.24", "M43.25", "M43.26", "M43.27", "M43.28"];

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The raw XML of an element's own part: from its opening to its first child code (or its end). */
function ownBlock(start: number, endTag: string): string {
  const ends = [TABULAR.indexOf("<diag", start + 1), TABULAR.indexOf(endTag, start)].filter((i) => i >= 0);
  return TABULAR.slice(start, Math.min(...ends));
}

/** Resolves a citation by reading the file as text, independently of src/card/. */
function rawResolves(c: Citation): boolean {
  if (c.source === "rule") return true; // rule citations are checked against the metas below
  if (c.source === "index") {
    const first = (t: string): string => t.split(" (")[0]!;
    return INDEX.includes(`<code>${c.code}</code>`) && c.path.every((t) => INDEX.includes(`<title>${esc(first(t))}`));
  }
  let block: string;
  if (c.scope === "introduction") {
    const at = TABULAR.indexOf(`<title>${esc(c.code)}</title>`);
    if (at < 0) return false;
    block = TABULAR.slice(at, TABULAR.indexOf("</introSection>", at));
    return block.includes(`<note>${esc(c.text)}</note>`);
  }
  const open = c.scope === "diag" ? `<name>${c.code}</name>` : c.scope === "chapter" ? `<name>${c.code}</name>\n    <desc>` : `<section id="${c.code}">`;
  const at = TABULAR.indexOf(open);
  if (at < 0) return false;
  block = ownBlock(at, c.scope === "diag" ? "</diag>" : c.scope === "chapter" ? "</chapter>" : "</section>");
  if (c.kind === "title") return block.includes(`<desc>${esc(c.text)}</desc>`);
  const kindAt = block.indexOf(`<${c.kind}>`);
  return kindAt >= 0 && block.slice(kindAt, block.indexOf(`</${c.kind}>`, kindAt)).includes(`<note>${esc(c.text)}</note>`);
}

describe("code cards M43.20 to M43.28", () => {
  it("exist for exactly the codes of M43.2, read from the Tabular List", () => {
    expect(cardCodes()).toEqual(FAMILY);
  });

  for (const code of FAMILY) {
    it(`${code}: the card validates and every citation resolves to its exact text in data/icd10cm/`, () => {
      const card = CodeCardSchema.parse(buildCard(code));
      expect(card.code).toBe(code);
      const citations = cardCitations(card);
      expect(citations.length).toBeGreaterThan(100);
      const unresolved = citations.map((c) => [c, resolveCitation(c, icd10cm())] as const).filter(([, why]) => why !== null);
      expect(unresolved).toEqual([]);
      const rawMisses = citations.filter((c) => !rawResolves(c));
      expect(rawMisses).toEqual([]);
      // Every official citation points into one of the two files.
      for (const c of citations) if (c.source !== "rule") expect([TABULAR_FILE, INDEX_FILE]).toContain(c.file);
    });

    it(`${code}: every statement has the kind of support its basis claims`, () => {
      const card = buildCard(code);
      expect(card.questions.map((q) => q.id)).toEqual(["instead-of-z98.1", "with-m45", "7th-character", "spans-regions", "klippel-feil", "imaging", "first-listed"]);
      for (const q of card.questions) {
        expect(q.question).toContain(code);
        for (const s of q.statements) {
          if (s.basis === "official") expect(s.citations.some((c) => c.source !== "rule"), `${q.id}: ${s.text}`).toBe(true);
          if (s.basis === "rule") expect(s.citations.length > 0 && s.citations.every((c) => c.source === "rule"), `${q.id}: ${s.text}`).toBe(true);
          if (s.basis === "not_in_repository") expect(s.text, q.id).toMatch(/not decided by the official text/);
        }
      }
      expect(card.billable).toBe(true);
      expect(card.index.length, "an Index entry leads to every M43.2x code").toBeGreaterThan(0);
    });
  }

  it("a citation changed in any part no longer resolves", () => {
    const data = icd10cm();
    const card = buildCard("M43.21");
    const note = card.notes.find((n) => n.kind === "excludes2" && n.at === "M43.2")!.citation as TabularCitation;
    const index = card.index[0]!;
    const rule: RuleCitation = card.elements[0]!.citations[0]!;
    const intro = card.noteKinds.find((k) => k.kind === "Excludes1")!.citation as TabularCitation;
    for (const ok of [note, index, rule, intro]) expect(resolveCitation(ok, data)).toBeNull();
    const broken: Citation[] = [
      { ...note, text: note.text + " " },
      { ...note, code: "M43.21" },
      { ...note, kind: "excludes1" },
      { ...(card.titleCitation as TabularCitation), text: "Fusion of spine, occipito-atlanto-axial regions" },
      { ...index, path: [...index.path.slice(0, -1), "cervical region"], text: "cervical region" },
      { ...index, code: "M43.22" },
      { ...rule, text: rule.text.slice(1) },
      { ...rule, rule: "no-such-rule" },
      { ...intro, code: "Excludes2" },
      { ...note, file: "data/icd10cm/other.xml" },
    ];
    for (const b of broken) expect(resolveCitation(b, data), JSON.stringify(b)).not.toBeNull();
  });

  it("the 7th-character answer agrees with the file: nothing in category M43 defines one", () => {
    const m43 = TABULAR.slice(TABULAR.indexOf("<name>M43</name>"), TABULAR.indexOf('<section id="M45-M49">'));
    expect(m43.length).toBeGreaterThan(1000);
    expect(m43).not.toMatch(/sevenChr/);
    expect(buildCard("M43.21").questions.find((q) => q.id === "7th-character")!.short).toBe("No.");
  });
});
