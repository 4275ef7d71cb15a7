/** Every rule has test cases and a current generated doc, as ESLint checks for its rules. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../bench/lib/inputs.js";
import { loadCases, renderDocs } from "../../bench/lib/rule-docs.js";
import { codesLexicon } from "../../src/lexicon/index.js";
import { ELEMENT_RULES } from "../../src/rules/elements/index.js";
import { ROUTING_RULES } from "../../src/rules/routing/index.js";

describe("rule meta", () => {
  it("every element and routing rule has valid and invalid cases", async () => {
    const { elements, routing } = await loadCases();
    for (const r of ELEMENT_RULES) {
      expect(elements.get(r.meta.id)?.valid.length, r.meta.id).toBeGreaterThan(0);
      expect(elements.get(r.meta.id)?.invalid.length, r.meta.id).toBeGreaterThan(0);
    }
    for (const r of ROUTING_RULES) {
      expect(routing.get(r.meta.id)?.valid.length, r.meta.id).toBeGreaterThan(0);
      expect(routing.get(r.meta.id)?.invalid.length, r.meta.id).toBeGreaterThan(0);
    }
  });

  it("every code a rule may suggest is in lexicons/codes.json with its official title", () => {
    const known = new Set(codesLexicon().codes.map((c) => c.code));
    for (const r of ROUTING_RULES) for (const c of r.meta.codes) expect(known.has(c), `${r.meta.id}: ${c}`).toBe(true);
  });

  it("docs/rules and docs/vocabulary.md are current (run `npm run docs`)", async () => {
    for (const [path, content] of await renderDocs()) {
      expect(readFileSync(join(REPO_ROOT, path), "utf8"), path).toBe(content);
    }
  });
});
