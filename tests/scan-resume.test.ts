/**
 * Interrupting and resuming a scan: SIGKILL mid-run (a torn last line), SIGINT (clean stop, exit 130),
 * then --resume into the same output must give exactly the uninterrupted result: no note lost or doubled.
 */
import { readFileSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, cliAsync, manyNotes, tmp, write } from "./scan-helpers.js";

const N = 1500;
const dir = tmp();
const input = manyNotes(join(dir, "notes.jsonl"), N);
write(join(dir, "tail.jsonl"), '{"id":"t1","text":""}\n{broken\n{"id":"t2","text":"Neck pain."}\n');
const inputs = [input, join(dir, "tail.jsonl")];

function fullRun(format: "jsonl" | "csv"): string {
  const out = join(dir, `full.${format}`);
  const r = cli(["scan", ...inputs, "--out", out, "--quiet"]);
  expect(r.code).toBe(3);
  return readFileSync(out, "utf8");
}
const full = { jsonl: fullRun("jsonl"), csv: fullRun("csv") };

function lineCount(path: string): number {
  try {
    return readFileSync(path, "utf8").split("\n").length - 1;
  } catch {
    return 0;
  }
}

/** Starts a scan, waits until `minLines` rows are written, then sends `signal`; resolves with the exit. */
async function interrupt(out: string, signal: NodeJS.Signals, minLines: number): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child = cliAsync(["scan", ...inputs, "--out", out, "--quiet"]);
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((res) => child.on("exit", (code, sig) => res({ code, signal: sig })));
  for (let i = 0; i < 3000; i++) {
    if (lineCount(out) >= minLines || child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill(signal);
  return { ...(await exited), stderr };
}

describe("scan --resume", () => {
  for (const format of ["jsonl", "csv"] as const) {
    it(`after SIGKILL mid-run, resumes to exactly the uninterrupted ${format} output`, async () => {
      const out = join(dir, `killed.${format}`);
      const first = await interrupt(out, "SIGKILL", 100);
      expect(first.signal).toBe("SIGKILL");
      const partial = lineCount(out);
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(N); // it really was cut short
      const r = cli(["scan", ...inputs, "--out", out, "--resume", "--quiet"]);
      expect(r.code).toBe(3);
      expect(readFileSync(out, "utf8")).toBe(full[format]);
      expect(r.stderr).toMatch(/already in/);
    });
  }

  it("on SIGINT stops cleanly (exit 130, only whole rows written) and resumes", async () => {
    const out = join(dir, "int.jsonl");
    const first = await interrupt(out, "SIGINT", 100);
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(/interrupted/);
    const text = readFileSync(out, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.split("\n").filter(Boolean);
    expect(lines.length).toBeLessThan(N);
    lines.forEach((l, i) => expect(JSON.parse(l).id).toBe(`note-${i}`));
    const r = cli(["scan", ...inputs, "--out", out, "--resume", "--quiet"]);
    expect(r.code).toBe(3);
    expect(readFileSync(out, "utf8")).toBe(full.jsonl);
  });

  it("cuts a truncated last line before continuing, and resumes a complete output to itself", () => {
    const out = join(dir, "torn.jsonl");
    const cut = full.jsonl.indexOf("\n", full.jsonl.length / 2) + 1 + 40; // 40 bytes into a row
    writeFileSync(out, full.jsonl.slice(0, cut));
    const r = cli(["scan", ...inputs, "--out", out, "--resume", "--quiet"]);
    expect(r.stderr).toMatch(/cut a partial last line of 40 bytes/);
    expect(readFileSync(out, "utf8")).toBe(full.jsonl);
    const again = cli(["scan", ...inputs, "--out", out, "--resume", "--quiet"]);
    expect(again.code).toBe(3); // the error rows already there still count
    expect(readFileSync(out, "utf8")).toBe(full.jsonl);
  });

  it("refuses (exit 2) to resume into an output from different inputs, and needs --out", () => {
    const out = join(dir, "other.jsonl");
    writeFileSync(out, full.jsonl.split("\n").slice(0, 5).join("\n") + "\n");
    const size = statSync(out).size;
    const r = cli(["scan", join(dir, "tail.jsonl"), "--out", out, "--resume", "--quiet"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inputs or options changed/);
    expect(statSync(out).size).toBe(size);
    expect(cli(["scan", input, "--resume"]).code).toBe(2);
    appendFileSync(out, "not json\n");
    expect(cli(["scan", ...inputs, "--out", out, "--resume", "--quiet"]).code).toBe(2);
  });
});
