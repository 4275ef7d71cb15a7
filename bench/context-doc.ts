/**
 * Regenerates the trigger table in docs/context.md from lexicons/context.json.
 * `npx tsx bench/context-doc.ts` writes it; `--check` exits 1 if the committed table is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { contextRules } from "../src/pipeline/context.js";
import { renderTriggerTable, replaceTable } from "./lib/context-table.js";

const DOC = fileURLToPath(new URL("../docs/context.md", import.meta.url));
const doc = readFileSync(DOC, "utf8");
const next = replaceTable(doc, renderTriggerTable(contextRules().lexicon));
if (process.argv.includes("--check")) {
  if (next !== doc) {
    process.stderr.write("docs/context.md: trigger table is stale; run npx tsx bench/context-doc.ts\n");
    process.exit(1);
  }
} else if (next !== doc) {
  writeFileSync(DOC, next);
  process.stdout.write("docs/context.md: trigger table regenerated\n");
} else {
  process.stdout.write("docs/context.md: trigger table up to date\n");
}
