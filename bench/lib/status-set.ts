/**
 * The procedure-status evaluation set (corpus/status/sentences.jsonl): short snippets that each name a spine
 * operation, with the gold status of one target mention. Loaded with a strict schema; scored by running the
 * whole checker on each snippet (with a first line naming the kind of document, as a real note would) and
 * reading the status of the mention that covers the target.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { check } from "../../src/index.js";
import { PROCEDURE_STATUSES, type ProcedureStatus } from "../../src/domain.js";

export const STATUS_SET = join(import.meta.dirname, "..", "..", "corpus", "status", "sentences.jsonl");
/** The second set (es-2001 on), written blind on 2026-12-03 and scored before it was read (corpus/status/README-set2.md). */
export const STATUS_SET_2 = join(import.meta.dirname, "..", "..", "corpus", "status", "sentences-2.jsonl");
/** The third set (es-3001 on), written blind on 2026-12-03 and scored before it was read (corpus/status/README-set3.md). */
export const STATUS_SET_3 = join(import.meta.dirname, "..", "..", "corpus", "status", "sentences-3.jsonl");
/** The fourth set (es-4001 on), written blind on 2026-12-03 (third session) and scored before it was read (corpus/status/README-set4.md). */
export const STATUS_SET_4 = join(import.meta.dirname, "..", "..", "corpus", "status", "sentences-4.jsonl");
/** Today's accepted disagreements on the status set: id, expected, got. */
export const STATUS_LEDGER = join(import.meta.dirname, "..", "..", "corpus", "status", "ledger.json");

const DOC_TYPES = ["progress", "consult", "preop_hp", "operative", "discharge", "radiology", "consent", "education", "therapy", "scribe"] as const;

const ItemSchema = z.strictObject({
  id: z.string().regex(/^es-\d{4}$/),
  text: z.string().min(1),
  target: z.string().min(1),
  occurrence: z.number().int().min(1).optional(),
  status: z.enum(PROCEDURE_STATUSES),
  docType: z.enum(DOC_TYPES),
});
export type StatusItem = z.infer<typeof ItemSchema>;

/**
 * Part of the set: "dev", the odd ids of the first set (read while the status cues were written), "test", its
 * even ids (never read), "set2", the second set (first scored 0.779 unread, then read), or "set3", the third
 * (first scored 0.778 unread; read in the third session), or "set4", the fourth (first scored 0.758 unread; not read
 * to fix anything yet); anything else, all.
 */
export function halfOf(items: readonly StatusItem[], half: string | undefined): StatusItem[] {
  const n = (i: StatusItem) => Number(i.id.slice(3));
  if (half === "set2") return items.filter((i) => n(i) >= 2000 && n(i) < 3000);
  if (half === "set3") return items.filter((i) => n(i) >= 3000 && n(i) < 4000);
  if (half === "set4") return items.filter((i) => n(i) >= 4000);
  if (half !== "dev" && half !== "test") return [...items];
  return items.filter((i) => n(i) < 2000 && n(i) % 2 === (half === "dev" ? 1 : 0));
}

/** The title line a note of each kind opens with. */
const TITLE: Record<(typeof DOC_TYPES)[number], string> = {
  progress: "PROGRESS NOTE",
  consult: "CONSULTATION",
  preop_hp: "PREOPERATIVE HISTORY AND PHYSICAL",
  operative: "OPERATIVE REPORT",
  discharge: "DISCHARGE SUMMARY",
  radiology: "RADIOLOGY REPORT",
  consent: "INFORMED CONSENT",
  education: "PATIENT EDUCATION",
  therapy: "PHYSICAL THERAPY EVALUATION",
  scribe: "VISIT SUMMARY (AI-ASSISTED DRAFT)",
};

/** Both sets (or one file when a path is given). */
export function loadStatusSet(path?: string): StatusItem[] {
  if (path === undefined) return [...loadStatusFile(STATUS_SET), ...loadStatusFile(STATUS_SET_2), ...loadStatusFile(STATUS_SET_3), ...loadStatusFile(STATUS_SET_4)];
  return loadStatusFile(path);
}

function loadStatusFile(path: string): StatusItem[] {
  const lines = readFileSync(path, "utf8").split("\n").filter((l) => l.trim());
  return lines.map((l, i) => {
    const r = ItemSchema.safeParse(JSON.parse(l));
    if (!r.success) throw new Error(`${path}: line ${i + 1}: ${r.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
    const item = r.data;
    if (targetStart(item.text, item.target, item.occurrence ?? 1) < 0) throw new Error(`${path}: line ${i + 1} (${item.id}): target not found`);
    return item;
  });
}

function targetStart(text: string, target: string, occurrence: number): number {
  let at = -1;
  for (let k = 0; k < occurrence; k++) {
    at = text.indexOf(target, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

export interface StatusOutcome {
  item: StatusItem;
  got: ProcedureStatus | "unseen";
  cue?: string;
}

/** Run the checker on one item and read the status of the operation mention covering its target. */
export function scoreItem(item: StatusItem): StatusOutcome {
  const title = TITLE[item.docType];
  const note = `${title}\n${item.text}\n`;
  const start = title.length + 1 + targetStart(item.text, item.target, item.occurrence ?? 1);
  const end = start + item.target.length;
  const r = check(note);
  const over = r.mentions.filter((m) => m.procedure && m.start < end && m.end > start);
  if (!over.length) {
    // A fusion word the pipeline did not read as an operation, asserted for the patient: it counts as there
    // (a finding), which for an operation means done. Anything else is unseen.
    const seen = r.mentions.some((m) => (m.type === "fusion" || m.type === "surgery") && m.start < end && m.end > start);
    return { item, got: seen ? "performed" : "unseen" };
  }
  // The mention whose span overlaps the target most.
  const best = over.sort((a, b) => overlap(b, start, end) - overlap(a, start, end))[0]!;
  return { item, got: best.procedure!.status, cue: best.procedure!.cue?.text };
}

function overlap(m: { start: number; end: number }, s: number, e: number): number {
  return Math.min(m.end, e) - Math.max(m.start, s);
}

export interface StatusReport {
  items: number;
  accuracy: number;
  /** Did-it-happen accuracy: performed (before or here) against everything else. */
  actualAccuracy: number;
  confusion: Record<string, Record<string, number>>;
  errors: StatusOutcome[];
}

export function scoreStatusSet(items: readonly StatusItem[]): StatusReport {
  const labels = [...PROCEDURE_STATUSES, "unseen"] as const;
  const confusion = Object.fromEntries(PROCEDURE_STATUSES.map((g) => [g, Object.fromEntries(labels.map((l) => [l, 0]))]));
  const errors: StatusOutcome[] = [];
  let right = 0;
  let actualRight = 0;
  const actual = (s: string) => s === "performed" || s === "performed_here";
  for (const item of items) {
    const o = scoreItem(item);
    confusion[item.status]![o.got]!++;
    if (o.got === item.status) right++;
    else errors.push(o);
    if (actual(o.got) === actual(item.status)) actualRight++;
  }
  return { items: items.length, accuracy: right / items.length, actualAccuracy: actualRight / items.length, confusion, errors };
}

export interface StatusLedger {
  about: string;
  accuracy: number;
  disagreements: { id: string; expected: string; got: string }[];
}

export function statusLedgerOf(r: StatusReport): StatusLedger {
  return {
    about:
      "Procedure-status disagreements accepted today (npx tsx bench/eval-status.ts --write-ledger). tests/status-eval.test.ts fails on a disagreement not listed here and on a listed one that no longer occurs. The odd ids were read while the status cues were written; the even ids were not read.",
    accuracy: Number(r.accuracy.toFixed(4)),
    disagreements: r.errors.map((e) => ({ id: e.item.id, expected: e.item.status, got: e.got })),
  };
}
