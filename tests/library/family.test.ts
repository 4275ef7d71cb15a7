/**
 * The M43.2- family through the library: every code of M43.20 to M43.28 (lexicons/regions.json), the
 * category M43.2 (every code, the result for the best one and `family`), and the "done when" note.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { check, ResultSchema, SUPPORTED_CODES, UnsupportedCodeError } from "../../src/index.js";
import { FAMILY_CODE } from "../../src/contract.js";
import { codeTitle, regionsLexicon } from "../../src/lexicon/index.js";
import { ICD10CM_TABULAR } from "../../bench/lib/external.js";

const LUMBAR =
  "Assessment: acquired (non-surgical) ankylosis of the lumbar spine at L3-L4 and L4-L5 due to DISH. CT lumbar spine shows flowing osseous bridging across the L3-L4 and L4-L5 disc spaces with no residual joint space. Lumbar flexion is markedly limited.";
const SACROILIAC = "Assessment: acquired fusion of the left sacroiliac joint after septic sacroiliitis. CT pelvis shows complete osseous bridging across the left SI joint.";
const NO_SITE = "Acquired spinal ankylosis due to DISH; CT shows bony bridging.";
const TWO_REGIONS = "Assessment: acquired ankylosis of C5-C6 and of L3-L4 due to DISH. CT: bony bridging across C5-C6 and L3-L4.";

const codesOf = (r: { suggestions: { code: string; relation: string }[] }) => r.suggestions.map((s) => `${s.code} ${s.relation}`);

describe("the family's data", () => {
  it("lexicons/regions.json has a region for every supported code but the category, and no other", () => {
    const codes = regionsLexicon().regions.map((r) => r.code).sort();
    expect(codes).toEqual(SUPPORTED_CODES.filter((c) => c !== FAMILY_CODE).sort());
    expect(codes).toHaveLength(9);
  });

  it("each region's M45 and M48.1 codes are the tabular codes of that region (titles from data/icd10cm/)", () => {
    const xml = readFileSync(ICD10CM_TABULAR, "utf8");
    for (const r of regionsLexicon().regions) {
      // "Fusion of spine, lumbar region" -> "lumbar region"; M43.20 "site unspecified".
      const where = codeTitle(r.code).replace(/^Fusion of spine, /, "");
      expect(xml, r.code).toContain(`<name>${r.code}</name>`);
      expect(xml, r.dish).toContain(`<name>${r.dish}</name>`);
      expect(codeTitle(r.dish).endsWith(where), `${r.dish} "${codeTitle(r.dish)}" ends with "${where}"`).toBe(true);
      const as = codeTitle(r.ankylosingSpondylitis);
      const stem = where.replace(/ region$/, "").replace(/^site unspecified$/, "unspecified sites");
      expect(as.includes(stem), `${r.ankylosingSpondylitis} "${as}" names "${stem}"`).toBe(true);
    }
  });
});

describe("the family's data against the official Index (data/icd10cm/)", () => {
  const index = readFileSync(ICD10CM_TABULAR.replace("icd10cm-tabular-fy2026-extract.xml", "icd10cm-index-fy2027-extract.xml"), "utf8");
  const indexed = (title: string) => new RegExp(`<title>${title}(?:<nemod>[^<]*</nemod>)?[^<]*</title>\\s*<code>([^<]+)</code>`).exec(index)?.[1];

  it("Fusion, spine, <region>: the Index's code is the code regions.json gives the region", () => {
    for (const r of regionsLexicon().regions) {
      if (r.region === "unspecified" || r.region === "sacral") continue;
      // The Index writes "lumbar" without "region".
      expect(indexed(`${r.name} region`) ?? indexed(r.name), r.name).toBe(r.code);
    }
    expect(indexed("sacrococcygeal region")).toBe("M43.28");
    expect(indexed("spine")).toBe("M43.20");
  });

  it("Fusion, sacroiliac (joint) (acquired) is M43.28, the region whose named joints include the sacroiliac entry", () => {
    expect(indexed("sacroiliac")).toBe("M43.28");
    const sacral = regionsLexicon().regions.find((r) => r.namedJoints.some((j) => j.entry === "sacroiliac"));
    expect(sacral?.code).toBe("M43.28");
  });
});

describe("check() with a code of the family", () => {
  it("the issue's note: supported for M43.26, a redirect to M43.26 for M43.21", () => {
    const lumbar = check(LUMBAR, { code: "M43.26" });
    expect(lumbar.code).toBe("M43.26");
    expect(lumbar.verdict).toBe("supported");
    expect(lumbar.elements.find((e) => e.id === "segments")!.status).toBe("present");
    expect(codesOf(lumbar)).toEqual(["M48.16 consider"]);
    const m4321 = check(LUMBAR, { code: "M43.21" });
    expect(m4321.verdict).toBe("redirect");
    expect(codesOf(m4321)).toEqual(["M43.26 instead"]);
    expect(check(LUMBAR)).toEqual(m4321);
  });

  it("an acquired sacroiliac fusion is M43.28, as the Index places it; other codes send it there", () => {
    const r = check(SACROILIAC, { code: "M43.28" });
    expect(r.verdict).toBe("supported");
    expect(r.elements.find((e) => e.id === "segments")!.evidence.map((e) => e.text)).toContain("sacroiliac joint");
    expect(r.summary).toContain("sacral and sacrococcygeal");
    for (const code of ["M43.21", "M43.26", "M43.20"]) expect(codesOf(check(SACROILIAC, { code }))).toEqual(["M43.28 instead"]);
  });

  it("M43.20: incomplete with segments missing when the note gives no site, a redirect when it states one", () => {
    const none = check(NO_SITE, { code: "M43.20" });
    expect(none.verdict).toBe("incomplete");
    expect(none.elements.find((e) => e.id === "segments")!.status).toBe("missing");
    expect(none.queries.join(" ")).toMatch(/spinal region and levels/);
    const lumbar = check(LUMBAR, { code: "M43.20" });
    expect(lumbar.verdict).toBe("redirect");
    expect(codesOf(lumbar)).toEqual(["M43.26 instead"]);
  });

  it("every code's result validates against the unchanged single-code schema, offsets included", () => {
    for (const code of SUPPORTED_CODES) {
      for (const note of [LUMBAR, SACROILIAC, NO_SITE, TWO_REGIONS]) {
        const r = check(note, { code });
        expect(ResultSchema.safeParse(r).success, `${code}`).toBe(true);
        for (const e of r.elements.flatMap((el) => el.evidence)) expect(note.slice(e.start, e.end)).toBe(e.text);
        expect("family" in r).toBe(code === FAMILY_CODE);
      }
    }
  });

  it("a code outside the family is refused", () => {
    expect(() => check(LUMBAR, { code: "M43.29" })).toThrow(UnsupportedCodeError);
    expect(() => check(LUMBAR, { code: "M45.1" })).toThrow(UnsupportedCodeError);
  });
});

describe("check() with the category M43.2", () => {
  it("returns the result of the code the note best supports and lists every code with its verdict and score", () => {
    const r = check(LUMBAR, { code: "M43.2", id: "n1" });
    expect(r).toEqual({ ...check(LUMBAR, { code: "M43.26", id: "n1" }), family: r.family });
    expect(r.family!.map((f) => f.code)).toEqual(["M43.20", "M43.21", "M43.22", "M43.23", "M43.24", "M43.25", "M43.26", "M43.27", "M43.28"]);
    expect(r.family!.find((f) => f.code === "M43.26")).toEqual({ code: "M43.26", verdict: "supported", score: r.score });
    expect(r.family!.find((f) => f.code === "M43.21")!.verdict).toBe("redirect");
  });

  it("a note spanning two regions: both codes supported in the list", () => {
    const r = check(TWO_REGIONS, { code: "M43.2" });
    const supported = r.family!.filter((f) => f.verdict === "supported").map((f) => f.code);
    expect(supported).toEqual(["M43.22", "M43.26"]);
    expect(supported).toContain(r.code);
  });

  it("a fusion with no site: M43.20 wins the tie, since the note leaves the region open", () => {
    const r = check(NO_SITE, { code: "M43.2" });
    expect(r.code).toBe("M43.20");
    expect(r.verdict).toBe("incomplete");
  });

  it("a note with no fusion: not documented for every code", () => {
    const r = check("Neck pain for two weeks. Exam unremarkable.", { code: "M43.2" });
    expect(r.verdict).toBe("not_documented");
    expect(new Set(r.family!.map((f) => f.verdict))).toEqual(new Set(["not_documented"]));
  });
});
