/**
 * Property tests: whatever the text (CRLF, tabs, astral characters, 'İ', dashes, clinical words in
 * random order), check() never throws (a blank note throws EmptyNoteError, as the CLI and API refuse it),
 * the result validates against the schema, and every span it reports slices the original text exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check, EmptyNoteError, ResultSchema } from "../../src/index.js";

const WORDS = [
  "C1-C2", "C1–C2", "O-C2", "occiput", "atlas", "axis", "atlantoaxial", "fusion", "fused", "ankylosis", "no", "denies",
  "possible", "rule out", "s/p", "mother", "RA", "rheumatoid arthritis", "CT", "MRI", "bony bridging", "due to",
  "Klippel-Feil", "pseudarthrosis", "rotation limited", "myelopathy", "IMPRESSION:", "FAMILY HISTORY:", "PSH:",
  "İ", "𝔘", "😀", "\r\n", "\t", "\u00a0", "—", "“", "”", ".", ",", ";", ":", "\n\n", "C2", "fusion beats", "axis deviation",
];

const clinicalText = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 60 })
  .map((parts) => parts.join(" "));

function assertSpans(text: string, spans: { start: number; end: number; text: string }[]): void {
  for (const s of spans) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(s.start).toBeLessThanOrEqual(s.end);
    expect(text.slice(s.start, s.end)).toBe(s.text);
  }
}

describe("check() on arbitrary text", () => {
  it("never throws, validates, and every span slices the note", () => {
    fc.assert(
      fc.property(clinicalText, (text) => {
        if (!/\S/u.test(text)) {
          expect(() => check(text)).toThrow(EmptyNoteError);
          return;
        }
        const result = check(text);
        expect(ResultSchema.safeParse(result).success).toBe(true);
        for (const e of result.elements) assertSpans(text, e.evidence);
        for (const s of result.suggestions) assertSpans(text, s.evidence);
        assertSpans(text, result.mentions);
        for (const m of result.mentions) assertSpans(text, m.cues);
        expect(result.missing).toEqual(result.elements.filter((e) => e.status !== "present").map((e) => e.id));
      }),
      { numRuns: 400 },
    );
  });

  it("finds the same mentions whatever the line endings and case-folding traps before them", () => {
    fc.assert(
      fc.property(fc.constantFrom("", "İ", "İİİ\r\n", "😀\t", "\u00a0—"), (prefix) => {
        const note = `${prefix}Assessment: C1-C2 ankylosis due to rheumatoid arthritis.`;
        const m = check(note).mentions.find((x) => x.type === "fusion")!;
        expect(note.slice(m.start, m.end)).toBe("ankylosis");
      }),
    );
  });
});
