/** Writes docs/rules/*.md and docs/vocabulary.md from the rules and lexicons (npm run docs). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./lib/inputs.js";
import { renderDocs } from "./lib/rule-docs.js";

for (const [path, content] of await renderDocs()) {
  mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
  writeFileSync(join(REPO_ROOT, path), content);
  console.log(`wrote ${path}`);
}
