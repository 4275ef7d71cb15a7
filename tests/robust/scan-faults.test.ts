/**
 * Issue 9: in scan, a note over --max-note-chars is an error row (the rest is checked, quickly); a note
 * that overruns --timeout-ms or kills its worker is an error row, the worker is replaced, the scan goes
 * on, and --resume never runs into that note again. Faults are injected with the test-only
 * CDICHECK_TEST_FAULT variable (src/scan/worker.ts).
 */
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, truncateSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT, jsonl, tmp, write } from "../scan-helpers.js";

const NOTE = "IMPRESSION: Acquired C1-C2 ankylosis due to rheumatoid arthritis; CT shows bony bridging at C1-C2.";

function scan(args: string[], fault?: string) {
  const env = { ...process.env, ...(fault ? { CDICHECK_TEST_FAULT: fault } : {}) };
  const r = spawnSync(process.execPath, [CLI, "scan", ...args, "--quiet"], { cwd: ROOT, env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("scan: notes too large, too slow, or fatal to their worker", () => {
  it("writes every row of a 6,000-note JSONL with a 25 MB note in the middle, that one as note_too_large, in seconds", () => {
    const dir = tmp("cdicheck-robust-");
    const file = join(dir, "notes.jsonl");
    const fd = openSync(file, "w");
    for (let i = 0; i < 6000; i++) {
      const text = i === 3000 ? "Neck pain at C1-C2. ".repeat(1_250_000) : `${NOTE} ${i}`;
      writeSync(fd, JSON.stringify({ id: `n${i}`, text }) + "\n");
    }
    closeSync(fd);
    const out = join(dir, "out.jsonl");
    const started = Date.now();
    const r = scan([file, "--out", out, "--jobs", "1"]);
    const secs = (Date.now() - started) / 1000;
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const rows = jsonl(out);
    expect(rows).toHaveLength(6000);
    expect(rows.map((x) => x.id)).toEqual(Array.from({ length: 6000 }, (_, i) => `n${i}`));
    expect(rows[3000]!.error.code).toBe("note_too_large");
    expect(rows[3000]!.error.message).toBe("notes.jsonl line 3001: note is 25000000 characters, over the 2000000-character limit (--max-note-chars)".replace("notes.jsonl", file));
    expect(rows.filter((x) => x.error)).toHaveLength(1);
    expect(secs).toBeLessThan(40); // 77 s and 2.4 GB peak before the limit, on the 2-core project machine
  }, 120_000);

  for (const kind of ["hang", "crash"] as const) {
    it(`${kind}: the note gets a ${kind === "hang" ? "check_timeout" : "worker_crashed"} row, the rest are checked, and --resume does not run it again`, () => {
      const dir = tmp("cdicheck-robust-");
      const ids = Array.from({ length: 60 }, (_, i) => `n${i}`);
      const file = write(join(dir, "notes.jsonl"), ids.map((id, i) => JSON.stringify({ id, text: `${i === 30 ? "FAULTY " : ""}${NOTE} ${i}` })).join("\n") + "\n");
      const out = join(dir, "out.jsonl");
      const r = scan([file, "--out", out, "--jobs", "2", "--timeout-ms", "1000"], `${kind}:FAULTY`);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/60 notes, 59 checked .* 1 errors/);
      const rows = jsonl(out);
      expect(rows.map((x) => x.id)).toEqual(ids);
      const code = kind === "hang" ? "check_timeout" : "worker_crashed";
      expect(rows[30]!.error.code).toBe(code);
      expect(rows[30]!.error.message).not.toContain("FAULTY");
      expect(rows.filter((x) => x.error)).toHaveLength(1);
      const whole = readFileSync(out, "utf8");

      // Killed just after the failed row was written: --resume goes on after it, without checking it again
      // (the fault is still armed: running that note again would add a second failure and time).
      const upTo = whole.split("\n").slice(0, 31).join("\n").length + 1;
      truncateSync(out, upTo);
      const again = scan([file, "--out", out, "--jobs", "1", "--resume", "--timeout-ms", "1000"], `${kind}:FAULTY`);
      expect(again.code).toBe(3);
      expect(again.stderr).toMatch(/31 already in/);
      expect(readFileSync(out, "utf8")).toBe(whole);
    }, 60_000);
  }
});
