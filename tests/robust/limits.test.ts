/**
 * Issue 9: a note over the size limit is a typed error (library), exit 2 with one line (check), an error
 * row (check --jsonl); a dense note's result stays bounded (mentions and evidence capped, counted).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { check, DEFAULT_MAX_NOTE_CHARS, MAX_EVIDENCE, MAX_MENTIONS, NoteTooLargeError, ResultSchema, resultJsonSchema } from "../../src/index.js";
import { CLI, ROOT, tmp } from "../scan-helpers.js";

describe("note size limit and bounded results", () => {
  it("throws NoteTooLargeError over maxNoteChars, naming the limit and the size", () => {
    const note = "Neck pain. ".repeat(20);
    expect(() => check(note, { maxNoteChars: 100 })).toThrow(NoteTooLargeError);
    try {
      check(note, { maxNoteChars: 100 });
    } catch (err) {
      const e = err as NoteTooLargeError;
      expect(e.code).toBe("note_too_large");
      expect(e.limit).toBe(100);
      expect(e.chars).toBe(note.length);
      expect(e.message).toContain("100-character limit");
      expect(e.message).not.toContain("Neck pain");
    }
    expect(DEFAULT_MAX_NOTE_CHARS).toBe(2_000_000);
    expect(() => check("x".repeat(DEFAULT_MAX_NOTE_CHARS + 1))).toThrow(NoteTooLargeError);
  });

  it("keeps a dense note's result small: mentions and evidence capped and counted", () => {
    const note = "C1-C2 ".repeat(Math.floor(1_900_000 / 6));
    const result = check(note);
    expect(ResultSchema.safeParse(result).success).toBe(true);
    const json = JSON.stringify(result);
    expect(json.length).toBeLessThan(note.length * 10);
    expect(json.length).toBeLessThan(2_000_000);
    expect(result.mentions.length).toBe(MAX_MENTIONS);
    expect(result.mentionsOmitted).toBeGreaterThan(300_000);
    for (const e of result.elements) expect(e.evidence.length).toBeLessThanOrEqual(MAX_EVIDENCE);
    for (const m of result.mentions) expect(note.slice(m.start, m.end)).toBe(m.text);
    // The JSON Schema (`cdicheck schema`) knows the new field and still validates the result.
    const schema = resultJsonSchema() as { properties: Record<string, unknown> };
    expect(schema.properties.mentionsOmitted).toBeDefined();
    const ajv = new Ajv2020.default({ strict: false });
    expect(ajv.validate(schema, result), JSON.stringify(ajv.errors)).toBe(true);
    expect(ajv.validate(schema, { ...result, mentionsOmitted: "many" })).toBe(false);
  }, 120_000);

  it("check: an 8 MB dense note exits 2 with one line naming the limit, no stack trace", () => {
    const dir = tmp("cdicheck-limit-");
    const file = join(dir, "dense.txt");
    writeFileSync(file, "C1-C2 ".repeat(Math.ceil(8_000_000 / 6)));
    const started = Date.now();
    const r = spawnSync(process.execPath, [CLI, "check", file, "--format", "json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/note is 8000004 characters, over the 2000000-character limit \(--max-note-chars\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const lower = spawnSync(process.execPath, [CLI, "check", "-", "--format", "json", "--max-note-chars", "20"], { cwd: ROOT, input: "Acquired C1-C2 ankylosis.", encoding: "utf8" });
    expect(lower.status).toBe(2);
    expect(lower.stderr).toMatch(/over the 20-character limit/);
  }, 60_000);

  it("check --jsonl: a note over the limit is an error row and the stream goes on", () => {
    const input = [
      JSON.stringify({ id: "a", text: "x".repeat(50) }),
      '{"id": 12345678901234567890, "text": "Acquired C1-C2 ankylosis."}',
    ].join("\n");
    const r = spawnSync(process.execPath, [CLI, "check", "--jsonl", "--max-note-chars", "40"], { cwd: ROOT, input, encoding: "utf8" });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({ id: "a", error: { code: "note_too_large" } });
    expect(rows[0].error.message).toContain("50 characters, over the 40-character limit");
    expect(rows[1].id).toBe("12345678901234567890");
    expect(rows[1].verdict).toBeDefined();
  });
});
