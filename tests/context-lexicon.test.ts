/** lexicons/context.json is strict data: broken entries fail at load, naming file, entry and field. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LEXICON_DIR, parseLexicon } from "../src/lexicon/load.js";
import { ContextLexiconSchema } from "../src/lexicon/context-schema.js";
import { CONTEXT_CATEGORIES } from "../src/types.js";

const shipped = JSON.parse(readFileSync(LEXICON_DIR + "context.json", "utf8")) as { rules: Record<string, unknown>[] } & Record<string, unknown>;

function withRule(rule: Record<string, unknown>, index = 0): string {
  const copy = structuredClone(shipped);
  copy.rules[index] = rule;
  return JSON.stringify(copy);
}

const load = (raw: string) => parseLexicon("context.json", raw, ContextLexiconSchema);

describe("lexicons/context.json", () => {
  it("loads, and has triggers for every category and every direction", () => {
    const lex = load(JSON.stringify(shipped));
    for (const category of CONTEXT_CATEGORIES) {
      expect(lex.rules.some((r) => r.category === category && r.direction !== "pseudo" && r.direction !== "terminate"), category).toBe(true);
    }
    for (const direction of ["forward", "backward", "bidirectional", "terminate", "pseudo"]) {
      expect(lex.rules.some((r) => r.direction === direction), direction).toBe(true);
    }
  });

  it("an unknown key is an error naming the entry and the key", () => {
    expect(() => load(withRule({ id: "x.no", category: "negated", literal: "no", direction: "forward", reach: 3 }))).toThrow(
      /lexicons\/context\.json: field rules, entry 0 \("x\.no"\).*reach/,
    );
  });

  it("optional tokens, the sentence-start anchor, sentence scope and adverb terminators are checked where they may appear", () => {
    const opt = (n: number) => Array.from({ length: n }, (_, k) => ({ in: [`w${k}`], optional: true }));
    expect(() => load(withRule({ id: "x.o", category: "negated", literal: "no", direction: "forward", pattern: ["no", ...opt(3)] }))).not.toThrow();
    expect(() => load(withRule({ id: "x.o", category: "negated", literal: "no", direction: "forward", pattern: ["no", ...opt(4)] }))).toThrow(/at most 3 optional/);
    expect(() => load(withRule({ id: "x.o", category: "negated", literal: "no", direction: "forward", pattern: opt(2) }))).toThrow(/not optional/);
    expect(() => load(withRule({ id: "x.o", category: "negated", literal: "no", direction: "forward", pattern: ["no", "^"] }))).toThrow(/"\^" \(sentence start\) may only open/);
    expect(() => load(withRule({ id: "x.o", category: "negated", literal: "no", direction: "forward", pattern: ["^"] }))).toThrow(/at least one real token/);
    expect(() => load(withRule({ id: "x.o", category: "negated", literal: "no", direction: "backward", scope: "sentence" }))).toThrow(/only forward triggers/);
    expect(() =>
      load(withRule({ id: "x.o", category: "hypothetical", hypotheticalKind: "declined", literal: "turned down", direction: "backward", scope: "sentence" })),
    ).not.toThrow();
    expect(() => load(withRule({ id: "x.o", category: "negated", literal: "no", direction: "forward", adverb: true }))).toThrow(/only terminators/);
  });

  it("a word-set token must name a set the lexicon defines; sets count as optional tokens like `in`", () => {
    expect(() => load(withRule({ id: "x.s", category: "experiencer", literal: "her friend", direction: "forward", pattern: ["her", { set: "relative" }] }))).not.toThrow();
    expect(() => load(withRule({ id: "x.s", category: "experiencer", literal: "her pal", direction: "forward", pattern: ["her", { set: ["relative", "pals"] }] }))).toThrow(
      /no word set "pals"/,
    );
    expect(() => load(withRule({ id: "x.s", category: "experiencer", literal: "x", direction: "forward", pattern: [{ set: "relative", optional: true }] }))).toThrow(/not optional/);
  });

  it("an antecedent belongs to experiencer triggers and names defined word sets", () => {
    const who = { id: "x.w", category: "experiencer", literal: "who", direction: "forward" };
    expect(() => load(withRule({ ...who, antecedent: { set: "relative", within: 8 } }))).not.toThrow();
    expect(() => load(withRule({ ...who, antecedent: { set: "pals", within: 8 } }))).toThrow(/no word set "pals"/);
    expect(() => load(withRule({ ...who, category: "negated", antecedent: { set: "relative", within: 8 } }))).toThrow(/only experiencer triggers/);
    expect(() => load(withRule({ ...who, antecedent: { set: "relative", within: 0 } }))).toThrow(/within/);
  });

  it("the relative vocabulary has the plural of each family noun that takes one", () => {
    const sets = (shipped.wordSets ?? {}) as Record<string, string[]>;
    const relative = new Set(sets.relative);
    for (const word of ["mother", "father", "sister", "brother", "son", "daughter", "cousin", "grandson", "granddaughter", "parent", "sibling", "twin"]) {
      expect(relative.has(word) && relative.has(word + "s"), word).toBe(true);
    }
  });

  it("a bad direction names the field", () => {
    expect(() => load(withRule({ id: "x.no", category: "negated", literal: "no", direction: "sideways" }))).toThrow(
      /entry 0 \("x\.no"\), field direction/,
    );
  });

  it("a duplicate id names the entry", () => {
    const dup = { ...shipped.rules[1]! };
    expect(() => load(withRule(dup, 0))).toThrow(/entry 1 .*field id: duplicate id/);
  });

  it("a trigger needs a real category; a terminator may stop 'any'", () => {
    expect(() => load(withRule({ id: "x.a", category: "any", literal: "no", direction: "forward" }))).toThrow(/field category/);
    expect(() => load(withRule({ id: "x.a", category: "any", literal: "but", direction: "terminate" }))).not.toThrow();
  });

  it("a hypothetical trigger must say its kind; a bad regex names the pattern token", () => {
    expect(() => load(withRule({ id: "x.if", category: "hypothetical", literal: "if", direction: "forward" }))).toThrow(/field hypotheticalKind/);
    expect(() => load(withRule({ id: "x.y", category: "historical", literal: "in 2019", direction: "backward", pattern: ["in", { regex: "(19" }] }))).toThrow(
      /field pattern, entry 1, field regex: bad regular expression/,
    );
  });

  it("'$' may only close a pattern", () => {
    expect(() => load(withRule({ id: "x.y", category: "negated", literal: ": none", direction: "backward", pattern: ["$", "none"] }))).toThrow(/may only close/);
  });

  it("invalid JSON names the file", () => {
    expect(() => load("{")).toThrow(/lexicons\/context\.json: not valid JSON/);
  });
});
