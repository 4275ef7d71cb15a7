/**
 * Developer tool: follow one note through the pipeline, stage by stage.
 *   npx tsx bench/trace.ts corpus/notes/<id>.txt
 */
import { readFileSync } from "node:fs";
import { buildFacts } from "../src/pipeline/findings.js";
import { judgeElements } from "../src/pipeline/elements.js";
import { buildMentions } from "../src/pipeline/mentions.js";
import { route } from "../src/pipeline/routing.js";
import { focus, keepInFocus } from "../src/pipeline/focus.js";
import { scanCues, scanNote } from "../src/pipeline/scan.js";
import { findSections } from "../src/pipeline/sections.js";
import { splitSentences } from "../src/pipeline/sentences.js";
import { fold } from "../src/pipeline/text.js";

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const sections = findSections(text);
  const sentences = splitSentences(text, sections);
  const folded = fold(text);
  const hits = scanNote(text, folded);
  const near = focus(sentences, hits);
  const mentions = buildMentions(text, sections, sentences, [...keepInFocus(hits, sentences, near), ...scanCues(folded, near.spans)]);
  const facts = buildFacts(text, sections, sentences, mentions);
  console.log(`### ${file}`);
  sentences.forEach((s, i) => {
    const ms = mentions.filter((m) => m.sentence === i);
    if (!ms.length) return;
    console.log(`[${sections[s.section]!.kind}] ${JSON.stringify(text.slice(s.start, s.end))}`);
    for (const m of ms) {
      const a = m.assertion;
      const flags = [a.negated && "NEG", a.uncertain && "UNC", a.hypothetical && "HYP", a.historical && "HIST", a.experiencer === "other" && "OTHER"].filter(Boolean).join(",");
      console.log(`    ${m.type}/${m.kind}${m.cause ? "/" + m.cause : ""} "${m.text}" ${flags} ${a.cues.map((c) => `${c.category}:"${c.text}"`).join(" ")}`);
    }
  });
  for (const f of facts.findings) {
    console.log(`FINDING "${f.mention.text}" kind=${f.kind} unc=${f.uncertain} site=${f.site}${f.siteInferred ? "(inferred)" : ""} regions=${f.regions} origin=${f.origin} [${f.originMentions.map((m) => m.text)}] causes=${f.causes.map((c) => `${c.cause}${c.tied ? "+tied" : ""}${c.hedged ? "+hedged" : ""}`)}`);
  }
  for (const m of facts.setAside) console.log(`SET ASIDE "${m.text}"`);
  const el = judgeElements(facts);
  const r = route(facts, el);
  console.log(`VERDICT ${r.verdict} ${el.map((e) => `${e.rule.meta.id}=${e.outcome.status}`).join(" ")} ${r.suggestions.map((s) => `${s.code}/${s.relation}`).join(" ")}`);
  try {
    const exp = JSON.parse(readFileSync(file.replace(/\.txt$/, ".json"), "utf8"));
    console.log(`EXPECTED ${exp.verdict} ${Object.entries(exp.elements).map(([k, v]) => `${k}=${v}`).join(" ")} ${exp.suggestions.map((s: { code: string; relation: string }) => `${s.code}/${s.relation}`).join(" ")}\n  ${exp.rationale}`);
  } catch {
    /* no expectation beside the note */
  }
}
