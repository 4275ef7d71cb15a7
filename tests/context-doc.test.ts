/** docs/context.md's trigger table is generated from lexicons/context.json, never typed by hand. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contextRules } from "../src/pipeline/context.js";
import { renderTriggerTable, replaceTable } from "../bench/lib/context-table.js";

describe("docs/context.md", () => {
  it("holds the trigger table exactly as generated from the lexicon (run: npx tsx bench/context-doc.ts)", () => {
    const doc = readFileSync(new URL("../docs/context.md", import.meta.url), "utf8");
    expect(replaceTable(doc, renderTriggerTable(contextRules().lexicon))).toBe(doc);
  });
  it("lists every rule id once", () => {
    const table = renderTriggerTable(contextRules().lexicon);
    for (const rule of contextRules().lexicon.rules) expect(table.split(`\`${rule.id}\``).length - 1, rule.id).toBe(1);
  });
});
