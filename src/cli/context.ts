/**
 * `cdicheck context`: the assertion engine on its own, for evaluation against public negation sets.
 * Standard input: one JSON object a line, `{"sentence", "target"}`, where target is a substring of
 * the sentence (its first occurrence) or `{"start", "end"}` offsets; optional `id` (echoed), `type`
 * (mention type) and `section` (a section kind, for section defaults). Standard output: one line per
 * input line, in order, `{"negated", "uncertain", "hypothetical", "historical", "experiencer", "cues"}`,
 * or `{"error": {code, message, line}}` for a bad line; the stream goes on. Blank lines are skipped.
 * Exit 2 on usage errors (arguments, unknown options).
 */
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { z } from "zod";
import { assertTargets } from "../pipeline/context.js";
import { SECTION_KINDS, type AssertedSpan } from "../types.js";

const OffsetsSchema = z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) });

const ContextRequestSchema = z.strictObject({
  id: z.union([z.string(), z.number()]).optional(),
  sentence: z.string(),
  target: z.union([z.string().min(1), OffsetsSchema]),
  type: z.string().min(1).optional(),
  section: z.enum(SECTION_KINDS).nullable().optional(),
});

export interface ContextLineError {
  id?: string | number;
  error: { code: "invalid_json" | "invalid_request" | "target_not_found" | "bad_offsets"; message: string; line: number };
}

export type ContextLineResult = (AssertedSpan & { id?: string | number }) | ContextLineError;

/** One input line to one output object; never throws on bad input. */
export function contextJsonlLine(line: string, lineNo: number): ContextLineResult {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    return { error: { code: "invalid_json", message: `line ${lineNo}: not valid JSON (${(err as Error).message})`, line: lineNo } };
  }
  const parsed = ContextRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `field "${issue.path.join(".")}"` : "request";
    const id = raw && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
    return {
      ...(typeof id === "string" || typeof id === "number" ? { id } : {}),
      error: { code: "invalid_request", message: `line ${lineNo}: ${where}: ${issue.message}`, line: lineNo },
    };
  }
  const req = parsed.data;
  const idPart = req.id !== undefined ? { id: req.id } : {};
  let start: number;
  let end: number;
  if (typeof req.target === "string") {
    start = req.sentence.indexOf(req.target);
    if (start < 0) {
      return { ...idPart, error: { code: "target_not_found", message: `line ${lineNo}: target is not a substring of sentence`, line: lineNo } };
    }
    end = start + req.target.length;
  } else {
    ({ start, end } = req.target);
    if (!(start < end && end <= req.sentence.length)) {
      return {
        ...idPart,
        error: { code: "bad_offsets", message: `line ${lineNo}: target offsets [${start}, ${end}) must satisfy start < end <= ${req.sentence.length} (sentence length)`, line: lineNo },
      };
    }
  }
  const target = { start, end, ...(req.type !== undefined ? { type: req.type } : {}) };
  const [result] = assertTargets(req.sentence, { start: 0, end: req.sentence.length }, [target], req.section ?? null);
  return { ...idPart, ...result! };
}

async function runContext(): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === "") continue;
    process.stdout.write(JSON.stringify(contextJsonlLine(line, lineNo)) + "\n");
  }
}

export function registerContext(program: Command): void {
  program
    .command("context")
    .description('assertion engine alone: stdin JSONL {"sentence", "target"} -> stdout JSONL {"negated", "uncertain", "hypothetical", "historical", "experiencer", "cues"}')
    // Set here: the root program's exitOverride does not reach subcommands registered before it.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async () => {
      await runContext();
    });
}
