/**
 * Invariants of assertTargets on generated notes: never throws, one result per target, an attribute is
 * set exactly when a cue names it, every cue is the note's own slice and lies inside the sentence (a section default: the empty span at its start).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertTargets } from "../src/pipeline/context.js";
import { SECTION_KINDS } from "../src/types.js";

const WORDS = [
  "no", "not", "denies", "negative", "for", "none", ":", "-", ",", ".", ";", "(", ")", "?", "if", "rule", "out", "r/o",
  "possible", "is", "excluded", "cannot", "exclude", "history", "of", "s/p", "in", "2019", "mother", "per", "her", "family",
  "but", "which", "fusion", "C1-C2", "ankylosis", "change", "gram", "resolved", "planned", "scheduled", "İ", "é", "😀", "\n", "  ",
];

const noteArb = fc
  .tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 60 }), fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
  .map(([words, before, after]) => ({ before, sentence: words.join(" "), after }));

describe("assertTargets invariants", () => {
  it("holds on generated sentences with arbitrary text around them", () => {
    fc.assert(
      fc.property(
        noteArb,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 5 }),
        fc.option(fc.constantFrom(...SECTION_KINDS), { nil: null }),
        ({ before, sentence, after }, spans, section) => {
          const note = before + sentence + after;
          const s = { start: before.length, end: before.length + sentence.length };
          const len = sentence.length;
          const targets = spans.map(([a, b]) => {
            const x = s.start + (a % len);
            const y = s.start + (b % len);
            return { start: Math.min(x, y), end: Math.max(x, y) + 1 };
          });
          const out = assertTargets(note, s, targets, section);
          expect(out).toHaveLength(targets.length);
          for (const r of out) {
            expect(r.experiencer === "patient" || r.experiencer === "other").toBe(true);
            // Every attribute that is set names the cue that set it.
            for (const c of ["negated", "uncertain", "hypothetical", "historical"] as const) {
              expect(r[c]).toBe(r.cues.some((cue) => cue.category === c));
            }
            expect(r.experiencer === "other").toBe(r.cues.some((cue) => cue.category === "experiencer"));
            for (const cue of r.cues) {
              expect(note.slice(cue.start, cue.end)).toBe(cue.text);
              expect(cue.start).toBeGreaterThanOrEqual(s.start);
              expect(cue.end).toBeLessThanOrEqual(s.end);
              if (cue.rule.startsWith("section:")) expect(cue).toMatchObject({ start: s.start, end: s.start, text: "" });
              expect(r[cue.category === "experiencer" ? "experiencer" : cue.category]).toBe(cue.category === "experiencer" ? "other" : true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
