/**
 * The scan's fast paths against plain reference implementations: the character-class tokenizer must
 * cut exactly where the token regex does, the hash filter must never turn away a token of its set, and
 * the level grammar tried only at candidate tokens must find what the same grammar finds scanning every
 * position.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vocabulary } from "../../src/lexicon/index.js";
import { compileLevelGrammar, findLevels } from "../../src/pipeline/levels.js";
import { fold } from "../../src/pipeline/text.js";
import { scanNote } from "../../src/pipeline/scan.js";
import { hashToken, tokenize, TokenFilter } from "../../src/pipeline/tokens.js";

const PIECES = [
  "c1", "C1-C2", "c1-2", "C1to C3", "c5and c6", "O-C2", "occ-c2", "occiput to C2", "base of the skull to c1", "t12-l1", "s1",
  "c 1", "c-1", "c12", "C1/C2", "C1 & C2", "oc-c2", "o/c2", "skull base-c1", "cranium", "of", "to", "the", "İ", "😀",
  "\u00a0", "\u2028", "\ufeff", "\u3000", "\t", "\r\n", "—", ".", ",", "-", "x", "ankylosis",
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 5 }), fc.string({ unit: "binary", maxLength: 3 })), { maxLength: 40 })
  .map((parts) => parts.join(fc.sample(fc.constantFrom(" ", "", "\n"), 1)[0]!));

/** The regex the tokenizer replaced. */
function referenceTokens(folded: string, from = 0, to = folded.length): [number, number][] {
  const re = /[a-z0-9]+|[^\sa-z0-9]/g;
  re.lastIndex = from;
  const out: [number, number][] = [];
  for (let m = re.exec(folded); m !== null && m.index < to; m = re.exec(folded)) out.push([m.index, Math.min(m.index + m[0].length, to)]);
  return out;
}

describe("tokenize", () => {
  it("cuts the folded text exactly where the token regex does, with each token's hash", () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (raw, a, b) => {
        const folded = fold(raw);
        const from = Math.min(a % (folded.length + 1), b % (folded.length + 1));
        const to = Math.max(a % (folded.length + 1), b % (folded.length + 1));
        const toks = tokenize(folded, from, to);
        const got = Array.from({ length: toks.count }, (_, i) => [toks.starts[i]!, toks.ends[i]!] as [number, number]);
        expect(got).toEqual(referenceTokens(folded, from, to));
        for (let i = 0; i < toks.count; i++) expect(toks.hashes[i]).toBe(hashToken(folded.slice(toks.starts[i]!, toks.ends[i]!)));
      }),
      { numRuns: 300 },
    );
  });

  it("grows past its first guess of the token count", () => {
    const folded = "a.".repeat(5000);
    expect(tokenize(folded).count).toBe(10000);
  });
});

describe("TokenFilter", () => {
  it("admits every token of its set (it may admit others; the caller checks the text)", () => {
    const starts = [...(vocabulary().trie.next?.keys() ?? [])];
    const filter = new TokenFilter(starts);
    for (const t of starts) expect(filter.has(hashToken(t)), t).toBe(true);
  });
});

describe("level grammar at candidate tokens", () => {
  const grammar = compileLevelGrammar(vocabulary().occiputAliases);
  const levels = (s: string) => {
    const folded = fold(s);
    return findLevels(grammar, folded, tokenize(folded)).map((h) => ({ text: s.slice(h.start, h.end), levels: h.levels }));
  };

  it("reads ranges run into their range word (transcription without the space)", () => {
    expect(levels("fusion C1to C3")).toEqual([{ text: "C1to C3", levels: [1, 2, 3] }]);
    expect(levels("occiputto C2")).toEqual([{ text: "occiputto C2", levels: [0, 1, 2] }]);
    // No space at all: the alias, the range word and the level in one token (a case fast-check found).
    expect(levels("\r\ncraniumtot12-l1")[0]).toEqual({ text: "craniumtot12", levels: expect.any(Array) });
  });

  it("reads a level range written with a space after the letter, and no bare spaced number", () => {
    const lv = (t: string) => scanNote(t, fold(t)).filter((h) => h.type === "segment").map((h) => [t.slice(h.start, h.end), h.levels]);
    expect(lv("Ankylosis C 1-2 due to DISH.")).toEqual([["C 1-2", [1, 2]]]);
    expect(lv("C 2–3 fusion.")).toEqual([["C 2–3", [2, 3]]]);
    expect(lv("Vitamin C 1000 mg daily; lesion L 3 cm; grade C 2 of 5.")).toEqual([]);
  });

  it("reads every way of writing a level or range", () => {
    expect(levels("C1-C2, C1-2, C1/2, O-C2, Oc-C2, C0-C2, occiput to C2, T12-L1, C1 and C2, base of the skull to C1")).toEqual([
      { text: "C1-C2", levels: [1, 2] },
      { text: "C1-2", levels: [1, 2] },
      { text: "C1/2", levels: [1, 2] },
      { text: "O-C2", levels: [0, 1, 2] },
      { text: "Oc-C2", levels: [0, 1, 2] },
      { text: "C0-C2", levels: [0, 1, 2] },
      { text: "occiput to C2", levels: [0, 1, 2] },
      { text: "T12-L1", levels: [19, 20] },
      { text: "C1 and C2", levels: [1, 2] },
      { text: "base of the skull to C1", levels: [0, 1] },
    ]);
  });

  it("finds exactly what the grammar finds tried at every position (the token test only saves time)", () => {
    for (const raw of ["\r\ncraniumtot12-l1", "occiputtoc2", "skullthroughc1"]) {
      const folded = fold(raw);
      expect(findLevels(grammar, folded, tokenize(folded))).toEqual(grammar.matchAt(folded, Array.from({ length: folded.length }, (_, i) => i)));
    }
    fc.assert(
      fc.property(text, (raw) => {
        const folded = fold(raw);
        const everywhere = Array.from({ length: folded.length }, (_, i) => i);
        expect(findLevels(grammar, folded, tokenize(folded))).toEqual(grammar.matchAt(folded, everywhere));
      }),
      { numRuns: 500 },
    );
  });
});
