/**
 * The card of M43.21 answers the seven questions coders ask with the official elements they rest on;
 * the code is read as written or refused; the XML reader refuses what the extracts never hold; the text
 * and HTML renderings show every answer with its citations.
 */
import { describe, expect, it } from "vitest";
import { buildCard, MalformedCodeError, normalizeCode, UnknownCodeError } from "../../src/card/card.js";
import { parseXml, textOf } from "../../src/card/xml.js";
import { renderCardPage, renderCardSection } from "../../src/reporters/card-html.js";
import { renderCardText } from "../../src/reporters/card-text.js";
import type { Answer, Citation } from "../../src/card/schema.js";

const card = buildCard("M43.21");
const q = (id: string): Answer => card.questions.find((a) => a.id === id)!;
const cites = (a: Answer): Citation[] => a.statements.flatMap((s) => s.citations);
const tab = (a: Answer, code: string, kind: string, text: string): boolean =>
  cites(a).some((c) => c.source === "tabular" && c.code === code && c.kind === kind && c.text === text);

describe("the card of M43.21", () => {
  it("has the official title, the chapter and block, and is a complete code", () => {
    expect(card.title).toBe("Fusion of spine, occipito-atlanto-axial region");
    expect(card.hierarchy.map((h) => `${h.level} ${h.code}`)).toEqual(["chapter 13", "block M40-M54", "block M40-M43", "category M43", "subcategory M43.2"]);
    expect(card.billable).toBe(true);
    expect(card.siblings.map((s) => s.code)).toEqual(["M43.20", "M43.22", "M43.23", "M43.24", "M43.25", "M43.26", "M43.27", "M43.28"]);
    expect(card.notes).toContainEqual(expect.objectContaining({ kind: "inclusionTerm", at: "M43.2", text: "Ankylosis of spinal joint" }));
    expect(card.noteKinds.map((k) => k.kind)).toEqual(["Excludes Notes", "Excludes1", "Excludes2"]);
    expect(card.noteKinds[1]!.meaning).toContain("NOT CODED HERE!");
    expect(card.elements.map((e) => e.id)).toEqual(["segments", "etiology", "imaging", "underlying_condition", "functional_limitations"]);
    expect(card.elements.find((e) => e.id === "functional_limitations")!.partial).toBeNull();
  });

  it("lists each routing rule as a pitfall with its codes and the official note behind it", () => {
    const kf = card.pitfalls.find((p) => p.rule === "klippel-feil")!;
    expect(kf.codes.map((c) => c.code)).toEqual(["Q76.1"]);
    expect(kf.official).toContainEqual(expect.objectContaining({ code: "M43", kind: "excludes1", text: "Klippel-Feil syndrome (Q76.1)" }));
    const surgical = card.pitfalls.find((p) => p.rule === "surgical-fusion")!;
    expect(surgical.official).toContainEqual(expect.objectContaining({ code: "M43.2", kind: "excludes2", text: "arthrodesis status (Z98.1)" }));
    // An Excludes note no rule routes stands on its own; a wide range is not taken as a rule's reason.
    expect(card.pitfalls.filter((p) => p.rule === null).map((p) => p.description)).toContainEqual(expect.stringContaining("spina bifida occulta (Q76.0)"));
    expect(kf.official.some((c) => c.text.includes("(Q00-Q99)"))).toBe(false);
  });

  it("1. instead of Z98.1: the Index sends surgery to Z98.1, and Excludes2 lets both be coded", () => {
    const a = q("instead-of-z98.1");
    expect(a.status).toBe("answered");
    expect(tab(a, "M43.2", "excludes2", "arthrodesis status (Z98.1)")).toBe(true);
    expect(cites(a)).toContainEqual(expect.objectContaining({ source: "index", code: "M43.21", path: ["Fusion, fused (congenital)", "spine (acquired) NEC", "occipito-atlanto-axial region"] }));
    expect(cites(a)).toContainEqual(expect.objectContaining({ source: "index", code: "Z98.1", path: ["Fusion, fused (congenital)", "spine (acquired) NEC", "arthrodesis status"] }));
    expect(cites(a)).toContainEqual(expect.objectContaining({ source: "rule", rule: "surgical-fusion" }));
  });

  it("2. with M45: not for ankylosing spondylitis (Excludes1); M45.1 is its code; RA of spine and M45.A are not decided here", () => {
    const a = q("with-m45");
    expect(a.status).toBe("partly");
    expect(tab(a, "M43.2", "excludes1", "ankylosing spondylitis (M45.0-)")).toBe(true);
    expect(tab(a, "M45.1", "title", "Ankylosing spondylitis of occipito-atlanto-axial region")).toBe(true);
    const gaps = a.statements.filter((s) => s.basis === "not_in_repository");
    const m45Code = (list: Citation[]): string | undefined => list.flatMap((c) => (c.source === "tabular" && c.code.startsWith("M45") ? [c.code] : []))[0];
    expect(gaps.map((s) => m45Code(s.citations))).toEqual(["M45", "M45.A"]);
  });

  it("3. 7th character: no, citing the code and every level above it", () => {
    const a = q("7th-character");
    expect(a.short).toBe("No.");
    for (const code of ["M43.21", "M43.2", "M43", "13"]) expect(cites(a).some((c) => c.source === "tabular" && c.code === code && c.kind === "title"), code).toBe(true);
    expect(cites(a)).toContainEqual(expect.objectContaining({ scope: "introduction", code: "7th characters and placeholder X" }));
  });

  it("4. spanning the cervical region: no multiple-region code in M43.2, the Index codes each region, the guideline is not here", () => {
    const a = q("spans-regions");
    expect(a.question).toBe("What is coded when a fusion spans the occipito-atlanto-axial region (M43.21) and the cervical region (M43.22)?");
    expect(tab(a, "M43.22", "title", "Fusion of spine, cervical region")).toBe(true);
    expect(cites(a)).toContainEqual(expect.objectContaining({ source: "index", code: "M43.22" }));
    expect(a.statements.at(-1)!.basis).toBe("not_in_repository");
  });

  it("5. Klippel-Feil: no, M43 Excludes1 sends it to Q76.1; congenital fusion otherwise Q76.49", () => {
    const a = q("klippel-feil");
    expect(a.status).toBe("answered");
    expect(a.short).toContain("Q76.1");
    expect(tab(a, "M43", "excludes1", "Klippel-Feil syndrome (Q76.1)")).toBe(true);
    expect(tab(a, "Q76.1", "inclusionTerm", "Cervical fusion syndrome")).toBe(true);
    expect(tab(a, "Q76.49", "inclusionTerm", "Congenital fusion of spine NOS")).toBe(true);
  });

  it("6. imaging: not decided by the official text; cdicheck's imaging element quoted", () => {
    const a = q("imaging");
    expect(a.status).toBe("not_decided");
    expect(a.statements[0]!.basis).toBe("not_in_repository");
    expect(cites(a)).toContainEqual(expect.objectContaining({ source: "rule", rule: "imaging", field: "criteria.present" }));
  });

  it("7. first-listed on a spine surgery claim: nothing in the Tabular List forbids it; sequencing and payer policy not here", () => {
    const a = q("first-listed");
    expect(a.status).toBe("partly");
    expect(cites(a)).toContainEqual(expect.objectContaining({ scope: "introduction", code: "Code First/Use Additional Code notes (etiology/manifestation paired codes)" }));
    expect(tab(a, "13", "notes", "Use an external cause code following the code for the musculoskeletal condition, if applicable, to identify the cause of the musculoskeletal condition")).toBe(true);
    const gap = a.statements.find((s) => s.basis === "not_in_repository")!;
    expect(gap.text).toMatch(/payer policy/);
    expect(gap.text).toMatch(/CPT or ICD-10-PCS/);
  });

  it("other codes of the family get their own region in the answers", () => {
    const lumbar = buildCard("M43.26");
    expect(lumbar.questions.find((a) => a.id === "spans-regions")!.question).toBe("What is coded when a fusion spans the lumbar region (M43.26) and the lumbosacral region (M43.27)?");
    // The checker covers the whole family now (--code M43.26).
    expect(lumbar.checker.checksThisCode).toBe(true);
    const m45 = lumbar.questions.find((a) => a.id === "with-m45")!;
    expect(m45.statements.some((s) => s.citations.some((c) => c.source === "tabular" && c.code === "M45.6"))).toBe(true);
    expect(buildCard("M43.20").questions.find((a) => a.id === "spans-regions")!.question).toBe("What is coded when a fusion spans more than one region (M43.20 is the site-unspecified code)?");
  });
});

describe("codes", () => {
  it("are read in any case and with spaces around", () => {
    expect(normalizeCode(" m43.21 ")).toBe("M43.21");
    expect(buildCard("m43.27").code).toBe("M43.27");
  });

  it("malformed ones are refused as malformed, unknown ones as unknown", () => {
    for (const bad of ["", "M4321x", "43.21", "M43..21", "M43.21.1", "M43.212345", "<script>", "M".repeat(10_000), "M43.2\u0000"]) {
      expect(() => buildCard(bad), JSON.stringify(bad.slice(0, 20))).toThrow(MalformedCodeError);
    }
    for (const unknown of ["M43.29", "M43.2", "M43", "Z98.1", "Q76.1", "A00.0"]) expect(() => buildCard(unknown), unknown).toThrow(UnknownCodeError);
  });
});

describe("the XML reader", () => {
  it("reads elements, attributes, entities and skips comments", () => {
    const root = parseXml(`<?xml version="1.0"?>\n<!-- c --><a x='1' y="&amp;"><b>P&apos;s &lt;x&gt;</b><c/></a>`);
    expect(root.name).toBe("a");
    expect(root.attrs).toEqual({ x: "1", y: "&" });
    expect(textOf(root)).toBe("P's <x>");
  });

  it("refuses what the extracts never hold", () => {
    for (const bad of ["<a><b></a>", "<a>&nbsp;</a>", "<!DOCTYPE a><a/>", "<a><![CDATA[x]]></a>", "<a>", "text<a/>", "<a/><b/>", "<a x=1/>", "<a><!-- x</a>"]) {
      expect(() => parseXml(bad), bad).toThrow(/XML/);
    }
  });
});

describe("renderings", () => {
  it("text: every question, its short answer, each statement's basis and citations", () => {
    const text = renderCardText(card);
    for (const a of card.questions) {
      expect(text).toContain(a.question);
      expect(text).toContain(a.short);
    }
    expect(text).toContain('↳ Tabular M43 Excludes1: "Klippel-Feil syndrome (Q76.1)"');
    expect(text).toContain("[not decided here]");
    expect(text).not.toMatch(/\u001b\[/);
    expect(renderCardText(card, { color: true })).toMatch(/\u001b\[/);
  });

  it("HTML: a section with the seven questions, citations quoted, text escaped; a full page around it", () => {
    const html = renderCardSection(card);
    expect(html.match(/data-question="/g)!.length).toBe(7);
    expect(html).toContain("<cite>Tabular M43 Excludes1</cite>: <q>Klippel-Feil syndrome (Q76.1)</q>");
    expect(html).toContain("Paget&#39;s disease");
    expect(html).not.toMatch(/style="/); // the page's CSP allows no inline style attributes
    const page = renderCardPage(card);
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain(html);
  });
});
