/**
 * Pipeline throughput, single thread: each stage timed on its own over the same notes, then the whole
 * check(). Run: npm run bench (all benches) or npx tsx bench/pipeline.ts.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { check } from "../src/index.js";
import { statusStage } from "../src/check.js";
import { judgeElements } from "../src/pipeline/elements.js";
import { buildFacts } from "../src/pipeline/findings.js";
import { buildMentions } from "../src/pipeline/mentions.js";
import { buildQueries } from "../src/pipeline/queries.js";
import { buildResult } from "../src/pipeline/result.js";
import { route } from "../src/pipeline/routing.js";
import { focus, keepInFocus } from "../src/pipeline/focus.js";
import { scanCues, scanNote } from "../src/pipeline/scan.js";
import { score } from "../src/pipeline/score.js";
import { findSections } from "../src/pipeline/sections.js";
import { splitSentences } from "../src/pipeline/sentences.js";
import { fold, layoutView } from "../src/pipeline/text.js";
import { corpusNotes, mtsamplesNotes, totalChars } from "./lib/inputs.js";

const STAGES = ["fold", "sections", "sentences", "scan", "focus+cues", "mentions+context", "document+status", "findings", "elements", "routing", "score+queries+result"] as const;

function stageTimes(notes: readonly string[]): Record<(typeof STAGES)[number], number> {
  const t = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<(typeof STAGES)[number], number>;
  for (const text of notes) {
    let a = performance.now();
    const lap = (stage: (typeof STAGES)[number]) => {
      const b = performance.now();
      t[stage] += b - a;
      a = b;
    };
    const folded = fold(text);
    lap("fold");
    const layout = layoutView(text);
    const sections = findSections(layout);
    lap("sections");
    const sentences = splitSentences(layout, sections);
    lap("sentences");
    const hits = scanNote(text, folded);
    lap("scan");
    const near = focus(sentences, hits);
    const focused = [...keepInFocus(hits, sentences, near), ...scanCues(folded, near.spans)];
    lap("focus+cues");
    const mentions = buildMentions(text, sections, sentences, focused);
    lap("mentions+context");
    const { bySentence } = statusStage(text, sections, sentences, mentions);
    lap("document+status");
    const facts = buildFacts(text, sections, sentences, mentions, bySentence);
    lap("findings");
    const elements = judgeElements(facts);
    lap("elements");
    const routing = route(facts, elements);
    lap("routing");
    const s = score(elements, routing.verdict, routing.uncertainOnly);
    buildResult(facts, elements, routing, s, buildQueries(facts, elements, routing), { code: "M43.21" });
    lap("score+queries+result");
  }
  return t;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export async function benchPipeline(): Promise<string> {
  const lines: string[] = [];
  for (const [name, notes] of [["corpus/", corpusNotes()], ["MTSamples", mtsamplesNotes()]] as const) {
    if (!notes.length) {
      lines.push(`${name}: not found, skipped`);
      continue;
    }
    const chars = totalChars(notes);
    for (const t of notes.slice(0, 300)) check(t); // warm up (JIT, lexicon load, compromise load)
    const stages = stageTimes(notes);
    const t0 = performance.now();
    for (const t of notes) check(t);
    const ms = performance.now() - t0;
    lines.push(`${name}: ${fmt(notes.length)} notes, ${fmt(chars / 1e6, 2)} M chars`);
    lines.push(`  whole check(): ${fmt((notes.length / ms) * 1000)} notes/s, ${fmt(chars / 1e6 / (ms / 1000), 2)} MB/s (${fmt(ms)} ms)`);
    for (const s of STAGES) {
      const st = stages[s];
      lines.push(`  ${s.padEnd(22)} ${fmt(st, 0).padStart(6)} ms  ${fmt(chars / 1e6 / (st / 1000), 1).padStart(7)} MB/s`);
    }
  }
  lines.push(coldPass());
  lines.push(...bigNotes());
  return lines.join("\n");
}

const COLD_CHILD = "--cold-pass-child";

/**
 * MTSamples checked in a fresh process: the first pass (lexicons compiled, V8 not yet optimized, which is
 * what each scan worker goes through) against the second. Runs this file again as a child process.
 */
function coldPass(): string {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), COLD_CHILD], { encoding: "utf8" });
  const m = /^cold (\d+) (\d+) (\d+)$/m.exec(r.stdout);
  if (!m) return `MTSamples in a fresh process: not measured (${r.stderr.trim().split("\n").pop() ?? `exit ${r.status}`})`;
  const [n, first, second] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return `MTSamples in a fresh process: first pass ${fmt(first)} ms (${fmt((n / first) * 1000)} notes/s), second pass ${fmt(second)} ms (${fmt((n / second) * 1000)} notes/s)`;
}

function coldChild(): void {
  const notes = mtsamplesNotes();
  const times: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const t0 = performance.now();
    for (const t of notes) check(t);
    times.push(Math.round(performance.now() - t0));
  }
  console.log(`cold ${notes.length} ${times.join(" ")}`);
}

/** One long note at 2 MB and at 20 MB: time should grow linearly with size. */
function bigNotes(): string[] {
  const paragraph =
    "HISTORY: The patient reports neck pain for several years without trauma. She denies fever, chills, weight loss or night sweats. " +
    "EXAM: Strength is 5/5 in all extremities and reflexes are symmetric. Gait is normal.\n";
  const unit = paragraph.repeat(40) + "IMPRESSION: Acquired C1-C2 ankylosis due to rheumatoid arthritis; CT shows bony bridging at C1-C2.\n";
  const out: string[] = ["single long notes (synthetic prose with a fusion finding every ~8 KB):"];
  for (const mb of [2, 20]) {
    const note = unit.repeat(Math.ceil((mb * 1024 * 1024) / unit.length));
    const t0 = performance.now();
    check(note, { maxNoteChars: Infinity }); // the linearity measure, past the default per-note limit
    const ms = performance.now() - t0;
    out.push(`  ${mb} MB note: ${fmt(ms)} ms (${fmt(note.length / 1e6 / (ms / 1000), 2)} MB/s)`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes(COLD_CHILD)) coldChild();
  else console.log(await benchPipeline());
}
