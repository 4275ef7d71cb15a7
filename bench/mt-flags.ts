/**
 * Developer tool: every MTSamples note the checker does not call not_documented, with its verdict,
 * suggestions and the sentence of its first fusion mention (for reviewing false alarms by hand).
 *   npx tsx bench/mt-flags.ts
 */
import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { check } from "../src/index.js";
import { MTSAMPLES_CSV } from "./lib/inputs.js";

if (!existsSync(MTSAMPLES_CSV)) {
  process.stderr.write(`mt-flags: ${MTSAMPLES_CSV} not found (set CDICHECK_SHARED to the folder holding data/mtsamples/)\n`);
  process.exit(2);
}

const rows = parse(readFileSync(MTSAMPLES_CSV), { columns: true }) as { note_id: string; sample_name: string; transcription: string }[];
const seen = new Set<string>();
for (const r of rows) {
  if (!r.transcription.trim() || seen.has(r.transcription)) continue;
  seen.add(r.transcription);
  const res = check(r.transcription);
  if (res.verdict === "not_documented") continue;
  const f = res.mentions.find((m) => m.type === "fusion" || m.type === "pseudarthrosis" || m.type === "congenital");
  const around = f ? r.transcription.slice(Math.max(0, f.start - 90), f.end + 60).replace(/\s+/g, " ") : "";
  console.log(`${r.note_id}\t${res.verdict}\t${res.suggestions.map((s) => `${s.code}/${s.relation}`).join(",")}\t${r.sample_name.trim()}\t…${around}…`);
}
