/**
 * Issue 9: a note of any shape is checked in time about linear in its length. Notes are built from random
 * runs of the shapes that once hung a pattern (separator lines, levels, causes, fusion words, pipes,
 * brackets, spoken punctuation); each one is checked at one size and at eight times that size, and the
 * larger must not take more than 30 times longer (linear is 8; quadratic would be 64). Generous bounds: it
 * flags super-linear growth, not a slow machine. The seed is printed by fast-check on failure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";

const PIECES = [
  "-".repeat(40), "=".repeat(30), "_".repeat(25), " | ", "C1-C2 ", "C1–2 ", "occiput to C2 ", "fusion ", "ankylosis ",
  "rheumatoid arthritis ", "due to ", "no ", "not ", "if ", "consent signed for ", "s/p ", "(", ")", "[x] ", "; ",
  "? ", "period ", "comma ", "\n", "\r\n", "IMPRESSION: ", "Plan: ", "CT: ", "bony bridging ", "no motion ",
  "joint space preserved ", "appeared ", "a".repeat(30), "1. ", "- ", "\u00a0", "\t",
];

function timeOf(note: string): number {
  const t = performance.now();
  check(note, { maxNoteChars: Infinity });
  return performance.now() - t;
}

describe("check() time grows about linearly with the note", () => {
  it("8x the note takes at most 30x the time", { timeout: 120_000 }, () => {
    for (let i = 0; i < 50; i++) check("IMPRESSION: C1-C2 ankylosis due to RA; CT shows bony bridging."); // warm-up
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 20, maxLength: 80 }), (parts) => {
        const unit = parts.join("");
        const small = unit.repeat(4);
        const large = unit.repeat(32);
        const a = Math.min(timeOf(small), timeOf(small));
        const b = Math.min(timeOf(large), timeOf(large));
        expect(b).toBeLessThan(30 * Math.max(a, 0.5) + 20);
      }),
      { numRuns: 25 },
    );
  });
});
