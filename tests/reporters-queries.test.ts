/**
 * The text and HTML reports show each provider query's structure under its text: what it closes, the
 * clinical indicators with their section (and date, and offsets), and the options as a list.
 */
import { describe, expect, it } from "vitest";
import { check } from "../src/check.js";
import { renderHtml, renderReport } from "../src/reporters/html.js";
import { renderText } from "../src/reporters/text.js";

const note = "PMH: rheumatoid arthritis.\nAssessment: C1-C2 ankylosis, ?inflammatory vs degenerative.\nImaging (01/05/2024): no fracture. Bony bridging across C1-C2.";
const result = check(note);
const cause = result.queryDetails.find((q) => q.closes === "underlying_condition")!;

describe("text report", () => {
  const text = renderText(result, note, { color: false });
  const block = text.slice(text.indexOf("Provider queries"));

  it("has a cause query to show", () => {
    expect(cause).toBeDefined();
    expect(result.queries.length).toBeGreaterThan(0);
  });

  it("prints each query, then its indicators with section and offsets, then its options one per line", () => {
    for (const q of result.queryDetails) {
      expect(block).toContain(`closes ${q.closes}; indicators:`);
      for (const i of q.indicators) expect(block).toContain(`[${i.start}-${i.end}]`);
    }
    expect(block).toContain('"rheumatoid arthritis"  Past medical history  [5-25]');
    expect(block).toContain('"C1-C2 ankylosis"  Assessment');
    const lines = block.split("\n").map((l) => l.trim());
    for (const label of ["○ Due to rheumatoid arthritis", "○ Due to inflammatory arthritis", "○ Due to degenerative disease", "○ Other (please specify)", "○ Unable to determine"]) {
      expect(lines).toContain(label);
    }
  });
});

describe("HTML report", () => {
  const html = renderHtml(result, note);

  it("shows one structure per query, with the indicators, their section and the options as list items", () => {
    expect((html.match(/class="q-structure"/g) ?? []).length).toBe(result.queries.length);
    expect(html).toContain('<q class="q-ind">rheumatoid arthritis</q> <span class="q-where">PMH</span> <span class="q-off">[5-25]</span>');
    expect(html).toContain('<li class="q-option q-answer">Due to inflammatory arthritis</li>');
    expect(html).toContain('<li class="q-option q-other">Other (please specify)</li>');
    expect(html).toContain('<li class="q-option q-unable_to_determine">Unable to determine</li>');
  });

  it("escapes the note's words in the indicators and options", () => {
    const tricky = 'Assessment: C1-C2 ankylosis, "<b>RA</b>"? possibly degenerative.\nCT: bony bridging across C1-C2.';
    const r = check(tricky);
    const out = renderReport(tricky, r);
    expect(r.queryDetails.length).toBeGreaterThan(0);
    expect(out).not.toContain("<b>RA</b>");
  });

  it("shows no structure for a result without queryDetails (an older result)", () => {
    const { queryDetails: _omit, ...older } = result;
    const out = renderReport(note, older as typeof result);
    expect(out).toContain('class="q-text"');
    expect(out).not.toContain('class="q-structure"');
  });
});
