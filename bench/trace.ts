/**
 * Developer tool: follow one note through the pipeline, stage by stage.
 *   npx tsx bench/trace.ts corpus/notes/<id>.txt
 *   npx tsx bench/trace.ts --code M43.26 corpus/family/<id>.txt   (another code of M43.2-)
 */
import { readFileSync } from "node:fs";
import { analyseNote } from "../src/check.js";
import { targetOf } from "../src/pipeline/facts/target.js";

// --code M43.26: trace the note against another code of the family (default M43.21).
const args = process.argv.slice(2);
const at = args.indexOf("--code");
const code = at >= 0 ? args.splice(at, 2)[1] : undefined;
const target = code === undefined ? undefined : targetOf(code);
if (code !== undefined && !target) throw new Error(`--code: not a code of M43.20 to M43.28: ${code}`);
for (const file of args) {
  const text = readFileSync(file, "utf8");
  const { sections, sentences, mentions, facts, elements: el, routing: r } = analyseNote(text, target);
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
  console.log(`VERDICT ${r.verdict} ${el.map((e) => `${e.rule.meta.id}=${e.outcome.status}`).join(" ")} ${r.suggestions.map((s) => `${s.code}/${s.relation}`).join(" ")}`);
  try {
    const exp = JSON.parse(readFileSync(file.replace(/\.txt$/, ".json"), "utf8"));
    console.log(`EXPECTED ${exp.verdict} ${Object.entries(exp.elements).map(([k, v]) => `${k}=${v}`).join(" ")} ${exp.suggestions.map((s: { code: string; relation: string }) => `${s.code}/${s.relation}`).join(" ")}\n  ${exp.rationale}`);
  } catch {
    /* no expectation beside the note */
  }
}
